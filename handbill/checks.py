"""Checks on the finished PDF, read back as a viewer reads it: what the reader will get, not what we meant to draw."""

from __future__ import annotations

import io
import re
import unicodedata

import pikepdf
import pypdfium2

from .design import Layout
from .errors import BuildError
from .funders import Disclaimer
from .i18n.scripts import is_rtl
from .inline import parse, plain
from .model import Document
from .render import Rendered


def comparable(text: str) -> str:
    """Text without whitespace and hyphens, so it compares the same however lines were broken or hyphenated
    (and in scripts that break lines between characters, without spaces); compatibility forms folded."""
    folded = unicodedata.normalize("NFKC", text)
    folded = "".join(c for c in folded if unicodedata.category(c) not in ("Mn", "Cf"))  # marks extract in visual
    # order; format characters (ZWNJ, directional marks) are invisible and viewers drop them
    return re.sub(r"[\s\-\u00ad\u200b\ufffe\u0002]+", "", folded)


def words(text: str) -> list[str]:
    """Runs of letters, and runs of digits: right-to-left text is compared without its (mirrored) punctuation and
    marks, and a code such as a grant number as its letter and digit runs (PDFium reads those runs of a
    left-to-right code inside right-to-left text in reverse order, "250100M328H" for "H328M250100")."""
    folded = "".join(
        c if unicodedata.category(c)[0] in "LN" else ("" if unicodedata.category(c) in ("Mn", "Cf") else " ")
        for c in unicodedata.normalize("NFKC", text)
    )
    return re.findall(r"\d+|[^\d\s]+", folded)


def check_readable(pdf: bytes, where: str) -> None:
    """The file must open and pass a structural check (as `qpdf --check` does) before it may replace a good one."""
    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            problems = document.check_pdf_syntax()
    except pikepdf.PdfError as exc:
        problems = [str(exc)]
    if problems:
        raise BuildError(f"{where}: the PDF made is damaged ({problems[0]}); the PDF was not written")


def page_texts(pdf: bytes, rtl: bool = False) -> list[str]:
    """Each page's text in comparable form, as PDFium reads it. For right-to-left documents, the page's words
    as `|word|word|`: viewers agree on the words of right-to-left lines, not always on the order of the runs of
    mixed direction within them (extraction.py)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        texts = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    if rtl:
        return ["|" + "|".join(words(text)) + "|" for text in texts]
    return [comparable(text) for text in texts]


class _ReadBack:
    """The PDF's text as the checks compare against it, prepared once per PDF: per page, joined, and (for
    right-to-left documents, whose pages read as `|word|word|`) as a list of words and without separators."""

    def __init__(self, pages: list[str]):
        self.pages, self.body = pages, "".join(pages)
        self.words, self.letters = self.body.strip("|").split("|"), self.body.replace("|", "")


def _present(text: str, read: _ReadBack, rtl: bool) -> bool:
    """Is `text` readable in the PDF: whole on one page, or continued from page to page (a long table cell
    splits, and the other cells of its row come between the parts)?"""
    body = read.body
    if rtl:  # a word too long for a line is cut into chunks, one per line, that read back as words of their own
        return all(f"|{word}|" in body or word in read.letters or _pieced(word, read.words) for word in words(text))
    wanted = comparable(text)
    if _RTL_RUN.search(wanted):
        return _present_mixed(text, wanted, body)
    return wanted in body or any(_continues(wanted, read.pages[start:]) for start in range(len(read.pages)))


_RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"  # Hebrew, Arabic, Syriac, Thaana, N'Ko and their forms
_RTL_RUN = re.compile(f"[{_RTL_LETTERS}]+")


def _present_mixed(text: str, wanted: str, body: str) -> bool:
    """A right-to-left phrase inside left-to-right text is drawn in visual order, which viewers read back
    differently (PDFium reverses each word, others the whole phrase): the text around the phrase must read as
    written with a phrase of the same length in its place, and each of its words be there, either way round."""
    pattern = "".join(
        f"[{_RTL_LETTERS}]{{{len(part)}}}" if _RTL_RUN.fullmatch(part) else re.escape(part)
        for part in re.split(f"([{_RTL_LETTERS}]+)", wanted)
        if part
    )
    rtl_words = [w for w in words(text) if _RTL_RUN.search(w)]
    return bool(re.search(pattern, body)) and all(w in body or w[::-1] in body for w in rtl_words)


def _pieced(word: str, found: list[str]) -> bool:
    """`word` read back in pieces, in order, with other words between them (a chunk of a long word shares its
    line with the words around it)."""
    done = 0
    for piece in found:
        if len(piece) >= 2 and word.startswith(piece, done):
            done += len(piece)
            if done == len(word):
                return True
    return False


def _continues(wanted: str, pages: list[str]) -> bool:
    """`wanted` read as a prefix on the first page, the next part on the next page, and so on."""
    for page in pages:
        low, high = 0, len(wanted)  # the longest prefix of `wanted` on this page (presence shrinks with length)
        while low < high:
            mid = (low + high + 1) // 2
            if wanted[:mid] in page:
                low = mid
            else:
                high = mid - 1
        if low == 0:
            return False
        wanted = wanted[low:]
        if not wanted:
            return True
    return False


def body_pages(texts: list[str], first_furniture: str, later_furniture: str, page_label: str) -> list[str]:
    """The document's running text per page: without the header and footer drawn before it and the page number after."""
    number = re.escape(comparable(page_label)).replace(r"\{page\}", r"\d+").replace(r"\{pages\}", r"\d+") if page_label else None
    out = []
    for index, text in enumerate(texts):
        prefix = comparable(first_furniture if index == 0 else later_furniture)
        text = text.removeprefix(prefix)
        if number:
            text = re.sub(f"{number}$", "", text)
        out.append(text)
    return out


def check_complete(pages: list[str], document: Document) -> None:
    """Every string of the document must be readable in the PDF: nothing clipped, dropped or lost to layout."""
    rtl, read = is_rtl(document.language), _ReadBack(pages)
    missing = [t for t in document.body_texts() if t.visible and t.plain.strip() and not _present(t.plain, read, rtl)]
    if missing:
        listed = "; ".join(f"{t.where}: {t.key}" for t in missing[:5])
        raise BuildError(f"{document.file}: {len(missing)} text(s) did not reach the PDF ({listed}); the PDF was not written")


def overflow(rendered: Rendered, layout: Layout) -> tuple[float, str] | None:
    """How far content runs past the layout's last allowed page, in points, and the section it starts in."""
    if not layout.max_pages or rendered.pages <= layout.max_pages:
        return None
    frame_top = layout.page_size[1] - layout.margins.top
    bottoms = rendered.structure.page_bottoms
    extra = sum(frame_top - bottoms.get(page, frame_top) for page in range(layout.max_pages, rendered.pages))
    return extra, rendered.structure.page_sections.get(layout.max_pages, "")


def fit_error(where: str, language: str, layout: Layout, points: float, section: str) -> BuildError:
    return BuildError(
        f"{where}: the {language} text does not fit layout '{layout.name}' ({layout.max_pages} pages): "
        f"{points:.0f} pt too long from section '{section}' on, even with {layout.type.body:g} pt "
        "body type, the layout's smallest; shorten the text, or build with a layout that allows more "
        "pages (--layout fact-sheet)"
    )


def check_disclaimers(texts: list[str], disclaimers: tuple[Disclaimer, ...], where: str) -> None:
    """Every required disclaimer must be readable, in full, on the last page."""
    last = _ReadBack([texts[-1] if texts else ""])
    for disclaimer in disclaimers:
        if not _present(plain(parse(disclaimer.text)), last, is_rtl(disclaimer.language)):
            raise BuildError(
                f"{where}: the '{disclaimer.id}' disclaimer is not complete on the last page; the PDF was not written"
            )
