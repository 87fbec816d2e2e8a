"""Paragraph styles from a layout's type scale and a brand's colours and fonts."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle

from ..design import Brand, Layout, face


@dataclass(frozen=True)
class Styles:
    """Every paragraph style a handout uses, plus the brand and layout they came from."""

    layout: Layout
    brand: Brand
    body: ParagraphStyle
    lead: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    item: ParagraphStyle
    cell: ParagraphStyle
    column_head: ParagraphStyle
    row_label: ParagraphStyle
    box_title: ParagraphStyle
    small: ParagraphStyle
    small_head: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    eyebrow: ParagraphStyle

    def color(self, name: str) -> HexColor:
        return HexColor(self.brand.colors[name])


def make_styles(layout: Layout, brand: Brand) -> Styles:
    t, s, c = layout.type, layout.spacing, brand.colors
    body_font, head_font = brand.body_font, brand.heading_font

    def style(name: str, size: float, font: str, color: str, **extra: object) -> ParagraphStyle:
        base = dict(fontName=font, fontSize=size, leading=round(size * t["leading"], 2), textColor=HexColor(c[color]),
                    allowWidows=0, allowOrphans=0, spaceAfter=0, spaceBefore=0, splitLongWords=1)
        return ParagraphStyle(name, **{**base, **extra})

    body = style("body", t["body"], face(body_font), "text", spaceAfter=s["paragraph"])
    return Styles(
        layout=layout, brand=brand, body=body,
        lead=style("lead", t["lead"], face(body_font), "text", spaceAfter=s["paragraph"] * 1.4),
        h2=style("h2", t["h2"], face(head_font, bold=True), "primary", leading=t["h2"] * 1.2,
                 spaceBefore=s["section"], spaceAfter=s["paragraph"] * 0.9, keepWithNext=1),
        h3=style("h3", t["h3"], face(head_font, bold=True), "primary", leading=t["h3"] * 1.25,
                 spaceBefore=s["section"] * 0.75, spaceAfter=s["paragraph"] * 0.7, keepWithNext=1),
        item=style("item", t["body"], face(body_font), "text"),
        cell=style("cell", t["body"], face(body_font), "text"),
        column_head=style("column_head", t["body"] * 1.05, face(head_font, bold=True), "primary", leading=t["body"] * 1.3),
        row_label=style("row_label", t["body"], face(head_font, bold=True), "primary", leading=t["body"] * 1.3),
        box_title=style("box_title", t["body"] * 1.05, face(head_font, bold=True), "primary", leading=t["body"] * 1.4,
                        spaceAfter=s["item"] * 1.5),
        small=style("small", t["small"], face(body_font), "muted", spaceAfter=t["small"] * 0.5),
        small_head=style("small_head", t["small"] + 0.5, face(body_font, bold=True), "muted",
                         leading=(t["small"] + 0.5) * 1.3, spaceAfter=t["small"] * 0.4),
        title=style("title", t["title"], face(head_font, bold=True), "on_primary", leading=t["title"] * 1.12),
        subtitle=style("subtitle", t["subtitle"], face(body_font), "on_primary", leading=t["subtitle"] * 1.3,
                       spaceBefore=t["subtitle"] * 0.55),
        eyebrow=style("eyebrow", t["small"] + 0.5, face(body_font, bold=True), "on_primary",
                      leading=(t["small"] + 0.5) * 1.3, spaceAfter=t["small"] * 0.6),
    )
