"""The Unicode Bidirectional Algorithm (UAX #9) on one line of text, through ICU: each character's embedding level
(paired brackets by BD16 and N0, isolates, embeddings and numbers resolved as the standard says), the line's
visual order, and the mirrored form a character takes at a right-to-left level.

The layout asks only this module, so the implementation behind it can change in one place;
tests/test_rtl_bidi.py runs the Unicode conformance cases against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any


@dataclass(frozen=True)
class BidiLine:
    """One line after the algorithm (rules up to L2): the level of each character, by its index in the text, and
    the indexes in visual order, left to right. Explicit formatting characters keep the level ICU gives them."""

    levels: tuple[int, ...]
    visual: tuple[int, ...]


def bidi_line(text: str, rtl: bool) -> BidiLine:
    """Resolve `text` as one line of a paragraph whose base direction is right to left when `rtl`."""
    if not text:
        return BidiLine((), ())
    icu = _icu()
    bidi = icu.Bidi()
    bidi.setPara(icu.UnicodeString(text), 1 if rtl else 0)
    owner = [index for index, char in enumerate(text) for _ in range(2 if ord(char) > 0xFFFF else 1)]  # UTF-16
    first_unit = [unit for unit, index in enumerate(owner) if unit == 0 or owner[unit - 1] != index]
    units = bidi.getLevels()
    levels = tuple(units[unit] for unit in first_unit)
    visual = tuple(dict.fromkeys(owner[unit] for unit in bidi.getVisualMap()))  # a surrogate pair is one character
    return BidiLine(levels, visual)


def mirrored(char: str) -> str:
    """The character drawn for `char` at a right-to-left level (rule L4): its Bidi_Mirroring_Glyph, or itself."""
    return str(_icu().Char.charMirror(char))


@cache
def _icu() -> Any:
    """ICU, loaded on first use: its library takes about 40 ms to load, which a left-to-right build never needs."""
    import icu

    return icu
