"""The command line as outreach staff use it: summaries, choices, validation-only runs and safe writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from documents import VALID
from pypdf import PdfReader


def _sheet(project: Path, text: str = VALID, lang: str = "en") -> Path:
    doc = project / "content" / "sheet" / f"{lang}.yaml"
    doc.parent.mkdir(exist_ok=True)
    doc.write_text(text)
    return project / "build" / "sheet" / f"sheet.{lang}.pdf"


def test_help_lists_the_options() -> None:
    with pytest.raises(SystemExit) as exit_info:
        run_cli("--help")
    assert exit_info.value.code == 0


def test_summary_line_per_document(project: Path) -> None:
    _sheet(project)
    code, out, err = run_cli(root=project)
    assert code == 0, err
    line = next(l for l in out.splitlines() if l.startswith("ok"))
    assert "sheet/en" in line and "sheet.en.pdf" in line and "1 page" in line and "KB" in line
    assert out.splitlines()[-1] == "built 1, up to date 0, failed 0"


def test_check_validates_and_writes_nothing(project: Path) -> None:
    pdf = _sheet(project)
    code, out, err = run_cli("--check", root=project)
    assert code == 0, err
    assert "valid" in out and not pdf.exists()


def test_unknown_document_is_a_usage_error(project: Path) -> None:
    _sheet(project)
    code, out, err = run_cli("shet", root=project)
    assert code == 2 and "no document 'shet'" in err and "Did you mean 'sheet'" in err


def test_language_filter(project: Path) -> None:
    _sheet(project)
    _sheet(project, VALID.replace("language: en", "language: es"), "es")
    code, out, err = run_cli("--lang", "es", root=project)
    assert code == 0, err
    assert "sheet/es" in out and "sheet/en" not in out


def test_one_bad_document_does_not_stop_the_others(project: Path) -> None:
    good = _sheet(project)
    _sheet(project, VALID.replace("language: en", "language: es").replace("title: A", "title: 12 #"), "es")
    code, out, err = run_cli(root=project)
    assert code == 1
    assert good.exists()
    assert out.splitlines()[-1] == "built 1, up to date 0, failed 1"


def test_failed_rebuild_leaves_the_previous_pdf_untouched(project: Path) -> None:
    pdf = _sheet(project)
    assert run_cli(root=project)[0] == 0
    before = pdf.read_bytes()
    _sheet(project, VALID.replace("grant_number: H328M250100", "grant_number: nope"))
    assert run_cli(root=project)[0] == 1
    assert pdf.read_bytes() == before
    assert [p.name for p in pdf.parent.iterdir()] == [pdf.name], "no temporary files may be left behind"


def test_real_dates_on_request(project: Path) -> None:
    pdf = _sheet(project)
    assert run_cli(root=project)[0] == 0
    assert PdfReader(pdf).metadata["/CreationDate"].startswith("D:2000")
    assert run_cli("--real-dates", root=project)[0] == 0
    assert not PdfReader(pdf).metadata["/CreationDate"].startswith("D:2000")


def test_missing_content_folder(tmp_path: Path) -> None:
    code, out, err = run_cli(root=tmp_path)
    assert code == 2 and "no content/ folder" in err
