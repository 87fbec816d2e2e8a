"""Lay out a Document: content blocks and the appended disclaimers become a story of ReportLab flowables."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable
from reportlab.platypus.doctemplate import ActionFlowable

from ..funders import Disclaimer
from ..inline import parse, plain
from ..model import Block, Callout, Document, ItemList
from ..model import Paragraph as ParagraphBlock
from .blocks import edition_panel, flowables_for, para, styled_table
from .markers import Balanced
from .styles import Styles, measure_width
from .tags import Tag, Tagged


def build_story(document: Document, styles: Styles) -> list[Flowable]:
    """Sections in source order (the disclaimers are not part of the flow: see `disclaimer_box`); a co-branded
    edition's partner panel first or last, as the layout says."""
    story: list[Flowable] = []
    for number, section in enumerate(document.sections):
        if number == 1 and styles.layout.cover and document.sections[0].heading is None:
            story.append(_EndOfCover())
        sect = Tag("Sect", section=section.id)
        if section.heading:
            level = section.level
            heading = Tag(f"H{level}", sect, outline=level - 1, title=section.heading.plain)
            story.append(para(section.heading, styles.h2 if level == 2 else styles.h3, styles, heading))
        for block, following in zip(section.blocks, [*section.blocks[1:], None]):
            flowables = flowables_for(block, styles, sect, lead=section.heading is None)
            if flowables and following is not None and _keeps_with(block, following):
                flowables[-1].keepWithNext = 1
            story += flowables
    if document.edition is not None:
        panel = edition_panel(document.edition, styles)
        story = panel + story if styles.layout.edition_panel == "top" else story + panel
    return story


class _EndOfCover(ActionFlowable):
    """Where a cover ends (Layout.cover): what follows the opening section begins on the next page, unless the
    opening section itself ran past the cover."""

    def apply(self, doc: Any) -> None:
        if doc.page == 1:
            doc.handle_pageBreak()


def _keeps_with(block: Block, following: Block) -> bool:
    """A lead-in ("These services:") keeps with the list it introduces; nothing lets a note or a checklist stand
    alone at the top of a page, cut off from the text before it."""
    lead_in = isinstance(block, ParagraphBlock) and block.text.plain.rstrip().endswith((":", "：", "؛"))
    anchored = isinstance(following, Callout) or (isinstance(following, ItemList) and following.kind == "checklist")
    return lead_in or anchored


def disclaimer_box(disclaimers: tuple[Disclaimer, ...], styles: Styles, words: dict[str, Any]) -> Flowable:
    """One panel, the full width of the text area: heading plus every disclaimer, set at the foot of the last
    page below all columns (the page's columns are shortened to make room for it)."""
    heading = words["disclaimers"] if any(d.kind == "funder" for d in disclaimers) else words["disclaimer"]
    sect = Tag("Sect")
    structure = styles.context.structure
    content: list[Flowable] = [
        Tagged(
            styles.paragraph(parse(heading.upper()), styles.small_head),
            Tag("H2", sect, outline=1, title=heading, actual_text=heading),
            structure,
        )
    ]
    layout = styles.layout
    small, details = layout.type.small, layout.details
    full_width = layout.page_size[0] - layout.margins.inner - layout.margins.outer
    too_wide = measure_width(layout, styles.small.fontName, small, styles.language) < full_width
    texts = [(parse(d.text), styles.cell if d.form == "short" else styles.small) for d in disclaimers]
    paragraphs = [
        Tagged(styles.paragraph(text, style), Tag("P", sect, actual_text=plain(text)), structure) for text, style in texts
    ]  # a short form stands in for a long statement: at the text's own size
    content += _side_by_side(paragraphs, styles) if too_wide else paragraphs
    box = styled_table(
        [[content]],
        styles,
        [
            ("LINEABOVE", (0, 0), (-1, 0), details.disclaimer_rule, styles.color("muted")),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), small * details.disclaimer_top),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ],
        colWidths=["100%"],
    )
    return box


def _side_by_side(paragraphs: list[Flowable], styles: Styles) -> list[Flowable]:
    """Small print too wide for comfortable lines: statements two to a row (the first on the right in
    right-to-left text), or a single one in two balanced columns."""
    gap = styles.layout.column_gap
    if len(paragraphs) == 1:
        return [Balanced(paragraphs[0], gap, styles.rtl)]
    rows = [paragraphs[n : n + 2] + [""] * (n + 2 - len(paragraphs)) for n in range(0, len(paragraphs), 2)]
    rows = [row[::-1] for row in rows] if styles.rtl else rows
    return [
        styled_table(
            rows,
            styles,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, -1), gap / 2),
                ("LEFTPADDING", (1, 0), (1, -1), gap / 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ],
            colWidths=["50%", "50%"],
        )
    ]
