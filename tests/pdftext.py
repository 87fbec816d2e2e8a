"""Reading PDFs the way a user checks them: text per page, links, fonts, metadata."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def squash(text: str) -> str:
    """Text without whitespace or hyphens: compares the same however lines were broken or words hyphenated."""
    return re.sub(r"[\s\-\u00ad]+", "", text)


def readable(wanted: str, pages: list[str]) -> bool:
    """`wanted` on one page, or its start at some page and its end on the next (a table cell split across a page
    break reads with the other cells of its row in between)."""
    if wanted in "".join(pages):
        return True
    return any(
        wanted[:k] in first and wanted[k:] in second for first, second in zip(pages, pages[1:]) for k in range(1, len(wanted))
    )


def page_texts(pdf: Path) -> list[str]:
    return [norm(page.extract_text() or "") for page in PdfReader(pdf).pages]


def body_pages(pdf: Path, furniture: list[str]) -> list[str]:
    """Each page's text with the running header, footer lines and page number removed."""
    pages = []
    for text in page_texts(pdf):
        text = re.sub(r"Page \d+ of \d+", " ", text)
        for line in furniture:
            text = text.replace(norm(line), " ")
        pages.append(text)
    return pages


def body_text(pdf: Path, furniture: list[str]) -> str:
    """All pages' text joined, with running header and footer lines removed so paragraphs read across pages."""
    return norm(" ".join(body_pages(pdf, furniture)))


def link_uris(pdf: Path) -> list[str]:
    uris = []
    for page in PdfReader(pdf).pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/A" in annot:
                uris.append(str(annot["/A"]["/URI"]))
    return uris


def fonts(pdf: Path) -> dict[str, dict]:
    """Every font used on any page: base name -> its font dictionary (descendant font for Type0)."""
    found = {}
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources") or {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            has_unicode_map = "/ToUnicode" in font
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            found[str(font["/BaseFont"])] = {**font, "/HasToUnicode": has_unicode_map}
    return found
