"""The inline syntax: bold, italic and links are understood; anything else, markup included, stays literal text."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from documents import VALID
from pdftext import body_text

from handbill.inline import Run, parse, to_markup


@pytest.mark.parametrize(
    "source,runs",
    [
        ("**bold** text", [Run("bold", bold=True), Run(" text")]),
        ("an *italic* word", [Run("an "), Run("italic", italic=True), Run(" word")]),
        ("*a **b** c*", [Run("a ", italic=True), Run("b", bold=True, italic=True), Run(" c", italic=True)]),
        ("***both***", [Run("both", bold=True, italic=True)]),
        ("see [the site](https://example.org/a_(b))", [Run("see "), Run("the site", href="https://example.org/a_(b)")]),
        ("5 * 3 * 2", [Run("5 * 3 * 2")]),
        ("**unclosed", [Run("**unclosed")]),
        (r"\*literal\* stars", [Run("*literal* stars")]),
        ("[no target]", [Run("[no target]")]),
    ],
)
def test_parse(source: str, runs: list[Run]) -> None:
    assert list(parse(source)) == runs


@pytest.mark.parametrize(
    "hostile",
    [
        '<font size="40" color="red">big</font>',
        "<b>not bold</b>",
        "a & b",
        "<para>",
        "&amp; &lt;",
        '<a href="https://evil.example">x</a>',
        "<img src='x.png'/>",
    ],
)
def test_markup_is_escaped(hostile: str) -> None:
    markup = to_markup(parse(hostile), "#000000")
    assert "<" not in markup.replace("&lt;", "")
    assert "&" not in markup.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")


def test_unsafe_link_targets_never_become_links() -> None:
    assert "href" not in to_markup(parse("[x](javascript:alert(1))"), "#000000")


def test_hostile_text_prints_literally_in_the_pdf(project: Path) -> None:
    hostile = 'Use <font size="40">this</font> & <b>that</b> </para> &amp; done.'
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(VALID.replace("        text: Hello families.", f"        text: '{hostile}'"))
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    assert hostile in body_text(project / "build" / "sheet" / "sheet.en.pdf", [])
