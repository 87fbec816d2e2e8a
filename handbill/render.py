"""Render a laid-out document to PDF bytes with ReportLab, with metadata and deterministic output."""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable
from reportlab.platypus.doctemplate import ActionFlowable, LayoutError

from . import __version__
from .design import Brand, Layout
from .errors import BuildError
from .fonts import FontStack
from .funders import Disclaimer
from .labels import labels
from .layout import build_story, disclaimer_box
from .layout.breaks import cut_points
from .layout.context import RenderContext, ShapingRecord
from .layout.markers import HeadingKeep
from .layout.pages import capacity, furniture, handout_canvas, masthead, page_templates
from .layout.styles import make_styles
from .layout.tags import Structure
from .limits import DEFAULT, Limits
from .model import Document
from .press.profile import SCREEN, Press
from .reportlab_compat import cut_long_words, frame_cursor, frame_height, frame_is_fresh, frame_room, install, without_saving


@dataclass(frozen=True)
class Rendered:
    """The PDF, plus what the checks need to tell body text from page furniture when reading it back."""

    pdf: bytes
    pages: int
    structure: Structure
    shaping: ShapingRecord
    first_page_furniture: str
    later_page_furniture: str
    page_label: str
    settled: bool = True  # the disclaimers were drawn on the page the content ended on
    press: Press = SCREEN
    room: float = 0.0  # height left unused on the page the content ends on, under all of it and the disclaimers
    used: float = 0.0  # column height the content took, from the top of the first page to where it ends
    gaps: float = 0.0  # the space between the story's blocks, summed: how much the content grows per unit of spacing
    ended: int = 0  # the page the content ended on (the disclaimers may follow on the next)
    empty: float = 0.0  # the share of the last page's columns left empty (by the content and the disclaimers)
    capacity: float = 0.0  # the column height pages 1 to the page meant to be the last hold for content


@dataclass(frozen=True)
class Design:
    """How a document is shown: the layout and brand chosen for it."""

    layout: Layout
    brand: Brand
    body: FontStack
    heading: FontStack
    press: Press = SCREEN


class LayoutStopped(BuildError):
    """Layout ran past the page limit, the time budget, or went round in circles; nothing is written."""


class _EndOfContent(ActionFlowable):
    """The last item of the story: tells the template the content is done, so it can place the disclaimers."""

    def apply(self, doc: Any) -> None:
        doc.end_of_content()


class _GuardedTemplate(BaseDocTemplate):
    """ReportLab's document template with a progress guard on its layout loop: a page limit, a deadline, and a
    stop when the same flowables come back to the same place on the same page again and again."""

    _REPEATS = 200  # far more than any real layout revisits one position

    def __init__(
        self, *args: Any, limits: Limits, deadline: float, last_page: int, foot: Flowable | None, reserve: float, **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self._limits, self._deadline = limits, deadline
        self._seen: dict[tuple[int, float, int], int] = {}
        self._last_page, self._foot = last_page, foot
        self._reserve = reserve
        self.foot_page = 0  # the page the foot was drawn on
        self.room = 0.0  # height left on the page the content ended on (see Rendered.room)
        self.used = 0.0  # column height the content took (see Rendered.used)
        self.ended = 0  # the page the content ended on (see Rendered.ended)
        self.empty = 0.0  # the share of its columns left empty (see Rendered.empty)
        self._filled = 0.0  # column height of the pages ended so far

    def handle_pageBegin(self) -> None:
        """The page meant to be the last uses the "-last" twin of its template, whose columns leave room for the foot."""
        current: Any = self.pageTemplate  # type: ignore[has-type]
        if self.page + 1 == self._last_page and not current.id.endswith("-last"):
            self.pageTemplate = next(t for t in self.pageTemplates if t.id == current.id + "-last")
        super().handle_pageBegin()

    def end_of_content(self) -> None:
        """The story is done on this page: if it ends before the page meant to be the last, put the foot on this
        page when it fits under every column, else on a page of its own."""
        frames = self.pageTemplate.frames
        current = frames.index(self.frame) if self.frame in frames else len(frames) - 1
        self.room = frame_room(frames[current]) + sum(frame_room(f) for f in frames[current + 1 :])
        self.used = self._filled + sum(frame_height(f) for f in frames[: current + 1]) - frame_room(frames[current])
        self.ended = self.page
        foot_apart = False  # the disclaimers go on a page of their own, after this one
        if self._foot is not None and self.page < self._last_page:
            lowest = min((frame_cursor(f) for f in frames if not frame_is_fresh(f)), default=self.pagesize[1])
            self._last_page = self.page if lowest - self.bottomMargin >= self._reserve else self.page + 1
            foot_apart = self._last_page > self.page
            self.room -= 0.0 if foot_apart else self._reserve
        columns = max(1.0, sum(frame_height(f) for f in frames))
        self.empty = max(0.0, columns - self._reserve * len(frames) if foot_apart else self.room) / columns
        if foot_apart:
            self.handle_pageBreak()
            self.clean_hanging()  # begin that page now: ReportLab drops a page still pending when the story ends

    def handle_pageEnd(self) -> None:
        """Draw the foot (the disclaimers) under the columns of the page meant to be the last: after its body, so it
        also comes last in reading order."""
        if self.page == self._last_page and self._foot is not None:
            width = self.pagesize[0] - self.leftMargin - self.rightMargin
            self._foot.wrapOn(self.canv, width, self.height)
            self._foot.drawOn(self.canv, self.leftMargin, self.bottomMargin)
            self.foot_page = self.page
        self._filled += sum(frame_height(f) for f in self.pageTemplate.frames)
        super().handle_pageEnd()

    def filterFlowables(self, flowables: list[Any]) -> None:
        """Called before each step of the layout loop: the place to notice it is not getting anywhere."""
        if self.page > self._limits.pages:
            raise LayoutStopped(f"the document runs past {self._limits.pages} pages, the limit for one document")
        if time.monotonic() > self._deadline:
            raise LayoutStopped(f"laying out took longer than {self._limits.seconds:g} s, the limit for one document")
        frame = getattr(self, "frame", None)
        state = (self.page, round(frame_cursor(frame), 2) if frame is not None else 0.0, len(flowables))
        if len(self._seen) > 10_000:
            self._seen.clear()
        self._seen[state] = self._seen.get(state, 0) + 1
        if self._seen[state] > self._REPEATS:
            raise LayoutStopped(f"layout makes no progress on page {self.page}: a block cannot be placed or split")
        super().filterFlowables(flowables)


def render(
    document: Document,
    disclaimers: tuple[Disclaimer, ...],
    design: Design,
    *,
    last_page: int = 1,
    invariant: bool = True,
    limits: Limits = DEFAULT,
    deadline: float | None = None,
    measure_only: bool = False,
) -> Rendered:
    """The PDF for `document`, its disclaimers at the foot of page `last_page`; if the content ends on another
    page, `Rendered.settled` is false and the caller renders again with the true last page.
    With `invariant`, dates and ids are fixed so the same input gives the same bytes.
    Layout stops with a BuildError past `limits.pages` pages or after `deadline` (a time.monotonic() value).
    With `measure_only`, the pages are laid out but nothing is drawn or written: the result has page counts
    and no PDF, structure or shaping record (what the fit's trials need, at half the cost)."""
    install()
    cut_long_words(cut_points)  # web addresses break at their punctuation, never mid-word
    context = RenderContext(Structure(document.language))
    styles = make_styles(design.layout, design.brand, design.body, design.heading, document.language, design.press, context)
    words = labels(document.language)
    head = masthead(document, styles)
    layout = design.layout
    foot = disclaimer_box(disclaimers, styles, words) if disclaimers else None
    text_width = layout.page_size[0] - layout.margins.inner - layout.margins.outer
    reserve = foot.wrap(text_width, layout.page_size[1])[1] + layout.spacing.section if foot else 0.0
    if reserve > (layout.page_size[1] - layout.margins.top - layout.margins.bottom) / 2:
        raise BuildError(
            f"{document.file}: the disclaimers take more than half a page; shorten the organisation's "
            "own disclaimers in content/funders.yaml, or name fewer"
        )
    kind = words["kinds"][document.kind]
    subject = document.subject.plain if document.subject else f"{kind}: {document.subtitle.plain}" if document.subtitle else kind
    out = io.BytesIO()
    template = _GuardedTemplate(
        out,
        pagesize=design.layout.page_size,
        pageTemplates=page_templates(document, styles, head, reserve),
        title=document.title.plain,
        author=document.organisation.name,
        subject=subject,
        keywords=list(document.keywords),
        creator=f"handbill {__version__}",
        lang=document.language,
        displayDocTitle=1,
        invariant=1 if invariant else 0,
        initialFontName=styles.body.fontName,
        limits=limits,
        deadline=time.monotonic() + limits.seconds if deadline is None else deadline,
        last_page=last_page,
        foot=foot,
        reserve=reserve,
        leftMargin=design.layout.margins.inner,
        rightMargin=design.layout.margins.outer,
        topMargin=design.layout.margins.top,
        bottomMargin=design.layout.margins.bottom,
    )
    template.keepTogetherClass = partial(HeadingKeep, min_follow=2 * styles.body.leading)
    story = build_story(document, styles) + [_EndOfContent()]
    gaps = sum(flowable.getSpaceBefore() + flowable.getSpaceAfter() for flowable in story)
    if measure_only:
        without_saving(template)
    try:
        template.build(story, canvasmaker=handout_canvas(styles, words["page"], measuring=measure_only))
    except LayoutError as exc:
        page = re.search(r"on page (\d+)", str(exc))
        where = f" on page {page.group(1)}" if page else ""
        raise BuildError(
            f"{document.file}: a block{where} is too tall for the page and cannot be split; the PDF "
            "was not written (hint: shorten it, or break a very long word or link)"
        ) from None
    except LayoutStopped as exc:
        raise LayoutStopped(
            f"{document.file}: {exc}; the PDF was not written (hint: shorten the document or split it into several)"
        ) from None
    first, later = furniture(document, styles)
    return Rendered(
        out.getvalue(),
        template.page,
        context.structure,
        context.shaping,
        first,
        later,
        words["page"] if design.layout.page_numbers else "",
        foot is None or template.foot_page == template.page,
        design.press,
        room=template.room,
        gaps=gaps,
        used=template.used,
        ended=template.ended,
        empty=template.empty,
        capacity=capacity(template.pageTemplates, last_page),
    )
