"""Print-run packages as outreach staff send them to a print shop: complete, checkable, reproducible, all or nothing."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from conftest import ROOT, new_project, run_cli
from documents import VALID
from PIL import Image

from handbill.build import Project
from handbill.errors import ContentError
from handbill.paths import Confinement
from handbill.press.colour import PRESS_CONDITION
from handbill.press.package import PROOF_DPI, SCREEN_PROFILE, PackageError, build_package, load_run, slug
from handbill.press.proofs import THUMBNAIL

pytestmark = [pytest.mark.xdist_group("package"), pytest.mark.slow]  # one worker builds the package once

DOCUMENT = "ot-school-vs-medical"
RUN = f"""\
name: Spring fair — test run
items:
  - document: {DOCUMENT}
    languages: {{en: 250, ar: 40}}
    formats: [half-page]
"""


@pytest.fixture(scope="module")
def packaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The run above packaged once through the command line, two files at a time; (the output folder, what the
    command printed)."""
    folder = tmp_path_factory.mktemp("package")
    run = folder / "spring.yaml"
    run.write_text(RUN, encoding="utf-8")
    code, out, err = run_cli("package", str(run), "--out", str(folder / "out"), "-j", "2")
    assert code == 0, out + err
    return folder / "out", out


@pytest.fixture(scope="module")
def package(packaged: tuple[Path, str]) -> Path:
    return packaged[0] / slug(yaml.safe_load(RUN)["name"])


def _manifest(package: Path) -> list[dict[str, Any]]:
    return json.loads((package / "manifest.json").read_text(encoding="utf-8"))["files"]


def _write_run(folder: Path, text: str) -> Path:
    run = folder / "run.yaml"
    run.write_text(text, encoding="utf-8")
    return run


def _line_of(text: str, fragment: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), start=1) if fragment in line)


def test_folder_and_zip_hold_the_same_files(packaged: tuple[Path, str], package: Path) -> None:
    out, _ = packaged
    assert sorted(p.name for p in out.iterdir()) == [package.name, f"{package.name}.zip"], "no temporary folders left"
    files = sorted(p.relative_to(out).as_posix() for p in package.rglob("*") if p.is_file())
    with zipfile.ZipFile(out / f"{package.name}.zip") as archive:
        entries = archive.infolist()
        assert [e.filename for e in entries] == files
        assert all(archive.read(e) == (out / e.filename).read_bytes() for e in entries)
    assert {(e.date_time, e.external_attr >> 16) for e in entries} == {((1980, 1, 1, 0, 0, 0), 0o100644)}


def test_one_print_and_one_screen_file_per_language_and_format(package: Path) -> None:
    rows = _manifest(package)
    run = yaml.safe_load(RUN)["items"][0]
    expected = {
        (DOCUMENT, lang, layout, kind) for lang in run["languages"] for layout in run["formats"] for kind in ("print", "screen")
    }
    assert sorted((r["document"], r["language"], r["format"], r["kind"]) for r in rows) == sorted(expected)
    assert {Path(r["file"]).parts[0] for r in rows} == {"print", "screen"}


def test_every_row_checksum_matches_its_file(package: Path) -> None:
    for row in _manifest(package):
        assert hashlib.sha256((package / row["file"]).read_bytes()).hexdigest() == row["sha256"], row["file"]


def test_csv_and_json_agree(package: Path) -> None:
    with (package / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    rows = _manifest(package)
    assert len(table) == len(rows)
    for line, row in zip(table, rows, strict=True):
        assert list(line) == list(row)
        assert line == {k: "; ".join(v) if isinstance(v, list) else str(v) for k, v in row.items()}


def _trim_inches(row: dict[str, Any]) -> tuple[float, float]:
    width, height = row["trim_inches"].split(" x ")
    return float(width), float(height)


def test_print_rows_give_press_condition_copies_and_sheets(package: Path) -> None:
    copies = yaml.safe_load(RUN)["items"][0]["languages"]
    rows = _manifest(package)
    screen = {(r["document"], r["language"], r["format"]): r for r in rows if r["kind"] == "screen"}
    for row in (r for r in rows if r["kind"] == "print"):
        with pikepdf.open(package / row["file"]) as pdf:
            sides = len(pdf.pages)
        same = screen[row["document"], row["language"], row["format"]]
        assert row["colour_profile"] == PRESS_CONDITION.identifier
        assert row["copies"] == copies[row["language"]]
        assert row["sheets"] == sides, "an imposed file has one page per press sheet side"
        assert (row["pages"], row["trim_inches"], row["statements"]) == (same["pages"], same["trim_inches"], same["statements"])


def test_screen_rows_give_their_file_and_no_copies(package: Path) -> None:
    for row in (r for r in _manifest(package) if r["kind"] == "screen"):
        with pikepdf.open(package / row["file"]) as pdf:
            pages, box = len(pdf.pages), [float(v) for v in pdf.pages[0].trimbox]
        assert (row["colour_profile"], row["copies"], row["sheets"], row["pages"]) == (SCREEN_PROFILE, 0, 0, pages)
        assert _trim_inches(row) == pytest.approx(((box[2] - box[0]) / 72, (box[3] - box[1]) / 72), abs=0.001)


def test_summary_line_per_file_and_the_paths(packaged: tuple[Path, str], package: Path) -> None:
    _, out = packaged
    lines = [line for line in out.splitlines() if line.startswith("ok")]
    assert sorted(line.split()[1] for line in lines) == sorted(row["file"] for row in _manifest(package))
    assert str(package) in out and f"{package}.zip" in out


def test_proofs_show_every_page_of_each_print_file(package: Path) -> None:
    for row in (r for r in _manifest(package) if r["kind"] == "print"):
        proofs = sorted((package / "proofs" / Path(row["file"]).stem).glob("*.png"))
        with pikepdf.open(package / row["file"]) as pdf:
            sizes = [
                (float(p.mediabox[2]) - float(p.mediabox[0]), float(p.mediabox[3]) - float(p.mediabox[1])) for p in pdf.pages
            ]
        assert len(proofs) == len(sizes)
        for proof, (width, height) in zip(proofs, sizes, strict=True):
            with Image.open(proof) as picture:
                assert picture.format == "PNG"
                assert abs(picture.width - width * PROOF_DPI / 72) <= 1
                assert abs(picture.height - height * PROOF_DPI / 72) <= 1


def test_contact_sheet_has_room_for_every_print_file(package: Path) -> None:
    prints = sum(row["kind"] == "print" for row in _manifest(package))
    with Image.open(package / "contact-sheet.png") as sheet:
        assert sheet.format == "PNG"
        assert prints * THUMBNAIL[0] * THUMBNAIL[1] <= sheet.width * sheet.height <= 4 * prints * THUMBNAIL[0] * THUMBNAIL[1]
        assert len(sheet.convert("L").getcolors(256) or []) > 16, "pictures and labels, not an empty canvas"


def test_rerun_with_one_worker_gives_identical_bytes(packaged: tuple[Path, str], package: Path) -> None:
    out, _ = packaged
    watched = [package / "manifest.json", package / "manifest.csv", package / "contact-sheet.png", out / f"{package.name}.zip"]
    before = [path.read_bytes() for path in watched]
    rebuilt = build_package(package.parent.parent / "spring.yaml", Project(ROOT), out)
    assert rebuilt.folder == package
    assert [path.read_bytes() for path in watched] == before


def test_document_of_the_documents_own_layout_when_no_formats(tmp_path: Path) -> None:
    run = _write_run(tmp_path, f"name: Own\nitems:\n  - document: {DOCUMENT}\n    languages: {{ar: 5}}\n")
    own = yaml.safe_load((ROOT / "content" / DOCUMENT / "en.yaml").read_text(encoding="utf-8"))["layout"]
    jobs = load_run(run, Project(ROOT), Confinement.of(ROOT)).jobs
    assert [(job.language, job.format, job.copies) for job in jobs] == [("ar", own, 5)]


@pytest.mark.parametrize(
    "item, fragment, field, says",
    [
        (f"  - document: {DOCUMENT}x\n    languages: {{en: 5}}\n", "document:", "items[0].document", "unknown document"),
        (f"  - document: {DOCUMENT}\n    languages:\n      en: 5\n      ar: 0\n", "ar:", "items[0].languages.ar", "minimum"),
        (f"  - document: {DOCUMENT}\n    languages:\n      en: many\n", "en:", "items[0].languages.en", "whole number"),
        (f"  - document: {DOCUMENT}\n    languages:\n      xx: 5\n", "xx:", "items[0].languages.xx", "unknown language"),
        (
            f"  - document: {DOCUMENT}\n    languages: {{en: 5}}\n    formats: [flyer, poster]\n",
            "formats:",
            "items[0].formats[1]",
            "unknown layout 'poster'",
        ),
    ],
)
def test_bad_run_is_reported_at_its_line_and_nothing_written(
    tmp_path: Path, item: str, fragment: str, field: str, says: str
) -> None:
    text = f"name: Bad\nitems:\n{item}"
    run = _write_run(tmp_path, text)
    with pytest.raises(ContentError) as refused:
        build_package(run, Project(ROOT), tmp_path / "out")
    [problem] = refused.value.problems
    assert (problem.where.file, problem.where.line, problem.field) == (run, _line_of(text, fragment), field)
    assert says in problem.message and problem.hint
    assert not (tmp_path / "out").exists()


def test_bad_run_on_the_command_line_names_file_and_line(tmp_path: Path) -> None:
    text = f"name: Bad\nitems:\n  - document: {DOCUMENT}\n    languages: {{en: -3}}\n"
    run = _write_run(tmp_path, text)
    code, out, err = run_cli("package", str(run), "--out", str(tmp_path / "out"))
    assert code == 1 and not out
    assert f"{run}:{_line_of(text, '-3')}:" in err and "items[0].languages.en" in err
    assert not (tmp_path / "out").exists()


def test_a_document_that_fails_refuses_the_whole_package(tmp_path: Path) -> None:
    root = new_project(tmp_path / "project")
    (root / "content" / "sheet").mkdir()
    (root / "content" / "sheet" / "en.yaml").write_text(VALID, encoding="utf-8")
    broken = VALID.replace("language: en", "language: es").replace("grant_number: H328M250100", "grant_number: nope")
    (root / "content" / "sheet" / "es.yaml").write_text(broken, encoding="utf-8")
    run = _write_run(tmp_path, "name: Half\nitems:\n  - document: sheet\n    languages: {en: 5, es: 5}\n    formats: [flyer]\n")
    out = tmp_path / "out"
    with pytest.raises(PackageError) as refused:
        build_package(run, Project(root), out, workers=2)
    assert refused.value.failures and all("es.yaml" in failure for failure in refused.value.failures)
    assert list(out.iterdir()) == [], "no package, no zip, no temporary folder"
