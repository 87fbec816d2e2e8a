"""Bounded fuzzing: any text an author or translator types becomes valid, escaped paragraph markup."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from handbill.i18n.placeholders import canonical, from_po, to_po, tokens
from handbill.inline import parse, plain, to_markup

# Text made mostly of the characters that mean something to the parser or to ReportLab's markup.
ALPHABET = st.sampled_from(list("ab *[]()\\<>&\"'/=:;#") + ["**", "](", "https://x.org", "<b>", "&amp;", "é", "ع"])
TEXT = st.lists(ALPHABET, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_any_text_makes_markup_reportlab_accepts(text: str) -> None:
    runs = parse(text)
    paragraph = Paragraph(to_markup(runs, "#000000"), ParagraphStyle("fuzz"))
    paragraph.wrap(300, 1000)
    shown = paragraph.getPlainText()
    assert shown.split() == plain(runs).split(), "what ReportLab sets is exactly the parsed text (spaces fold)"


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_placeholders_round_trip(text: str) -> None:
    stream, targets = tokens(text)
    assert canonical(canonical(text)) == canonical(text)
    assert from_po(to_po(stream), stream, "fuzz") == stream
    assert plain(parse(canonical(text))) == plain(parse(text))
