"""One error hierarchy, so the CLI can turn any expected failure into a message instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where a value came from: a file and, when known, its 1-based line and column."""

    file: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        name = display(self.file)
        if self.line:
            return f"{name}:{self.line}:{self.column}"
        return name


def display(path: Path) -> str:
    """Show paths relative to the working directory when they are below it: shorter and clickable."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve())) or "."
    except ValueError:
        return str(path)


class HandbillError(Exception):
    """Base of every error handbill expects and reports to the user."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where, which field, what, and what to do about it."""

    where: Location
    field: str
    message: str
    hint: str = ""

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        hint = f" (hint: {self.hint})" if self.hint else ""
        return f"{self.where}: {field}{self.message}{hint}"


class ContentError(HandbillError):
    """An input file (content, layout, brand, funder registry) is wrong; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (str(p.where.file), p.where.line, p.where.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class BuildError(HandbillError):
    """The content is valid but the PDF cannot be made as promised (overflow, a lost disclaimer, ...)."""
