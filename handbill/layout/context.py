"""What one render shares between the flowables that draw it and the post-processing that finishes the file.

It is made fresh for every render and handed on explicitly (styles carry it to the flowables, `Rendered` to the
post-processing), so nothing about one document lives in module state where another build could see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..reportlab_compat import face_name, glyph_alias, respelled
from .tags import Structure

_PRIVATE = range(0xE000, 0xF900)  # the codes ReportLab gives shaped glyphs that have no character of their own


@dataclass
class ShapingRecord:
    """What each private-use glyph code drawn in right-to-left paragraphs stands for, per font face. Shaped glyphs
    come out of ReportLab as private-use codes (joined forms and ligatures) or as presentation forms, and a glyph
    drawn mirrored shows one bracket while standing for the other: so each glyph is drawn with a code whose
    ToUnicode entry can say what it stands for in that place (its own private-use code, or a new one for the same
    glyph), and `faces` keeps the entries to write."""

    faces: dict[str, dict[int, str]] = field(default_factory=dict)
    _natural: dict[str, set[int]] = field(default_factory=dict)  # codes drawn as their own character, per face
    _aliases: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (font, glyph, text) -> code

    def spelled(self, font: str, glyphs: str, texts: Sequence[str]) -> str:
        """`glyphs` (one character per glyph, as shaping gave them) spelled so that glyph i reads as `texts[i]`:
        with its own code where that code says it already or can be made to, else with a new code for the glyph."""
        face = face_name(font)
        table, natural = self.faces.setdefault(face, {}), self._natural.setdefault(face, set())
        chars = []
        for glyph, text in zip(glyphs, texts):
            code = ord(glyph)
            if text == glyph and code not in table:
                natural.add(code)
            elif code in _PRIVATE and code not in natural and table.get(code, text) == text:
                table[code] = text
            else:
                glyph = self._alias(font, glyph, text)
                table[ord(glyph)] = text
            chars.append(glyph)
        return respelled(glyphs, "".join(chars))

    def _alias(self, font: str, glyph: str, text: str) -> str:
        key = (font, glyph, text)
        if key not in self._aliases:
            self._aliases[key] = glyph_alias(font, glyph)
        return self._aliases[key]


@dataclass
class RenderContext:
    """The structure tree being recorded and the shaping record of one render."""

    structure: Structure
    shaping: ShapingRecord = field(default_factory=ShapingRecord)
