"""What a build is about, without building anything: the project's folders, the options, where each output
goes, and what one build did. Kept free of ReportLab and PDF libraries, so `--help`, the incremental check and
the batch around the builds start in a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .limits import DEFAULT, Limits
from .model import Edition


@dataclass(frozen=True)
class Project:
    """Where a project's inputs live: content/, layouts/, layouts/brands/ and fonts/ under one root."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def layouts(self) -> Path:
        return self.root / "layouts"

    @property
    def brands(self) -> Path:
        return self.root / "layouts" / "brands"

    @property
    def fonts(self) -> Path:
        return self.root / "fonts"

    @property
    def funders(self) -> Path:
        return self.content / "funders.yaml"

    def sources(self) -> list[Path]:
        """Every content file, content/<doc-id>/<lang>.yaml, sorted by document then language."""
        return sorted(p for p in self.content.glob("*/*.yaml") if not p.parent.name.startswith(("_", ".")))


@dataclass(frozen=True)
class Options:
    """Choices that override what a document asks for."""

    layout: str | None = None
    brand: str | None = None
    paper: str | None = None
    invariant: bool = True
    check_only: bool = False  # lay out and check, but write nothing
    strict: bool = False  # refuse translations with missing or stale strings
    limits: Limits = DEFAULT
    assets: tuple[Path, ...] = ()  # folders outside the project that pictures may also come from
    profile: str = "screen"  # or "print": CMYK, bleed, crop marks, PDF/X-4, preflight, imposed by the layout's format
    marks: bool | None = None  # crop marks on print files; None: as the layout says
    edition: Edition | None = None  # the partner of a co-branded edition (see editions.py)


def output_file(out_dir: Path, source: Path, profile: str) -> Path:
    """build/<doc-id>/<doc-id>.<lang>.pdf, and print files in build/<doc-id>/print/, so neither replaces the other.

    A content file's folder is its document id and its name its language (loading refuses anything else), so
    the place is known before the file is read."""
    doc_id, language = source.parent.name, source.stem
    return out_dir / doc_id / ("print" if profile == "print" else "") / f"{doc_id}.{language}.pdf"


@dataclass(frozen=True)
class Inputs:
    """What one build read besides the fonts and handbill itself: the files, and the entries of the funder
    registry and of content/organisations.yaml. The incremental build keys an output on these."""

    files: tuple[Path, ...] = ()  # the content file, its source language's file, layout, brand, logo, pictures
    funders: tuple[str, ...] = ()
    organisation: str = ""  # "" when the document names no registered organisation


@dataclass
class Result:
    """What happened to one document: where it went, how big, how long it took."""

    content_file: Path  # the content file built
    doc_id: str = ""
    language: str = ""
    output: Path | None = None
    pages: int = 0
    size: int = 0
    digest: str = ""  # SHA-256 of the file written
    seconds: float = 0.0
    body: float = 0.0  # body size chosen to fill the layout's pages, in points
    spacing: float = 1.0  # how much the space between blocks grew to fill the last page
    target: int | None = None  # the page count the layout aimed at
    placeholders: list[str] = field(default_factory=list)  # example contact details the PDF prints
    notes: list[str] = field(default_factory=list)
    profile: str = "screen"
    layout: str = ""
    format: str = "single"
    trim: tuple[float, float] = (0.0, 0.0)  # the finished page, in points
    sheets: int = 0  # press sheets (sides) of an imposed print file; 0 when not imposed
    statements: list[str] = field(default_factory=list)  # the ids of the disclaimers printed
    inputs: Inputs = Inputs()
