"""What one render shares between the flowables that draw it and the post-processing that finishes the file.

It is made fresh for every render and handed on explicitly (styles carry it to the flowables, `Rendered` to the
post-processing), so nothing about one document lives in module state where another build could see it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .tags import Structure

_PRIVATE = range(0xE000, 0xF900)


@dataclass
class ShapingRecord:
    """What each private-use glyph code shaping used stands for, per font face: joined forms and ligatures have no
    character of their own, so ReportLab gives them private-use codes, and the text would extract as gibberish."""

    faces: dict[str, dict[int, str]] = field(default_factory=dict)

    def record(self, face: str, glyphs: str, data: list[Any], text: str) -> None:
        """Note what the glyphs of one shaped run stand for: each cluster's first glyph the cluster's text, any
        further glyph of the same cluster nothing (a zero-width space)."""
        starts = sorted({d.cluster for d in data})
        ends = {start: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, start in enumerate(starts)}
        table = self.faces.setdefault(face, {})
        seen: set[int] = set()
        for char, d in zip(glyphs, data):
            code = ord(char)
            if code in _PRIVATE and code not in table:
                table[code] = text[d.cluster:ends[d.cluster]] if d.cluster not in seen else "\u200b"
            seen.add(d.cluster)


@dataclass
class RenderContext:
    """The structure tree being recorded and the shaping record of one render."""

    structure: Structure
    shaping: ShapingRecord = field(default_factory=ShapingRecord)
