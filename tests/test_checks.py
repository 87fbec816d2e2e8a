"""The read-back checks refuse a PDF that lost text or a disclaimer, naming what is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, run_cli

from handbill.checks import body_pages, check_complete, check_disclaimers, comparable, page_texts, words
from handbill.content import load_document
from handbill.errors import BuildError
from handbill.funders import Disclaimer
from handbill.i18n.localize import load_localized

FACT_SHEET = ROOT / "content" / "school-vs-medical-therapies" / "en.yaml"


def test_body_text_drops_page_furniture() -> None:
    pages = [comparable(p) for p in ["MASTHEAD Title Footer First words", "Title Footer more words Page 2 of 2"]]
    assert body_pages(pages, "MASTHEAD Title Footer", "Title Footer", "Page {page} of {pages}") == ["Firstwords", "morewords"]


def test_complete_document_passes() -> None:
    document = load_document(FACT_SHEET)
    check_complete([comparable(" ".join(t.plain for t in document.body_texts()))], document)


def test_missing_text_is_named_with_its_position() -> None:
    document = load_document(FACT_SHEET)
    texts = document.body_texts()
    dropped = texts[5]
    body = comparable(" ".join(t.plain for t in texts if t is not dropped))
    with pytest.raises(BuildError) as error:
        check_complete([body], document)
    message = str(error.value)
    assert "1 text(s) did not reach the PDF" in message
    assert f"en.yaml:{dropped.where.line}:" in message and dropped.key in message


def test_text_continued_on_the_next_page_is_found() -> None:
    """A table cell split across pages reads as its first part on one page and the rest on the next, with the
    other cells of its row in between; that is complete. Parts out of order or a lost part are not."""
    document = load_document(FACT_SHEET)
    texts = [comparable(t.plain) for t in document.body_texts() if t.visible and t.plain.strip()]
    long = max(range(len(texts)), key=lambda i: len(texts[i]))
    cut = len(texts[long]) // 2
    before, after = "".join(texts[:long]), "".join(texts[long + 1 :])
    head, tail = texts[long][:cut], texts[long][cut:]
    check_complete([before + head + "othercell", "runningheader" + tail + "othercellcontinued" + after], document)
    with pytest.raises(BuildError, match="1 text"):
        check_complete([before + tail, head + after], document)
    with pytest.raises(BuildError, match="1 text"):
        check_complete([before + head, after], document)


def test_a_disclaimer_off_the_last_page_is_refused() -> None:
    disclaimer = Disclaimer("us-department-of-education", "funder", "Grant wording here.", "en")
    with pytest.raises(BuildError, match="not complete on the last page"):
        check_disclaimers([comparable("Grant wording here."), "theend"], (disclaimer,), "doc.yaml")
    check_disclaimers(["start", comparable("x Grant wording here. y")], (disclaimer,), "doc.yaml")


def test_a_code_in_right_to_left_text_compares_as_its_letter_and_digit_runs() -> None:
    """PDFium reads the runs of a grant number inside Arabic in reverse order; the words compared are the same."""
    assert words("منحة رقم H328M250100.") == ["منحة", "رقم", "H", "328", "M", "250100"]
    assert sorted(words("رقم 250100M328H")) == sorted(words("رقم H328M250100"))


@pytest.mark.slow
def test_an_arabic_handout_reads_back_complete_and_a_lost_word_is_named(tmp_path: Path) -> None:
    code, out, err = run_cli("--out", str(tmp_path), "school-vs-medical-therapies", "--lang", "ar")
    assert code == 0, out + err
    pdf = (tmp_path / "school-vs-medical-therapies" / "school-vs-medical-therapies.ar.pdf").read_bytes()
    document = load_localized(ROOT / "content" / "school-vs-medical-therapies" / "ar.yaml").document
    pages = page_texts(pdf, rtl=True)
    check_complete(pages, document)
    lost = next(w for w in words(document.body_texts()[3].plain) if "".join(pages).count(f"|{w}|") == 1)
    with pytest.raises(BuildError, match="did not reach the PDF"):
        check_complete([page.replace(f"|{lost}|", "|") for page in pages], document)
