"""The funder registry: required disclaimer wording per funder and language, filled in with a document's grant facts.

A document only names funders and gives facts; the wording itself lives here, so no document can drop or
rephrase what a grant requires.
"""

from __future__ import annotations

import difflib
import math
import re
import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ContentError, Location, Problem
from .load import Located, field_name, load_yaml
from .model import Document
from .validate import validate

ORGANISATION = "organisation"
MAX_DOLLARS = 100_000_000_000  # no grant is larger: a bigger figure is a typing mistake


@dataclass(frozen=True)
class Disclaimer:
    """A filled-in disclaimer ready to print."""

    id: str
    kind: str  # "funder" or "organisation"
    text: str
    language: str


@dataclass(frozen=True)
class Registry:
    located: Located

    @property
    def funders(self) -> dict[str, Any]:
        return self.located.data.get("funders", {})

    @property
    def disclaimers(self) -> dict[str, Any]:
        return self.located.data.get("disclaimers", {}) or {}


def load_registry(file: Path) -> Registry:
    """Load and check content/funders.yaml: schema, and every placeholder names a declared fact."""
    located = load_yaml(file)
    validate(located, "funders")
    problems = []
    for group in ("funders", "disclaimers"):
        for ident, entry in (located.data.get(group) or {}).items():
            facts = set(entry.get("facts", {})) | {ORGANISATION}
            for lang, template in entry["text"].items():
                for name in _placeholders(template):
                    if name not in facts:
                        path = (group, ident, "text", lang)
                        problems.append(Problem(located.where(path), field_name(path),
                                                f"placeholder {{{name}}} is not a declared fact",
                                                f"declare it under facts, or use one of: {', '.join(sorted(facts))}"))
            for name in entry.get("percent_total", []):
                if entry.get("facts", {}).get(name, {}).get("kind") != "percent":
                    total_path = (group, ident, "percent_total")
                    problems.append(Problem(located.where(total_path), field_name(total_path),
                                            f"'{name}' is not a percent fact", "list only facts of kind percent"))
    if problems:
        raise ContentError(problems)
    return Registry(located)


def resolve(document: Document, registry: Registry) -> tuple[Disclaimer, ...]:
    """The disclaimers `document` must carry, filled in, in the order: funders, then organisation notices."""
    problems: list[Problem] = []
    out: list[Disclaimer] = []
    for ref in document.funders:
        entry = registry.funders.get(ref.id)
        if entry is None:
            problems.append(_unknown(ref.where, "funders", ref.id, registry.funders))
            continue
        values = _facts(entry, ref.facts, ref.fact_where, ref.where, ref.id, problems)
        if values is not None:
            out.append(_fill(ref.id, "funder", entry, values, document))
    for ident, where in document.disclaimers:
        entry = registry.disclaimers.get(ident)
        if entry is None:
            problems.append(_unknown(where, "disclaimers", ident, registry.disclaimers))
            continue
        values = _facts(entry, {}, {}, where, ident, problems)
        if values is not None:
            out.append(_fill(ident, "organisation", entry, values, document))
    if problems:
        raise ContentError(problems)
    return tuple(out)


def _unknown(where: Location, group: str, ident: str, known: dict[str, Any]) -> Problem:
    close = difflib.get_close_matches(ident, list(known), n=1)
    tip = f"did you mean '{close[0]}'? " if close else ""
    return Problem(where, group, f"'{ident}' is not in the funder registry",
                   f"{tip}known: {', '.join(sorted(known)) or 'none'}; add it to content/funders.yaml")


def _facts(entry: dict[str, Any], given: dict[str, object], given_where: dict[str, Location],
           where: Location, ident: str, problems: list[Problem]) -> dict[str, str] | None:
    """Check the facts a document gave against what the funder needs; return them formatted."""
    specs: dict[str, Any] = entry.get("facts", {})
    before = len(problems)
    values: dict[str, str] = {}
    for name in given:
        if name not in specs:
            problems.append(Problem(given_where[name], f"funders.{ident}.{name}", f"'{ident}' takes no fact '{name}'",
                                    f"facts for {ident}: {', '.join(specs) or 'none'}"))
    for name, spec in specs.items():
        field = f"funders.{ident}.{name}"
        example = f" (e.g. {name}: {spec['example']})" if "example" in spec else ""
        if name not in given:
            problems.append(Problem(where, field, f"missing grant fact '{name}': {spec['description']}",
                                    f"add it under this funder{example}; the build refuses a disclaimer without it"))
            continue
        value, at = given[name], given_where[name]
        error = _check(spec, value)
        if error:
            problems.append(Problem(at, field, f"'{value}' {error}", f"{spec['description']}{example}"))
        else:
            values[name] = _format(spec["kind"], value)
    percents = [given.get(n) for n in entry.get("percent_total", [])]
    total = sum(float(p) for p in percents if isinstance(p, (int, float)) and not isinstance(p, bool))
    if total > 100:
        problems.append(Problem(where, f"funders.{ident}", f"percentages add up to {total:g}, more than 100",
                                f"check {', '.join(entry['percent_total'])}"))
    return values if len(problems) == before else None


def _check(spec: dict[str, Any], value: object) -> str:
    kind = spec["kind"]
    if kind == "text":
        if not isinstance(value, str):
            return "must be text (put it in quotes)"
        if "pattern" in spec and not re.fullmatch(spec["pattern"], value):
            return "is not in the expected form"
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"must be a plain number{' of dollars without $ or commas' if kind == 'money' else ''}"
    if not math.isfinite(value):
        return "must be an ordinary number"
    if round(value, 2) != value:
        return "must have at most two decimals"
    if kind == "percent" and not 0 <= value <= 100:
        return "must be a percentage from 0 to 100"
    if kind == "money" and value < 0:
        return "must not be negative"
    if kind == "money" and value > MAX_DOLLARS:
        return f"is more than ${MAX_DOLLARS:,}; check the amount"
    return ""


def _format(kind: str, value: object) -> str:
    if kind == "money":
        amount = float(value) + 0.0  # type: ignore[arg-type]  # + 0.0 turns -0.0 into 0.0: never "$-0"
        return f"{amount:,.0f}" if amount.is_integer() else f"{amount:,.2f}"
    if kind == "percent":
        return f"{float(value):.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]
    return str(value)


def _fill(ident: str, kind: str, entry: dict[str, Any], values: dict[str, str], document: Document) -> Disclaimer:
    language = document.language if document.language in entry["text"] else "en"
    values = {**values, ORGANISATION: document.organisation.short_name}
    return Disclaimer(ident, kind, entry["text"][language].format(**values).strip(), language)


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
