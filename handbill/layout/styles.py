"""Paragraph styles from a layout's type scale and a brand's colours and fonts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from reportlab.lib.colors import Color, toColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ..design import Brand, Layout
from ..fonts import FontStack, face
from ..i18n.scripts import is_rtl, word_wrap
from ..inline import Run, is_safe_url, to_markup
from ..press.palette import SMALL_TYPE, inks
from ..press.profile import SCREEN, Press
from .bidi import BidiParagraph, Piece
from .context import RenderContext
from .hyphenate import HyphenatedParagraph, hyphenator
from .tags import Structure

HYPHENATED_STYLES = {"body", "lead", "item", "panel_text", "cell", "small"}
HEADING_STYLES = {"h2", "h3", "title", "column_head", "row_label", "box_title", "header_title"}


@dataclass(frozen=True)
class Styles:
    """Every paragraph style a handout uses, plus the brand, layout and font stacks they came from."""

    layout: Layout
    brand: Brand
    body_stack: FontStack
    heading_stack: FontStack
    rtl: bool
    body: ParagraphStyle
    lead: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    item: ParagraphStyle
    panel_text: ParagraphStyle  # list items and notes inside tinted panels: the panel itself keeps the measure
    cell: ParagraphStyle
    column_head: ParagraphStyle
    row_label: ParagraphStyle
    box_title: ParagraphStyle
    small: ParagraphStyle
    small_head: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    eyebrow: ParagraphStyle
    header_title: ParagraphStyle
    header_line: ParagraphStyle
    footer: ParagraphStyle
    page_number: ParagraphStyle

    language: str = "en"
    measure: float = 0.0  # the widest running text may be set, in points (the layout's measure in characters)
    press: Press = SCREEN
    inks: dict[str, str] = field(default_factory=dict)  # colour roles as ReportLab colour strings, for this press
    context: RenderContext = field(default_factory=lambda: RenderContext(Structure("en")))  # this render's record

    def color(self, name: str) -> Color:
        return toColor(self.inks[name])

    def stack_for(self, style: ParagraphStyle) -> FontStack:
        return self.heading_stack if style.name in HEADING_STYLES else self.body_stack

    def markup(self, runs: tuple[Run, ...], style: ParagraphStyle, link: str | None = None) -> str:
        """Paragraph markup for content runs in `style`: escaped, with a font change wherever a run needs one."""
        stack = self.stack_for(style)
        return to_markup(runs, link or self.inks["link"], stack.markup(stack.primary))

    def paragraph(self, runs: tuple[Run, ...], style: ParagraphStyle, link: str | None = None) -> Flowable:
        """Content runs set in `style`: a ReportLab Paragraph, or for right-to-left languages a BidiParagraph.
        Titles and headings never end with one word alone on their last line."""
        if style.name in HEADING_STYLES:
            runs = _last_words_together(runs)
        if not self.rtl:
            return HyphenatedParagraph(self.markup(runs, style, link), style)
        stack = self.stack_for(style)
        link_color = toColor(link or self.inks["link"])
        bold = style.fontName.endswith("-bold")  # headings: bold whatever the run says
        pieces = [
            Piece(
                part,
                face(family or stack.primary, run.bold or bold, run.italic),
                link_color if run.href and is_safe_url(run.href) else style.textColor,
                run.href if run.href and is_safe_url(run.href) else None,
                layer,
            )
            for run in runs
            for family, text in stack.segments(run.text)
            for layer, part in stack.text_layers(family or stack.primary, text, run.bold or bold, run.italic)
        ]
        return BidiParagraph(pieces, style, self.context.shaping)

    def lines(self, lines: list[tuple[Run, ...]], style: ParagraphStyle) -> Flowable:
        """Several lines of runs as one paragraph, each line starting on a new line."""
        if not self.rtl:
            return HyphenatedParagraph("<br/>".join(self.markup(runs, style) for runs in lines), style)
        joined = tuple(run for n, runs in enumerate(lines) for run in ((Run("\n"),) if n else ()) + runs)
        return self.paragraph(joined, style)


def make_styles(
    layout: Layout,
    brand: Brand,
    body_stack: FontStack,
    heading_stack: FontStack,
    language: str,
    press: Press = SCREEN,
    context: RenderContext | None = None,
) -> Styles:
    t, s, d, c = layout.type, layout.spacing, layout.details, inks(brand, press)
    body_font, head_font = body_stack.primary, heading_stack.primary
    script = dict(
        wordWrap=word_wrap(language),
        hyphenationLang=hyphenator(language) if layout.hyphenate else "",
        alignment=TA_RIGHT if is_rtl(language) else TA_LEFT,
    )

    def style(name: str, size: float, font: str, color: str, **extra: object) -> ParagraphStyle:
        if press.cmyk and size < SMALL_TYPE and color != "on_primary":
            color = "text"  # small type in a colour of several inks blurs when the plates shift: solid black
        base = dict(
            fontName=font,
            fontSize=size,
            leading=round(size * t.leading, 2),
            textColor=toColor(c[color]),
            allowWidows=0,
            allowOrphans=0,
            spaceAfter=0,
            spaceBefore=0,
            splitLongWords=1,
            **script,
        )
        if name not in HYPHENATED_STYLES:
            base["hyphenationLang"] = ""  # titles and headings are never broken inside a word
        made = ParagraphStyle(name, **{**base, **extra})
        stack = heading_stack if name in HEADING_STYLES else body_stack
        made.leading = max(made.leading, round(size * stack.line_height, 2))  # scripts with tall stacks need room
        return made

    measure = measure_width(layout, face(body_font), t.body, language)
    indent = "leftIndent" if is_rtl(language) else "rightIndent"  # running text wider than the measure: narrower
    capped = {indent: max(0.0, layout.column_width - measure)}
    narrower = layout.long_lines == "narrower"  # else blocks.py sets wide paragraphs in two columns
    paragraphs = capped if narrower else {}
    body = style("body", t.body, face(body_font), "text", spaceAfter=s.paragraph, **paragraphs)
    return Styles(
        layout=layout,
        brand=brand,
        body_stack=body_stack,
        heading_stack=heading_stack,
        rtl=is_rtl(language),
        body=body,
        lead=style(
            "lead",
            t.lead,
            face(body_font),
            "text",
            spaceAfter=s.paragraph * d.lead_after,
            **(
                {indent: max(0.0, layout.column_width - measure_width(layout, face(body_font), t.lead, language))}
                if narrower
                else {}
            ),
        ),
        h2=style(
            "h2",
            t.h2,
            face(head_font, bold=True),
            "primary",
            leading=t.h2 * d.h2.leading,
            spaceBefore=s.section * d.h2.before,
            spaceAfter=s.paragraph * d.h2.after,
            keepWithNext=1,
        ),
        h3=style(
            "h3",
            t.h3,
            face(head_font, bold=True),
            "primary",
            leading=t.h3 * d.h3.leading,
            spaceBefore=s.section * d.h3.before,
            spaceAfter=s.paragraph * d.h3.after,
            keepWithNext=1,
        ),
        item=style("item", t.body, face(body_font), "text", **capped),
        panel_text=style("panel_text", t.body, face(body_font), "text"),
        cell=style("cell", t.body, face(body_font), "text"),
        column_head=style(
            "column_head",
            t.body * d.column_head.size,
            face(head_font, bold=True),
            "primary",
            leading=t.body * d.column_head.leading,
        ),
        row_label=style(
            "row_label", t.body * d.row_label.size, face(head_font, bold=True), "primary", leading=t.body * d.row_label.leading
        ),
        box_title=style(
            "box_title",
            t.body * d.panel_title.size,
            face(head_font, bold=True),
            "primary",
            leading=t.body * d.panel_title.leading,
            spaceAfter=s.item * d.panel_title_after,
        ),
        small=style("small", t.small, face(body_font), "muted", spaceAfter=t.small * d.small_after),
        small_head=style(
            "small_head",
            t.small * d.disclaimer_heading.size,
            face(body_font, bold=True),
            "muted",
            leading=t.small * d.disclaimer_heading.size * d.disclaimer_heading.leading,
            spaceAfter=t.small * d.disclaimer_heading_after,
        ),
        title=style("title", t.title, face(head_font, bold=True), "on_primary", leading=t.title * d.title_leading),
        subtitle=style(
            "subtitle",
            t.subtitle,
            face(body_font),
            "on_primary",
            leading=t.subtitle * d.subtitle_leading,
            spaceBefore=t.subtitle * d.subtitle_before,
        ),
        eyebrow=style(
            "eyebrow",
            t.small * d.eyebrow.size,
            face(body_font, bold=True),
            "on_primary",
            leading=t.small * d.eyebrow.size * d.eyebrow.leading,
            spaceAfter=t.small * d.eyebrow_after,
        ),
        header_title=style(
            "header_title",
            t.small * d.header_title_size,
            face(head_font, bold=True),
            "primary",
            leading=t.small * d.header_title_size * d.small_leading,
        ),
        header_line=style(
            "header_line",
            t.small * d.header_line_size,
            face(body_font),
            "muted",
            leading=t.small * d.header_line_size * d.small_leading,
        ),
        footer=style("footer", t.small, face(body_font), "muted", leading=t.small * d.small_leading),
        page_number=style(
            "page_number",
            t.small,
            face(body_font, bold=True),
            "muted",
            leading=t.small * d.small_leading,
            alignment=TA_LEFT if is_rtl(language) else TA_RIGHT,
        ),
        language=language,
        measure=min(measure, layout.column_width),
        press=press,
        inks=c,
        context=context or RenderContext(Structure(language)),
    )


def _last_words_together(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """The runs with a no-break space between the last two words, when they are short enough to share a line."""
    for index in range(len(runs) - 1, -1, -1):
        text = runs[index].text.rstrip()
        cut = text.rfind(" ")
        if cut < 0:
            if text:
                return runs  # the last word's run has no space in it: leave the break to the line breaker
            continue
        if len(text) - cut > 20 or len(text[:cut].split(" ")[-1]) > 20:
            return runs
        joined = replace(runs[index], text=text[:cut] + "\u00a0" + text[cut + 1 :] + runs[index].text[len(text) :])
        return runs[:index] + (joined,) + runs[index + 1 :]
    return runs


_SAMPLES = {  # ordinary running text in each script, to measure an average character by
    "latin": "the quick brown fox jumps over the lazy dog, and families ask the school about therapy services. ",
    "arabic": "يتلقى كثير من الأطفال العلاج في المدرسة أو في المراكز الطبية، وتختلف الخدمات في أهدافها وطريقة تقريرها. ",
}


def measure_width(layout: Layout, font: str, size: float, language: str) -> float:
    """How wide the layout's measure (characters of running text) is in `font` at `size`, in points, from the
    average character of a sample. (For ideographs the Latin sample gives about half their width, so 80
    "characters" is some 40 ideographs, a comfortable line for Chinese and Korean too.)"""
    sample = _SAMPLES["arabic" if is_rtl(language) else "latin"]
    return layout.measure * stringWidth(sample, font, size) / len(sample)
