"""Funder statements and handbill's own labels are tracked like a document's strings: changing the English makes every
translation of it stale, `i18n status` names it, --strict refuses it, and `i18n accept` marks it checked. The status
also names each stale and missing string, and the documents not yet started in a language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from documents import VALID

import handbill.labels
from handbill.i18n.catalog import Entry, Translation, source_hash, write_translation
from handbill.i18n.localize import load_localized

LANGUAGES = ["ar", "es", "hmn", "ht", "ko", "pt-BR", "ru", "ur", "vi", "zh-Hans"]


@pytest.fixture
def labels_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of handbill/labels.yaml that handbill reads instead, so a test can change its English."""
    copy = tmp_path / "labels.yaml"
    copy.write_bytes((ROOT / "handbill" / "labels.yaml").read_bytes())
    monkeypatch.setattr(handbill.labels, "LABELS", copy)
    return copy


def _sheet(project: Path, missing: tuple[str, ...] = ()) -> Path:
    """content/sheet/en.yaml, and its Spanish with every string translated but `missing`."""
    folder = project / "content" / "sheet"
    folder.mkdir()
    (folder / "en.yaml").write_text(VALID)
    source = load_localized(folder / "en.yaml").document
    strings = {t.key: Entry(f"es: {t.markup}", source_hash(t.markup), t.where) for t in source.texts() if t.key not in missing}
    write_translation(Translation(folder / "es.yaml", "es", "en", "needed", strings), source)
    return folder


def _details(project: Path, heading: str, prefix: str) -> list[str]:
    """The lines of one section of `i18n status` (Stale, Missing, No file yet) about `prefix`."""
    code, out, err = run_cli("i18n", "status", root=project)
    assert code == 0, err
    sections = out.split("\n\n")
    section = next((part for part in sections if part.startswith(heading)), "")
    return [line.strip() for line in section.splitlines()[1:] if line.strip().startswith(prefix)]


def _row(project: Path, name: str, language: str) -> list[str]:
    out = run_cli("i18n", "status", root=project)[1]
    return next(line.split() for line in out.splitlines() if line.split()[:2] == [name, language])


def test_a_changed_english_label_is_stale_in_every_language(project: Path, labels_file: Path) -> None:
    labels_file.write_text(labels_file.read_text().replace("en: 'Funding and disclaimers'", "en: 'Funding and notices'"))
    assert _details(project, "Stale", "labels.yaml") == [f"labels.yaml {lang}: disclaimers" for lang in LANGUAGES]
    assert _row(project, "labels.yaml", "es")[3] == "1"
    code, out, err = run_cli("i18n", "accept", "labels", "es", "disclaimers", root=project)
    assert (code, out) == (0, f"accepted 1 statement(s) in {labels_file}\n"), err
    assert (
        f"es: {{text: 'Financiamiento y avisos legales', source: {source_hash('Funding and notices')}}}"
        in labels_file.read_text()
    )
    assert _row(project, "labels.yaml", "es")[3] == "0" and _row(project, "labels.yaml", "ru")[3] == "1"


def test_a_changed_english_funder_statement_is_stale_in_every_language(project: Path) -> None:
    funders = project / "content" / "funders.yaml"
    text = funders.read_text()
    assert text.count("you should not assume endorsement by the Federal Government.") == 1
    funders.write_text(
        text.replace(
            "you should not assume endorsement by the Federal Government.",
            "you should not assume endorsement by the federal government.",
        )
    )
    stale = _details(project, "Stale", "funders.yaml")
    assert stale == [f"funders.yaml {lang}: us-department-of-education" for lang in LANGUAGES]


def test_strict_refuses_a_stale_label_the_document_prints(project: Path, labels_file: Path) -> None:
    _sheet(project)
    assert run_cli("--check", "--strict", "--lang", "es", root=project)[0] == 0
    labels_file.write_text(labels_file.read_text().replace("en: 'Funding and disclaimers'", "en: 'Funding and notices'"))
    code, out, err = run_cli("--check", "--strict", "--lang", "es", root=project)
    line = next(
        n
        for n, text in enumerate(labels_file.read_text().splitlines(), 1)
        if text.startswith("  es: {text: 'Financiamiento y avisos legales'")
    )
    assert code == 1 and f"{labels_file.name}:{line}:" in err
    assert (
        "labels.disclaimers: stale: the English label changed after this was translated (hint: update it, then run "
        "generate.py i18n accept labels es disclaimers)"
    ) in err
    labels_file.write_text(
        labels_file.read_text()
        .replace("en: 'Funding and notices'", "en: 'Funding and disclaimers'")
        .replace("en: 'Page {page} of {pages}'", "en: 'Page {page} of {pages} pages'")
    )
    code, out, err = run_cli("--check", "--strict", "--lang", "es", root=project)
    assert code == 1 and "labels.page: stale" in err and "labels.disclaimers" not in err


def test_strict_refuses_a_label_with_no_wording_in_the_language(project: Path, labels_file: Path) -> None:
    _sheet(project)
    labels_file.write_text(
        re.sub(r"\n  es: \{text: '[^']*', source: [0-9a-f]+\}(?=\n  pt-BR: \{text: 'Financiamento)", "", labels_file.read_text())
    )
    code, out, err = run_cli("--check", "--strict", "--lang", "es", root=project)
    assert (
        code == 1
        and (
            "labels.disclaimers: no es wording; the English would be printed (hint: add a es line under "
            "it, then run generate.py i18n accept labels es)"
        )
        in err
    )
    assert _details(project, "Missing", "labels.yaml") == ["labels.yaml es: disclaimers"]


def test_a_mistake_in_the_labels_file_is_named_by_line(project: Path, labels_file: Path) -> None:
    labels_file.write_text(labels_file.read_text().replace("source: 240ab6d8dc2c}", "source: 240ab6}", 1))
    code, out, err = run_cli("i18n", "status", root=project)
    assert code == 1 and f"{labels_file.name}:" in err and "page.es.source" in err and "Traceback" not in err


def test_status_names_each_stale_and_missing_string(project: Path) -> None:
    folder = _sheet(project, missing=("compare.heading", "comparison.where.left"))
    (folder / "en.yaml").write_text(VALID.replace("Hello families.", "Hello, dear families."))
    assert _details(project, "Stale", "sheet") == ["sheet es: intro-text.text"]
    assert _details(project, "Missing", "sheet") == ["sheet es: comparison.where.left, compare.heading"]


def test_status_lists_documents_with_no_file_for_a_language(project: Path) -> None:
    _sheet(project)
    (project / "content" / "flyer").mkdir()
    (project / "content" / "flyer" / "en.yaml").write_text(VALID)
    assert _details(project, "No file yet", "") == ["flyer: es (start one: generate.py i18n export flyer es)"]
