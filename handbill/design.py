"""Layouts and brands: the data that decides how a document looks, loaded from layouts/.

Layouts carry geometry and type scale, brands carry colour, fonts, logo and contact line. Both are YAML so
a designer can change them without touching code.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LEGAL, LETTER
from reportlab.lib.units import inch

from .contrast import GRAPHICS, failures
from .errors import ContentError, Location, Problem
from .load import load_yaml
from .paths import Confinement, checked_name, outside
from .units import length
from .validate import validate

PAPER = {"letter": LETTER, "a4": A4, "legal": LEGAL}


@dataclass(frozen=True)
class Layout:
    """Page geometry, type scale and page furniture of one layout."""

    name: str
    paper: str
    page_size: tuple[float, float]
    max_pages: int | None
    margins: dict[str, float]
    masthead: dict[str, float]
    running_header: bool
    hyphenate: bool
    page_numbers: bool
    brand_line: bool
    type: dict[str, float]
    spacing: dict[str, float]

    fit_step: float = 0.0
    fit_max: float = 0.0

    def with_paper(self, paper: str) -> "Layout":
        return Layout(**{**self.__dict__, "paper": paper, "page_size": PAPER[paper]})

    def shrunk(self, points: float) -> "Layout":
        """The same layout with body type `points` smaller and everything else scaled alike."""
        factor = (self.type["body"] - points) / self.type["body"]
        return Layout(**{**self.__dict__, "type": {k: v * factor if k != "leading" else v for k, v in self.type.items()},
                         "spacing": {k: v * factor for k, v in self.spacing.items()}})


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
    footer: str
    contact: tuple[str, ...]
    font_languages: dict[str, tuple[str, ...]]


def available(folder: Path) -> list[str]:
    """Names of the YAML files in `folder` (the layouts or brands one can pick)."""
    return sorted(p.stem for p in folder.glob("*.yaml"))


def _find(folder: Path, name: str, what: str, where: Location | None) -> Path:
    file = folder / f"{checked_name(name, what, where or Location(folder))}.yaml"
    if file.is_file():
        if not file.resolve().is_relative_to(folder.resolve()):
            raise ContentError([outside(file)])
        return file
    names = available(folder)
    close = difflib.get_close_matches(name, names, n=1)
    tip = f"did you mean '{close[0]}'? " if close else ""
    raise ContentError([Problem(where or Location(folder), what, f"unknown {what} '{name}'",
                                f"{tip}available: {', '.join(names) or 'none'} (in {folder})")])


def load_layout(folder: Path, name: str, where: Location | None = None) -> Layout:
    """Load layouts/<name>.yaml."""
    located = load_yaml(_find(folder, name, "layout", where))
    validate(located, "layout")
    data = located.data
    type_scale = {"title": 26, "subtitle": 13, "lead": 1.15 * data["type"]["body"], "h2": 14, "h3": 11.5,
                  "small": 7.5, **data["type"]}
    spacing = {"item": 3, "gutter": 14, **data["spacing"]}
    masthead = {"min_height": 1.4 * inch, "padding": 0.35 * inch, "stripe": 6, **data.get("masthead", {})}
    footer = data.get("footer", {})
    paper = data["page"]["size"]
    return Layout(
        name=name, paper=paper, page_size=PAPER[paper], max_pages=data["page"].get("max_pages"),
        margins={k: length(v) for k, v in data["margins"].items()},
        masthead={k: length(v) for k, v in masthead.items()},
        running_header=data.get("running_header", False), hyphenate=data.get("hyphenate", True),
        page_numbers=footer.get("page_numbers", True), brand_line=footer.get("brand_line", True),
        type={k: float(v) for k, v in type_scale.items()},
        spacing={k: length(v) for k, v in spacing.items()},
        fit_step=length(data.get("fit", {}).get("step", 0)), fit_max=length(data.get("fit", {}).get("max", 0)),
    )


def _contrast_hint(foreground: str, background: str) -> str:
    if background == "white":
        return f"darken {foreground}"
    if background == "primary":
        return f"lighten {foreground} or darken {background}"
    return f"darken {foreground} or lighten {background}"


def load_brand(folder: Path, name: str, fonts: list[str], where: Location | None = None,
               confinement: Confinement | None = None) -> Brand:
    """Load layouts/brands/<name>.yaml, checking its fonts exist and its logo file is there, inside `confinement`
    (by default, the project: the folder above layouts/)."""
    located = load_yaml(_find(folder, name, "brand", where))
    validate(located, "brand")
    data = located.data
    problems = []
    named: list[tuple[tuple[Any, ...], str]] = [(("fonts", role), data["fonts"][role]) for role in ("body", "heading")]
    named += [(("fonts", "languages", lang, i), family) for lang, families in data["fonts"].get("languages", {}).items()
              for i, family in enumerate(families)]
    for path, family in named:
        if family not in fonts:
            problems.append(Problem(located.where(path), ".".join(map(str, path)), f"unknown font family '{family}'",
                                    f"use one from fonts/fonts.yaml: {', '.join(sorted(fonts))}"))
    colors = {"link": data["colors"]["primary"], **data["colors"]}
    for pair, value in failures(colors):
        field = pair.foreground if pair.foreground in data["colors"] else "primary"
        criterion = "1.4.11 non-text" if pair.minimum == GRAPHICS else "1.4.3"
        problems.append(Problem(
            located.where(("colors", field)), f"colors.{field}",
            f"{pair.foreground} {colors[pair.foreground]} on {pair.background} "
            f"{colors.get(pair.background, '#FFFFFF')} has contrast {int(value * 100) / 100:.2f}:1; "
            f"{pair.used_for} need at least {pair.minimum:g}:1 (WCAG 2.2 {criterion})",
            _contrast_hint(pair.foreground, pair.background)))
    logo = None
    if "logo" in data:
        logo = located.file.parent / data["logo"]["file"]
        refused = (confinement or Confinement.of(folder.parent.parent)).refusal(
            data["logo"]["file"], located.file.parent, located.where(("logo", "file")), "logo.file", "logo file")
        if refused:
            problems.append(refused)
        elif not logo.is_file():
            problems.append(Problem(located.where(("logo", "file")), "logo.file", f"logo file {logo.name} not found",
                                    f"put it beside {located.file.name}"))
    if problems:
        raise ContentError(problems)
    contact = data.get("contact", {})
    return Brand(
        name=data["name"], colors=colors,
        body_font=data["fonts"]["body"], heading_font=data["fonts"]["heading"],
        logo=logo, logo_alt=data.get("logo", {}).get("alt", ""),
        logo_height=length(data.get("logo", {}).get("height", "0.6in")),
        footer=data.get("footer", ""),
        contact=tuple(contact[k] for k in ("phone", "email", "website", "address") if k in contact),
        font_languages={k: tuple(v) for k, v in data["fonts"].get("languages", {}).items()},
    )
