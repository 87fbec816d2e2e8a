"""Previews and watch: PNG pages and a contact sheet per document, made with the build or for outputs already up
to date; a watch that rebuilds what changed and refreshes its pictures."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from conftest import run_cli
from documents import VALID
from PIL import Image

from handbill.batch import Request
from handbill.pool import Runner
from handbill.project import Options, Project
from handbill.watch import watch

pytestmark = pytest.mark.slow  # renders previews of built documents


def _sheet(project: Path, lang: str = "en", text: str = VALID) -> Path:
    (project / "content" / "sheet").mkdir(exist_ok=True)
    (project / "content" / "sheet" / f"{lang}.yaml").write_text(text.replace("language: en", f"language: {lang}"))
    return project / "content" / "sheet" / f"{lang}.yaml"


def test_preview_writes_pages_and_a_contact_sheet(project: Path) -> None:
    _sheet(project)
    _sheet(project, "es")
    code, out, err = run_cli("--preview", root=project)
    assert code == 0, err
    preview = project / "build" / "sheet" / "preview"
    assert "  preview: 1 page in " in out and f"sheet {preview / 'contact-sheet.png'}" in out
    with Image.open(preview / "sheet.en" / "page-01.png") as page:
        assert page.size == (816, 1056), "a letter page at 96 pixels per inch"
    assert (preview / "sheet.es" / "page-01.png").is_file()
    with Image.open(preview / "contact-sheet.png") as sheet:
        assert sheet.width > 2 * 280, "both languages side by side"


def test_preview_of_an_up_to_date_output_does_not_rebuild_it(project: Path) -> None:
    _sheet(project)
    assert run_cli(root=project)[0] == 0
    code, out, _ = run_cli("--preview", root=project)
    assert code == 0 and "up to date" in out and "  preview: 1 page" in out
    assert out.splitlines()[-1] == "built 0, up to date 1, failed 0"
    code, out, _ = run_cli("--preview", root=project)
    assert "  preview:" not in out, "pictures already made from this PDF"
    (project / "build" / "sheet" / "preview" / "sheet.en" / "page-01.png").unlink()
    assert "  preview: 1 page" in run_cli("--preview", root=project)[1]


def test_preview_and_check_do_not_go_together(project: Path) -> None:
    _sheet(project)
    code, _, err = run_cli("--preview", "--check", root=project)
    assert code == 2 and "--check writes none" in err


def test_watch_rebuilds_what_changed_and_refreshes_its_preview(project: Path) -> None:
    source = _sheet(project)
    out_dir = project / "build"
    request = Request(Project(project), Options(), out_dir, (source,), preview=True)
    page = out_dir / "sheet" / "preview" / "sheet.en" / "page-01.png"

    def changes():  # what watchfiles would yield after an edit
        yield {(2, str(source))}
        assert page.is_file()
        first = page.read_bytes()
        source.write_text(source.read_text().replace("Hello families.", "Hello, families, and welcome."))
        yield {(2, str(source))}
        assert page.read_bytes() != first, "the preview shows the new text"

    out, err = io.StringIO(), io.StringIO()
    with Runner(1) as runner:
        assert watch(request, lambda: (source,), runner, out, err, changes()) == 0
    lines = [line for line in out.getvalue().splitlines() if not line.startswith("  note: ")]  # a one-line sheet
    assert lines[0].startswith("ok    sheet/en") and lines[2].startswith("sheet ")
    assert lines[3] == "built 1, up to date 0, failed 0" and lines[4].startswith("watching ")
    assert lines[-1] == "built 1, up to date 0, failed 0" and lines.count("built 0, up to date 1, failed 0") == 1
    assert err.getvalue() == ""


def test_watch_goes_on_after_a_broken_registry(project: Path) -> None:
    source = _sheet(project)
    registry = project / "content" / "funders.yaml"
    good = registry.read_text()
    registry.write_text("funders: [\n")
    request = Request(Project(project), Options(), project / "build", (source,), preview=True)

    def changes():
        registry.write_text(good)
        yield {(2, str(registry))}

    out, err = io.StringIO(), io.StringIO()
    with Runner(1) as runner:
        assert watch(request, lambda: (source,), runner, out, err, changes()) == 0
    assert err.getvalue().startswith("error: ") and "funders.yaml" in err.getvalue()
    assert out.getvalue().splitlines()[-1] == "built 1, up to date 0, failed 0"
