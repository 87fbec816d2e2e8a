"""Fit a document to its layout's page counts, both ways: the largest body size (within the layout's bounds)
at which the content fits the fewest pages the layout allows, then more space between blocks until one more
step would need another page, so the last page is full rather than half empty.

A short translation gets larger type and air; a long one smaller type, never below the layout's minimum.

The search only needs page counts, so its trials are laid out without being drawn or written (about half the
cost of a rendering); the chosen setting alone is rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Protocol

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


class LaidOut(Protocol):
    """What the fit reads of a trial: how many pages, and whether the disclaimers ended on the last one."""

    @property
    def pages(self) -> int: ...

    @property
    def settled(self) -> bool: ...

    @property
    def room(self) -> float: ...  # height left unused on the last page

    @property
    def gaps(self) -> float: ...  # the space between blocks, summed (what grows with the spacing factor)

    @property
    def used(self) -> float: ...  # column height the content took, from the top of the first page

    @property
    def capacity(self) -> float: ...  # the column height the pages up to the one meant to be the last hold


Render = Callable[[Layout, int], Rendered]  # a layout and the page meant to be the last (it carries the disclaimers)
Measure = Callable[[Layout, int], LaidOut]  # the same, laid out only


def fit(render: Render, layout: Layout, measure: Measure | None = None) -> Fitted:
    """Choose body size and spacing for `layout` by laying it out with `measure` (each setting once; `render`
    when none is given), then render the chosen setting with `render`, with the disclaimers on the page the
    content really ends on."""
    sizes = layout.fit.sizes()
    if not sizes or not layout.fit.pages:
        return Fitted(render(layout, settle(measure or render, layout, 1)), layout.type.body, 1.0, None)
    trials = _Trials(measure or render, layout)
    smallest, tightest = sizes[0], layout.fit.spacing_min
    largest = len(sizes) - 1
    for n, target in enumerate(layout.fit.pages):
        # the largest size first where fewer pages were too few: it often fits the extra pages, and then so does
        # everything smaller (for the fewest pages, the tightest setting first: a long text is out in one layout)
        if not (n and trials.fits_index(target, sizes, largest)) and not trials.fits(target, smallest, tightest):
            continue
        index = largest if trials.fits_index(target, sizes, largest) else _largest_size(sizes, trials, target, tightest)
        if index is None:  # not even the smallest size fits with the usual space between blocks: less of it
            size = smallest
            guess = _tighter_guess(trials.at(target, size, tightest), trials.at(target, size, 1.0), tightest)
            spacing = _largest_factor(tightest, 1.0, partial(trials.fits, target, size), guess)
        else:
            size = sizes[index]
            guess = _spacing_guess(trials.at(target, size, 1.0)) if index == largest else 1.0
            spacing = _largest_factor(1.0, layout.fit.spacing_max, partial(trials.fits, target, size), guess)
        chosen = trials.layout(target, size, spacing)
        last = settle(trials.measure, chosen, target, trials.at(target, size, spacing))
        return Fitted(render(chosen, last), size, spacing, target)
    target = layout.fit.pages[-1]
    tightest_layout = trials.layout(target, smallest, tightest)
    raise DoesNotFit(render(tightest_layout, target), tightest_layout)


def _largest_size(sizes: list[float], trials: _Trials, target: int, tightest: float) -> int | None:
    """The index of the largest size that fits `target` pages with the usual space between blocks, given that
    the largest does not; None when not even the smallest does. Each step lays out the size predicted from the
    nearest sizes known to fit and not to fit (see _predicted), so a good prediction needs two layouts: that
    size and the next one up. Where nothing can be predicted, or predictions creep up a step at a time, it
    bisects. Any prediction gives the same answer."""
    low, high = -1, len(sizes) - 1  # sizes[low] fits (-1: none is known to), sizes[high] does not
    tight = trials.at(target, sizes[0], tightest)  # fits (the caller checked): what the content takes, spaced tight
    usual = tight.used + tight.gaps * (1.0 / tightest - 1.0)  # the same with the usual space between blocks
    creeping = 0  # steps in a row that narrowed the search by one size only
    while high - low > 1:
        below = (sizes[low], trials.at(target, sizes[low], 1.0).used) if low >= 0 else (sizes[0], usual)
        above = (sizes[high], trials.at(target, sizes[high], 1.0).used)
        guess = _predicted(sizes, below, above, tight.capacity)
        if guess is None or guess < low or creeping >= 2:
            guess = (low + high) // 2
        guess = min(max(guess, low + 1), high - 1)
        span = high - low
        if trials.fits_index(target, sizes, guess):
            low = guess
        else:
            high = guess
        creeping = creeping + 1 if high - low == span - 1 else 0
    return low if low >= 0 else None


def _predicted(sizes: list[float], below: tuple[float, float], above: tuple[float, float], capacity: float) -> int | None:
    """The index of the largest size whose content should still fit `capacity`, interpolated between two (size,
    length) layouts: the content's length grows about as the square of the size (lines get longer and more
    numerous alike). None when the capacity is not known or the lengths do not grow."""
    (low_size, low_used), (high_size, high_used) = below, above
    if capacity <= 0 or high_used <= low_used:
        return None
    share = (capacity - low_used) / (high_used - low_used)
    wanted = max(0.0, low_size**2 + share * (high_size**2 - low_size**2)) ** 0.5
    return max(i for i, size in enumerate(sizes) if size <= wanted or i == 0)


def _spacing_guess(at_largest: LaidOut) -> float | None:
    """Where to start looking for the most spacing a text set at the largest size takes: the room left on its
    last page spread over the gaps between its blocks. (A text that needed a smaller size only just fits: its
    search starts from no extra spacing, upwards.)"""
    return 1.0 + at_largest.room / at_largest.gaps if at_largest.gaps > 0 else None


def _tighter_guess(tight: LaidOut, usual: LaidOut, tightest: float) -> float | None:
    """Where to start looking for the most spacing a text that needs less than the usual takes: its length
    interpolated between the tightest and the usual spacing to what the pages hold."""
    if usual.used <= tight.used or tight.capacity <= 0:
        return None
    return tightest + (tight.capacity - tight.used) / (usual.used - tight.used) * (1.0 - tightest)


class _Trials:
    """Renderings at (target pages, body size, spacing), each made once."""

    def __init__(self, measure: Measure, layout: Layout):
        self.measure, self.base = measure, layout
        self.made: dict[tuple[int, float, float], LaidOut] = {}

    def layout(self, target: int, size: float, spacing: float) -> Layout:
        return self.base.for_pages(target).fitted(size, spacing)

    def at(self, target: int, size: float, spacing: float) -> LaidOut:
        key = (target, size, round(spacing, 4))
        if key not in self.made:
            self.made[key] = self.measure(self.layout(target, size, spacing), target)
        return self.made[key]

    def fits(self, target: int, size: float, spacing: float) -> bool:
        return self.at(target, size, spacing).pages <= target

    def fits_index(self, target: int, sizes: list[float], index: int) -> bool:
        return self.fits(target, sizes[index], 1.0)


def settle(measure: Measure, layout: Layout, last_page: int, laid_out: LaidOut | None = None) -> int:
    """The page to put the disclaimers on: lay out again with them on the page the content really ends on,
    until it stays there."""
    laid_out = laid_out or measure(layout, last_page)
    for _ in range(3):
        if laid_out.settled:
            return last_page
        last_page = laid_out.pages
        laid_out = measure(layout, last_page)
    return last_page


def _largest(indexes: range, fits: Callable[[int], bool], guess: int | None = None) -> int:
    """The largest index for which `fits` holds, given that it holds for the first: from a `guess`, in doubling
    steps up or down from it, then bisection; without one, by bisection, the last index asked first. Any guess
    gives the same index (each asked at most once); a good one asks two."""
    low, high = indexes[0], indexes[-1] + 1  # fits(low) holds; fits(high) fails (or high is past the end)
    if guess is not None and low <= guess < high:
        if guess == low or fits(guess):
            low, high = _gallop_up(guess, high, fits)
        else:
            low, high = _gallop_down(low, guess, fits)
    elif high - 1 > low:
        if fits(high - 1):
            return high - 1
        high -= 1
    while high - low > 1:
        middle = (low + high) // 2
        if fits(middle):
            low = middle
        else:
            high = middle
    return low


def _gallop_up(low: int, high: int, fits: Callable[[int], bool]) -> tuple[int, int]:
    """From `low` (it fits) up in steps of 1, 2, 4 ...: the last index found to fit, and the first not to."""
    first, step = low, 1
    while first + step < high and fits(first + step):
        low, step = first + step, 2 * step
    return low, min(high, first + step)


def _gallop_down(low: int, high: int, fits: Callable[[int], bool]) -> tuple[int, int]:
    """From `high` (it does not fit) down in steps of 1, 2, 4 ...: the last index found to fit, and the first not to."""
    last, step = high, 1
    while last - step > low and not fits(last - step):
        high, step = last - step, 2 * step
    return max(low, last - step), high


def _largest_factor(low: float, high: float, fits: Callable[[float], bool], guess: float | None = None) -> float:
    """The largest factor from `low` to `high`, in steps of 1/2**_SPACING_STEPS of the range, for which `fits`
    holds, given that it holds for `low`; searched from the step at or below `guess` when one is given."""
    steps = 2**_SPACING_STEPS

    def factor(index: int) -> float:
        return round(low + (high - low) * index / steps, 4)

    start = None if guess is None else min(steps, max(0, int((guess - low) / (high - low) * steps)))
    return factor(_largest(range(steps + 1), lambda index: fits(factor(index)), start))
