"""Turn a content file into a Document: load with positions, validate against the schema, build the model.

Checks the schema cannot express live here too: ids unique across the document, the file's language
matching its name, heading levels that do not skip, table rows as wide as their header, an empty first column
name only above row headers, safe link targets.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import inline
from .errors import ContentError, Location, Problem
from .kinds import BY_NAME, every_kind
from .limits import DEFAULT, Limits
from .load import Located, field_name, load_yaml
from .model import (
    Block,
    Callout,
    Comparison,
    ComparisonRow,
    Document,
    FunderRef,
    Image,
    ItemList,
    Notices,
    Organisation,
    Paragraph,
    Resource,
    Resources,
    Section,
    Table,
    TableRow,
    Text,
)
from .organisations import load_organisations, organisations_file
from .paths import Confinement
from .units import length
from .validate import validate


def load_document(file: Path, confinement: Confinement | None = None, limits: Limits = DEFAULT) -> Document:
    """Load content/<doc-id>/<lang>.yaml into a Document or raise ContentError naming every problem. Pictures
    must lie inside `confinement` (by default, the project the file is in)."""
    located = load_yaml(file, limits)
    validate(located, "document")
    return _Builder(located, confinement or Confinement.of(file.parent.parent.parent), limits).document()


class _Builder:
    def __init__(self, located: Located, confinement: Confinement, limits: Limits):
        self.located, self.confinement, self.limits = located, confinement, limits
        self.problems: list[Problem] = []
        self.ids: dict[str, tuple[Any, ...]] = {}

    def document(self) -> Document:
        data, file = self.located.data, self.located.file
        if data["language"] != file.stem:
            self._problem(
                ("language",),
                f"says '{data['language']}' but the file is named {file.name}",
                f"name the file {data['language']}.yaml or set language: {file.stem}",
            )
        sections = tuple(self._section(s, ("sections", i)) for i, s in enumerate(data["sections"]))
        blocks = sum(len(s.blocks) for s in sections)
        if blocks > self.limits.blocks:
            self._problem(
                ("sections",),
                f"{blocks:,} blocks; the limit is {self.limits.blocks:,} for one document",
                "split it into several documents",
            )
        self._check_levels(sections)
        doc = Document(
            doc_id=file.parent.name,
            file=file,
            language=data["language"],
            kind=data["kind"],
            layout=data["layout"],
            brand=data["brand"],
            title=self._text(("title",), "title"),
            subtitle=self._text(("subtitle",), "subtitle") if "subtitle" in data else None,
            subject=self._invisible(("subject",), "subject") if "subject" in data else None,
            keywords=tuple(data.get("keywords", ())),
            target_grade=data.get("readability", {}).get("target_grade"),
            organisation=self._organisation(data["organisation"]),
            sections=sections,
            funders=tuple(self._funder(f, ("funders", i)) for i, f in enumerate(data["funders"])),
            notices=Notices(
                *(
                    tuple(
                        (n, self.located.where(("notices", change, i)))
                        for i, n in enumerate(data.get("notices", {}).get(change, []))
                    )
                    for change in ("add", "drop")
                )
            ),
            field_where={key: self.located.where((key,)) for key in data},
        )
        if self.problems:
            raise ContentError(self.problems)
        return doc

    def _problem(self, path: tuple[Any, ...], message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.located.where(path), field_name(path), message, hint))

    def _claim_id(self, ident: str, path: tuple[Any, ...]) -> str:
        if ident in self.ids:
            first = self.located.where(self.ids[ident])
            self._problem(
                path + ("id",),
                f"duplicate id '{ident}' (already used at line {first.line})",
                "every section and block needs its own id; translations key on them",
            )
        else:
            self.ids[ident] = path + ("id",)
        return ident

    def _text(self, path: tuple[Any, ...], key: str) -> Text:
        source = self._get(path)
        runs = inline.parse(source)
        for href in inline.links(runs):
            if not inline.is_safe_url(href):
                self._problem(
                    path,
                    f"link target '{href}' is not a web or mail address",
                    "links must start with https://, http:// or mailto:",
                )
        return Text(key, source, runs, self.located.where(path))

    def _invisible(self, path: tuple[Any, ...], key: str) -> Text:
        """A string that is read (alt text, PDF subject) but not printed on the page."""
        shown = self._text(path, key)
        return Text(shown.key, shown.markup, shown.runs, shown.where, visible=False)

    def _get(self, path: tuple[Any, ...]) -> Any:
        node = self.located.data
        for part in path:
            node = node[part]
        return node

    def _optional_text(self, path: tuple[Any, ...], key: str) -> Text | None:
        parent = self._get(path[:-1])
        return self._text(path, key) if path[-1] in parent else None

    def _section(self, data: dict[str, Any], path: tuple[Any, ...]) -> Section:
        ident = self._claim_id(data["id"], path)
        blocks = tuple(self._block(b, path + ("blocks", i)) for i, b in enumerate(data["blocks"]))
        return Section(
            ident,
            self.located.where(path),
            blocks,
            heading=self._optional_text(path + ("heading",), f"{ident}.heading"),
            level=data.get("level", 2),
        )

    def _check_levels(self, sections: tuple[Section, ...]) -> None:
        previous = 1
        for i, section in enumerate(sections):
            if section.heading is None:
                continue
            if section.level > previous + 1:
                self._problem(
                    ("sections", i, "level"),
                    f"a level {section.level} subsection cannot come before any level {section.level - 1} section",
                    "use level: 2, or put it after a main section",
                )
            previous = section.level

    def _block(self, data: dict[str, Any], path: tuple[Any, ...]) -> Block:
        ident = self._claim_id(data["id"], path)
        kind = BY_NAME.get(data["type"])
        if kind is None:  # the schema lists the same names; a mismatch is a mistake in handbill, not in the file
            raise TypeError(f"block type {data['type']!r} is in the schema but not in handbill/kinds.py")
        return _READERS[kind.model](self, _Raw(data, path, ident, kind.name, self.located.where(path)))

    def text(self, raw: _Raw, *parts: Any, visible: bool = True) -> Text:
        """A string of a block, keyed `<block id>.<field>[.<index or key>]` for translations."""
        key = ".".join([raw.ident, *map(str, parts)])
        return self._text(raw.path + parts, key) if visible else self._invisible(raw.path + parts, key)

    def optional(self, raw: _Raw, name: str) -> Text | None:
        return self.text(raw, name) if name in raw.data else None

    def _paragraph(self, raw: _Raw) -> Paragraph:
        return Paragraph(raw.ident, raw.where, self.text(raw, "text"))

    def _item_list(self, raw: _Raw) -> ItemList:
        items = tuple(self.text(raw, "items", key) for key in raw.data["items"])
        return ItemList(raw.ident, raw.where, raw.kind, items, self.optional(raw, "title"), raw.data.get("start", 1))

    def _comparison(self, raw: _Raw) -> Comparison:
        data, path = raw.data, raw.path
        rows = tuple(self._comparison_row(row, path + ("rows", i), raw.ident) for i, row in enumerate(data["rows"]))
        self._unique_rows(data["rows"], path + ("rows",))
        shown = data.get("show_columns", True)
        columns = (self.text(raw, "columns", 0, visible=shown), self.text(raw, "columns", 1, visible=shown))
        return Comparison(raw.ident, raw.where, columns, rows, shown)

    def _callout(self, raw: _Raw) -> Callout:
        return Callout(raw.ident, raw.where, self.text(raw, "text"), self.optional(raw, "title"), raw.data.get("tone", "note"))

    def _resources(self, raw: _Raw) -> Resources:
        self._unique_rows(raw.data["items"], raw.path + ("items",))
        return Resources(
            raw.ident,
            raw.where,
            tuple(self._resource(item, raw.path + ("items", i), raw.ident) for i, item in enumerate(raw.data["items"])),
        )

    def _resource(self, item: dict[str, Any], path: tuple[Any, ...], block_id: str) -> Resource:
        def item_text(name: str) -> Text | None:
            return self._text(path + (name,), f"{block_id}.{item['id']}.{name}") if name in item else None

        url = item["url"]
        display = item.get("display", url.split("://", 1)[-1].removeprefix("mailto:").rstrip("/"))
        return Resource(
            item["id"],
            item_text("title"),  # type: ignore[arg-type]  # the schema requires a title
            url,
            display,
            item_text("source"),
            item_text("description"),
        )

    def _comparison_row(self, row: dict[str, Any], path: tuple[Any, ...], block_id: str) -> ComparisonRow:
        key = f"{block_id}.{row['id']}"
        label = self._text(path + ("label",), f"{key}.label") if "label" in row else None
        return ComparisonRow(
            row["id"], self._text(path + ("left",), f"{key}.left"), self._text(path + ("right",), f"{key}.right"), label
        )

    def _table(self, raw: _Raw) -> Table:
        data, path, ident = raw.data, raw.path, raw.ident
        width = len(data["columns"])
        cells = width * (len(data["rows"]) + 1)
        if cells > self.limits.table_cells:
            self._problem(
                path + ("rows",),
                f"{cells:,} cells; the limit is {self.limits.table_cells:,} for one table",
                "split the table into several",
            )
        widths = tuple(data.get("widths", ()))
        if widths and len(widths) != width:
            self._problem(
                path + ("widths",),
                f"has {len(widths)} widths for {width} columns",
                "give one relative width per column, or leave widths out",
            )
        rows = []
        for i, row in enumerate(data["rows"]):
            if len(row["cells"]) != width:
                self._problem(
                    path + ("rows", i, "cells"),
                    f"has {len(row['cells'])} cells but the table has {width} columns",
                    'give one cell per column; use "" for an empty cell',
                )
            rows.append(
                TableRow(
                    row["id"],
                    tuple(
                        self._text(path + ("rows", i, "cells", c), f"{ident}.{row['id']}.{c}") for c in range(len(row["cells"]))
                    ),
                )
            )
        self._unique_rows(data["rows"], path + ("rows",))
        if not data["columns"][0].strip() and not data.get("row_headers"):
            self._problem(
                path + ("columns", 0),
                "is empty; only the corner above row headers may be",
                "name the column, or set row_headers: true when the first cell of each row names its row",
            )
        columns = tuple(self.text(raw, "columns", c) for c in range(width))
        return Table(
            ident,
            self.located.where(path),
            columns,
            tuple(rows),
            widths,
            self.optional(raw, "caption"),
            data.get("row_headers", False),
        )

    def _image(self, raw: _Raw) -> Image:
        data, path, ident = raw.data, raw.path, raw.ident
        file = self.located.file.parent / data["file"]
        refused = self.confinement.refusal(
            data["file"],
            self.located.file.parent,
            self.located.where(path + ("file",)),
            field_name(path + ("file",)),
            "image file",
        )
        if refused:
            self.problems.append(refused)
        elif not file.is_file():
            self._problem(
                path + ("file",),
                f"image file {data['file']} not found",
                f"put it in {self.located.file.parent.name}/ beside the content file",
            )
        decorative = data.get("decorative", False)
        if not decorative and "alt" not in data:
            self._problem(
                path,
                f"image '{ident}' has no alt text",
                "say what the image shows in alt:, or set decorative: true if it adds nothing to the text",
            )
        alt = self._invisible(path + ("alt",), f"{ident}.alt") if "alt" in data else None
        return Image(
            ident,
            self.located.where(path),
            file,
            alt,
            decorative,
            length(data["width"]) if "width" in data else None,
            self.optional(raw, "caption"),
        )

    def _unique_rows(self, rows: list[dict[str, Any]], path: tuple[Any, ...]) -> None:
        seen: set[str] = set()
        for i, row in enumerate(rows):
            if row["id"] in seen:
                self._problem(path + (i, "id"), f"duplicate row id '{row['id']}'", "give each row its own id")
            seen.add(row["id"])

    def _organisation(self, given: str | dict[str, str]) -> Organisation:
        """Written in the document (name and short name), or named by its id in content/organisations.yaml."""
        if isinstance(given, dict):
            return Organisation(given["name"], given.get("short_name", given["name"]))
        known = load_organisations(organisations_file(self.located.file.parent.parent), self.confinement)
        if given not in known:
            close = difflib.get_close_matches(given, list(known), n=1)
            tip = f"did you mean '{close[0]}'? " if close else ""
            self._problem(
                ("organisation",),
                f"'{given}' is not in content/organisations.yaml",
                f"{tip}known: {', '.join(sorted(known)) or 'none'}; add it there, or give name: and short_name: here",
            )
            return Organisation(given, given, given)
        found = known[given]
        return Organisation(found.name, found.short_name, given)

    def _funder(self, data: dict[str, Any], path: tuple[Any, ...]) -> FunderRef:
        facts = {k: v for k, v in data.items() if k != "id"}
        return FunderRef(
            data["id"], self.located.where(path + ("id",)), facts, {k: self.located.where(path + (k,)) for k in facts}
        )


@dataclass(frozen=True)
class _Raw:
    """One block as written: its data, where it is, its id and its kind's name."""

    data: dict[str, Any]
    path: tuple[Any, ...]
    ident: str
    kind: str
    where: Location


_READERS: dict[type, Callable[[_Builder, _Raw], Block]] = {
    Paragraph: _Builder._paragraph,
    ItemList: _Builder._item_list,
    Comparison: _Builder._comparison,
    Callout: _Builder._callout,
    Table: _Builder._table,
    Resources: _Builder._resources,
    Image: _Builder._image,
}
every_kind(_READERS, "content.py readers")
