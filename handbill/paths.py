"""Confinement: every file handbill reads or writes resolves, after symlinks, inside the project or an assets folder.

A content file, brand or translation is untrusted: `file: ../../etc/passwd`, an absolute path, a symlink out
of the project or `Language: ../funders` must never make handbill read or write there. Refusals name the
setting and never quote the refused file's content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Location, Problem, display

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")  # layout, brand and document names: no separators, no dots
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$")  # language[-Script][-REGION]


@dataclass(frozen=True)
class Confinement:
    """The folders files may come from (resolved); the first is the project."""

    roots: tuple[Path, ...]

    @classmethod
    def of(cls, project: Path, *assets: Path) -> Confinement:
        return cls(tuple(p.resolve() for p in (project, *assets)))

    def allows(self, path: Path) -> bool:
        resolved = path.resolve()
        return any(resolved.is_relative_to(root) for root in self.roots)

    def refusal(self, given: str, base: Path, where: Location, field: str, what: str) -> Problem | None:
        """Why `given` (a path relative to `base`) may not be used, or None if it lies inside the allowed folders."""
        if Path(given).is_absolute() or not self.allows(base / given):
            folders = " or ".join(display(r) for r in self.roots)
            return Problem(
                where,
                field,
                f"{what} '{given}' is outside the project folder",
                f"copy the file into {folders} and give its path from there",
            )
        return None


def outside(file: Path) -> Problem:
    """The refusal of a content file that is a link to somewhere outside the project (its content is never read)."""
    return Problem(
        Location(file),
        "",
        "this file is a link to a file outside the project folder; it was not read",
        "copy the file into the project instead of linking to it",
    )


def checked_name(name: str, what: str, where: Location, field: str = "") -> str:
    """A layout, brand or document name that cannot point anywhere else: letters, digits, '-' and '_'."""
    if not NAME.match(name):
        raise ContentError(
            [
                Problem(
                    where,
                    field,
                    f"'{name}' is not a valid {what} name",
                    "use letters, digits, '-' and '_' only (the file name without .yaml)",
                )
            ]
        )
    return name


def is_language_tag(code: str) -> bool:
    """A BCP 47 language tag of the forms handbill uses: en, es, pt-BR, zh-Hans, sr-Latn-RS, es-419."""
    return bool(BCP47.match(code))
