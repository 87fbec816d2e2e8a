"""Layouts and brands: the data that decides how a document looks, loaded from layouts/.

Layouts carry geometry and type scale, brands carry colour, fonts, logo and contact line. Both are YAML so
a designer can change them without touching code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LEGAL, LETTER

from .contrast import GRAPHICS, failures
from .errors import ContentError, Location, Problem
from .load import load_yaml
from .paths import Confinement, checked_name, outside
from .typography import Details, Margins, Masthead, Spacing, TypeScale, defaults, read
from .units import length
from .validate import validate

PAPER = {"letter": LETTER, "a4": A4, "legal": LEGAL}
FORMATS = ("single", "two-up", "tri-fold", "booklet")


def page_size(paper: str, format: str) -> tuple[float, float]:
    """The finished page of a format on `paper`: the paper itself for single pages and booklets (whose sheets are
    twice as large), half of it turned sideways for two-up, a third of it turned sideways for a tri-fold panel."""
    width, height = PAPER[paper]
    if format == "two-up":
        return height / 2, width
    if format == "tri-fold":
        return height / 3, width
    return width, height


@dataclass(frozen=True)
class Fit:
    """How content is fitted to a layout's page counts: the body size range, its step, and how far the space
    between blocks may grow to fill the last page."""

    pages: tuple[int, ...] = ()  # allowed page counts, fewest first; () = as many as the content needs
    columns: tuple[int, ...] = ()  # text columns for each of those page counts
    body_min: float = 0.0
    body_max: float = 0.0
    step: float = 0.25
    spacing_min: float = 1.0  # the space between blocks may shrink to this factor before the body size does
    spacing_max: float = 1.6

    def sizes(self) -> list[float]:
        """Candidate body sizes, smallest first."""
        if not self.body_max:
            return []
        count = int(round((self.body_max - self.body_min) / self.step))
        return [round(self.body_min + n * self.step, 3) for n in range(count + 1)]


@dataclass(frozen=True)
class Layout:
    """Page geometry, type scale and page furniture of one layout."""

    name: str
    paper: str
    page_size: tuple[float, float]
    margins: Margins
    masthead: Masthead
    running_header: bool
    hyphenate: bool
    page_numbers: bool
    brand_line: bool
    type: TypeScale
    spacing: Spacing
    details: Details
    fit: Fit = Fit()
    columns: int = 1
    column_gap: float = 18.0
    measure: int = 80  # most characters in a line of running text
    long_lines: str = "narrower"  # or "columns": paragraphs wider than the measure are set in two balanced columns
    format: str = "single"  # how print files are put on paper (FORMATS)
    bleed: float | None = None  # print bleed in points; None: the paper's usual (see press.profile)
    marks: bool = True  # crop marks on print files
    comparisons: str = "side-by-side"  # or "stacked": each comparison cell under the other, for narrow columns
    edition_panel: str = "top"  # where a co-branded edition's partner panel goes: "top" of the story or its "end"
    cover: bool = False  # the first page holds the title band and the opening section only (a brochure's cover)

    @property
    def max_pages(self) -> int | None:
        return self.fit.pages[-1] if self.fit.pages else None

    @property
    def column_width(self) -> float:
        frame = self.page_size[0] - self.margins.inner - self.margins.outer
        return (frame - (self.columns - 1) * self.column_gap) / self.columns

    def for_pages(self, pages: int) -> Layout:
        """This layout as set for `pages` pages (one of fit.pages): its column count for that many."""
        return replace(self, columns=self.fit.columns[self.fit.pages.index(pages)])

    def with_paper(self, paper: str) -> Layout:
        return replace(self, paper=paper, page_size=page_size(paper, self.format))

    def fitted(self, body: float, spacing: float = 1.0) -> Layout:
        """This layout with body type `body` points (headings and lead scaled alike; title, footer and disclaimers
        as designed) and the space between blocks `spacing` times as large."""
        return replace(self, type=self.type.scaled(body), spacing=self.spacing.scaled(spacing))


@dataclass(frozen=True)
class Brand:
    """Colours, font families, optional logo and contact line of one organisation."""

    name: str
    colors: dict[str, str]
    body_font: str
    heading_font: str
    logo: Path | None
    logo_alt: str
    logo_height: float
    contact: tuple[str, ...]
    font_languages: dict[str, tuple[str, ...]]
    cmyk: dict[str, tuple[float, float, float, float]] = field(default_factory=dict)  # print values given, 0..1


def available(folder: Path) -> list[str]:
    """Names of the YAML files in `folder` (the layouts or brands one can pick)."""
    return sorted(p.stem for p in folder.glob("*.yaml"))


def _find(folder: Path, name: str, what: str, where: Location | None) -> Path:
    """layouts/<name>.yaml or layouts/brands/<name>.yaml; `where` is the document's field, or None when the
    name came from the command line (then the message names the option)."""
    field = what if where else ""
    where = where or Location(Path(f"--{what}"))
    file = folder / f"{checked_name(name, what, where, field)}.yaml"
    if file.is_file():
        if not file.resolve().is_relative_to(folder.resolve()):
            raise ContentError([outside(file)])
        return file
    names = available(folder)
    close = difflib.get_close_matches(name, names, n=1)
    tip = f"did you mean '{close[0]}'? " if close else ""
    raise ContentError(
        [Problem(where, field, f"unknown {what} '{name}'", f"{tip}available: {', '.join(names) or 'none'} (in {folder})")]
    )


def _version(file: Path) -> tuple[int, int]:
    """What tells one version of a file from another without reading it: modification time and size."""
    stat = file.stat()
    return stat.st_mtime_ns, stat.st_size


def load_layout(folder: Path, name: str, where: Location | None = None) -> Layout:
    """Load layouts/<name>.yaml (read and checked once per version of the file: every document of a batch uses it)."""
    file = _find(folder, name, "layout", where)
    return _layout(file, *_version(file), name)


@lru_cache(maxsize=64)
def _layout(file: Path, _modified: int, _size: int, name: str) -> Layout:
    located = load_yaml(file)
    validate(located, "layout")
    data = located.data
    body = data["type"]["body"]
    type_scale = read(TypeScale, data["type"], {**defaults("type"), "lead": 1.15 * body})
    spacing = read(Spacing, data["spacing"], {**defaults("spacing"), "panel": 1.2 * body, "cell": 0.85 * body})
    footer = data.get("footer", {})
    paper = data["page"]["size"]
    fit_data = data.get("fit", {})
    sizes, room = fit_data.get("body", {}), fit_data.get("spacing", {})
    pages = tuple(data["page"].get("pages", ()))
    columns = data.get("columns", {})
    count = columns.get("count", 1)
    counts = tuple(count) if isinstance(count, list) else (count,) * max(1, len(pages))
    fit = Fit(
        pages=pages,
        columns=counts,
        body_min=sizes.get("min", 0.0),
        body_max=sizes.get("max", 0.0),
        step=sizes.get("step", 0.25),
        spacing_min=room.get("min", 1.0),
        spacing_max=room.get("max", 1.6),
    )
    problems = []
    if len(counts) != max(1, len(fit.pages)):
        problems.append(
            Problem(
                located.where(("columns", "count")),
                "columns.count",
                f"gives {len(counts)} column counts for {len(fit.pages)} page counts in page.pages",
                "give one column count per page count, or a single number",
            )
        )
    if fit.body_max and not fit.body_min <= data["type"]["body"] <= fit.body_max:
        problems.append(
            Problem(
                located.where(("type", "body")),
                "type.body",
                f"{data['type']['body']} is outside fit.body ({fit.body_min} to {fit.body_max})",
                "give a body size within the range the fit may choose from",
            )
        )
    if list(fit.pages) != sorted(set(fit.pages)):
        problems.append(
            Problem(
                located.where(("page", "pages")),
                "page.pages",
                "list the page counts fewest first, each once",
                "e.g. pages: [2, 4]",
            )
        )
    if problems:
        raise ContentError(problems)
    printing = data.get("print", {})
    format = data["page"].get("format", "single")
    return Layout(
        name=name,
        paper=paper,
        page_size=page_size(paper, format),
        format=format,
        bleed=length(printing["bleed"]) if "bleed" in printing else None,
        marks=printing.get("marks", True),
        margins=read(Margins, data["margins"], {}),
        masthead=read(Masthead, data.get("masthead"), defaults("masthead")),
        running_header=data.get("running_header", False),
        hyphenate=data.get("hyphenate", True),
        page_numbers=footer.get("page_numbers", True),
        brand_line=footer.get("brand_line", True),
        type=type_scale,
        spacing=spacing,
        details=read(Details, data.get("details"), defaults("details")),
        fit=fit,
        columns=counts[0],
        column_gap=length(columns.get("gap", 18)),
        measure=data.get("measure", 80),
        long_lines=data.get("long_lines", "narrower"),
        comparisons=data.get("comparisons", "side-by-side"),
        edition_panel=data.get("edition", {}).get("panel", "top"),
        cover=data.get("cover", False),
    )


def _contrast_hint(foreground: str, background: str) -> str:
    if background == "white":
        return f"darken {foreground}"
    if background == "primary":
        return f"lighten {foreground} or darken {background}"
    return f"darken {foreground} or lighten {background}"


def load_brand(
    folder: Path, name: str, fonts: list[str], where: Location | None = None, confinement: Confinement | None = None
) -> Brand:
    """Load layouts/brands/<name>.yaml, checking its fonts exist and its logo file is there, inside `confinement`
    (by default, the project: the folder above layouts/); read and checked once per version of the file."""
    file = _find(folder, name, "brand", where)
    return _brand(file, *_version(file), folder, tuple(fonts), confinement or Confinement.of(folder.parent.parent))


@lru_cache(maxsize=64)
def _brand(file: Path, _modified: int, _size: int, folder: Path, fonts: tuple[str, ...], confinement: Confinement) -> Brand:
    located = load_yaml(file)
    validate(located, "brand")
    data = located.data
    problems = []
    named: list[tuple[tuple[Any, ...], str]] = [(("fonts", role), data["fonts"][role]) for role in ("body", "heading")]
    named += [
        (("fonts", "languages", lang, i), family)
        for lang, families in data["fonts"].get("languages", {}).items()
        for i, family in enumerate(families)
    ]
    for path, family in named:
        if family not in fonts:
            problems.append(
                Problem(
                    located.where(path),
                    ".".join(map(str, path)),
                    f"unknown font family '{family}'",
                    f"use one from fonts/fonts.yaml: {', '.join(sorted(fonts))}",
                )
            )
    colors = {"link": data["colors"]["primary"], "neutral_tint": "#F1F2F4", **data["colors"]}
    for pair, value in failures(colors):
        field = pair.foreground if pair.foreground in data["colors"] else "primary"
        criterion = "1.4.11 non-text" if pair.minimum == GRAPHICS else "1.4.3"
        problems.append(
            Problem(
                located.where(("colors", field)),
                f"colors.{field}",
                f"{pair.foreground} {colors[pair.foreground]} on {pair.background} "
                f"{colors.get(pair.background, '#FFFFFF')} has contrast {int(value * 100) / 100:.2f}:1; "
                f"{pair.used_for} need at least {pair.minimum:g}:1 (WCAG 2.2 {criterion})",
                _contrast_hint(pair.foreground, pair.background),
            )
        )
    logo = None
    if "logo" in data:
        logo = located.file.parent / data["logo"]["file"]
        refused = confinement.refusal(
            data["logo"]["file"], located.file.parent, located.where(("logo", "file")), "logo.file", "logo file"
        )
        if refused:
            problems.append(refused)
        elif not logo.is_file():
            problems.append(
                Problem(
                    located.where(("logo", "file")),
                    "logo.file",
                    f"logo file {logo.name} not found",
                    f"put it beside {located.file.name}",
                )
            )
    if problems:
        raise ContentError(problems)
    contact = data.get("contact", {})
    return Brand(
        name=data["name"],
        colors=colors,
        body_font=data["fonts"]["body"],
        heading_font=data["fonts"]["heading"],
        logo=logo,
        logo_alt=data.get("logo", {}).get("alt", ""),
        logo_height=length(data.get("logo", {}).get("height", "0.6in")),
        contact=tuple(contact[k] for k in ("phone", "email", "website", "address") if k in contact),
        font_languages={k: tuple(v) for k, v in data["fonts"].get("languages", {}).items()},
        cmyk={role: (c / 100, m / 100, y / 100, k / 100) for role, (c, m, y, k) in data.get("cmyk", {}).items()},
    )
