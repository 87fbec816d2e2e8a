"""Render a laid-out document to PDF bytes with ReportLab, with metadata and deterministic output."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.platypus import BaseDocTemplate
from reportlab.platypus.doctemplate import LayoutError

from . import __version__
from .design import Brand, Layout
from .fonts import FontStack
from .errors import BuildError
from .funders import Disclaimer
from .labels import labels
from .layout import build_story
from .layout.markers import HeadingKeep
from .layout.pages import furniture, handout_canvas, masthead, page_templates
from .layout.tags import Structure
from .layout.styles import make_styles
from .limits import DEFAULT, Limits
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


class LayoutStopped(BuildError):
    """Layout ran past the page limit, the time budget, or went round in circles; nothing is written."""


class _GuardedTemplate(BaseDocTemplate):
    """ReportLab's document template with a progress guard on its layout loop: a page limit, a deadline, and a
    stop when the same flowables come back to the same place on the same page again and again."""

    _REPEATS = 200  # far more than any real layout revisits one position

    def __init__(self, *args: Any, limits: Limits, deadline: float, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._limits, self._deadline = limits, deadline
        self._seen: dict[tuple[int, float, int], int] = {}

    def filterFlowables(self, flowables: list[Any]) -> None:
        """Called before each step of the layout loop: the place to notice it is not getting anywhere."""
        if self.page > self._limits.pages:
            raise LayoutStopped(f"the document runs past {self._limits.pages} pages, the limit for one document")
        if time.monotonic() > self._deadline:
            raise LayoutStopped(f"laying out took longer than {self._limits.seconds:g} s, the limit for one document")
        frame = getattr(self, "frame", None)
        state = (self.page, round(frame._y, 2) if frame is not None else 0.0, len(flowables))
        if len(self._seen) > 10_000:
            self._seen.clear()
        self._seen[state] = self._seen.get(state, 0) + 1
        if self._seen[state] > self._REPEATS:
            raise LayoutStopped(f"layout makes no progress on page {self.page}: a block cannot be placed or split")
        super().filterFlowables(flowables)


def render(document: Document, disclaimers: tuple[Disclaimer, ...], design: Design, *,
           invariant: bool = True, limits: Limits = DEFAULT, deadline: float | None = None) -> Rendered:
    """The PDF for `document`. With `invariant`, dates and ids are fixed so the same input gives the same bytes.
    Layout stops with a BuildError past `limits.pages` pages or after `deadline` (a time.monotonic() value)."""
    styles = make_styles(design.layout, design.brand, design.body, design.heading, document.language)
    words = labels(document.language)
    head = masthead(document, styles)
    kind = words["kinds"][document.kind]
    subject = (document.subject.plain if document.subject
               else f"{kind}: {document.subtitle.plain}" if document.subtitle else kind)
    out = io.BytesIO()
    template = _GuardedTemplate(
        out, pagesize=design.layout.page_size, pageTemplates=page_templates(document, styles, head),
        title=document.title.plain, author=document.organisation.name, subject=subject,
        keywords=list(document.keywords), creator=f"handbill {__version__}", lang=document.language,
        displayDocTitle=1, invariant=1 if invariant else 0, initialFontName=styles.body.fontName,
        limits=limits, deadline=time.monotonic() + limits.seconds if deadline is None else deadline,
        leftMargin=design.layout.margins["inner"], rightMargin=design.layout.margins["outer"],
        topMargin=design.layout.margins["top"], bottomMargin=design.layout.margins["bottom"],
    )
    template.keepTogetherClass = partial(HeadingKeep, min_follow=2 * styles.body.leading)
    story = build_story(document, disclaimers, styles, words)
    structure = Structure(document.language)
    try:
        template.build(story, canvasmaker=handout_canvas(styles, words["page"], structure))
    except LayoutError as exc:
        raise BuildError(f"{document.source}: a block is too tall for the page and cannot be split ({exc})") from None
    except LayoutStopped as exc:
        raise LayoutStopped(f"{document.source}: {exc}; the PDF was not written (hint: shorten the document or split "
                            "it into several)") from None
    first, later = furniture(document, styles)
    return Rendered(out.getvalue(), template.page, structure, first, later, words["page"] if design.layout.page_numbers else "")
