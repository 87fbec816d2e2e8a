"""The document model: what a handout says, independent of how it looks.

Every node keeps its source position (for error messages) and a stable id (translations key on it).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from .errors import Location
from .inline import Run, plain


@dataclass(frozen=True)
class Text:
    """One translatable string: its key, its parsed inline runs and where it was written."""

    key: str
    markup: str  # as written, inline syntax and all
    runs: tuple[Run, ...]
    where: Location
    visible: bool = True  # False for alt text: read aloud, never printed
    language: str = ""  # set when this string is in another language than its document (e.g. kept in English)

    @property
    def plain(self) -> str:
        return plain(self.runs)


@dataclass(frozen=True)
class Paragraph:
    id: str
    where: Location
    text: Text

    def texts(self) -> list[Text]:
        return [self.text]


@dataclass(frozen=True)
class ItemList:
    """bullets, checklist, questions, key-points or steps: the same data, five ways of showing it."""

    id: str
    where: Location
    kind: str
    items: tuple[Text, ...]
    title: Text | None = None
    start: int = 1  # the number of the first item, for steps

    def texts(self) -> list[Text]:
        return ([self.title] if self.title else []) + list(self.items)


@dataclass(frozen=True)
class ComparisonRow:
    id: str
    left: Text
    right: Text
    label: Text | None = None


@dataclass(frozen=True)
class Comparison:
    """Two things side by side, row by row (e.g. School-Based vs Medical-Based)."""

    id: str
    where: Location
    columns: tuple[Text, Text]
    rows: tuple[ComparisonRow, ...]
    show_columns: bool = True

    def texts(self) -> list[Text]:
        out = list(self.columns)
        for row in self.rows:
            out += ([row.label] if row.label else []) + [row.left, row.right]
        return out


@dataclass(frozen=True)
class Callout:
    id: str
    where: Location
    text: Text
    title: Text | None = None
    tone: str = "note"

    def texts(self) -> list[Text]:
        return ([self.title] if self.title else []) + [self.text]


@dataclass(frozen=True)
class TableRow:
    id: str
    cells: tuple[Text, ...]


@dataclass(frozen=True)
class Table:
    id: str
    where: Location
    columns: tuple[Text, ...]
    rows: tuple[TableRow, ...]
    widths: tuple[float, ...] = ()
    caption: Text | None = None
    row_headers: bool = False  # the first cell of each row heads the row (the first column name may be empty)

    def texts(self) -> list[Text]:
        out = ([self.caption] if self.caption else []) + list(self.columns)
        for row in self.rows:
            out += list(row.cells)
        return out


@dataclass(frozen=True)
class Resource:
    id: str
    title: Text
    url: str
    display: str
    publisher: Text | None = None  # who published it (content files write source:)
    description: Text | None = None


@dataclass(frozen=True)
class Resources:
    id: str
    where: Location
    items: tuple[Resource, ...]

    def texts(self) -> list[Text]:
        return [t for item in self.items for t in (item.publisher, item.title, item.description) if t]


@dataclass(frozen=True)
class Image:
    """A picture: described by alt text for screen readers, or marked decorative so they skip it."""

    id: str
    where: Location
    file: Path
    alt: Text | None = None
    decorative: bool = False
    width: float | None = None
    caption: Text | None = None

    def texts(self) -> list[Text]:
        return [t for t in (self.alt, self.caption) if t]


Block = Paragraph | ItemList | Comparison | Callout | Table | Resources | Image


@dataclass(frozen=True)
class Section:
    id: str
    where: Location
    blocks: tuple[Block, ...]
    heading: Text | None = None
    level: int = 2


@dataclass(frozen=True)
class FunderRef:
    """A funder named by a document, with the grant facts the document gives for it."""

    id: str
    where: Location
    facts: dict[str, object] = field(default_factory=dict)
    fact_where: dict[str, Location] = field(default_factory=dict)


@dataclass(frozen=True)
class Organisation:
    name: str
    short_name: str
    id: str = ""  # an organisation of content/organisations.yaml (its notices print); "" when given in the document


@dataclass(frozen=True)
class Notices:
    """The organisation notices a document adds to, or drops from, those its organisation prints by default."""

    add: tuple[tuple[str, Location], ...] = ()
    drop: tuple[tuple[str, Location], ...] = ()


@dataclass(frozen=True)
class Edition:
    """The partner a co-branded edition is made for: shown in its own panel beside the organisation's brand."""

    name: str
    lines: tuple[str, ...]  # phone, email, website, address, office hours: those the partner gave
    logo: Path | None = None
    values: tuple[tuple[str, str], ...] = ()  # what each {partner.<field>} placeholder says
    languages: tuple[tuple[str, Edition], ...] = ()  # the same in other languages, where the partner gave them

    def in_language(self, language: str) -> Edition:
        """The edition as a handout in `language` prints it: the partner's own wording for that language where
        it gave one (office hours in Spanish), else as written."""
        return dict(self.languages).get(language, self)


@dataclass(frozen=True)
class Document:
    """One document in one language, as written by its author or translator."""

    doc_id: str
    file: Path  # the content file it was read from (a translation: the translation file)
    language: str
    kind: str
    layout: str
    brand: str
    title: Text
    organisation: Organisation
    sections: tuple[Section, ...]
    funders: tuple[FunderRef, ...] = ()
    notices: Notices = Notices()
    subtitle: Text | None = None
    subject: Text | None = None
    keywords: tuple[str, ...] = ()
    target_grade: float | None = None  # the reading grade the document means to stay at or under
    edition: Edition | None = None  # set for a partner's co-branded edition
    field_where: dict[str, Location] = field(default_factory=dict)

    def texts(self) -> list[Text]:
        """Every string of the document in reading order (for checks and translation), but empty ones: an empty
        table cell or corner has nothing to translate."""
        head = [t for t in (self.title, self.subtitle, self.subject) if t]
        return [t for t in head + self.body_texts() if t.markup.strip()]

    def body_texts(self) -> list[Text]:
        """The strings of the sections, in reading order: what flows through the pages."""
        out: list[Text] = []
        for section in self.sections:
            out += [section.heading] if section.heading else []
            for block in section.blocks:
                out += block.texts()
        return out


def map_texts(node: object, change: Callable[[Text], Text]) -> Any:
    """A copy of `node` (a Document or any part of it) with every Text replaced by `change(text)`; empty ones
    (an empty table cell) are kept as they are, as `Document.texts` leaves them out."""
    if isinstance(node, Text):
        return change(node) if node.markup.strip() else node
    if isinstance(node, tuple):
        return tuple(map_texts(item, change) for item in node)
    if is_dataclass(node) and not isinstance(node, type):
        updates = {f.name: map_texts(getattr(node, f.name), change) for f in fields(node)}
        return replace(node, **updates)
    return node
