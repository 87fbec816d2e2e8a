"""Co-branded editions: one row per school or partner (CSV or YAML) gives its name, logo, contact lines,
languages and copies; each row yields its own edition of the chosen documents, with the partner's panel beside the
organisation's brand and the funders' statements unchanged.

Every row is checked on its own, so one bad phone number stops that partner, not the run; each problem names the
file, row and column. Content may carry the partner's details where it wants them, as `{partner.name}`,
`{partner.phone}` and the like, filled per edition (and with the organisation's own details in a plain build).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ContentError, Location, Problem
from .inline import parse
from .load import load_yaml
from .model import Document, Edition, Text, map_texts
from .paths import Confinement

FIELDS = ("name", "phone", "email", "website", "address", "hours")  # what `{partner.<field>}` may name
COLUMNS = (*FIELDS, "logo", "languages", "copies")
WORDED = ("name", "address", "hours")  # fields a partner may give per language, as columns such as `hours.es`
_WORDED_COLUMN = re.compile(rf"^({'|'.join(WORDED)})\.([A-Za-z]{{2,3}}(?:-[A-Za-z0-9]{{2,8}})*)$")
PLACEHOLDER = re.compile(r"\{partner\.([A-Za-z_][\w-]*)\}")
_PHONE = re.compile(r"^\+?[\d\s().-]{7,20}(?:\s*(?:x|ext\.?)\s*\d{1,6})?$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
_WEBSITE = re.compile(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?$")
_LANGUAGES = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Partner:
    """One checked row: who the edition is for, the languages and copies it wants, and where its files go."""

    row: int
    slug: str
    values: dict[str, str]  # the FIELDS it gave
    logo: Path | None = None
    languages: tuple[str, ...] = ()  # () for every language the document has
    copies: int | None = None
    worded: dict[str, dict[str, str]] = field(default_factory=dict)  # language -> the WORDED fields it gave in it

    @property
    def edition(self) -> Edition:
        def made(values: dict[str, str]) -> Edition:
            lines = [values[name] for name in FIELDS[1:] if values.get(name)]
            return Edition(values["name"], tuple(lines), self.logo, tuple(sorted(values.items())))

        other = tuple((language, made({**self.values, **given})) for language, given in sorted(self.worded.items()))
        return replace(made(self.values), languages=other)


@dataclass
class Partners:
    """The rows that passed, and a problem for each that did not."""

    partners: list[Partner] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def load_partners(file: Path, confinement: Confinement, known_languages: set[str]) -> Partners:
    """Read a CSV or YAML partners file; a file that cannot be read at all is a ContentError, a bad row a problem."""
    rows = _rows(file)
    result = Partners()
    slugs: dict[str, int] = {}
    for number, (where, row) in enumerate(rows, start=1):
        problems = _check(file, number, where, row, confinement, known_languages)
        if problems:
            result.problems += problems
            continue
        slug = _unique(slugify(row["name"]), slugs)
        logo = file.parent / row["logo"] if row.get("logo") else None
        languages = tuple(lang for lang in _LANGUAGES.split(row.get("languages", "").strip()) if lang)
        copies = int(row["copies"]) if row.get("copies") else None
        worded: dict[str, dict[str, str]] = {}
        for _, name, language, value in _worded(row):
            worded.setdefault(language, {})[name] = value
        values = {k: row[k].strip() for k in FIELDS if row.get(k, "").strip()}
        result.partners.append(Partner(number, slug, values, logo, languages, copies, worded))
    return result


def _worded(row: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """The row's fields given in a language: (column, field, language, value) for each such column filled in."""
    return [
        (column, match.group(1), match.group(2), value.strip())
        for column, value in row.items()
        if (match := _WORDED_COLUMN.match(column)) and value.strip()
    ]


def _known_column(name: str) -> bool:
    return name in COLUMNS or bool(_WORDED_COLUMN.match(name))


def _rows(file: Path) -> list[tuple[Location, dict[str, str]]]:
    """Each row with where it starts; CSV headers and YAML keys must be among COLUMNS."""
    if file.suffix.lower() in (".yaml", ".yml"):
        located = load_yaml(file)
        entries = (located.data or {}).get("partners") if isinstance(located.data, dict) else None
        if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
            raise ContentError(
                [
                    Problem(
                        located.where(("partners",)),
                        "partners",
                        "expected a list of partners",
                        "write partners: followed by one '- name: ...' entry per partner",
                    )
                ]
            )
        unknown = [(i, key) for i, entry in enumerate(entries) for key in entry if not _known_column(str(key))]
        if unknown:
            raise ContentError(
                [
                    Problem(
                        located.where(("partners", i, key), key=True),
                        f"partners[{i}].{key}",
                        f"unknown column '{key}'",
                        f"use: {', '.join(COLUMNS)}, or {', '.join(WORDED)} in a language, e.g. hours.es",
                    )
                    for i, key in unknown
                ]
            )
        return [
            (located.where(("partners", i)), {k: "" if v is None else str(v) for k, v in entry.items()})
            for i, entry in enumerate(entries)
        ]
    try:
        with file.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = [name.strip() for name in reader.fieldnames or []]
            hint = (
                f"the first line names the columns: {', '.join(COLUMNS)} (name is required); "
                f"{', '.join(WORDED)} may also be given per language, e.g. hours.es"
            )
            problems = [
                Problem(Location(file, 1), "", f"unknown column '{name}'", hint) for name in header if not _known_column(name)
            ]
            problems += [Problem(Location(file, 1), "", "no 'name' column", hint)] if "name" not in header else []
            if problems:
                raise ContentError(problems)
            return [(Location(file, reader.line_num), {k.strip(): (v or "") for k, v in row.items() if k}) for row in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ContentError(
            [
                Problem(
                    Location(file),
                    "",
                    f"cannot read the partners file ({exc})",
                    "save it as UTF-8 CSV (or YAML) and check the path",
                )
            ]
        ) from None


def _check(
    file: Path, number: int, where: Location, row: dict[str, str], confinement: Confinement, known_languages: set[str]
) -> list[Problem]:
    """Every problem of one row, each naming the row and column."""
    problems = []

    def problem(column: str, message: str, hint: str) -> None:
        problems.append(Problem(where, f"row {number}, column {column}", message, hint))

    value = {k: row.get(k, "").strip() for k in COLUMNS}
    if not value["name"]:
        problem("name", "no name", "give the school's or partner's name as it should print")
    if value["phone"] and not (_PHONE.match(value["phone"]) and sum(c.isdigit() for c in value["phone"]) >= 7):
        problem("phone", f"'{value['phone']}' is not a phone number", "write it as families dial it, e.g. (804) 555-0123")
    if value["email"] and not _EMAIL.match(value["email"]):
        problem("email", f"'{value['email']}' is not an email address", "e.g. frontdesk@school.example")
    if value["website"] and not _WEBSITE.match(value["website"]):
        problem("website", f"'{value['website']}' is not a web address", "e.g. www.school.example or https://...")
    if value["logo"]:
        refused = confinement.refusal(value["logo"], file.parent, where, f"row {number}, column logo", "logo file")
        if refused:
            problems.append(refused)
        elif not (file.parent / value["logo"]).is_file():
            problem("logo", f"logo file {value['logo']} not found", f"put it beside {file.name}, or leave the column empty")
    for column, _, language, _ in _worded(row):
        if language not in known_languages:
            problem(
                column, f"no such language: {language}", f"use languages the documents have: {', '.join(sorted(known_languages))}"
            )
    languages = [lang for lang in _LANGUAGES.split(value["languages"]) if lang]
    unknown = [lang for lang in languages if lang not in known_languages]
    if unknown:
        problem(
            "languages",
            f"no such language: {', '.join(unknown)}",
            f"use languages the documents have: {', '.join(sorted(known_languages))}",
        )
    if value["copies"] and not (value["copies"].isdigit() and int(value["copies"]) > 0):
        problem("copies", f"'{value['copies']}' is not a number of copies", "a whole number, e.g. 250")
    return problems


def slugify(name: str) -> str:
    """A safe file and folder name from a partner's name: ASCII letters, digits and hyphens, never a path."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:60].strip("-")
    return slug or "partner"


def _unique(slug: str, taken: dict[str, int]) -> str:
    """Two partners whose names make the same slug get -2, -3 ... so neither overwrites the other's files."""
    taken[slug] = taken.get(slug, 0) + 1
    return slug if taken[slug] == 1 else f"{slug}-{taken[slug]}"


def for_edition(document: Document, edition: Edition | None, contact: tuple[str, ...]) -> Document:
    """`document` as the edition prints it: placeholders filled with the partner's details and its panel added;
    without an edition, placeholders say the organisation's own name and its brand's `contact` lines."""
    if edition is None:
        return fill(document, defaults(document, contact))
    edition = edition.in_language(document.language)
    return fill(document, dict(edition.values), edition)


def unworded_notes(edition: Edition | None, language: str) -> list[str]:
    """A note for each field the partner worded for other languages but not for `language`: it prints as written."""
    if edition is None or not edition.languages:
        return []
    base = dict(edition.values)
    own = dict(edition.in_language(language).values)
    worded = {name for _, other in edition.languages for name, value in other.values if value != base.get(name)}
    return [
        f"edition '{edition.name}': {name} has no {language} wording ({name}.{language} in the partners file); printed as written"
        for name in sorted(worded)
        if own.get(name) == base.get(name)
    ]


def fill(document: Document, values: dict[str, str], edition: Edition | None = None) -> Document:
    """`document` with every `{partner.<field>}` replaced by `values` (escaped: a partner's name is text, never
    markup) and, for an edition, the partner's panel. A placeholder naming an unknown field is refused."""
    problems: list[Problem] = []

    def replace_in(text: Text) -> Text:
        names = PLACEHOLDER.findall(text.markup)
        unknown = [n for n in names if n not in FIELDS]
        if unknown:
            problems.append(
                Problem(
                    text.where,
                    text.key,
                    f"unknown placeholder {{partner.{unknown[0]}}}",
                    f"use one of: {', '.join('{partner.' + f + '}' for f in FIELDS)}",
                )
            )
            return text
        if not names:
            return text
        source = PLACEHOLDER.sub(lambda m: _escaped(values.get(m.group(1), "")), text.markup)
        return replace(text, markup=source, runs=parse(source))

    filled = map_texts(document, replace_in)
    if problems:
        raise ContentError(problems)
    return replace(filled, edition=edition) if edition else filled


def _escaped(value: str) -> str:
    return re.sub(r"([\\*\[\]()])", r"\\\1", value)


def defaults(document: Document, contact: tuple[str, ...]) -> dict[str, str]:
    """What `{partner.*}` says in a plain build: the organisation itself, with its brand's contact details."""
    values: dict[str, Any] = {"name": document.organisation.name}
    for line in contact:
        kind = (
            "email" if _EMAIL.match(line) else "phone" if _PHONE.match(line) else "website" if _WEBSITE.match(line) else "address"
        )
        values.setdefault(kind, line)
    return values
