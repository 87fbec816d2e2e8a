"""The funder registry: required statements per funder and language, with their sources, filled in with a grant's facts.

A document only names funders and gives facts; the wording itself lives in content/funders.yaml, so no document
can drop or rephrase what a grant requires. Organisation notices come from content/organisations.yaml (see
organisations.py) and are appended after the funders' statements.
"""

from __future__ import annotations

import difflib
import math
import re
import string
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import grants
from .errors import ContentError, Location, Problem
from .load import Located, field_name, load_yaml
from .model import Document, FunderRef
from .organisations import ORGANISATION, Organisation, load_organisations, organisations_file
from .paths import Confinement
from .units import length
from .validate import schema, validate
from .wording import SOURCE_LANGUAGE, Wording, wording

PUBLICATION = "publication"
SECTION_505 = "section_505"


@dataclass(frozen=True)
class Disclaimer:
    """A filled-in statement ready to print, with what a compliance report needs to say about it."""

    id: str
    kind: str  # "funder" or "organisation"
    text: str
    language: str
    stale: bool = False  # a translation made from English that has changed since
    citation: str = ""  # the regulation or grant term the wording comes from
    official: str = ""  # where an official translation comes from; "" for English or a draft
    form: str = "full"  # or "short": the funder's short form, chosen for a small page
    facts: dict[str, str] = field(default_factory=dict)  # grant number and figures, as printed
    notes: tuple[str, ...] = ()  # things worth checking that do not stop the build
    stale_where: tuple[Location, ...] = ()  # the stale translations' text, for --strict to name


@dataclass(frozen=True)
class Choice:
    code: str
    name: str
    award_prefixes: tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    name: str
    kind: str  # text, percent, money or choice
    description: str
    pattern: str = ""
    optional: bool = False
    choices: dict[str, Choice] = field(default_factory=dict)
    suggested_by: str = ""
    example: object = None


@dataclass(frozen=True)
class Funder:
    id: str
    name: str
    citation: str
    facts: dict[str, Fact]
    section_505: str  # "required", "optional" or "" (the funder is not under Section 505)
    wording: Wording
    additions: tuple[tuple[str, Wording], ...]  # (fact or section_505, sentence printed when it is given)
    short_form: tuple[float, Wording] | None  # (pages narrower than this, in points, print this instead)


@dataclass(frozen=True)
class Registry:
    funders: dict[str, Funder]
    publication_types: dict[str, str]
    organisations: dict[str, Organisation]
    file: Path


def load_registry(file: Path, confinement: Confinement | None = None) -> Registry:
    """Load and check content/funders.yaml (and content/organisations.yaml beside it): schema, sources, placeholders
    that name declared facts, translations that keep every fact of the English."""
    located = load_yaml(file)
    if isinstance(located.data, dict) and "disclaimers" in located.data:
        raise ContentError(
            [
                Problem(
                    located.where(("disclaimers",), key=True),
                    "disclaimers",
                    "organisation notices are no longer kept in the funder registry",
                    "move each under its organisation's notices: in content/organisations.yaml",
                )
            ]
        )
    validate(located, "funders")
    problems: list[Problem] = []
    funders = {ident: _funder(located, ident, problems) for ident in located.data["funders"]}
    kinds = schema("document")["properties"]["kind"]["enum"]
    types = located.data["publication_types"]
    problems += [
        Problem(
            located.where(("publication_types",)),
            "publication_types",
            f"no name for documents of kind '{k}'",
            f"add {k}: <what it is called>, e.g. handout",
        )
        for k in kinds
        if k not in types
    ]
    if problems:
        raise ContentError(problems)
    organisations = load_organisations(organisations_file(file.parent), confinement)
    return Registry(funders, types, organisations, file)


def _funder(located: Located, ident: str, problems: list[Problem]) -> Funder:
    entry = located.data["funders"][ident]
    path = ("funders", ident)
    facts = {name: _fact(name, spec) for name, spec in (entry.get("facts") or {}).items()}
    section_505 = entry.get(SECTION_505, "")
    additions = tuple(
        (a["when"], wording(located, (*path, "additions", i, "text"))) for i, a in enumerate(entry.get("additions", []))
    )
    short = entry.get("short_form")
    short_form = (length(short["page_narrower_than"]), wording(located, (*path, "short_form", "text"))) if short else None
    funder = Funder(
        ident,
        entry["name"],
        entry["source"]["citation"],
        facts,
        section_505,
        wording(located, (*path, "text")),
        additions,
        short_form,
    )
    known = set(facts) | {ORGANISATION, PUBLICATION} | {f"{n}_name" for n, f in facts.items() if f.kind == "choice"}
    known |= set(grants.FIGURES) if section_505 else set()
    texts: list[tuple[tuple[Any, ...], Wording]] = [((*path, "text"), funder.wording)]
    texts += [((*path, "additions", i, "text"), w) for i, (_, w) in enumerate(additions)]
    texts += [((*path, "short_form", "text"), short_form[1])] if short_form else []
    for text_path, text in texts:
        problems += _placeholder_problems(located, text_path, text, known)
    for i, (when, _) in enumerate(additions):
        if when not in facts and not (when == SECTION_505 and section_505):
            where = (*path, "additions", i, "when")
            problems.append(
                Problem(
                    located.where(where),
                    field_name(where),
                    f"'{when}' is not a fact of {ident}",
                    f"name one of its facts ({', '.join(facts) or 'none'})" + (" or section_505" if section_505 else ""),
                )
            )
    for name, fact in facts.items():
        if fact.suggested_by and fact.suggested_by not in facts:
            where = (*path, "facts", name, "suggested_by")
            problems.append(
                Problem(
                    located.where(where),
                    field_name(where),
                    f"'{fact.suggested_by}' is not a fact of {ident}",
                    f"name one of: {', '.join(facts)}",
                )
            )
    return funder


def _fact(name: str, spec: dict[str, Any]) -> Fact:
    choices = {
        code: Choice(code, c["name"], tuple(c.get("award_prefixes", ()))) for code, c in (spec.get("choices") or {}).items()
    }
    return Fact(
        name,
        spec["kind"],
        spec["description"],
        spec.get("pattern", ""),
        spec.get("optional", False),
        choices,
        spec.get("suggested_by", ""),
        spec.get("example"),
    )


def _placeholder_problems(located: Located, path: tuple[Any, ...], text: Wording, known: set[str]) -> list[Problem]:
    """Every placeholder names something the registry fills in; a translation keeps every fact of the English
    (the grant number and figures are part of what is required), while {publication} and names may be reworded."""
    problems = []
    required = {n for n in _placeholders(text.english) if n not in (PUBLICATION, ORGANISATION) and not n.endswith("_name")}
    for language in text.languages():
        template = text.english if language == SOURCE_LANGUAGE else text.translations[language].text
        where = (*path, language) if language == SOURCE_LANGUAGE else (*path, language, "text")
        names = set(_placeholders(template))
        for name in sorted(names - known):
            problems.append(
                Problem(
                    located.where(where),
                    field_name(where),
                    f"placeholder {{{name}}} is not a declared fact",
                    f"declare it under facts, or use one of: {', '.join(sorted(known))}",
                )
            )
        for name in sorted(required - names) if language != SOURCE_LANGUAGE else []:
            problems.append(
                Problem(
                    located.where(where),
                    field_name(where),
                    f"the {language} wording leaves out {{{name}}}",
                    "a translation must print every fact the English prints",
                )
            )
    return problems


def resolve(document: Document, registry: Registry, page_width: float | None = None) -> tuple[Disclaimer, ...]:
    """The statements `document` must carry, filled in, in order: funders, then organisation notices. On a page
    narrower than a funder's short form allows (`page_width`, in points), that funder's short form is printed."""
    problems: list[Problem] = []
    out: list[Disclaimer] = []
    for ref in document.funders:
        funder = registry.funders.get(ref.id)
        if funder is None:
            problems.append(
                _unknown(
                    ref.where, "funders", ref.id, list(registry.funders), "the funder registry", "add it to content/funders.yaml"
                )
            )
            continue
        filled = _funder_statement(funder, ref, document, registry, page_width, problems)
        if filled is not None:
            out.append(filled)
    out += _notices(document, registry, problems)
    if problems:
        raise ContentError(problems)
    return tuple(out)


def _funder_statement(
    funder: Funder, ref: FunderRef, document: Document, registry: Registry, page_width: float | None, problems: list[Problem]
) -> Disclaimer | None:
    before = len(problems)
    values, notes = _facts(funder, ref, problems)
    if len(problems) > before:
        return None
    short = funder.short_form is not None and page_width is not None and page_width < funder.short_form[0]
    main = funder.short_form[1] if short and funder.short_form else funder.wording
    parts = [main] + [
        text
        for when, text in funder.additions
        if not short and (when in values or (when == SECTION_505 and grants.FEDERAL_AMOUNT in values))
    ]
    values = {**values, ORGANISATION: document.organisation.short_name, PUBLICATION: registry.publication_types[document.kind]}
    text, language, stale, official = _compose(parts, document.language, values)
    shown = {k: v for k, v in values.items() if k in ref.facts or k in grants.FIGURES and grants.FEDERAL_AMOUNT in values}
    return Disclaimer(
        funder.id,
        "funder",
        text,
        language,
        bool(stale),
        funder.citation,
        official,
        "short" if short else "full",
        shown,
        notes,
        stale,
    )


def _compose(parts: list[Wording], language: str, values: dict[str, str]) -> tuple[str, str, tuple[Location, ...], str]:
    """The parts in `language` when every part has it (else all in English, so one statement is one language);
    with where any stale part is written."""
    chosen = [part.chosen(language) for part in parts]
    if any(c.language != language for c in chosen):
        chosen = [part.chosen(SOURCE_LANGUAGE) for part in parts]
    text = " ".join(" ".join(c.text.format(**values).split()) for c in chosen)
    return text, chosen[0].language, tuple(c.where for c in chosen if c.stale), chosen[0].official


def _notices(document: Document, registry: Registry, problems: list[Problem]) -> list[Disclaimer]:
    organisation = registry.organisations.get(document.organisation.id)
    notices = organisation.notices if organisation else {}
    chosen = [n for n in notices.values() if n.default]
    for ident, where in document.notices.add + document.notices.drop:
        if ident not in notices:
            owner = document.organisation.name
            problems.append(
                _unknown(
                    where,
                    "notices",
                    ident,
                    list(notices),
                    f"the notices of {owner}",
                    "add it under the organisation's notices: in content/organisations.yaml"
                    if organisation
                    else "name a registered organisation (organisation: <id> from "
                    "content/organisations.yaml) to print its notices",
                )
            )
    dropped = {ident for ident, _ in document.notices.drop}
    chosen += [notices[i] for i, _ in document.notices.add if i in notices and notices[i] not in chosen]
    values = {ORGANISATION: document.organisation.short_name}
    out = []
    for notice in chosen:
        if notice.id not in dropped:
            text, language, stale, official = _compose([notice.wording], document.language, values)
            out.append(
                Disclaimer(
                    notice.id,
                    "organisation",
                    text,
                    language,
                    bool(stale),
                    f"{document.organisation.name} notice",
                    official,
                    stale_where=stale,
                )
            )
    return out


def _unknown(where: Location, group: str, ident: str, known: list[str], registry: str, hint: str) -> Problem:
    close = difflib.get_close_matches(ident, known, n=1)
    tip = f"did you mean '{close[0]}'? " if close else ""
    return Problem(where, group, f"'{ident}' is not in {registry}", f"{tip}known: {', '.join(sorted(known)) or 'none'}; {hint}")


def _facts(funder: Funder, ref: FunderRef, problems: list[Problem]) -> tuple[dict[str, str], tuple[str, ...]]:
    """Check the facts a document gave against what the funder needs; return them as printed (figures worked
    out), and notes on facts that look inconsistent without being wrong."""
    figures = grants.FIGURES if funder.section_505 else {}
    values: dict[str, str] = {}
    notes: list[str] = []
    for name in ref.facts:
        if name not in funder.facts and name not in figures:
            takes = [*funder.facts, *figures]
            problems.append(
                Problem(
                    ref.fact_where[name],
                    f"funders.{ref.id}.{name}",
                    f"'{ref.id}' takes no fact '{name}'",
                    f"facts for {ref.id}: {', '.join(takes) or 'none'}",
                )
            )
    for name, fact in funder.facts.items():
        fieldname = f"funders.{ref.id}.{name}"
        example = f" (e.g. {name}: {fact.example})" if fact.example is not None else ""
        if name not in ref.facts:
            if not fact.optional:
                problems.append(
                    Problem(
                        ref.where,
                        fieldname,
                        f"missing grant fact '{name}': {fact.description}",
                        f"add it under this funder{example}{_suggestion(funder, fact, ref)}; the build "
                        "refuses a statement without it",
                    )
                )
            continue
        value, at = ref.facts[name], ref.fact_where[name]
        if fact.kind == "choice":
            chosen = _choice(fact, value)
            if chosen is None:
                listed = ", ".join(f"{c.code} ({c.name})" for c in fact.choices.values())
                problems.append(
                    Problem(
                        at,
                        fieldname,
                        f"'{value}' is not one of the {name} choices",
                        f"{fact.description}: {listed}{_suggestion(funder, fact, ref)}",
                    )
                )
                continue
            values[name], values[f"{name}_name"] = chosen.code, chosen.name
            notes += _prefix_notes(funder, fact, chosen, ref)
            continue
        error = _check(fact.kind, fact.pattern, value)
        if error:
            problems.append(Problem(at, fieldname, f"'{value}' {error}", f"{fact.description}{example}"))
        else:
            values[name] = _format(fact.kind, value)
    values.update(_figures(funder, ref, values, problems))
    return values, tuple(notes)


def _figures(funder: Funder, ref: FunderRef, values: dict[str, str], problems: list[Problem]) -> dict[str, str]:
    """The Section 505 figures as printed, worked out from those the grant gives; none when the funder does not
    ask for them (or asks only when given, and none are)."""
    given = {name: ref.facts[name] for name in grants.FIGURES if name in ref.facts}
    if not funder.section_505 or (funder.section_505 == "optional" and not given):
        return {}
    exact: dict[str, Decimal] = {}
    for name, value in given.items():
        kind, description = grants.FIGURES[name]
        error = _check(kind, "", value)
        if error:
            problems.append(Problem(ref.fact_where[name], f"funders.{ref.id}.{name}", f"'{value}' {error}", description))
        else:
            exact[name] = Decimal(str(value))
    if len(exact) < len(given):
        return {}
    try:
        return grants.derive(exact).printed()
    except grants.FiguresError as exc:
        grant = _grant_number(funder, values)
        listed = ", ".join(f"{name} {value}" for name, value in given.items())
        what = "do not add up" if exc.mismatch else "are not enough"
        where = ref.fact_where.get(exc.field, ref.where)
        problems.append(
            Problem(
                where,
                f"funders.{ref.id}",
                f"the Section 505 figures of {grant} {what} ({listed or 'none given'}): {exc.message}",
                exc.hint,
            )
        )
        return {}


def _grant_number(funder: Funder, values: dict[str, str]) -> str:
    for name in funder.facts:
        if name.endswith("_number") and name in values:
            return f"{funder.name} award {values[name]}"
    return f"the {funder.name} grant"


def _choice(fact: Fact, value: object) -> Choice | None:
    """The choice named by its code or full name, in any case ('hrsa', 'Health Resources and Services Administration')."""
    wanted = str(value).strip().casefold()
    return next((c for c in fact.choices.values() if wanted in (c.code.casefold(), c.name.casefold())), None)


def _suggested(fact: Fact, ref: FunderRef) -> Choice | None:
    """The choice an award number's prefix identifies (e.g. 90DD... is ACL's), ignoring a leading type digit."""
    number = str(ref.facts.get(fact.suggested_by, "")).replace(" ", "").upper()
    candidates = [number, re.sub(r"^\d(?=[A-Z])", "", number)]
    return (
        next(
            (c for c in fact.choices.values() for prefix in c.award_prefixes if any(n.startswith(prefix) for n in candidates)),
            None,
        )
        if number
        else None
    )


def _suggestion(funder: Funder, fact: Fact, ref: FunderRef) -> str:
    suggested = _suggested(fact, ref) if fact.kind == "choice" and fact.suggested_by else None
    if suggested is None:
        return ""
    return (
        f"; {fact.suggested_by} {ref.facts[fact.suggested_by]} looks like an award of {suggested.code} "
        f"({suggested.name}): {fact.name}: {suggested.code}?"
    )


def _prefix_notes(funder: Funder, fact: Fact, chosen: Choice, ref: FunderRef) -> list[str]:
    suggested = _suggested(fact, ref) if fact.suggested_by else None
    if suggested is None or suggested == chosen:
        return []
    return [
        f"{funder.id}: {fact.suggested_by} {ref.facts[fact.suggested_by]} looks like an award of {suggested.code}, "
        f"but {fact.name} is {chosen.code}; check the notice of award"
    ]


def _check(kind: str, pattern: str, value: object) -> str:
    if kind == "text":
        if not isinstance(value, str):
            return "must be text (put it in quotes)"
        if pattern and not re.fullmatch(pattern, value):
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
    if kind == "money" and value > grants.MAX_DOLLARS:
        return f"is more than ${grants.MAX_DOLLARS:,}; check the amount"
    return ""


def _format(kind: str, value: object) -> str:
    if kind == "money":
        amount = float(value) + 0.0  # type: ignore[arg-type]  # + 0.0 turns -0.0 into 0.0: never "$-0"
        return f"{amount:,.0f}" if amount.is_integer() else f"{amount:,.2f}"
    if kind == "percent":
        return f"{float(value):.2f}".rstrip("0").rstrip(".")  # type: ignore[arg-type]
    return str(value)


def _placeholders(template: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(template) if name is not None]
