"""Stage tests: one step of the pipeline at a time, as data where it can be, without building a whole PDF.

Bidi runs of a line, right-to-left paragraphs split across pages, and which font family sets which characters.
"""

from __future__ import annotations

import pytest
from conftest import ROOT
from reportlab.lib.colors import black
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from handbill.fonts import face, load_library
from handbill.layout.bidi import BidiParagraph, Piece, _visual_runs, _words
from handbill.layout.context import ShapingRecord


@pytest.fixture(scope="module")
def library():
    return load_library(ROOT / "fonts")


@pytest.fixture(scope="module")
def naskh(library) -> str:
    library.stack("ar", "noto-sans")
    return face("noto-naskh-arabic")


def _line(words: list[str], font: str) -> list[list[Piece]]:
    return [[Piece(word, font, black)] for word in words]


# (line as words, right-to-left paragraph?, the runs as drawn left to right: left-to-right text in visual order,
# right-to-left text in logical order, as HarfBuzz takes it)
BIDI_CASES = [
    (["خطة", "504"], True, ["504", " ", "خطة"]),
    (["خطة", "IEP/504"], True, ["IEP/504", " ", "خطة"]),
    (["see", "خطة", "now"], False, ["see", " ", "خطة", " now"]),
    (["مرحبا", "بكم"], True, [" بكم", "مرحبا"]),
]


@pytest.mark.parametrize("words, rtl, expected", BIDI_CASES, ids=[" ".join(c[0]) for c in BIDI_CASES])
def test_a_line_is_drawn_as_bidi_runs_in_visual_order(naskh: str, words: list[str], rtl: bool, expected: list[str]) -> None:
    assert [run.text for run in _visual_runs(_line(words, naskh), rtl)] == expected


def _paragraph(font: str, words: int) -> BidiParagraph:
    text = " ".join(["يتلقى", "كثير", "من", "الأطفال", "العلاج", "في", "المدرسة"] * (words // 7 + 1))
    style = ParagraphStyle("body", fontName=font, fontSize=10, leading=14, alignment=TA_RIGHT)
    return BidiParagraph([Piece(" ".join(text.split()[:words]), font, black)], style, ShapingRecord())


def test_a_right_to_left_paragraph_splits_by_whole_lines_keeping_every_word(naskh: str) -> None:
    paragraph = _paragraph(naskh, 60)
    _, height = paragraph.wrap(150, 10_000)
    lines = round(height / 14)
    assert lines >= 6
    first, rest = paragraph.split(150, 3 * 14 + 1)
    assert first.wrap(150, 10_000)[1] == 3 * 14  # three lines fit: exactly three are kept
    assert rest.wrap(150, 10_000)[1] == (lines - 3) * 14
    assert first.words + rest.words == _words(paragraph.pieces)


def test_a_right_to_left_split_never_leaves_a_single_line_behind_or_ahead(naskh: str) -> None:
    paragraph = _paragraph(naskh, 60)
    lines = round(paragraph.wrap(150, 10_000)[1] / 14)
    assert paragraph.split(150, 1 * 14 + 1) == []  # one line would be an orphan: the paragraph moves on whole
    first, rest = paragraph.split(150, (lines - 1) * 14 + 1)  # all but one line would fit: two move on
    assert round(rest.wrap(150, 10_000)[1] / 14) == 2 and round(first.wrap(150, 10_000)[1] / 14) == lines - 2
    short = _paragraph(naskh, 12)
    assert round(short.wrap(150, 10_000)[1] / 14) < 4 and short.split(150, 2 * 14 + 1) == []


def test_drawing_records_what_shaped_glyphs_stand_for(naskh: str, tmp_path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    paragraph = _paragraph(naskh, 7)
    paragraph.wrap(300, 1000)
    paragraph.drawOn(Canvas(str(tmp_path / "x.pdf")), 0, 0)
    (table,) = paragraph.shaping.faces.values()
    assert table and all(0xE000 <= code < 0xF900 for code in table)  # joined forms got private-use codes ...
    text = paragraph.pieces[0].text
    assert all(meaning == "\u200b" or meaning in text for meaning in table.values())  # ... each noted with its letters


# (language, text, the family of each run as the stack sets it)
FALLBACK_CASES = [
    ("en", "Hello 你好", [("noto-sans", "Hello "), ("noto-sans-sc", "你好")]),
    ("en", "IEP 504", [("noto-sans", "IEP 504")]),
    ("zh-Hans", "你好 IEP", [("noto-sans-sc", "你好 IEP")]),
    ("ko", "안녕 IEP", [("noto-sans-kr", "안녕 IEP")]),
]


@pytest.mark.parametrize("language, text, expected", FALLBACK_CASES, ids=[c[1] for c in FALLBACK_CASES])
def test_each_run_is_set_in_the_first_family_of_the_stack_that_has_it(
    library, language: str, text: str, expected: list[tuple[str, str]]
) -> None:
    assert library.stack(language, "noto-sans").segments(text) == expected


def test_every_run_of_mixed_text_is_covered_by_its_family(library) -> None:
    stack = library.stack("ar", "noto-sans")
    text = "خطة IEP/504 (مدرسة) 你好 안녕 — ok"
    segments = stack.segments(text)
    assert "".join(part for _, part in segments) == text
    for family, part in segments:
        assert family is not None
        assert all(ord(c) in library.coverage(family) for c in part if not c.isspace()), (family, part)
