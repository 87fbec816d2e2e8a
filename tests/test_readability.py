"""The plain-language report: grades as textstat computes them, and findings a writer can act on, each with the
text's id and file:line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import textstat
from conftest import run_cli
from documents import VALID

PARAGRAPH = (
    "Many children receive speech, occupational, or physical therapy in school, in medical settings, or "
    "both. These services can look similar, but they serve different purposes."
)
LONG = (
    "When the team meets to talk about the services that the school will provide, families can bring reports "
    "from doctors and therapists and ask for time to read every document before anyone signs it."
)


def _document(project: Path, text: str, extra: str = "") -> None:
    body = VALID.replace("        text: Hello families.\n", f"        text: {text}\n")
    body = body.replace("kind: fact-sheet\n", f"kind: fact-sheet\n{extra}")
    (project / "content" / "sheet").mkdir(exist_ok=True)
    (project / "content" / "sheet" / "en.yaml").write_text(body)
    (project / "content" / "glossary.yaml").write_text("terms:\n  IEP: Individualized Education Program\n")


def _report(project: Path, *args: str) -> tuple[int, str, list[dict[str, str]]]:
    code, out, err = run_cli("report", "readability", "-o", "-", *args, root=project)
    return code, err, list(csv.DictReader(io.StringIO(out)))


def test_the_grade_is_the_librarys_for_the_documents_text(project: Path) -> None:
    _document(project, PARAGRAPH)
    code, shown, rows = _report(project)
    assert code == 0, shown
    prose = " ".join(
        [
            "A small test sheet.",
            PARAGRAPH,
            "Side by side.",
            "At school.",
            "At the clinic.",
            "In class.",
            "In a clinic.",
            "First point.",
            "Second point.",
        ]
    )
    textstat.set_lang("en")
    assert rows[0]["measure"] == "Flesch-Kincaid grade"
    assert float(rows[0]["grade"]) == round(textstat.flesch_kincaid_grade(prose), 1)
    assert "sheet/en" in shown and "Flesch-Kincaid grade" in shown


def test_long_sentences_and_unexplained_terms_are_named_with_their_place(project: Path) -> None:
    _document(project, f"{LONG} Ask about the IEP.")
    code, shown, rows = _report(project)
    findings = {row["finding"]: row for row in rows if row["finding"]}
    line = (project / "content" / "sheet" / "en.yaml").read_text().splitlines().index(
        f"        text: {LONG} Ask about the IEP."
    ) + 1
    assert findings["long sentence"]["text"] == "intro-text.text"
    assert findings["long sentence"]["where"].endswith(f"en.yaml:{line}:15")
    assert findings["long sentence"]["detail"].startswith(f"{len(LONG.split())} words")
    assert 'IEP is first used here without "Individualized Education Program"' in findings["term not explained"]["detail"]


def test_a_term_explained_on_first_use_is_not_flagged(project: Path) -> None:
    _document(project, "Ask about the Individualized Education Program (IEP). The IEP says what the school does.")
    _, _, rows = _report(project)
    assert not [row for row in rows if row["finding"] == "term not explained"]


def test_a_document_over_its_target_grade_fails_the_report(project: Path) -> None:
    _document(project, LONG, extra="readability: {target_grade: 4}\n")
    code, shown, rows = _report(project)
    assert code == 1 and "over the target of 4" in shown
    _document(project, "We read. You play.", extra="readability: {target_grade: 12}\n")
    code, shown, _ = _report(project)
    assert code == 0, shown


def test_a_language_without_a_formula_says_so() -> None:
    from conftest import ROOT

    from handbill import readability
    from handbill.i18n.localize import load_localized

    korean = load_localized(ROOT / "content" / "school-vs-medical-therapies" / "ko.yaml").document
    result = readability.assess(korean, {})
    assert result.grade is None and result.words > 0
