"""Batches as a user sees them: several outputs built at once give the same files and the same lines as one at a
time, in catalog order; a progress bar only on a terminal; commands that build nothing start without the PDF
libraries."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from documents import VALID

from handbill.cli import main

pytestmark = pytest.mark.slow  # builds in worker processes

ARABIC = """\
language: ar
kind: guide
layout: fact-sheet
brand: default
title: الاستعداد للاجتماع
organisation:
  name: Test Parent Center
  short_name: TPC
funders: []
sections:
  - id: prepare
    heading: قبل الاجتماع
    blocks:
      - type: paragraph
        id: ready
        text: اطلب موعد الاجتماع كتابة، واحمل معك آخر تقرير من المدرسة وأسئلتك مكتوبة.
"""


def _write(project: Path, doc: str, lang: str, text: str) -> None:
    (project / "content" / doc).mkdir(exist_ok=True)
    (project / "content" / doc / f"{lang}.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def catalog(project: Path) -> Path:
    """Four outputs, a right-to-left one among Latin ones, so a worker shapes Arabic between Latin builds."""
    _write(project, "alpha", "en", VALID)
    _write(project, "alpha", "es", VALID.replace("language: en", "language: es"))
    _write(project, "beta", "ar", ARABIC)
    _write(project, "gamma", "en", VALID.replace("A small test sheet", "Another sheet"))
    return project


def _lines(out: str) -> list[str]:
    """The lines without what differs between two runs into two folders: the folder and the time taken."""
    return [
        re.sub(r"\d+\.\d\d s", "N s", line.replace("out-serial", "OUT").replace("out-parallel", "OUT"))
        for line in out.splitlines()
    ]


def test_parallel_build_is_byte_identical_to_serial_and_prints_the_same_lines(catalog: Path) -> None:
    serial, parallel = catalog / "out-serial", catalog / "out-parallel"
    code_1, out_1, err_1 = run_cli("-j", "1", "--out", str(serial), root=catalog)
    code_2, out_2, err_2 = run_cli("-j", "2", "--out", str(parallel), root=catalog)
    assert (code_1, code_2) == (0, 0), err_1 + err_2
    pdfs = sorted(p.relative_to(serial) for p in serial.rglob("*.pdf"))
    assert [str(p) for p in pdfs] == ["alpha/alpha.en.pdf", "alpha/alpha.es.pdf", "beta/beta.ar.pdf", "gamma/gamma.en.pdf"]
    for pdf in pdfs:
        assert (serial / pdf).read_bytes() == (parallel / pdf).read_bytes(), pdf
    assert _lines(out_1) == _lines(out_2)
    names = [line.split()[1] for line in out_2.splitlines() if line.startswith("ok")]
    assert names == ["alpha/en", "alpha/es", "beta/ar", "gamma/en"], "by document, then language"
    assert out_2.splitlines()[-1] == "built 4, up to date 0, failed 0"


def test_a_failure_in_a_parallel_batch_keeps_its_place_and_the_others_build(catalog: Path) -> None:
    _write(catalog, "alpha", "es", VALID.replace("language: en", "language: es").replace("H328M250100", "nope"))
    code, out, err = run_cli("-j", "2", root=catalog)
    assert code == 1
    assert [line.split()[1] for line in out.splitlines() if line.startswith("ok")] == ["alpha/en", "beta/ar", "gamma/en"]
    assert err.startswith("FAIL  alpha/es: 1 problem(s):") and "alpha/es.yaml:11:" in err and "grant_number" in err
    assert out.splitlines()[-1] == "built 3, up to date 0, failed 1"


def test_a_broken_funder_registry_is_reported_once(catalog: Path) -> None:
    (catalog / "content" / "funders.yaml").write_text("funders: [\n")
    code, out, err = run_cli("-j", "2", root=catalog)
    assert code == 1 and out == ""
    assert err.count("funders.yaml") == 1 and err.startswith("error: ") and "Traceback" not in err


def test_jobs_must_be_positive(catalog: Path) -> None:
    code, _, err = run_cli("-j", "0", root=catalog)
    assert code == 2 and "--jobs must be at least 1" in err


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    out, err = io.StringIO(), _Terminal()
    assert main(["alpha", "--lang", "en"], root=catalog, stdout=out, stderr=err) == 0
    assert "1/1" in err.getvalue() and "building" in err.getvalue()
    assert out.getvalue().startswith("ok    alpha/en"), "the lines themselves go to stdout, without the bar"
    monkeypatch.setenv("CI", "true")
    out, err = io.StringIO(), _Terminal()
    assert main(["alpha", "--lang", "en", "--force"], root=catalog, stdout=out, stderr=err) == 0
    assert err.getvalue() == "", "CI gets plain lines"


@pytest.mark.parametrize("command", [["--help"], ["watch", "--help"], ["i18n", "status"]])
def test_commands_that_build_nothing_do_not_load_the_pdf_libraries(command: list[str]) -> None:
    script = (
        "import sys\nfrom handbill.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pikepdf', 'pypdfium2', 'pypdf'}))"
    )
    run = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True, cwd=ROOT)
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stderr
