"""Proofs: PDF pages as PNG pictures, and one contact sheet of many, for people who check a print run by eye.

A print shop and the staff who order from it look at pictures before they open a PDF. Both functions return
PNG bytes that depend only on their input, so a package rebuilt from the same content is byte-identical.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import pypdfium2
from PIL import Image, ImageDraw, ImageFont

THUMBNAIL = (280, 280)  # the largest a page may be on the contact sheet, in pixels
_GAP = 24
_LABEL_SIZE = 15
_SMALLEST_LABEL = 9
_MOST_COLUMNS = 5
_PAPER = (255, 255, 255)
_BACKGROUND = (236, 237, 240)
_INK = (33, 37, 41)
_EDGE = (173, 181, 189)


def page_pngs(pdf: bytes, dpi: float) -> list[bytes]:
    """Every page of `pdf`, whole (marks and bleed included), as a PNG at `dpi` pixels per inch."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        pictures = []
        for index in range(len(document)):
            page = document[index]
            try:
                bitmap = page.render(scale=dpi / 72)
                pictures.append(_png(bitmap.to_pil().convert("RGB"), dpi))
            finally:
                page.close()
        return pictures
    finally:
        document.close()


def contact_sheet(items: list[tuple[str, bytes]], *, font: Path) -> bytes:
    """One PNG showing each (label, PNG picture) in `items` as a thumbnail with its label below, in rows, in order.

    A label may have several lines ("\\n"); a line too wide for its cell is set smaller. `font` is a TrueType
    file, so the sheet looks the same on every machine."""
    if not items:
        raise ValueError("a contact sheet needs at least one picture")
    columns = min(len(items), _MOST_COLUMNS, math.ceil(math.sqrt(len(items))))
    rows = math.ceil(len(items) / columns)
    lines = max(label.count("\n") + 1 for label, _ in items)
    label_height = lines * round(_LABEL_SIZE * 1.35) + _GAP // 2
    cell = (THUMBNAIL[0] + _GAP, THUMBNAIL[1] + label_height + _GAP)
    sheet = Image.new("RGB", (columns * cell[0] + _GAP, rows * cell[1] + _GAP), _BACKGROUND)
    draw = ImageDraw.Draw(sheet)
    for index, (label, picture) in enumerate(items):
        left = _GAP + (index % columns) * cell[0]
        top = _GAP + (index // columns) * cell[1]
        _place_thumbnail(sheet, draw, picture, left, top)
        _draw_label(draw, label, font, left, top + THUMBNAIL[1] + _GAP // 2)
    return _png(sheet)


def _place_thumbnail(sheet: Image.Image, draw: ImageDraw.ImageDraw, picture: bytes, left: int, top: int) -> None:
    """The picture scaled to fit the thumbnail box, centred at the bottom of it, with a thin edge around it."""
    with Image.open(io.BytesIO(picture)) as opened:
        page = opened.convert("RGB")
    page.thumbnail(THUMBNAIL, Image.Resampling.LANCZOS)
    x = left + (THUMBNAIL[0] - page.width) // 2
    y = top + THUMBNAIL[1] - page.height
    draw.rectangle((x - 1, y - 1, x + page.width, y + page.height), outline=_EDGE, fill=_PAPER)
    sheet.paste(page, (x, y))


def _draw_label(draw: ImageDraw.ImageDraw, label: str, font: Path, left: int, top: int) -> None:
    """Each line of the label centred under its thumbnail, set smaller when it would be wider than the thumbnail."""
    line_height = round(_LABEL_SIZE * 1.35)
    for number, line in enumerate(label.split("\n")):
        size = _LABEL_SIZE
        face = ImageFont.truetype(str(font), size)
        while face.getlength(line) > THUMBNAIL[0] and size > _SMALLEST_LABEL:
            size -= 1
            face = ImageFont.truetype(str(font), size)
        x = left + (THUMBNAIL[0] - face.getlength(line)) / 2
        draw.text((x, top + number * line_height), line, font=face, fill=_INK)


def _png(picture: Image.Image, dpi: float | None = None) -> bytes:
    out = io.BytesIO()
    picture.save(out, format="PNG", **({"dpi": (dpi, dpi)} if dpi else {}))
    return out.getvalue()
