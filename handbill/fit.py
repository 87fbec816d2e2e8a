"""Fit a document to its layout's page counts, both ways: the largest body size (within the layout's bounds)
at which the content fits the fewest pages the layout allows, then more space between blocks until one more
step would need another page, so the last page is full rather than half empty.

A short translation gets larger type and air; a long one smaller type, never below the layout's minimum.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .design import Layout
from .render import Rendered

_SPACING_STEPS = 4  # halvings of the spacing range: within 1/16 of it, about 0.04 for a 1.0-1.6 range


@dataclass(frozen=True)
class Fitted:
    """The chosen rendering and the settings that made it."""

    rendered: Rendered
    body: float  # body size in points
    spacing: float  # factor applied to the space between blocks
    target: int | None  # the page count aimed at (None: the layout sets none)


class DoesNotFit(Exception):
    """Even the smallest body size needs more pages than the layout's largest count; carries that rendering."""

    def __init__(self, rendered: Rendered, layout: Layout):
        super().__init__()
        self.rendered, self.layout = rendered, layout


Render = Callable[[Layout, int], Rendered]  # a layout and the page meant to be the last (it carries the disclaimers)


def fit(render: Render, layout: Layout) -> Fitted:
    """Choose body size and spacing for `layout` by rendering with `render` (each setting once).
    Trials put the disclaimers on the target page; the chosen setting is rendered again if it ended elsewhere."""
    sizes = layout.fit.sizes()
    if not sizes or not layout.fit.pages:
        return Fitted(settle(render, layout, render(layout, 1)), layout.type.body, 1.0, None)
    trials = _Trials(render, layout)
    smallest, tightest = sizes[0], layout.fit.spacing_min
    for target in layout.fit.pages:
        if not trials.fits(target, smallest, tightest):
            continue
        if not trials.fits(target, smallest, 1.0):  # only with less space between blocks
            size = smallest
            spacing = _largest_factor(tightest, 1.0, partial(trials.fits, target, size))
        else:
            size = sizes[_largest(range(len(sizes)), partial(trials.fits_index, target, sizes))]
            spacing = _largest_factor(1.0, layout.fit.spacing_max, partial(trials.fits, target, size))
        chosen = trials.layout(target, size, spacing)
        return Fitted(settle(render, chosen, trials.at(target, size, spacing)), size, spacing, target)
    target = layout.fit.pages[-1]
    raise DoesNotFit(trials.at(target, smallest, tightest), trials.layout(target, smallest, tightest))


class _Trials:
    """Renderings at (target pages, body size, spacing), each made once."""

    def __init__(self, render: Render, layout: Layout):
        self.render, self.base = render, layout
        self.made: dict[tuple[int, float, float], Rendered] = {}

    def layout(self, target: int, size: float, spacing: float) -> Layout:
        return self.base.for_pages(target).fitted(size, spacing)

    def at(self, target: int, size: float, spacing: float) -> Rendered:
        key = (target, size, round(spacing, 4))
        if key not in self.made:
            self.made[key] = self.render(self.layout(target, size, spacing), target)
        return self.made[key]

    def fits(self, target: int, size: float, spacing: float) -> bool:
        return self.at(target, size, spacing).pages <= target

    def fits_index(self, target: int, sizes: list[float], index: int) -> bool:
        return self.fits(target, sizes[index], 1.0)


def settle(render: Render, layout: Layout, rendered: Rendered) -> Rendered:
    """Render again with the disclaimers on the page the content really ends on, until it stays there."""
    for _ in range(3):
        if rendered.settled:
            return rendered
        rendered = render(layout, rendered.pages)
    return rendered


def _largest(indexes: range, fits: Callable[[int], bool]) -> int:
    """The largest index for which `fits` holds, given that it holds for the first (bisection)."""
    low, high = indexes[0], indexes[-1]
    if fits(high):
        return high
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def _largest_factor(low: float, high: float, fits: Callable[[float], bool]) -> float:
    if fits(high):
        return high
    for _ in range(_SPACING_STEPS):
        middle = (low + high) / 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return round(low, 4)
