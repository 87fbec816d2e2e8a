"""Checks on the finished PDF, read back with pypdf: what the reader will get, not what we meant to draw."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from .errors import BuildError
from .funders import Disclaimer
from .inline import parse, plain


def normalise(text: str) -> str:
    """Collapse all whitespace, so text compares the same however lines were broken."""
    return re.sub(r"\s+", " ", text).strip()


def page_texts(pdf: bytes) -> list[str]:
    return [normalise(page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages]


def check_pages(pages: int, max_pages: int | None, layout_name: str, where: str) -> None:
    if max_pages and pages > max_pages:
        raise BuildError(f"{where}: the content needs {pages} pages but layout '{layout_name}' allows {max_pages}; "
                         "shorten the text or choose a layout that allows more pages (--layout)")


def check_disclaimers(texts: list[str], disclaimers: tuple[Disclaimer, ...], where: str) -> None:
    """Every required disclaimer must be readable, in full, on the last page."""
    last = texts[-1] if texts else ""
    for disclaimer in disclaimers:
        if normalise(plain(parse(disclaimer.text))) not in last:
            raise BuildError(f"{where}: the '{disclaimer.id}' disclaimer is not complete on the last page; "
                             "the PDF was not written")
