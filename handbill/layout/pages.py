"""Page furniture: the masthead band on page one, running header and footer on every page, 'Page X of Y'.

Page totals are only known at the end, so a canvas subclass keeps each page's state and draws the
numbers when the document is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate, Paragraph
from reportlab.platypus.flowables import Flowable

from ..design import Layout
from ..inline import Run
from ..model import Document
from ..press.marks import crop_marks
from ..reportlab_compat import MEASURING, begin_next_page, frame_height, link_with_description, measuring, page_state, resume_page
from ..wording import SOURCE_LANGUAGE
from .pictures import raster, raster_size, scale_drawing, svg_drawing
from .styles import Styles
from .tags import Tag, Tagged


@dataclass
class Masthead:
    """The first page's title band: its flowables and measured height."""

    parts: list[Flowable]
    height: float
    logo: Any
    logo_width: float
    logo_tag: Tag


def masthead(document: Document, styles: Styles) -> Masthead:
    layout, brand = styles.layout, styles.brand
    page_width = layout.page_size[0]
    pad = layout.masthead.padding
    logo, logo_width = _logo(brand.logo, brand.logo_height, styles.body.fontName, styles.press.cmyk)
    text_width = page_width - layout.margins.inner - layout.margins.outer - (logo_width + pad if logo else 0)
    link = styles.inks["on_primary"]
    name = document.organisation.name
    title = _title(document, styles, link, text_width)
    structure = styles.context.structure
    parts: list[Flowable] = [
        Tagged(styles.paragraph((Run(name.upper()),), styles.eyebrow), Tag("P", actual_text=name), structure),
        Tagged(title, Tag("H1", actual_text=document.title.plain), structure),
    ]
    if document.subtitle:
        parts.append(
            Tagged(
                styles.paragraph(document.subtitle.runs, styles.subtitle, link),
                Tag("P", actual_text=document.subtitle.plain),
                structure,
            )
        )
    height = sum(p.wrap(text_width, 10_000)[1] + p.getSpaceBefore() + p.getSpaceAfter() for p in parts)
    band = max(layout.masthead.min_height, height + 2 * pad, (logo_width and brand.logo_height) + 2 * pad)
    # the brand's description of its logo is written in the source language: a screen reader reading a translated
    # handout must switch to that language's voice for it
    alt_lang = SOURCE_LANGUAGE if document.language != SOURCE_LANGUAGE else ""
    return Masthead(parts, band, logo, logo_width, Tag("Figure", alt=brand.logo_alt, lang=alt_lang))


def _title(document: Document, styles: Styles, link: str, width: float) -> Flowable:
    """The title at the layout's size, or a point or more smaller (down to details.title_smallest of it) if that
    keeps it to details.title_lines lines."""
    style = styles.title
    for size in _title_sizes(style.fontSize, styles.layout.details.title_smallest):
        smaller = ParagraphStyle(style.name, parent=style, fontSize=size, leading=style.leading * size / style.fontSize)
        title = styles.paragraph(document.title.runs, smaller, link)
        if title.wrap(width, 10_000)[1] <= styles.layout.details.title_lines * smaller.leading + 0.5:
            return title
    return title


def _title_sizes(size: float, smallest: float) -> list[float]:
    sizes = [size]
    while sizes[-1] - 1 >= size * smallest:
        sizes.append(sizes[-1] - 1)
    return sizes


def _logo(path: Any, height: float, font: str, cmyk: bool) -> tuple[Any, float]:
    if path is None:
        return None, 0.0
    if path.suffix.lower() == ".svg":
        drawing = scale_drawing(svg_drawing(path, font, cmyk), height=height)
        return drawing, drawing.width
    w, h = raster_size(path)
    return ImageReader(raster(path, cmyk)), height * w / h


def furniture(document: Document, styles: Styles) -> tuple[str, str]:
    """The text drawn around the body on page one and on later pages, in drawing order (for reading back)."""
    titles = [document.title.plain] + ([document.subtitle.plain] if document.subtitle else [])
    footer = [_footer_line(document, styles)] if styles.layout.brand_line else []
    first = [document.organisation.name.upper(), *titles, *footer]
    later = (titles if styles.layout.running_header else []) + footer
    return " ".join(first), " ".join(later)


def _footer_line(document: Document, styles: Styles) -> str:
    """The publisher, named as on the title band, then the brand's contact details."""
    return "  ·  ".join([document.organisation.name, *styles.brand.contact])


def page_templates(document: Document, styles: Styles, head: Masthead, reserve: float) -> list[PageTemplate]:
    """First and later pages, each also as a "-last" twin whose columns stop `reserve` points higher, leaving room
    for the disclaimers at the foot of the last page."""
    layout = styles.layout
    height = layout.page_size[1]
    first_top = height - head.height - layout.masthead.stripe - layout.spacing.section
    later_top = height - layout.margins.top
    decor = _Decor(document, styles, head)
    press = styles.press
    media = dict(pagesize=press.media(layout.page_size), **press.boxes(layout.page_size)) if press.margin else {}
    templates = []
    for suffix, foot in (("", 0.0), ("-last", reserve)):
        templates += [
            PageTemplate(
                f"first{suffix}",
                _columns(f"first{suffix}", layout, first_top, foot, styles.rtl),
                onPage=decor.first_page,
                autoNextPageTemplate="later",
                **media,
            ),
            PageTemplate(
                f"later{suffix}",
                _columns(f"later{suffix}", layout, later_top, foot, styles.rtl),
                onPage=decor.later_page,
                **media,
            ),
        ]
    return templates


def capacity(templates: list[PageTemplate], last_page: int) -> float:
    """The column height pages 1 to `last_page` hold for content (the last one in its "-last" twin, under which
    the disclaimers go), as `page_templates` made them: the first page, then later ones."""
    height = {template.id: sum(frame_height(frame) for frame in template.frames) for template in templates}
    if last_page <= 1:
        return float(height["first-last"])
    return float(height["first"] + (last_page - 2) * height["later"] + height["later-last"])


def _columns(name: str, layout: Layout, top: float, foot: float, rtl: bool) -> list[Frame]:
    """The text frames of a page, in reading order: left to right, or right to left for right-to-left text."""
    left, width, gap = layout.margins.inner, layout.column_width, layout.column_gap
    bottom = layout.margins.bottom + foot
    frames = [
        Frame(
            left + n * (width + gap),
            bottom,
            width,
            top - bottom,
            id=f"{name}-{n}",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        for n in range(layout.columns)
    ]
    return frames[::-1] if rtl else frames


class _Decor:
    def __init__(self, document: Document, styles: Styles, head: Masthead):
        self.document, self.styles, self.head = document, styles, head

    def first_page(self, canv: Canvas, _doc: Any) -> None:
        if measuring(canv):  # page furniture takes no room from the columns
            return
        layout, brand = self.styles.layout, self.styles.brand
        width, height = layout.page_size
        band, stripe, pad = self.head.height, layout.masthead.stripe, layout.masthead.padding
        bleed = self.styles.press.bleed  # the band touches the top and sides of the page: on press it reaches past them
        canv.saveState()
        canv.setFillColor(self.styles.color("primary"))
        canv.rect(-bleed, height - band, width + 2 * bleed, band + bleed, stroke=0, fill=1)
        if stripe:
            canv.setFillColor(self.styles.color("accent"))
            canv.rect(-bleed, height - band - stripe, width + 2 * bleed, stripe, stroke=0, fill=1)
        logo_space = self.head.logo_width + pad if self.head.logo else 0
        text_width = width - layout.margins.inner - layout.margins.outer - logo_space
        text_x = layout.margins.inner + (logo_space if self.styles.rtl else 0)
        heights = [p.wrap(text_width, band)[1] + p.getSpaceBefore() + p.getSpaceAfter() for p in self.head.parts]
        y = height - band + (band - sum(heights)) / 2 + sum(heights)
        for part, h in zip(self.head.parts, heights):
            y -= h
            part.drawOn(canv, text_x, y + part.getSpaceAfter())
        if self.head.logo is not None:
            logo_x = layout.margins.inner if self.styles.rtl else width - layout.margins.outer - self.head.logo_width
            self._draw_logo(canv, logo_x, height - band / 2 - brand.logo_height / 2)
        canv.restoreState()
        self._footer(canv)

    def _draw_logo(self, canv: Canvas, x: float, y: float) -> None:
        width, height = self.head.logo_width, self.styles.brand.logo_height
        canv.saveState()
        canv.translate(x, y)
        with self.styles.context.structure.mark(canv, self.head.logo_tag, width, height):
            if isinstance(self.head.logo, ImageReader):
                canv.drawImage(self.head.logo, 0, 0, width, height, mask="auto")
            else:
                renderPDF.draw(self.head.logo, canv, 0, 0)
        canv.restoreState()

    def later_page(self, canv: Canvas, _doc: Any) -> None:
        if measuring(canv):
            return
        if self.styles.layout.running_header:
            self._running_header(canv)
        self._footer(canv)

    def _running_header(self, canv: Canvas) -> None:
        layout, styles = self.styles.layout, self.styles
        width, height = layout.page_size
        m = layout.margins
        rule_y = height - m.top + layout.type.small * layout.details.header_rise
        lines = [styles.paragraph(self.document.title.runs, styles.header_title)]
        if self.document.subtitle:
            lines.append(styles.paragraph(self.document.subtitle.runs, styles.header_line))
        _stack_up(canv, lines, m.inner, rule_y + layout.type.small * layout.details.header_gap, width - m.inner - m.outer)
        canv.saveState()
        canv.setStrokeColor(styles.color("accent"))
        canv.setLineWidth(layout.details.header_rule)
        canv.line(m.inner, rule_y, width - m.outer, rule_y)
        canv.restoreState()

    def _footer(self, canv: Canvas) -> None:
        layout, styles = self.styles.layout, self.styles
        width = layout.page_size[0]
        m = layout.margins
        rule_y = m.bottom - layout.details.footer_gap
        canv.saveState()
        canv.setStrokeColor(styles.color("muted"))
        canv.setLineWidth(layout.details.footer_rule)
        canv.line(m.inner, rule_y, width - m.outer, rule_y)
        canv.restoreState()
        if layout.brand_line:
            line = styles.paragraph((Run(_footer_line(self.document, styles)),), styles.footer)
            _hang(canv, line, m.inner, rule_y - layout.type.small * layout.details.footer_drop, width - m.inner - m.outer)


def _stack_up(canv: Canvas, lines: list[Paragraph], x: float, bottom: float, width: float) -> None:
    """Draw paragraphs one above the other, top one first (reading order), the last one resting on `bottom`."""
    heights = [line.wrap(width, 1000)[1] for line in lines]
    y = bottom + sum(heights)
    for line, height in zip(lines, heights):
        y -= height
        line.drawOn(canv, x, y)


def _hang(canv: Canvas, line: Paragraph, x: float, top: float, width: float) -> None:
    """Draw a paragraph hanging from `top`."""
    _, h = line.wrap(width, 1000)
    line.drawOn(canv, x, top - h)


def handout_canvas(styles: Styles, label: str, measuring: bool = False) -> Callable[..., Canvas]:
    """A canvas class that marks everything as artifact unless tagged, records links for the structure tree,
    and writes 'Page X of Y' on every page once the total is known; with `measuring`, one on which flowables are
    placed but not drawn (reportlab_compat.MEASURING).
    For print, every page is drawn on the larger media with its origin moved to the trim's corner (so layout code
    works in finished-page coordinates), crop marks outside the bleed, CMYK only, and no links (paper has none)."""
    layout, press = styles.layout, styles.press
    show = layout.page_numbers
    left = layout.margins.inner
    width = layout.page_size[0] - layout.margins.inner - layout.margins.outer
    top = layout.margins.bottom - layout.details.footer_gap - layout.type.small * layout.details.footer_drop
    trim = (0.0, 0.0, *layout.page_size)
    structure = styles.context.structure

    class HandoutCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any):
            if press.cmyk:
                kwargs.update(pagesize=press.media(layout.page_size), enforceColorSpace="cmyk")
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []
            self._begin_page()

        def _begin_page(self) -> None:
            if press.margin:
                self.translate(press.margin, press.margin)
            self.addLiteral("/Artifact BMC")
            if press.marks:
                self.addLiteral(crop_marks(trim, press.bleed))

        def showPage(self) -> None:
            self.addLiteral("EMC")
            self._saved_pages.append(page_state(self))
            begin_next_page(self)
            self._begin_page()

        def linkURL(self, url: str, rect: Any, relative: int = 0, *args: Any, **kwargs: Any) -> None:
            if press.cmyk:
                return
            x0, y0 = self.absolutePosition(rect[0], rect[1]) if relative else rect[:2]
            x1, y1 = self.absolutePosition(rect[2], rect[3]) if relative else rect[2:]
            contents = structure.link(self.getPageNumber() - 1, url, (x0, y0, x1, y1))
            link_with_description(self, url, rect, relative, contents, *args, **kwargs)

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, 1):
                resume_page(self, state)
                if show:
                    self.addLiteral("/Artifact BMC")
                    text = label.format(page=number, pages=total)
                    _hang(self, styles.paragraph((Run(text),), styles.page_number), left, top, width)
                    self.addLiteral("EMC")
                Canvas.showPage(self)
            Canvas.save(self)

    setattr(HandoutCanvas, MEASURING, measuring)
    return HandoutCanvas
