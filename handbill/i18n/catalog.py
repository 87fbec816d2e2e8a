"""Translation files: load (with positions), check, and write in one canonical form.

Canonical form matters: export to PO or XLIFF and import back must give the same bytes, so the file is
always written by `write_translation`, in source order, with the English as a comment above each string.
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


@dataclass(frozen=True)
class Entry:
    text: str
    source: str  # hash of the source text this was translated from
    where: Location


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
    strings = {key: Entry(value["text"], value["source"], located.where(("strings", key, "text")))
               for key, value in data["strings"].items()}
    return Translation(located.file, data["language"], data["translation_of"], data["review"], strings,
                       data.get("translator", ""), {key: located.where((key,)) for key in data})


def write_translation(translation: Translation, source: Document) -> None:
    """Write the translation file in canonical form: source order, English above each entry as a comment."""
    lines = [
        "# yaml-language-server: $schema=../../handbill/schemas/translation.schema.json",
        f"# {translation.language} translation of {source.doc_id}/{source.language}.yaml. Edit only the text: lines;",
        "# the source: hashes tell handbill which English each string was translated from.",
        _dump({"language": translation.language, "translation_of": translation.translation_of,
               "review": translation.review} | ({"translator": translation.translator} if translation.translator else {})),
        "strings:",
    ]
    for text in source.texts():
        entry = translation.strings.get(text.key)
        if entry is None:
            continue
        english = " ".join(text.source.split())
        lines.append(f"  # {source.language}: {english}")
        lines.append(_indent(_dump({text.key: {"text": entry.text, "source": entry.source}}), 2))
    write_atomic(translation.file, ("\n".join(lines) + "\n").encode("utf-8"))


def _dump(data: object) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=2**31 - 1).rstrip("\n")


def _indent(text: str, spaces: int) -> str:
    return "\n".join(" " * spaces + line for line in text.splitlines())
