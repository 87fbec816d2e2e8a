"""Content blocks to ReportLab flowables, each wrapped with the structure element it stands for.

One function per block kind, chosen by `flowables_for`; every flowable that draws content is `Tagged`, so the
structure tree follows reading order (a comparison reads row by row: label, left, right).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from ..errors import Location
from ..fonts import face
from ..inline import Run, links
from ..kinds import every_kind
from ..model import Block, Callout, Comparison, Edition, Image, ItemList, Resources, Text
from ..model import Paragraph as ParagraphBlock
from ..model import Table as TableBlock
from ..reportlab_compat import untint_empty_cells
from .markers import Balanced, Marked
from .pictures import picture_flowable
from .qr import qr_drawing
from .styles import Styles
from .tags import Tag, Tagged

_MARKERS = {"bullets": "dot", "checklist": "check", "questions": "question", "key-points": "key", "steps": "number"}
MARKER_TEXT = {"dot": "•", "check": "✓", "question": "?", "key": "■"}


def para(text: Text, style: ParagraphStyle, styles: Styles, tag: Tag) -> Tagged:
    """A tagged paragraph of escaped, inline-styled content text."""
    tag.links.update({url: _link_text(text.runs, url) for url in links(text.runs)})
    tag.lang = tag.lang or text.language
    tag.actual_text = text.plain
    return Tagged(styles.paragraph(text.runs, style), tag, styles.context.structure)


def _link_text(runs: tuple[Run, ...], url: str) -> str:
    return "".join(r.text for r in runs if r.href == url)


class Continued(Table):
    """A table of tinted cells that may split across pages: a cell whose text ended before the split is left
    untinted where the table goes on, rather than an empty coloured box."""

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = super().split(avail_width, avail_height)
        for part in parts[1:]:
            untint_empty_cells(part)
        return parts


class SideBySide(Continued):
    """Two equal columns with a fixed gutter between them, however long their words: ReportLab's '*' widths follow
    each row's longest word, so columns changed width from row to row and a very long word left the other
    column a negative width."""

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        gutter = float(self._argW[1])  # type: ignore[has-type]
        half = max(1.0, (avail_width - gutter) / 2)
        self._argW = self._colWidths = [half, gutter, half]
        return super().wrap(avail_width, avail_height)


def styled_table(
    rows: list[list[Any]], styles: Styles, commands: list[tuple[object, ...]], kind: type[Table] = Table, **options: object
) -> Table:
    """A Table whose own font is the brand's (ReportLab's default would pull unembedded Helvetica into the PDF)."""
    table = kind(rows, **options)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.body.fontName), *commands]))
    return table


def flowables_for(block: Block, styles: Styles, parent: Tag, lead: bool = False) -> list[Flowable]:
    """The flowables that show `block` inside structure element `parent`; `lead` sets introductions larger."""
    if isinstance(block, ParagraphBlock):
        return _paragraph(block, styles, parent, lead)
    return _BUILDERS[type(block)](block, styles, parent)


def _paragraph(block: ParagraphBlock, styles: Styles, parent: Tag, lead: bool = False) -> list[Flowable]:
    """Running text; an introduction (`lead`) set larger; wider than the measure, in two balanced columns if the
    layout says so."""
    paragraph = para(block.text, styles.lead if lead else styles.body, styles, Tag("P", parent))
    if styles.layout.long_lines == "columns" and styles.measure < styles.layout.column_width:
        return [Balanced(paragraph, styles.layout.column_gap, styles.rtl)]
    return [paragraph]


def _item_list(block: ItemList, styles: Styles, parent: Tag) -> list[Flowable]:
    s, size = styles.layout.spacing, styles.item.fontSize
    marker = _MARKERS[block.kind]
    font = face(styles.body_stack.primary, bold=True)
    numbers = range(block.start, block.start + len(block.items))
    details = styles.layout.details
    indent = size * (details.question_indent if block.kind == "questions" else details.list_indent)
    if marker == "number":  # wide enough for the widest number, right-aligned so 9. and 10. line up
        indent = max(indent, max(stringWidth(f"{n}.", font, size) for n in numbers) + size * details.number_gap)
    color = styles.color("accent" if block.kind != "key-points" else "primary")
    listing = Tag("L", parent, numbering="Decimal" if marker == "number" else "")
    items: list[Flowable] = [para(block.title, styles.box_title, styles, Tag("Caption", listing))] if block.title else []
    for n, (number, text) in enumerate(zip(numbers, block.items)):
        gap = s.item * (details.loose_items if block.kind in ("questions", "key-points") else 1)
        last = n == len(block.items) - 1
        item = Tag("LI", listing)
        label = Tag("Lbl", item, actual_text=_label(marker, styles.rtl, number))  # created first: siblings keep this order
        body = Tag("LBody", item, lang=text.language, actual_text=text.plain)
        body.links.update({url: _link_text(text.runs, url) for url in links(text.runs)})
        style = styles.panel_text if block.kind == "key-points" else styles.item
        items.append(
            Marked(
                styles.paragraph(text.runs, style),
                marker,
                color,
                indent,
                font,
                space_after=s.paragraph if last else gap,
                tags=(label, body),
                rtl=styles.rtl,
                number=number,
                structure=styles.context.structure,
            )
        )
    if block.kind != "key-points":
        return items
    return [_box(items, styles, styles.color("tint"), styles.color("primary"))]


def _label(marker: str, rtl: bool, number: int) -> str:
    """What a list marker says to a screen reader: the step's number, or the Arabic question mark in
    right-to-left text."""
    if marker == "number":
        return f"{number}."
    return "\u061f" if rtl and marker == "question" else MARKER_TEXT[marker]


def _box(content: list[Flowable], styles: Styles, background: Color, bar: Color, splits: bool = True) -> Table:
    """A tinted panel with a coloured bar on its left edge (right, in right-to-left text), no wider than the
    measure of running text plus its padding; long ones (`splits`) may continue on the next page."""
    pad, details = styles.layout.spacing.panel, styles.layout.details
    width = min(styles.layout.column_width, styles.measure + 2 * pad)
    return styled_table(
        [[content]],
        styles,
        [
            ("BACKGROUND", (0, 0), (-1, -1), background),
            ("LINEAFTER" if styles.rtl else "LINEBEFORE", (0, 0), (0, -1), details.bar, bar),
            ("LEFTPADDING", (0, 0), (-1, -1), pad),
            ("RIGHTPADDING", (0, 0), (-1, -1), pad),
            ("TOPPADDING", (0, 0), (-1, -1), pad * details.panel_top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad * details.panel_bottom),
        ],
        colWidths=[width],
        splitInRow=1 if splits else 0,
        spaceAfter=styles.layout.spacing.paragraph * details.block_after,
        hAlign="RIGHT" if styles.rtl else "LEFT",
    )


def edition_panel(edition: Edition, styles: Styles) -> list[Flowable]:
    """The partner of a co-branded edition: its logo, name and contact lines in a panel of the primary tint, so
    a family sees at a glance who is handing them this and how to reach them."""
    box = Tag("Div", Tag("Sect"))
    text: list[Flowable] = [para(_plain_text(edition.name, "edition.name"), styles.box_title, styles, Tag("P", box))]
    if edition.lines:
        text.append(
            Tagged(
                styles.lines([(Run(line),) for line in edition.lines], styles.panel_text),
                Tag("P", box, actual_text=" · ".join(edition.lines)),
                styles.context.structure,
            )
        )
    if edition.logo is None:
        return [_box(text, styles, styles.color("tint"), styles.color("primary"), splits=False)]
    height = styles.layout.type.body * 4
    logo = picture_flowable(edition.logo, None, styles.body.fontName, styles.press.cmyk)
    natural = logo.wrap(1e6, 1e6)
    logo = picture_flowable(edition.logo, height * natural[0] / natural[1], styles.body.fontName, styles.press.cmyk)
    figure = Tagged(logo, Tag("Figure", box, alt=edition.name), styles.context.structure)  # its name, in any language
    cells = [[text, figure]] if not styles.rtl else [[figure, text]]
    gap = styles.layout.spacing.gutter
    row = styled_table(
        cells,
        styles,
        [
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            *_NO_PADDING,
            ("LEFTPADDING", (1, 0), (1, 0), gap),
        ],
        colWidths=["*", height * natural[0] / natural[1] + gap]
        if not styles.rtl
        else [height * natural[0] / natural[1] + gap, "*"],
    )
    return [_box([row], styles, styles.color("tint"), styles.color("primary"), splits=False)]


def _plain_text(value: str, key: str) -> Text:
    """A partner's detail as a Text of the document: printed exactly as given (never read as markup)."""
    return Text(key, value, (Run(value),), Location(Path(key)))


def _callout(block: Callout, styles: Styles, parent: Tag) -> list[Flowable]:
    tint, bar = {"note": ("neutral_tint", "muted"), "tip": ("tint", "primary"), "important": ("accent_tint", "accent")}[
        block.tone
    ]  # a note takes neither side's colour
    box = Tag("Div", parent)
    content: list[Flowable] = [para(block.title, styles.box_title, styles, Tag("P", box))] if block.title else []
    content.append(para(block.text, styles.panel_text, styles, Tag("P", box)))
    return [_box(content, styles, styles.color(tint), styles.color(bar), splits=False)]


_NO_PADDING: tuple[tuple[object, ...], ...] = tuple(
    (side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
)


def _cell_padding(styles: Styles) -> list[tuple[object, ...]]:
    """Comparison cells: top-aligned, padded by the layout's cell spacing."""
    pad, details = styles.layout.spacing.cell, styles.layout.details
    return [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * details.cell_top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * details.cell_bottom),
    ]


def _comparison(block: Comparison, styles: Styles, parent: Tag) -> list[Flowable]:
    """Two columns side by side with a gutter between; optional column heads and row labels span the width.
    Right-to-left documents mirror it: the first column stands on the right."""
    if styles.layout.comparisons == "stacked":
        return _stacked_comparison(block, styles, parent)
    gutter = styles.layout.spacing.gutter
    pad, details = styles.layout.spacing.cell, styles.layout.details
    first, second = (2, 0) if styles.rtl else (0, 2)
    table = Tag("Table", parent)
    rows: list[list[object]] = []
    commands: list[tuple[object, ...]] = [
        *_cell_padding(styles),
        ("LEFTPADDING", (1, 0), (1, -1), 0),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
    ]
    first_bg, second_bg = styles.color("tint"), styles.color("accent_tint")
    first_bar, second_bar = styles.color("primary"), styles.color("accent")

    def pair(a: object, b: object) -> list[object]:
        row: list[object] = ["", "", ""]
        row[first], row[second] = a, b
        return row

    def colour(r: int, line: bool) -> list[tuple[object, ...]]:
        out: list[tuple[object, ...]] = [
            ("BACKGROUND", (first, r), (first, r), first_bg),
            ("BACKGROUND", (second, r), (second, r), second_bg),
        ]
        if line:
            out += [
                ("LINEABOVE", (first, r), (first, r), details.bar, first_bar),
                ("LINEABOVE", (second, r), (second, r), details.bar, second_bar),
            ]
        return out

    header_rows = 0
    head = Tag("TR", table)  # printed or not, the column names head the columns for screen readers and checkers
    names = [Tag("TH", head, scope="Column", actual_text=c.plain, lang=c.language) for c in block.columns]
    if block.show_columns:
        rows.append(pair(*(para(c, styles.column_head, styles, th) for c, th in zip(block.columns, names))))
        commands += colour(0, True) + [("BOTTOMPADDING", (0, 0), (-1, 0), pad * details.column_head_bottom)]
        header_rows = 1
    for row in block.rows:
        r = len(rows)
        tr = Tag("TR", table)
        if row.label:
            rows.append([para(row.label, styles.row_label, styles, Tag("TH", tr, scope="Row")), "", ""])
            commands += [
                ("SPAN", (0, r), (2, r)),
                ("LEFTPADDING", (0, r), (0, r), 0),
                ("RIGHTPADDING", (0, r), (0, r), 0),
                ("TOPPADDING", (0, r), (-1, r), pad * (details.row_label_top if r else details.column_head_bottom)),
                ("BOTTOMPADDING", (0, r), (-1, r), pad * details.row_label_bottom),
            ]
            r += 1
        rows.append(pair(para(row.left, styles.cell, styles, Tag("TD", tr)), para(row.right, styles.cell, styles, Tag("TD", tr))))
        commands += colour(r, not block.show_columns)
    if not block.show_columns:  # unprinted names: empty marked content drawn with the first cell, which every reader finds
        rows[0][0] = [*(Tagged(Spacer(0, 0), th, styles.context.structure) for th in names), rows[0][0]]
    return [
        styled_table(
            rows,
            styles,
            commands,
            SideBySide,
            colWidths=[0, gutter, 0],
            repeatRows=header_rows,
            splitInRow=1,
            spaceAfter=styles.layout.spacing.paragraph * details.block_after,
            hAlign="LEFT",
        )
    ]


def _stacked_comparison(block: Comparison, styles: Styles, parent: Tag) -> list[Flowable]:
    """A comparison for columns too narrow to hold two: each row's cells one under the other, in the colours of
    their columns and headed by the column's name, so the pairing still reads at a glance. The structure is the
    same table as side by side (the printed column names are artifacts: the column heads' tags carry them)."""
    pad, details = styles.layout.spacing.cell, styles.layout.details
    table = Tag("Table", parent)
    head = Tag("TR", table)
    names = [Tag("TH", head, scope="Column", actual_text=c.plain, lang=c.language) for c in block.columns]
    sides = [(styles.color("tint"), styles.color("primary")), (styles.color("accent_tint"), styles.color("accent"))]
    rows: list[list[object]] = []
    commands: list[tuple[object, ...]] = [
        *_cell_padding(styles),
    ]
    for row in block.rows:
        tr = Tag("TR", table)
        if row.label:
            r = len(rows)
            rows.append([[para(row.label, styles.row_label, styles, Tag("TH", tr, scope="Row"))]])
            commands += [
                ("LEFTPADDING", (0, r), (0, r), 0),
                ("RIGHTPADDING", (0, r), (0, r), 0),
                ("TOPPADDING", (0, r), (0, r), pad * (details.row_label_top if r else 0)),
                ("BOTTOMPADDING", (0, r), (0, r), pad * details.row_label_bottom),
            ]
        for name, text, (background, bar) in zip(block.columns, (row.left, row.right), sides):
            r = len(rows)
            heading = [styles.paragraph(name.runs, styles.column_head)] if block.show_columns else []
            rows.append([heading + [para(text, styles.cell, styles, Tag("TD", tr))]])
            commands += [("BACKGROUND", (0, r), (0, r), background), ("LINEABOVE", (0, r), (0, r), details.bar, bar)]
    rows[0][0] = [*(Tagged(Spacer(0, 0), th, styles.context.structure) for th in names), *rows[0][0]]  # type: ignore[misc]
    return [
        styled_table(
            rows,
            styles,
            commands,
            Continued,
            colWidths=["100%"],
            splitInRow=1,
            hAlign="LEFT",
            spaceAfter=styles.layout.spacing.paragraph * details.block_after,
        )
    ]


def _table(block: TableBlock, styles: Styles, parent: Tag) -> list[Flowable]:
    details = styles.layout.details
    pad = styles.layout.spacing.cell * details.table_padding
    table = Tag("Table", parent)
    caption = [para(block.caption, styles.box_title, styles, Tag("Caption", table))] if block.caption else []
    head_row = Tag("TR", table)
    head = [para(c, styles.column_head, styles, Tag("TH", head_row, scope="Column")) for c in block.columns]
    body = []
    for row in block.rows:
        tr = Tag("TR", table)
        body.append(
            [
                para(c, styles.row_label, styles, Tag("TH", tr, scope="Row"))
                if block.row_headers and not i
                else para(c, styles.cell, styles, Tag("TD", tr))
                for i, c in enumerate(row.cells)
            ]
        )
    weights = list(block.widths or (1,) * len(block.columns))
    if styles.rtl:  # right-to-left tables read from the right: mirror the columns
        head, body, weights = head[::-1], [cells[::-1] for cells in body], weights[::-1]
    widths = [f"{100 * w / sum(weights):.2f}%" for w in weights]
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), styles.color("tint")),
        ("LINEABOVE", (0, 0), (-1, 0), details.table_head_rule, styles.color("primary")),
        ("LINEBELOW", (0, 0), (-1, -1), details.table_rule, styles.color("muted")),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * details.table_vertical),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * details.table_vertical),
    ]
    grid = styled_table(
        [head] + body,
        styles,
        commands,
        colWidths=widths,
        repeatRows=1,
        splitInRow=1,
        hAlign="LEFT",
        spaceAfter=styles.layout.spacing.paragraph * details.block_after,
    )
    return caption + [grid]


def _resources(block: Resources, styles: Styles, parent: Tag) -> list[Flowable]:
    """Each resource: publisher - linked bold title, the printed address (also linked), then its description."""
    out: list[Flowable] = []
    indent = styles.item.fontSize * styles.layout.details.list_indent
    font = face(styles.body_stack.primary, bold=True)
    listing = Tag("L", parent)
    for item in block.items:
        title = tuple(Run(r.text, True, r.italic, item.url) for r in item.title.runs)
        publisher = item.publisher.runs + (Run(" - "),) if item.publisher else ()
        lines = [publisher + title, (Run(item.display, href=item.url),)] + ([item.description.runs] if item.description else [])
        entry = Tag("LI", listing)
        label = Tag("Lbl", entry, actual_text=MARKER_TEXT["dot"])
        spoken = " ".join("".join(r.text for r in line) for line in lines)
        body = Tag("LBody", entry, links={item.url: item.title.plain}, lang=item.title.language, actual_text=spoken)
        entry_flowable = Marked(
            styles.lines(lines, styles.item),
            "dot",
            styles.color("accent"),
            indent,
            font,
            space_after=styles.layout.spacing.paragraph,
            tags=(label, body),
            rtl=styles.rtl,
            structure=styles.context.structure,
        )
        out.append(_with_qr(entry_flowable, item.url, styles) if styles.press.cmyk else entry_flowable)
    return out


def _with_qr(entry: Flowable, url: str, styles: Styles) -> Flowable:
    """A printed resource: its entry beside a QR code of its address (on the outer side of the reading
    direction), top-aligned, kept together on one page."""
    code = qr_drawing(url, styles.color("text"), styles.body.fontName)
    gap = styles.layout.spacing.gutter
    cells, widths = ([code, entry], [code.width + gap, "*"]) if styles.rtl else ([entry, code], ["*", code.width + gap])
    commands: list[tuple[object, ...]] = [
        *_NO_PADDING,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (0, 0), "LEFT"),
        ("ALIGN", (1, 0), (1, 0), "RIGHT"),
    ]
    return styled_table([cells], styles, commands, colWidths=widths, hAlign="LEFT", spaceAfter=styles.layout.spacing.paragraph)


def _image(block: Image, styles: Styles, parent: Tag) -> list[Flowable]:
    """A picture at its width (never wider than the column); a Figure with alt text, or an artifact if decorative."""
    picture = picture_flowable(block.file, block.width, styles.body.fontName, styles.press.cmyk)
    picture.hAlign = "LEFT"
    picture.spaceAfter = styles.layout.spacing.paragraph
    alt = block.alt.plain if block.alt else ""  # validation requires alt text unless the image is decorative
    out: list[Flowable] = [
        picture if block.decorative else Tagged(picture, Tag("Figure", parent, alt=alt), styles.context.structure)
    ]
    if block.caption:
        out.append(para(block.caption, styles.small, styles, Tag("Caption", parent)))
    return out


_BUILDERS: dict[type, Callable[..., list[Flowable]]] = {
    ParagraphBlock: _paragraph,
    ItemList: _item_list,
    Callout: _callout,
    Comparison: _comparison,
    TableBlock: _table,
    Resources: _resources,
    Image: _image,
}
every_kind(_BUILDERS, "layout/blocks.py builders")
