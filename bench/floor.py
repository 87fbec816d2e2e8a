"""The floor: plain ReportLab laying out the fact sheet's text once, with the same kinds of flowables handbill
uses (a title band, paragraphs with bold and italic, bullet lists, tables, a shaded callout, a footer with page
numbers, embedded subset TrueType fonts; Arabic and Urdu shaped and set right to left, Chinese and Korean
wrapped per character). No fitting, tagging, checks or font fallback: what any ReportLab script pays.

    python bench/floor.py TEXT.json OUT.pdf [REPEATS]     TEXT.json from bench/factsheet.py; with REPEATS,
                                                          prints the median time of that many more, warm
"""

from __future__ import annotations

import io
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, ListFlowable, ListItem, PageTemplate, Paragraph, Spacer, Table, TableStyle

FONTS = Path(__file__).resolve().parent.parent / "fonts"
FACES = {  # language -> (regular, bold) font files
    "ar": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "ur": ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf"),
    "zh-Hans": ("NotoSansCJKsc-Regular.ttf", "NotoSansCJKsc-Bold.ttf"),
    "ko": ("NotoSansCJKkr-Regular.ttf", "NotoSansCJKkr-Bold.ttf"),
}
LATIN = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
PRIMARY = colors.HexColor("#1F4E79")
TINT = colors.HexColor("#EEF3F8")


def layout(text: dict[str, Any]) -> bytes:
    """The PDF of one language's text."""
    family = _register(text["language"])
    rtl = text["language"] in ("ar", "ur")
    wrap = "RTL" if rtl else ("CJK" if text["language"] in ("zh-Hans", "ko") else None)
    body = ParagraphStyle(
        "body",
        fontName=family,
        fontSize=11,
        leading=15,
        spaceAfter=6,
        alignment=TA_RIGHT if rtl else TA_LEFT,
        wordWrap=wrap,
        shaping=1 if rtl else 0,
    )
    heading = ParagraphStyle(
        "heading", parent=body, fontName=f"{family}-Bold", fontSize=15, leading=19, textColor=PRIMARY, spaceBefore=10
    )
    title = ParagraphStyle("title", parent=heading, fontSize=22, leading=27, textColor=colors.white, spaceBefore=0)
    story: list[Any] = [_band([Paragraph(text["title"], title), Paragraph(text["subtitle"], body)]), Spacer(1, 12)]
    for section in text["sections"]:
        if section["heading"]:
            story.append(Paragraph(section["heading"], heading))
        story += [_flowable(block, body) for block in section["blocks"]]
    story += [Spacer(1, 12)] + [Paragraph(statement, body) for statement in text["statements"]]
    out = io.BytesIO()
    document = BaseDocTemplate(out, pagesize=LETTER, title="floor", invariant=1)
    frame = Frame(54, 54, LETTER[0] - 108, LETTER[1] - 108)
    document.addPageTemplates([PageTemplate("page", [frame], onPage=_footer(family))])
    document.build(story)
    return out.getvalue()


def _flowable(block: dict[str, Any], body: ParagraphStyle) -> Any:
    if block["kind"] == "list":
        items = [ListItem(Paragraph(item, body), leftIndent=14) for item in block["items"]]
        return ListFlowable(items, bulletType="bullet", start="•", leftIndent=14, bulletFontName=body.fontName)
    if block["kind"] == "table":
        width = (LETTER[0] - 108) / max(1, max(len(row) for row in block["rows"]))
        rows = [[Paragraph(cell, body) for cell in row] for row in block["rows"]]
        table = Table(rows, colWidths=[width] * len(rows[0]), repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, PRIMARY),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("BACKGROUND", (0, 0), (-1, 0), TINT),
                ]
            )
        )
        return table
    if block["kind"] == "callout":
        return _band([Paragraph(block["text"], body)], TINT)
    return Paragraph(block["text"], body)


def _band(content: list[Any], background: Any = PRIMARY) -> Table:
    table = Table([[content]], colWidths=[LETTER[0] - 108])
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), background),
                ("LEFTPADDING", (0, 0), (-1, -1), 12),
                ("RIGHTPADDING", (0, 0), (-1, -1), 12),
                ("TOPPADDING", (0, 0), (-1, -1), 10),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ]
        )
    )
    return table


def _footer(family: str) -> Any:
    def draw(canvas: Any, document: Any) -> None:
        canvas.setFont(family, 8)
        canvas.drawRightString(LETTER[0] - 54, 30, f"{document.page}")

    return draw


def _register(language: str) -> str:
    """Register the language's regular and bold faces once per process; returns the family name."""
    regular, bold = FACES.get(language, LATIN)
    family = Path(regular).stem
    if family not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(family, str(FONTS / regular)))
        pdfmetrics.registerFont(TTFont(f"{family}-Bold", str(FONTS / bold)))
        pdfmetrics.registerFontFamily(family, normal=family, bold=f"{family}-Bold", italic=family, boldItalic=f"{family}-Bold")
    return family


def main(text_file: Path, out: Path, repeats: int) -> int:
    """Write the PDF; with `repeats`, lay it out that many times more and print the median of those, warm."""
    text = json.loads(text_file.read_text(encoding="utf-8"))
    out.write_bytes(layout(text))
    if repeats:
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            layout(text)
            times.append(time.perf_counter() - start)
        print(json.dumps({"warm": statistics.median(times)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0))
