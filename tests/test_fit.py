"""The fit step on its own: with a stand-in renderer whose page count follows the body size and spacing, the fit
chooses the largest size that fills the fewest pages, then the most spacing, and never leaves the bounds."""

from __future__ import annotations

import contextlib
import math
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import ROOT

from handbill.build import Builder
from handbill.design import Fit, Layout, load_layout
from handbill.fit import DoesNotFit, _largest, _largest_size, fit
from handbill.i18n.localize import load_localized
from handbill.project import Options, Project
from handbill.render import render


@dataclass
class Page:
    """What fit() reads of a rendering."""

    pages: int
    settled: bool = True
    room: float = 0.0
    gaps: float = 0.0
    used: float = 0.0
    capacity: float = 0.0


def _layout(pages: tuple[int, ...], columns: tuple[int, ...] | None = None) -> Layout:
    flyer = load_layout(ROOT / "layouts", "flyer")
    return replace(
        flyer,
        fit=Fit(
            pages=pages,
            columns=columns or (1,) * len(pages),
            body_min=10,
            body_max=12,
            step=0.25,
            spacing_min=0.7,
            spacing_max=1.6,
        ),
    )


def _renderer(words: float, calls: list[tuple[float, float, int]], room: bool = True):  # type: ignore[no-untyped-def]
    """Pages grow with the text's area: words x size squared x (spacing, weighted) / what a page holds; with
    `room`, it also says the room left on its last page, the space between blocks (what grows with the spacing)
    and the area itself (the length the content takes)."""

    def render(layout: Layout, last_page: int) -> Page:
        calls.append((layout.type.body, layout.spacing.item / 3.0, last_page))
        area = words * layout.type.body**2 * (0.8 + 0.2 * layout.spacing.item / 3.0)
        pages = max(1, math.ceil(area / 100_000))
        if not room:
            return Page(pages)
        gaps = words * layout.type.body**2 * 0.2 * layout.spacing.item / 3.0
        return Page(pages, room=pages * 100_000 - area, gaps=gaps, used=area, capacity=last_page * 100_000)

    return render


def test_short_text_gets_the_largest_size_and_more_space() -> None:
    measured: list[tuple[float, float, int]] = []
    rendered: list[tuple[float, float, int]] = []
    chosen = fit(_renderer(1200, rendered), _layout((2,)), _renderer(1200, measured))
    assert chosen.body == 12 and chosen.spacing == 1.6 and chosen.rendered.pages == 2 and chosen.target == 2
    assert len(measured) == len(set(measured)), "each setting is laid out once"
    assert rendered == [(12, pytest.approx(1.6), 2)], "only the chosen setting is rendered"


def test_longer_text_gets_a_smaller_size_within_bounds_and_fills_its_pages() -> None:
    chosen = fit(_renderer(1500, []), _layout((2,)))
    assert 10 <= chosen.body < 12 and chosen.rendered.pages == 2
    bigger = _renderer(1500, [])(_layout((2,)).fitted(chosen.body + 0.25, chosen.spacing), 2)
    assert bigger.pages > 2, "a quarter point larger would not fit"


def test_too_long_for_the_fewest_pages_goes_to_the_next_count() -> None:
    calls: list[tuple[float, float, int]] = []
    chosen = fit(_renderer(2600, []), _layout((2, 4), (2, 1)), _renderer(2600, calls))
    assert chosen.target == 4 and chosen.rendered.pages <= 4
    assert chosen.body == 12, "the largest size fits four pages"
    assert all(body == 12 for body, _, last in calls if last == 4), "once the largest size fits, no smaller one need be laid out"


def test_at_the_smallest_size_the_spacing_shrinks_before_refusing() -> None:
    chosen = fit(_renderer(2050, []), _layout((2,)))
    assert chosen.body == 10 and 0.7 <= chosen.spacing < 1.0 and chosen.rendered.pages == 2
    with pytest.raises(DoesNotFit):
        fit(_renderer(5000, []), _layout((2,)))


@pytest.mark.parametrize("doc, lang", [("school-vs-medical-therapies", "es"), ("ot-school-vs-medical", "ar")])
def test_a_measured_layout_has_the_pages_of_the_rendered_one(doc: str, lang: str) -> None:
    """The fit's trials lay out without drawing; their page counts must be those of the drawn document."""
    builder = Builder(Project(ROOT), Options(), ROOT / "build")
    document = load_localized(ROOT / "content" / doc / f"{lang}.yaml").document
    design = builder.design(document)
    for size in (design.layout.type.body, design.layout.fit.body_max):
        layout = design.layout.fitted(size, 1.0)
        drawn = render(document, (), replace(design, layout=layout), last_page=2)
        measured = render(document, (), replace(design, layout=layout), last_page=2, measure_only=True)
        assert (measured.pages, measured.settled) == (drawn.pages, drawn.settled)
        assert measured.pdf == b"" and drawn.pdf.startswith(b"%PDF")


def test_the_search_finds_the_largest_fitting_index_from_any_guess_asking_each_once() -> None:
    for count in range(1, 18):
        for answer in range(count):
            for guess in [None, *range(count + 1)]:
                asked: list[int] = []

                def fits(index: int, answer: int = answer, asked: list[int] = asked) -> bool:
                    asked.append(index)
                    return index <= answer

                assert _largest(range(count), fits, guess) == answer, (count, answer, guess)
                assert len(asked) == len(set(asked)) and 0 not in asked, "an index was asked twice, or the known first"
                if guess == answer and 0 < answer < count - 1:
                    assert asked == [answer, answer + 1], "a right guess should need two questions"


@pytest.mark.parametrize("words", [1310, 1500, 2050], ids=["spacing guessed", "size guessed", "tighter spacing guessed"])
def test_good_guesses_save_layouts_and_change_nothing(words: int) -> None:
    guessed: list[tuple[float, float, int]] = []
    searched: list[tuple[float, float, int]] = []
    with_room = fit(_renderer(words, []), _layout((2,)), _renderer(words, guessed))
    without = fit(_renderer(words, []), _layout((2,)), _renderer(words, searched, room=False))
    assert (with_room.body, with_room.spacing) == (without.body, without.spacing)
    assert len(guessed) < len(searched), (guessed, searched)


@pytest.mark.parametrize(
    "doc, lang", [("school-vs-medical-therapies", "en"), ("ot-school-vs-medical", "es"), ("school-vs-medical-therapies", "ar")]
)
def test_lines_shared_between_trials_change_no_byte(doc: str, lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Within one fit, paragraphs of the same text, style and width share their broken lines; the PDF must be the
    one each trial breaking its own lines gives, byte for byte."""
    import handbill.build
    from handbill.layout import shared

    source = ROOT / "content" / doc / f"{lang}.yaml"
    found: list[bool] = []
    real_lookup = shared.Sharing.lookup

    def lookup(self: shared.Sharing, width: float) -> object:
        state = real_lookup(self, width)
        found.append(state is not None)
        return state

    monkeypatch.setattr(shared.Sharing, "lookup", lookup)
    with_sharing = Builder(Project(ROOT), Options(), tmp_path / "shared").build(source)
    assert sum(found) > len(found) / 3, "the fit's trials should take many lines from earlier ones"
    monkeypatch.setattr(handbill.build, "sharing_lines", contextlib.nullcontext)
    found.clear()
    without = Builder(Project(ROOT), Options(), tmp_path / "alone").build(source)
    assert not any(found)
    assert with_sharing.output and without.output
    assert with_sharing.output.read_bytes() == without.output.read_bytes()


class _SizeTrials:
    """Stand-in for the fit's trials when searching sizes: sizes up to `answer` fit; each layout reports the
    length `used(index)` and is counted."""

    def __init__(self, sizes: list[float], answer: int, used: list[float], capacity: float):
        self.sizes, self.answer, self.used, self.capacity = sizes, answer, used, capacity
        self.asked: list[float] = []

    def at(self, target: int, size: float, spacing: float) -> Page:
        if spacing != 1.0:  # the tight layout of the smallest size, which fits
            return Page(target, used=self.used[0] * 0.9, room=self.capacity - self.used[0] * 0.9, gaps=10, capacity=self.capacity)
        self.asked.append(size)
        index = self.sizes.index(size)
        fits = index <= self.answer
        return Page(
            target if fits else target + 1, used=self.used[index], room=self.capacity - self.used[index], capacity=self.capacity
        )

    def fits_index(self, target: int, sizes: list[float], index: int) -> bool:
        return self.at(target, sizes[index], 1.0).pages <= target


def test_the_size_search_finds_the_largest_fitting_size_whatever_the_lengths_say() -> None:
    """Predictions only choose which size to lay out next: any lengths, even misleading ones, give the answer
    bisection gives, each size laid out at most once (the real trials remember layouts; here each is counted)."""
    import random

    rng = random.Random(7)
    for count in range(2, 14):
        sizes = [10 + 0.25 * i for i in range(count)]
        for answer in range(-1, count - 1):
            for shape in ("square", "flat", *["growing"] * 20, *["random"] * 20):
                if shape == "square":
                    used = [s**2 for s in sizes]
                    capacity = (used[answer] + used[answer + 1]) / 2 if answer >= 0 else used[0] * 0.95
                elif shape == "flat":
                    used, capacity = [50.0] * count, 50.0
                else:
                    used, capacity = [rng.uniform(0, 100) for _ in sizes], rng.uniform(0, 100)
                    used = sorted(used) if shape == "growing" else used
                trials = _SizeTrials(sizes, answer, used, capacity)
                found = _largest_size(sizes, trials, 2, 0.7)  # type: ignore[arg-type]
                assert found == (answer if answer >= 0 else None), (count, answer, shape)
                distinct = set(trials.asked) - {sizes[-1]}  # the largest is laid out before the search
                assert len(distinct) <= 2 * math.ceil(math.log2(count)) + 1, "misleading lengths must not make it a walk"
                if shape == "square" and answer >= 0:
                    assert distinct == {sizes[answer], sizes[answer + 1]} - {sizes[-1]}, (
                        "a right prediction should lay out two sizes: the answer and the next one up"
                    )
