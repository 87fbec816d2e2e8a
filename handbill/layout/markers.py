"""Flowables ReportLab lacks: list items with drawn markers, a heading kept with the start of what follows, and a
paragraph set in two balanced columns.

Markers are drawn as vector shapes rather than taken from a font, so a check mark never depends on a
font having that glyph.
"""

from __future__ import annotations

import math
from contextlib import nullcontext
from typing import Any

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, FrameBreak, KeepTogether

from ..reportlab_compat import frame_is_fresh, frame_of
from .tags import Structure, Tag


class Marked(Flowable):
    """A paragraph with a marker (dot, check, question, key or number) hanging in its left indent; splits across
    pages."""

    def __init__(
        self,
        para: Flowable,
        marker: str,
        color: Color,
        indent: float,
        font: str,
        space_after: float = 0,
        first: bool = True,
        tags: tuple[Tag, Tag] | None = None,
        rtl: bool = False,
        number: int = 0,
        structure: Structure | None = None,
    ):
        super().__init__()
        self.para, self.marker, self.color, self.indent, self.font = para, marker, color, indent, font
        self.space_after, self.first = space_after, first
        self.tags, self.structure = tags, structure  # (label, body) structure elements, when tagging, and their tree
        self.rtl = rtl  # marker on the right, text to its left
        self.number = number  # what a "number" marker shows

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, self.height = self.para.wrap(avail_width - self.indent, avail_height)
        self.width = avail_width
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = self.para.split(avail_width - self.indent, avail_height)
        if len(parts) < 2:
            return []
        head = Marked(
            parts[0],
            self.marker,
            self.color,
            self.indent,
            self.font,
            0,
            self.first,
            self.tags,
            self.rtl,
            self.number,
            self.structure,
        )
        return [head] + [
            Marked(
                p,
                self.marker,
                self.color,
                self.indent,
                self.font,
                self.space_after,
                False,
                self.tags,
                self.rtl,
                self.number,
                self.structure,
            )
            for p in parts[1:]
        ]

    def getSpaceAfter(self) -> float:
        return self.space_after

    def draw(self) -> None:
        canv, style = self.canv, self.para.style
        text_x, marker_x = (0.0, self.width - self.indent) if self.rtl else (self.indent, 0.0)
        if self.first:
            size = style.fontSize
            baseline = self.height - size  # the paragraph's first baseline sits one font size below its top
            if self.marker == "number":  # the number's edge facing the text, 0.4 em from it
                at = (size * 0.4 if self.rtl else self.indent - size * 0.4, baseline)
            else:  # shapes are centred on the middle of the x-height
                at = (self.indent * (0.6 if self.rtl else 0.4), baseline + size * 0.27)
            canv.saveState()
            canv.translate(marker_x, 0)
            with _marking(self.structure, canv, self.tags and self.tags[0], self.indent, self.height):
                _draw_marker(canv, self.marker, self.color, self.font, at, size, self.rtl, self.number)
            canv.restoreState()
        canv.saveState()
        canv.translate(text_x, 0)
        with _marking(self.structure, canv, self.tags and self.tags[1], self.width - self.indent, self.height):
            self.para.drawOn(canv, 0, 0)
        canv.restoreState()


def _marking(structure: Structure | None, canv: Any, tag: Tag | None, width: float, height: float) -> Any:
    return structure.mark(canv, tag, width, height) if tag and structure else nullcontext()


def _draw_marker(
    canv: Any, marker: str, color: Color, font: str, at: tuple[float, float], size: float, rtl: bool = False, number: int = 0
) -> None:
    x, y = at
    canv.saveState()
    canv.setFillColor(color)
    canv.setStrokeColor(color)
    if marker == "number":  # `at` is the baseline at the edge facing the text: the full stops line up there
        canv.setFont(font, size)
        if rtl:  # read from the right: the full stop stands on the number's left, next to the text
            canv.drawString(x, y, f".{number}")
        else:
            canv.drawRightString(x, y, f"{number}.")
    elif marker == "check":
        canv.setLineWidth(size * 0.16)
        canv.setLineCap(1)
        canv.setLineJoin(1)
        path = canv.beginPath()
        path.moveTo(x - size * 0.32, y + size * 0.02)
        path.lineTo(x - size * 0.08, y - size * 0.26)
        path.lineTo(x + size * 0.36, y + size * 0.34)
        canv.drawPath(path, stroke=1, fill=0)
    elif marker == "question":
        radius = size * 0.5
        canv.circle(x, y, radius, stroke=0, fill=1)
        canv.setFillColorRGB(1, 1, 1)
        canv.setFont(font, size * 0.78)
        canv.drawCentredString(x, y - size * 0.27, "\u061f" if rtl else "?")  # Arabic question mark faces left
    elif marker == "key":
        canv.rect(x - size * 0.22, y - size * 0.22, size * 0.44, size * 0.44, stroke=0, fill=1)
    else:
        canv.circle(x, y, size * 0.17, stroke=0, fill=1)
    canv.restoreState()


class HeadingKeep(KeepTogether):
    """A heading (or a lead-in paragraph) kept with the start of what follows, not with all of it: at least
    `min_follow` points (two lines) of the next block stay under it, and the rest may run on to the next page.
    When the next block cannot be split (a note), the end of the paragraph before it moves over with it,
    so the note never stands alone at the top of a page. ReportLab's own keep moves everything to a new page
    whenever the whole does not fit, which leaves half-empty pages."""

    def __init__(self, flowables: list[Flowable], min_follow: float = 24.0):
        super().__init__(flowables)
        self.min_follow = min_follow

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        *heads, follower = self._content
        heights = [h.wrap(avail_width, avail_height)[1] + h.getSpaceBefore() + h.getSpaceAfter() for h in heads]
        follow_height = follower.wrap(avail_width, avail_height)[1] + follower.getSpaceBefore()
        if sum(heights) + follow_height <= avail_height:
            return list(self._content)
        room = avail_height - sum(heights) - follower.getSpaceBefore()
        parts = follower.split(avail_width, room) if room >= self.min_follow else []
        if len(parts) > 1 and parts[0].wrap(avail_width, room)[1] >= self.min_follow:
            return [*heads, *parts]
        carried = self._carry_over(heads, heights, avail_width, avail_height)
        if carried:
            return [*carried, follower]
        frame = frame_of(self)
        if frame is not None and frame_is_fresh(frame):  # a fresh page cannot do better: let it split
            return list(self._content)
        return [FrameBreak(), *self._content]

    def _carry_over(self, heads: list[Flowable], heights: list[float], width: float, height: float) -> list[Flowable]:
        """The heads with the end of the last one (two lines or more) moved to the next page, or [] if it cannot
        be split so (it is a heading, or too short)."""
        last = heads[-1]
        room = height - sum(heights[:-1]) - last.getSpaceBefore()
        cut = min(room, heights[-1] - last.getSpaceBefore() - last.getSpaceAfter() - self.min_follow)
        pieces = last.split(width, cut) if cut >= self.min_follow else []
        if len(pieces) < 2 or pieces[0].wrap(width, cut)[1] < self.min_follow:
            return []
        return [*heads[:-1], pieces[0], FrameBreak(), *pieces[1:]]


class Balanced(Flowable):
    """A paragraph too wide for a comfortable line, set in two columns of equal length, side by side (the
    first on the right in right-to-left text). It splits across pages like the paragraph it holds."""

    def __init__(self, para: Flowable, gap: float, rtl: bool = False):
        super().__init__()
        self.para, self.gap, self.rtl = para, gap, rtl

    def _column(self, width: float) -> float:
        return (width - self.gap) / 2

    def _leading(self) -> float:
        inner = getattr(self.para, "inner", self.para)
        return float(inner.style.leading)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        column = self._column(avail_width)
        lines = round(self.para.wrap(column, 1e6)[1] / self._leading())
        self._parts = (self.para.split(column, math.ceil(lines / 2) * self._leading() + 1e-6) or [self.para])[:2]
        self.width = avail_width
        self.height = max(part.wrap(column, 1e6)[1] for part in self._parts)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        rows = int((avail_height + 1e-6) // self._leading())
        parts = self.para.split(self._column(avail_width), 2 * rows * self._leading() + 1e-6) if rows >= 2 else []
        if len(parts) < 2:
            return []
        return [Balanced(part, self.gap, self.rtl) for part in parts]

    def getSpaceBefore(self) -> float:
        return float(self.para.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.para.getSpaceAfter())

    def draw(self) -> None:
        column = self._column(self.width)
        for n, part in enumerate(self._parts):
            height = part.wrap(column, 1e6)[1]
            x = (column + self.gap) * (1 - n if self.rtl else n)
            part.drawOn(self.canv, x, self.height - height)
