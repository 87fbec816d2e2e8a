"""Funder statements and organisation notices as translatable strings: coverage per language, and accepting
translations checked against new English.

Their wording lives in content/funders.yaml and content/organisations.yaml, hand-edited files with comments, so
accepting a translation rewrites only its `source:` hash in place, never the rest of the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import HandbillError
from ..load import Located, load_yaml
from ..output import write_atomic
from ..wording import Wording, wording
from .catalog import source_hash

REGISTRIES = {"funders": "funders.yaml", "organisations": "organisations.yaml"}


@dataclass(frozen=True)
class Statement:
    id: str  # e.g. us-department-of-education, us-department-of-education.additions[0], peatc.not-legal-services
    path: tuple[Any, ...]
    wording: Wording


def statements(located: Located, registry: str) -> list[Statement]:
    """Every translatable wording of a loaded registry file."""
    data = located.data
    out = []
    if registry == "funders":
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
            for notice in (entry.get("notices") or {}):
                path = ("organisations", org, "notices", notice, "text")
                out.append(Statement(f"{org}.{notice}", path, wording(located, path)))
    return out


def status_rows(content: Path) -> list[tuple[str, str, str, str, str, str]]:
    """Rows for `i18n status`: per registry file and language, translated %, stale, missing, and whether the
    translations are official or the project's drafts."""
    rows = []
    for registry, name in REGISTRIES.items():
        file = content / name
        if not file.is_file():
            continue
        found = statements(load_yaml(file), registry)
        languages = sorted({lang for s in found for lang in s.wording.translations})
        for lang in languages:
            have = [s for s in found if lang in s.wording.translations]
            stale = [s for s in have if lang in s.wording.stale()]
            official = all(s.wording.translations[lang].official for s in have)
            rows.append((name, lang, f"{100 * len(have) / len(found):.0f}%", str(len(stale)),
                         str(len(found) - len(have)), "official" if official else "draft"))
    return rows


def accept(content: Path, registry: str, language: str, ids: list[str]) -> tuple[Path, int]:
    """Mark `language`'s stale translations (of `ids`, or all) in a registry as made from today's English."""
    file = content / REGISTRIES[registry]
    located = load_yaml(file)
    found = statements(located, registry)
    unknown = [i for i in ids if not any(s.id == i or s.id.startswith(f"{i}.") for s in found)]
    if unknown:
        raise HandbillError(f"no statement '{unknown[0]}' in {file} (hint: the statements are "
                            f"{', '.join(s.id for s in found)})")
    chosen = [s for s in found if not ids or s.id in ids or any(s.id.startswith(f"{i}.") for i in ids)]
    lines = file.read_text(encoding="utf-8").split("\n")
    count = 0
    for statement in chosen:
        if language not in statement.wording.stale():
            continue
        where = located.where((*statement.path, language, "source"))
        old = statement.wording.translations[language].source
        line = lines[where.line - 1]
        start = where.column - 1
        if line[start:start + len(old)] != old:
            raise HandbillError(f"{where}: cannot find the source hash to update; set it to "
                                f"{source_hash(statement.wording.english)} by hand")
        lines[where.line - 1] = line[:start] + source_hash(statement.wording.english) + line[start + len(old):]
        count += 1
    if count:
        write_atomic(file, "\n".join(lines).encode("utf-8"))
    return file, count
