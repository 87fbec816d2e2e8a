"""Organisations and their own notices (content/organisations.yaml), apart from what funders require.

A notice such as "PEATC is not a legal services agency" belongs to the organisation, not to a grant: it is
printed on the organisation's handouts by default (or only where a document adds it), and a document can drop
one. Keeping them here means a new notice never touches the funder registry.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import ContentError, Location, Problem
from .load import Located, field_name, load_yaml
from .paths import Confinement, outside
from .validate import validate
from .wording import Wording, wording

ORGANISATION = "organisation"  # the one placeholder a notice may use: the publisher's short name


@dataclass(frozen=True)
class Notice:
    id: str
    default: bool  # printed on every handout of the organisation unless the document drops it
    wording: Wording


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    short_name: str
    sample: bool  # a sample organisation: its handouts may print example contact details (see build)
    notices: dict[str, Notice]
    where: Location


def organisations_file(content: Path) -> Path:
    return content / "organisations.yaml"


def load_organisations(file: Path, confinement: Confinement | None = None) -> dict[str, Organisation]:
    """Every organisation in `file` (none when there is no such file), checked; read once per version of the file."""
    if confinement is not None and file.exists() and not confinement.allows(file):
        raise ContentError([outside(file)])
    if not file.is_file():
        return {}
    stat = file.stat()
    return _load(file.resolve(), stat.st_mtime_ns, stat.st_size)


@cache
def _load(file: Path, _mtime: int, _size: int) -> dict[str, Organisation]:
    located = load_yaml(file)
    validate(located, "organisations")
    problems: list[Problem] = []
    out = {}
    for ident, entry in located.data["organisations"].items():
        notices = {}
        for notice_id, notice in (entry.get("notices") or {}).items():
            path = ("organisations", ident, "notices", notice_id, "text")
            text = wording(located, path)
            problems += _placeholder_problems(located, path, text)
            notices[notice_id] = Notice(notice_id, notice.get("default", False), text)
        out[ident] = Organisation(
            ident,
            entry["name"],
            entry.get("short_name", entry["name"]),
            entry.get("sample", False),
            notices,
            located.where(("organisations", ident)),
        )
    if problems:
        raise ContentError(problems)
    return out


def _placeholder_problems(located: Located, path: tuple[str, ...], text: Wording) -> list[Problem]:
    out = []
    for language in text.languages():
        template = text.english if language == "en" else text.translations[language].text
        for name in (n for _, n, _, _ in string.Formatter().parse(template) if n is not None):
            if name != ORGANISATION:
                where = (*path, language) if language == "en" else (*path, language, "text")
                out.append(
                    Problem(
                        located.where(where),
                        field_name(where),
                        f"placeholder {{{name}}} is not known in an organisation notice",
                        "a notice may only use {organisation}, the short name",
                    )
                )
    return out
