"""Translation files: load (with positions), check, and write in one canonical form.

Canonical form matters: export to PO or XLIFF and import back must give the same bytes, so the file is
always written by `write_translation`, in source order, with the English as a comment above each string.
That comment is also the record of the English a string was translated from: once the English changes, the
comment whose hash matches the string's `source:` is the old wording, which exports show the translator
(and a rewrite keeps, as `# translated from:`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Location
from ..load import Located
from ..model import Document
from ..output import write_atomic


def source_hash(text: str) -> str:
    """A short fingerprint of a source string; whitespace-only edits (re-wrapping) do not change it."""
    return hashlib.sha256(re.sub(r"\s+", " ", text).strip().encode("utf-8")).hexdigest()[:12]


# A string's state, in XLIFF 1.2's words (PO carries it in a comment; a YAML entry in `state:`, when not translated).
# Any state that asks for more work keeps the string stale whatever its hash says: a translator flagged it.
NEEDS_WORK = (
    "new",
    "needs-translation",
    "needs-adaptation",
    "needs-l10n",
    "needs-review-translation",
    "needs-review-adaptation",
    "needs-review-l10n",
)
REVIEWED = ("signed-off", "final")
TRANSLATED = "translated"
STATES = (TRANSLATED, *REVIEWED, *NEEDS_WORK)
_TRANSLATED_FROM = "translated from: "


@dataclass(frozen=True)
class Entry:
    text: str
    source_hash: str  # hash of the source text this was translated from
    where: Location
    state: str = TRANSLATED
    translated_from: str = ""  # that source text, whitespace folded, when on record (see the module's docstring)


def is_stale(entry: Entry, english: str) -> bool:
    """Translated from other English than today's, or flagged by a translator as needing more work."""
    return entry.source_hash != source_hash(english) or entry.state in NEEDS_WORK


def previous_english(entry: Entry, english: str) -> str:
    """The English `entry` was translated from, if it has changed since and is on record; else ''."""
    changed = entry.source_hash != source_hash(english) and source_hash(entry.translated_from) == entry.source_hash
    return entry.translated_from if changed else ""


@dataclass(frozen=True)
class Translation:
    """One language's strings for one document."""

    file: Path
    language: str
    translation_of: str
    review: str
    strings: dict[str, Entry]
    translator: str = ""
    where: dict[str, Location] = field(default_factory=dict)


def is_translation(located: Located) -> bool:
    return isinstance(located.data, dict) and "translation_of" in located.data


def translation_from(located: Located) -> Translation:
    """A Translation from a loaded, schema-valid translation file."""
    data = located.data
    lines = located.file.read_text(encoding="utf-8").splitlines()
    strings = {
        key: Entry(
            value["text"],
            value["source"],
            located.where(("strings", key, "text")),
            value.get("state", TRANSLATED),
            _recorded(lines, located.where(("strings", key), key=True).line, value["source"]),
        )
        for key, value in data["strings"].items()
    }
    return Translation(
        located.file,
        data["language"],
        data["translation_of"],
        data["review"],
        strings,
        data.get("translator", ""),
        {key: located.where((key,)) for key in data},
    )


def write_translation(translation: Translation, source: Document) -> None:
    """Write the translation file in canonical form: source order, English above each entry as a comment."""
    lines = [
        "# yaml-language-server: $schema=../../handbill/schemas/translation.schema.json",
        f"# {translation.language} translation of {source.doc_id}/{source.language}.yaml. Edit only the text: lines;",
        "# the source: hashes tell handbill which English each string was translated from.",
        _dump(
            {"language": translation.language, "translation_of": translation.translation_of, "review": translation.review}
            | ({"translator": translation.translator} if translation.translator else {})
        ),
        "strings:",
    ]
    for text in source.texts():
        entry = translation.strings.get(text.key)
        if entry is None:
            continue
        lines.append(f"  # {source.language}: {folded(text.markup)}")
        previous = previous_english(entry, text.markup)
        lines += [f"  # {_TRANSLATED_FROM}{previous}"] if previous else []
        fields = {"text": entry.text, "source": entry.source_hash} | ({"state": entry.state} if entry.state != TRANSLATED else {})
        lines.append(_indent(_dump({text.key: fields}), 2))
    write_atomic(translation.file, ("\n".join(lines) + "\n").encode("utf-8"))


def folded(text: str) -> str:
    """A source string on one line, as the comments of a translation file and the exchange files' notes show it."""
    return " ".join(text.split())


def _recorded(lines: list[str], key_line: int, source: str) -> str:
    """The English in the comments just above an entry's key whose hash is the entry's `source:`, if any."""
    above = key_line - 2
    while above >= 0 and lines[above].lstrip().startswith("#"):
        _, _, english = lines[above].lstrip()[1:].partition(": ")
        if english and source_hash(english) == source:
            return english
        above -= 1
    return ""


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=2**31 - 1).rstrip("\n")


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in text.splitlines())
