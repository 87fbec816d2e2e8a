"""Render a laid-out document to PDF bytes with ReportLab, with metadata and deterministic output."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.platypus import BaseDocTemplate
from reportlab.platypus.doctemplate import LayoutError

from . import __version__
from .design import Brand, Layout
from .fonts import FontStack
from .errors import BuildError
from .funders import Disclaimer
from .labels import labels
from .layout import build_story
from .layout.pages import furniture, handout_canvas, masthead, page_templates
from .layout.tags import Structure
from .layout.styles import make_styles
from .model import Document


@dataclass(frozen=True)
class Rendered:
    """The PDF, plus what the checks need to tell body text from page furniture when reading it back."""

    pdf: bytes
    pages: int
    structure: Structure
    first_page_furniture: str
    later_page_furniture: str
    page_label: str


@dataclass(frozen=True)
class Design:
    """How a document is shown: the layout and brand chosen for it."""

    layout: Layout
    brand: Brand
    body: FontStack
    heading: FontStack


def render(document: Document, disclaimers: tuple[Disclaimer, ...], design: Design, *,
           invariant: bool = True) -> Rendered:
    """The PDF for `document`. With `invariant`, dates and ids are fixed so the same input gives the same bytes."""
    styles = make_styles(design.layout, design.brand, design.body, design.heading, document.language)
    words = labels(document.language)
    head = masthead(document, styles)
    kind = words["kinds"][document.kind]
    subject = (document.subject.plain if document.subject
               else f"{kind}: {document.subtitle.plain}" if document.subtitle else kind)
    out = io.BytesIO()
    template = BaseDocTemplate(
        out, pagesize=design.layout.page_size, pageTemplates=page_templates(document, styles, head),
        title=document.title.plain, author=document.organisation.name, subject=subject,
        keywords=list(document.keywords), creator=f"handbill {__version__}", lang=document.language,
        displayDocTitle=1, invariant=1 if invariant else 0, initialFontName=styles.body.fontName,
        leftMargin=design.layout.margins["inner"], rightMargin=design.layout.margins["outer"],
        topMargin=design.layout.margins["top"], bottomMargin=design.layout.margins["bottom"],
    )
    story = build_story(document, disclaimers, styles, words)
    structure = Structure(document.language)
    try:
        template.build(story, canvasmaker=handout_canvas(styles, words["page"], structure))
    except LayoutError as exc:
        raise BuildError(f"{document.source}: a block is too tall for the page and cannot be split ({exc})") from None
    first, later = furniture(document, styles)
    return Rendered(out.getvalue(), template.page, structure, first, later, words["page"] if design.layout.page_numbers else "")
