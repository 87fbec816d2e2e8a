"""Output profiles: a screen file for reading and sharing, a print file for the print shop.

A print file is the same document laid out on a larger sheet of media: the finished page (TrimBox) sits in the
middle, backgrounds that touch its edge reach `bleed` beyond it (BleedBox) so trimming never leaves a white sliver,
and crop marks sit outside the bleed. All colour is CMYK for the press.
"""

from __future__ import annotations

from dataclasses import dataclass

from .marks import SLUG

PROFILES = ("screen", "print")
BLEED = {"a4": 3 * 72 / 25.4}  # 3 mm where paper is metric; 0.125 in elsewhere
DEFAULT_BLEED = 0.125 * 72


@dataclass(frozen=True)
class Press:
    """How one file is made: for the screen (RGB, the trim is the page) or for print (CMYK, bleed, marks)."""

    profile: str = "screen"
    bleed: float = 0.0  # points beyond the trim that edge-touching backgrounds reach into
    marks: bool = False  # crop marks outside the bleed

    @property
    def cmyk(self) -> bool:
        return self.profile == "print"

    @property
    def margin(self) -> float:
        """Room around the trim on each side of the media: the bleed, plus the marks' slug when there are marks."""
        return max(self.bleed, SLUG) if self.marks else self.bleed

    def media(self, trim: tuple[float, float]) -> tuple[float, float]:
        """The media (MediaBox) size for a finished page of size `trim`."""
        return trim[0] + 2 * self.margin, trim[1] + 2 * self.margin

    def boxes(self, trim: tuple[float, float]) -> dict[str, tuple[float, float, float, float]]:
        """TrimBox and BleedBox of a page, in the media's coordinates."""
        m, b = self.margin, self.bleed
        return {"trimBox": (m, m, m + trim[0], m + trim[1]), "bleedBox": (m - b, m - b, m + trim[0] + b, m + trim[1] + b)}


SCREEN = Press()


def press_for(profile: str, paper: str, bleed: float | None = None, marks: bool = True) -> Press:
    """The press settings for `profile`: a print file bleeds `bleed` points (by default 0.125 in, 3 mm on A4)."""
    if profile == "screen":
        return SCREEN
    return Press(profile, BLEED.get(paper, DEFAULT_BLEED) if bleed is None else bleed, marks)
