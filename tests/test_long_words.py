"""Words too long for a line: web addresses break at their punctuation as style manuals ask (after "//",
before "/", ".", "-" and the like), never with a hyphen of their own; other long words are cut between
characters exactly as ReportLab cuts them; right-to-left handouts follow the same rule."""

from __future__ import annotations

import random
from xml.sax.saxutils import escape

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from handbill import reportlab_compat as compat
from handbill.layout.breaks import cut_points, may_break_before
from handbill.layout.hyphenate import HyphenatedParagraph

URLS = [
    "kidtherapy.org/outpatient-therapy-vs-school-based-therapy-whats-the-difference",
    "https://www.theinspiredtreehouse.com/school-therapist-clinical-therapist/?ref=handout&lang=en",
    "www.ed.gov/laws-and-policy/individuals-disabilities/idea/parent_rights_2024.pdf",
]
SIGNS = set("/.,-_?#%~=&")


def _lines(paragraph: Paragraph, width: float) -> list[str]:
    paragraph.wrap(width, 1e6)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return ["".join(words) for _, words in lines]
    return ["".join(getattr(f, "text", "") or "" for f in line.words) for line in lines]


def _well_cut(url: str, lines: list[str]) -> None:
    assert "".join(line.strip() for line in lines) == url, "the address must read the same, with nothing added"
    for before, after in zip(lines, lines[1:]):
        before, after = before.strip(), after.strip()
        assert after[0] in SIGNS or before.endswith(("//", "=", "&")), f"cut mid-word: {before!r} / {after!r}"
        assert not after.startswith("//"), "never inside '//'"


def test_where_an_address_may_break() -> None:
    url = list("https://a.org/b-c?d=e&f")
    allowed = {k for k in range(len(url)) if may_break_before(url, k)}
    text = "".join(url)
    assert text.index("a.org") in allowed, "after the double slash"
    assert text.index("/b") in allowed and text.index(".org") in allowed and text.index("-c") in allowed
    assert text.index("=e") in allowed and text.index("e&") + 1 in allowed, "before or after = and &"
    assert text.index("://") + 1 not in allowed and text.index("://") + 2 not in allowed, "never inside ://"
    assert len(url) - 1 not in allowed and 0 not in allowed, "never before the last character or the first"


def test_cut_points_fill_a_quarter_of_a_line_before_falling_back_to_characters() -> None:
    chars = list("abcdefghij/klmnopqrstuvwxyz")
    widths = [1.0] * len(chars)
    assert cut_points(chars, widths, 12, lambda n: 12) == [10, 22], "at the slash, then between characters"
    assert cut_points(chars, widths, 25, lambda n: 25) == [10], "a slash that fills 10 of 25 is taken"
    early = list("ab/cdefghijklmnopqrstuvw")
    assert cut_points(early, [1.0] * len(early), 12, lambda n: 12) == [12], (
        "a slash that would leave the line under a quarter full is passed over"
    )
    assert cut_points(chars, widths, 0.5, lambda n: 12) == [0, 10, 22], "nothing fits where it starts: the next line"


def test_a_combining_mark_stays_with_its_letter() -> None:
    chars = list("abcde\u0301fgh")
    assert cut_points(chars, [1.0] * len(chars), 5, lambda n: 5, lambda k: chars[k] == "\u0301") == [4], (
        "the cut falls before the letter the mark sits on"
    )


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("link", [True, False], ids=["link", "plain text"])
def test_a_long_address_breaks_at_its_punctuation(url: str, link: bool) -> None:
    compat.cut_long_words(cut_points)
    text = escape(url)  # as handbill's own markup escapes content
    markup = f'<a href="https://{text}">{text}</a>' if link else text
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, splitLongWords=1)
    for width in range(130, 300, 7):  # from where the longest part between signs fits on a line
        lines = _lines(HyphenatedParagraph(markup, style), width)
        assert len(lines) > 1
        _well_cut(url, lines)
        for line in lines:
            assert stringWidth(line.strip(), "Helvetica", 10) <= width + 0.01, f"{line!r} runs past {width} pt"


def test_other_long_words_are_cut_where_reportlab_cuts_them() -> None:
    """The cut is left to ReportLab unless an address needs it: words without signs come out as they always did."""
    rng = random.Random(3)
    rl_paragraph._splitWord = getattr(rl_paragraph._splitWord, "_original", rl_paragraph._splitWord)
    rl_paragraph._splitFragWord = getattr(rl_paragraph._splitFragWord, "_original", rl_paragraph._splitFragWord)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyzWM") for _ in range(rng.randint(30, 90))) for _ in range(20)]
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=10, leading=12, splitLongWords=1)
    for word in words:
        for markup in (word, f"see <b>{word}</b> here"):
            for width in (60, 97, 150):
                before = _lines(Paragraph(markup, style), width)
                compat.cut_long_words(cut_points)
                after = _lines(Paragraph(markup, style), width)
                rl_paragraph._splitWord = rl_paragraph._splitWord._original
                rl_paragraph._splitFragWord = rl_paragraph._splitFragWord._original
                assert after == before, (markup, width)
    compat.cut_long_words(cut_points)


def test_right_to_left_handouts_break_addresses_alike() -> None:
    from handbill.layout.bidi import Piece, _chunks

    url = URLS[0]
    chunks = _chunks([Piece(url, "Helvetica", None)], 120, 10)  # type: ignore[arg-type]
    _well_cut(url, ["".join(piece.text for piece in chunk) for chunk in chunks])
    assert all(stringWidth("".join(p.text for p in chunk), "Helvetica", 10) <= 120 for chunk in chunks)
