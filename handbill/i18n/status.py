"""`i18n status`: a table per document and language (and per registry of statements and labels), then each stale
and missing string by id, and the documents that have no file for a language others are translated into."""

from __future__ import annotations

from pathlib import Path

from ..load import load_yaml
from .catalog import is_translation
from .localize import load_localized
from .statements import coverage as registry_coverage

_HEAD = ("document", "lang", "translated", "stale", "missing", "review")


def report(content: Path, documents: list[str]) -> list[str]:
    """The lines `i18n status` prints for the documents named (all, and the registries, when none are)."""
    files = [f for f in sorted(content.glob("*/*.yaml")) if not documents or f.parent.name in documents]
    rows: list[tuple[str, ...]] = [_HEAD]
    stale, missing = [], []
    for file in files:
        coverage = load_localized(file).coverage
        rows.append(
            (
                file.parent.name,
                file.stem,
                f"{coverage.percent:.0f}%",
                str(len(coverage.stale)),
                str(len(coverage.missing)),
                coverage.review,
            )
        )
        stale += _named(f"{file.parent.name} {file.stem}", coverage.stale)
        missing += _named(f"{file.parent.name} {file.stem}", coverage.missing)
    for registry in registry_coverage(content) if not documents else []:
        have = registry.total - len(registry.missing)
        rows.append(
            (
                registry.file.name,
                registry.language,
                f"{100 * have / registry.total:.0f}%",
                str(len(registry.stale)),
                str(len(registry.missing)),
                "official" if registry.official else "draft",
            )
        )
        stale += _named(f"{registry.file.name} {registry.language}", registry.stale)
        missing += _named(f"{registry.file.name} {registry.language}", registry.missing)
    return (
        _table(rows)
        + _section("Stale (update, then generate.py i18n accept DOC LANG [ID]):", stale)
        + _section("Missing (printed in the source language):", missing)
        + _without_file(content, files)
    )


def _named(what: str, ids: list[str]) -> list[str]:
    return [f"  {what}: {', '.join(ids)}"] if ids else []


def _section(heading: str, lines: list[str]) -> list[str]:
    return ["", heading, *lines] if lines else []


def _without_file(content: Path, files: list[Path]) -> list[str]:
    """A line per document naming the languages it has no file for, among those any document is translated into."""
    languages = sorted({f.stem for f in content.glob("*/*.yaml") if is_translation(load_yaml(f))})
    have: dict[str, set[str]] = {}
    for file in files:
        have.setdefault(file.parent.name, set()).add(file.stem)
    lines = []
    for document, stems in have.items():
        absent = [language for language in languages if language not in stems]
        if absent:
            lines.append(f"  {document}: {', '.join(absent)} (start one: generate.py i18n export {document} {absent[0]})")
    return _section("No file yet:", lines)


def _table(rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(_HEAD))]
    return [
        "  ".join(cell.ljust(w) if i < 2 or i == 5 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths))).rstrip()
        for row in rows
    ]
