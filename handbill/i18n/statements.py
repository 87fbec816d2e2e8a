"""Funder statements, organisation notices and handbill's own labels as translatable strings: coverage per
language, and accepting translations checked against new English.

Their wording lives in content/funders.yaml, content/organisations.yaml and handbill/labels.yaml, hand-edited files
with comments, so accepting a translation rewrites only its `source:` hash in place, never the rest of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import labels
from ..errors import HandbillError
from ..labels import label_paths
from ..load import Located, load_yaml
from ..output import write_atomic
from ..validate import validate
from ..wording import Wording, wording
from .catalog import source_hash

REGISTRIES = ("funders", "organisations", "labels")


def registry_file(content: Path, registry: str) -> Path:
    """Where a registry's wording lives: the project's funders and organisations, handbill's own labels."""
    return labels.LABELS if registry == "labels" else content / f"{registry}.yaml"


@dataclass(frozen=True)
class Statement:
    id: str  # e.g. us-department-of-education, us-department-of-education.additions[0], peatc.not-legal-services
    path: tuple[Any, ...]
    wording: Wording


def _checked(file: Path, registry: str) -> Located:
    """A registry file, loaded and checked against its schema, so a mistake in it is named by line and field."""
    located = load_yaml(file)
    validate(located, registry)
    return located


def statements(located: Located, registry: str) -> list[Statement]:
    """Every translatable wording of a loaded registry file."""
    data = located.data
    out = []
    if registry == "labels":
        out = [Statement(".".join(path), path, wording(located, path)) for path in label_paths(data)]
    elif registry == "funders":
        for ident, entry in data.get("funders", {}).items():
            out.append(Statement(ident, ("funders", ident, "text"), wording(located, ("funders", ident, "text"))))
            for i, _ in enumerate(entry.get("additions", [])):
                path: tuple[Any, ...] = ("funders", ident, "additions", i, "text")
                out.append(Statement(f"{ident}.additions[{i}]", path, wording(located, path)))
            if "short_form" in entry:
                path = ("funders", ident, "short_form", "text")
                out.append(Statement(f"{ident}.short_form", path, wording(located, path)))
    else:
        for org, entry in data.get("organisations", {}).items():
            for notice in entry.get("notices") or {}:
                path = ("organisations", org, "notices", notice, "text")
                out.append(Statement(f"{org}.{notice}", path, wording(located, path)))
    return out


@dataclass(frozen=True)
class RegistryCoverage:
    """One language's translations of one registry file, for `i18n status`."""

    file: Path
    language: str
    total: int
    stale: list[str]
    missing: list[str]
    official: bool  # every translation there is an official one, not the project's draft


def coverage(content: Path) -> list[RegistryCoverage]:
    """Per registry file and language with any translation: what is stale or missing, by statement id."""
    out = []
    for registry in REGISTRIES:
        file = registry_file(content, registry)
        if not file.is_file():
            continue
        found = statements(_checked(file, registry), registry)
        for lang in sorted({lang for s in found for lang in s.wording.translations}):
            have = [s for s in found if lang in s.wording.translations]
            out.append(
                RegistryCoverage(
                    file,
                    lang,
                    len(found),
                    [s.id for s in have if lang in s.wording.stale()],
                    [s.id for s in found if lang not in s.wording.translations],
                    all(s.wording.translations[lang].official for s in have),
                )
            )
    return out


def accept(content: Path, registry: str, language: str, ids: list[str]) -> tuple[Path, int]:
    """Mark `language`'s stale translations (of `ids`, or all) in a registry as made from today's English."""
    file = registry_file(content, registry)
    located = _checked(file, registry)
    found = statements(located, registry)
    unknown = [i for i in ids if not any(s.id == i or s.id.startswith(f"{i}.") for s in found)]
    if unknown:
        raise HandbillError(f"no statement '{unknown[0]}' in {file} (hint: the statements are {', '.join(s.id for s in found)})")
    chosen = [s for s in found if not ids or s.id in ids or any(s.id.startswith(f"{i}.") for i in ids)]
    lines = file.read_text(encoding="utf-8").split("\n")
    count = 0
    for statement in chosen:
        if language not in statement.wording.stale():
            continue
        where = located.where((*statement.path, language, "source"))
        old = statement.wording.translations[language].source_hash
        line = lines[where.line - 1]
        start = where.column - 1
        if line[start : start + len(old)] != old:
            raise HandbillError(
                f"{where}: cannot find the source hash to update; set it to {source_hash(statement.wording.english)} by hand"
            )
        lines[where.line - 1] = line[:start] + source_hash(statement.wording.english) + line[start + len(old) :]
        count += 1
    if count:
        write_atomic(file, "\n".join(lines).encode("utf-8"))
    return file, count
