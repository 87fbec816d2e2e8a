"""Printer's marks: crop marks at the trim's corners, cut and fold marks where lines cross a press sheet.

Marks show the print shop where to cut and fold. They are stroked in registration colour (all four inks) so
every plate carries them, and they start beyond the bleed: a mark inside the bleed would end up on the finished
piece whenever the cut drifts by a hair. Single print pages and imposed sheets draw them with the same code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points
Segment = tuple[float, float, float, float]  # from (x, y) to (x, y)

OFFSET = 12.0  # gap between the trim and where a mark starts; never less, further out when the bleed is wider
LENGTH = 18.0  # length of one mark
SLUG = OFFSET + LENGTH + 6.0  # room outside the trim on each side so whole marks fit on the media (0.5 in)
LINE = 0.25  # stroke width: hairline marks are precise to cut along, yet hold on press

_REGISTRATION = "1 1 1 1 K"  # DeviceCMYK, every ink at full: the mark prints on every plate
_SOLID = "[] 0 d"  # reset explicitly: the stream the marks join may have left a dash pattern set
_DASH = "[3 2] 0 d"  # fold marks are dashed so nobody cuts along them


def _start(bleed: float) -> float:
    """Distance from the trim to a mark's start: clear of the bleed by at least 3 pt."""
    return max(OFFSET, bleed + 3)


def _ticks(positions: Iterable[float], low: float, high: float, bleed: float) -> list[Segment]:
    """Vertical marks on each line x = position, one above `high` and one below `low` (the trim's top and bottom)."""
    start = _start(bleed)
    end = start + LENGTH
    return [tick for x in positions for tick in ((x, high + start, x, high + end), (x, low - start, x, low - end))]


def _transposed(segments: list[Segment]) -> list[Segment]:
    return [(y0, x0, y1, x1) for x0, y0, x1, y1 in segments]


def _stroke(segments: list[Segment], *, dashed: bool = False) -> str:
    """A self-contained `q ... Q` block stroking `segments`, so it can be appended to any content stream."""
    paths = [f"{x0:.3f} {y0:.3f} m {x1:.3f} {y1:.3f} l" for x0, y0, x1, y1 in segments]
    style = f"{LINE} w 0 J {_DASH if dashed else _SOLID} {_REGISTRATION}"
    return "\n".join(["q", style, *paths, "S", "Q", ""])


def crop_marks(trim: Box, bleed: float) -> str:
    """The 8 corner crop marks of `trim`: each edge line continued outward beyond the bleed, two per corner."""
    x0, y0, x1, y1 = trim
    vertical = _ticks((x0, x1), y0, y1, bleed)
    horizontal = _transposed(_ticks((y0, y1), x0, x1, bleed))
    return _stroke(vertical + horizontal)


def cut_marks(trim: Box, bleed: float, at: Sequence[float]) -> str:
    """Solid marks above and below `trim` at each x in `at`: where a sheet is cut apart inside the trim."""
    return _stroke(_ticks(at, trim[1], trim[3], bleed))


def fold_marks(trim: Box, bleed: float, at: Sequence[float]) -> str:
    """Dashed marks above and below `trim` at each x in `at`: where a sheet is folded."""
    return _stroke(_ticks(at, trim[1], trim[3], bleed), dashed=True)
