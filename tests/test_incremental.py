"""Incremental builds: a second run rebuilds only the outputs whose inputs changed, says which were up to date,
and --force rebuilds everything."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from documents import VALID

pytestmark = pytest.mark.slow  # rebuilds catalogs in worker processes

TRANSLATION = """\
language: es
translation_of: en
review: needed
strings:
  title:
    text: Una hoja de prueba
    source: {source}
"""


def _write(project: Path, doc: str, lang: str, text: str) -> Path:
    (project / "content" / doc).mkdir(exist_ok=True)
    (project / "content" / doc / f"{lang}.yaml").write_text(text, encoding="utf-8")
    return project / "build" / doc / f"{doc}.{lang}.pdf"


def _states(out: str) -> dict[str, str]:
    """Each output's name and whether this run built it or found it up to date."""
    return {
        line.split()[1]: ("up to date" if ", up to date" in line else "built")
        for line in out.splitlines()
        if line.startswith("ok")
    }


def _build(project: Path, *args: str) -> tuple[dict[str, str], str]:
    code, out, err = run_cli(*args, root=project)
    assert code == 0, out + err
    return _states(out), out.splitlines()[-1]


@pytest.fixture
def two(project: Path) -> Path:
    """Two documents with different funders and layouts, built once."""
    _write(project, "sheet", "en", VALID)
    flyer = VALID.replace("layout: fact-sheet", "layout: flyer").replace("A small test sheet", "A flyer")
    _write(
        project,
        "flyer",
        "en",
        flyer.replace(
            "us-department-of-education\n    grant_number: H328M250100", "americorps\n    grant_number: 23ESHVA0010001"
        ),
    )
    assert _build(project)[1] == "built 2, up to date 0, failed 0"
    return project


def test_unchanged_outputs_are_up_to_date_and_untouched(two: Path) -> None:
    pdf = two / "build" / "sheet" / "sheet.en.pdf"
    before = pdf.stat().st_mtime_ns
    states, summary = _build(two)
    assert states == {"flyer/en": "up to date", "sheet/en": "up to date"}
    assert summary == "built 0, up to date 2, failed 0"
    assert pdf.stat().st_mtime_ns == before


def test_up_to_date_line_repeats_what_the_build_said(two: Path) -> None:
    built = run_cli("--force", root=two)[1].splitlines()
    fresh = run_cli(root=two)[1].splitlines()
    assert fresh[:-1] == [re.sub(r", \d+\.\d\d s", ", up to date", line) for line in built[:-1]]


def test_a_changed_content_file_rebuilds_only_its_output(two: Path) -> None:
    _write(two, "sheet", "en", VALID.replace("Hello families.", "Hello, families."))
    assert _build(two) == ({"flyer/en": "up to date", "sheet/en": "built"}, "built 1, up to date 1, failed 0")


def test_touching_a_file_without_changing_it_rebuilds_nothing(two: Path) -> None:
    source = two / "content" / "sheet" / "en.yaml"
    source.write_text(source.read_text())
    assert _build(two)[1] == "built 0, up to date 2, failed 0"


def test_a_changed_layout_rebuilds_the_documents_using_it(two: Path) -> None:
    layout = two / "layouts" / "flyer.yaml"
    layout.write_text(layout.read_text() + "\n# a note for designers\n")
    assert _build(two)[0] == {"flyer/en": "built", "sheet/en": "up to date"}


def test_a_changed_brand_logo_rebuilds(project: Path) -> None:
    _write(project, "sheet", "en", VALID.replace("brand: default", "brand: parent-center"))
    assert _build(project)[1] == "built 1, up to date 0, failed 0"
    logo = project / "layouts" / "brands" / "parent-center-mark.svg"
    logo.write_text(logo.read_text().replace("</svg>", "<!-- redrawn --></svg>"))
    assert _build(project)[1] == "built 1, up to date 0, failed 0"


def test_a_funder_entry_rebuilds_only_the_documents_it_funds(two: Path) -> None:
    registry = two / "content" / "funders.yaml"
    text = registry.read_text()
    registry.write_text(text.replace("name: AmeriCorps", "name: AmeriCorps  # the agency's name", 1))
    assert "# the agency" in registry.read_text()
    assert _build(two)[0] == {"flyer/en": "up to date", "sheet/en": "up to date"}, "a comment changes nothing"
    registry.write_text(text.replace("name: AmeriCorps", "name: AmeriCorps (CNCS)", 1))
    assert _build(two)[0] == {"flyer/en": "built", "sheet/en": "up to date"}


def test_an_organisation_entry_rebuilds_the_documents_it_publishes(project: Path) -> None:
    _write(
        project,
        "sheet",
        "en",
        VALID.replace("organisation:\n  name: Test Parent Center\n  short_name: TPC", "organisation: riverside"),
    )
    _write(project, "other", "en", VALID.replace("A small test sheet", "Another sheet"))
    assert _build(project)[1] == "built 2, up to date 0, failed 0"
    organisations = project / "content" / "organisations.yaml"
    organisations.write_text(organisations.read_text().replace("short_name: Riverside", "short_name: RFN"))
    assert _build(project)[0] == {"other/en": "up to date", "sheet/en": "built"}


def test_a_changed_source_rebuilds_its_translations(project: Path) -> None:
    from handbill.i18n.catalog import source_hash

    _write(project, "sheet", "en", VALID)
    _write(project, "sheet", "es", TRANSLATION.format(source=source_hash("A small test sheet")))
    assert _build(project)[1] == "built 2, up to date 0, failed 0"
    _write(project, "sheet", "en", VALID.replace("Second point.", "Second point, reworded."))
    assert _build(project)[0] == {"sheet/en": "built", "sheet/es": "built"}


def test_a_changed_font_file_rebuilds_everything(project: Path) -> None:
    (project / "fonts").unlink()
    shutil.copytree(ROOT / "fonts", project / "fonts")
    _write(project, "sheet", "en", VALID)
    assert _build(project)[1] == "built 1, up to date 0, failed 0"
    fonts = project / "fonts" / "fonts.yaml"
    fonts.write_text(fonts.read_text() + "\n# a comment\n")
    assert _build(project)[1] == "built 1, up to date 0, failed 0"


def test_other_options_rebuild_and_force_rebuilds_all(two: Path) -> None:
    assert _build(two, "--paper", "a4")[1] == "built 2, up to date 0, failed 0"
    assert _build(two, "--paper", "a4")[1] == "built 0, up to date 2, failed 0"
    assert _build(two, "--force", "--paper", "a4")[1] == "built 2, up to date 0, failed 0"


def test_a_deleted_or_edited_output_is_rebuilt(two: Path) -> None:
    (two / "build" / "sheet" / "sheet.en.pdf").unlink()
    flyer = two / "build" / "flyer" / "flyer.en.pdf"
    flyer.write_bytes(flyer.read_bytes() + b"\n")
    assert _build(two)[0] == {"flyer/en": "built", "sheet/en": "built"}
    assert (two / "build" / "sheet" / "sheet.en.pdf").is_file()


def test_a_failed_output_is_tried_again_and_a_fix_is_built(two: Path) -> None:
    broken = VALID.replace("H328M250100", "nope")
    _write(two, "sheet", "en", broken)
    for _ in range(2):
        code, out, err = run_cli(root=two)
        assert code == 1 and "FAIL  sheet/en" in err and out.splitlines()[-1] == "built 0, up to date 1, failed 1"
    _write(two, "sheet", "en", VALID)
    assert _build(two)[0]["sheet/en"] == "up to date", "back to the inputs of the PDF on disk"


def test_an_unreadable_record_rebuilds_everything(two: Path) -> None:
    (two / "build" / ".handbill-record.json").write_text("{not json")
    assert _build(two)[1] == "built 2, up to date 0, failed 0"


def test_check_builds_everything_and_records_nothing(two: Path) -> None:
    record = two / "build" / ".handbill-record.json"
    before = record.read_bytes()
    code, out, _ = run_cli("--check", root=two)
    assert code == 0 and out.splitlines()[-1] == "checked 2, failed 0"
    assert record.read_bytes() == before
