"""Previews: every page of an output as a PNG, and one contact sheet per document, to check a build by eye
without opening each PDF.

    build/<doc-id>/preview/<doc-id>.<lang>/page-01.png ...   every page of that language's PDF
    build/<doc-id>/preview/contact-sheet.png                 every page of every language previewed, labelled

Print files get theirs in build/<doc-id>/print/preview/. The pictures are made with the print-run proofs'
functions (press/proofs.py), so they depend only on the PDF: an unchanged build leaves them unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path

from .output import write_atomic

DPI = 96  # a page at the size a screen shows it
_PAGE = re.compile(r"page-(\d+)\.png")
_LABEL_FONTS = ("NotoSans-Regular.ttf", "*.ttf")  # the contact sheet's labels: the project's own Noto Sans if it has it


def folder(pdf: Path) -> Path:
    """The preview folder of an output (shared by every language of its document)."""
    return pdf.parent / "preview"


def pages_folder(pdf: Path) -> Path:
    return folder(pdf) / pdf.stem


def write_pages(pdf: Path) -> int:
    """Write every page of `pdf` as preview/<stem>/page-NN.png, removing pages a longer version left; returns
    the number of pages."""
    from .press.proofs import page_pngs  # PDFium and Pillow: loaded only when previews are asked for

    pictures = page_pngs(pdf.read_bytes(), DPI)
    target = pages_folder(pdf)
    for number, png in enumerate(pictures, start=1):
        write_atomic(target / f"page-{number:02d}.png", png)
    for number, old in _pages(target):
        if number > len(pictures):
            old.unlink(missing_ok=True)
    return len(pictures)


def present(pdf: Path) -> bool:
    """Whether the output's preview pages are on disk (the record says which PDF they were made from)."""
    return bool(_pages(pages_folder(pdf)))


def write_sheet(document_folder: Path, fonts: Path) -> Path | None:
    """preview/contact-sheet.png of every page previewed for the document in `document_folder`, language by
    language (those whose PDF is still there); None when there is nothing to show."""
    from .press.proofs import contact_sheet

    sheet = document_folder / "preview" / "contact-sheet.png"
    items = []
    for pdf in sorted(document_folder.glob("*.pdf")):
        language = pdf.stem.rsplit(".", 1)[-1]
        items += [(f"{language} · page {number}", page.read_bytes()) for number, page in _pages(pages_folder(pdf))]
    if not items:
        return None
    write_atomic(sheet, contact_sheet(items, font=_label_font(fonts)))
    return sheet


def _pages(target: Path) -> list[tuple[int, Path]]:
    """The page pictures in a preview folder with their page numbers, in page order."""
    if not target.is_dir():
        return []
    found = ((_PAGE.fullmatch(p.name), p) for p in target.iterdir())
    return sorted((int(match[1]), p) for match, p in found if match)


def _label_font(fonts: Path) -> Path:
    for pattern in _LABEL_FONTS:
        found = sorted(fonts.glob(pattern))
        if found:
            return found[0]
    raise OSError(2, "no TrueType font for the contact sheet's labels", str(fonts))
