"""A layout's design numbers as typed objects: type scale, spacing, margins, title band and the finer details
(line heights, paddings, rules, indents). Each default lives in the layout schema, so a designer sees and
changes every number in `layouts/<name>.yaml`, and the code reads names, not string keys.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from .units import length
from .validate import schema


@dataclass(frozen=True)
class TypeScale:
    """Sizes in points; `leading` is a multiple of the size."""

    body: float
    leading: float
    title: float
    subtitle: float
    lead: float
    h2: float
    h3: float
    small: float

    def scaled(self, body: float) -> TypeScale:
        """Body type `body` points, lead and headings scaled alike; title and small type as designed."""
        factor = body / self.body
        return replace(self, body=body, lead=self.lead * factor, h2=self.h2 * factor, h3=self.h3 * factor)


@dataclass(frozen=True)
class Spacing:
    """Space between and inside blocks, in points."""

    paragraph: float
    section: float
    item: float
    gutter: float  # between the two columns of a comparison
    panel: float  # padding inside notes and key points
    cell: float  # padding inside comparison and table cells

    def scaled(self, factor: float) -> Spacing:
        """Everything but the gutter `factor` times as large (the fit fills pages with it)."""
        return replace(
            self,
            paragraph=self.paragraph * factor,
            section=self.section * factor,
            item=self.item * factor,
            panel=self.panel * factor,
            cell=self.cell * factor,
        )


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    inner: float
    outer: float


@dataclass(frozen=True)
class Masthead:
    """The title band on page one."""

    min_height: float
    padding: float
    stripe: float  # the accent stripe under the band (0 for none)


@dataclass(frozen=True)
class Heading:
    """A heading level: line height (multiple of its size), space before (multiple of spacing.section) and after
    (multiple of spacing.paragraph)."""

    leading: float
    before: float
    after: float


@dataclass(frozen=True)
class Label:
    """Column heads, row labels and panel titles (size a multiple of the body size), or the disclaimers' heading
    and the organisation's name (a multiple of the small size); line height a multiple of the size."""

    size: float
    leading: float


@dataclass(frozen=True)
class Details:
    """The finer proportions; the schema says what each one multiplies."""

    h2: Heading
    h3: Heading
    column_head: Label
    row_label: Label
    panel_title: Label
    lead_after: float
    title_leading: float
    subtitle_leading: float
    subtitle_before: float
    small_leading: float
    list_indent: float
    question_indent: float
    loose_items: float
    block_after: float
    panel_top: float
    panel_bottom: float
    cell_top: float
    cell_bottom: float
    table_padding: float
    bar: float
    table_head_rule: float
    table_rule: float
    header_rule: float
    footer_rule: float
    footer_gap: float
    panel_title_after: float
    small_after: float
    disclaimer_heading: Label
    disclaimer_heading_after: float
    disclaimer_top: float
    disclaimer_rule: float
    eyebrow: Label
    eyebrow_after: float
    header_title_size: float
    header_line_size: float
    header_rise: float
    header_gap: float
    footer_drop: float
    column_head_bottom: float
    row_label_top: float
    row_label_bottom: float
    title_lines: float
    title_smallest: float
    table_vertical: float
    number_gap: float


def read(kind: type, data: dict[str, Any] | None, defaults: dict[str, Any]) -> Any:
    """`data` (a YAML mapping) as a `kind`, each missing field taken from `defaults`; lengths in points."""
    values = {**defaults, **(data or {})}
    out = {}
    for item in fields(kind):
        nested = _NESTED.get(str(item.type))
        value = values[item.name]
        out[item.name] = read(nested, value, defaults.get(item.name, {})) if nested else float(length(value))
    return kind(**out)


_NESTED: dict[str, type] = {"Heading": Heading, "Label": Label}


def defaults(section: str) -> dict[str, Any]:
    """The defaults the layout schema gives the fields of `section` (e.g. "details")."""
    node = schema("layout")["properties"][section]
    return {name: _default(spec) for name, spec in node["properties"].items() if _default(spec) is not None}


def _default(spec: dict[str, Any]) -> Any:
    if "default" in spec:
        return spec["default"]
    if spec.get("type") == "object":
        return {name: sub["default"] for name, sub in spec.get("properties", {}).items() if "default" in sub}
    return None
