"""Measuring a rendered page as a designer does: the largest empty horizontal band inside the margins."""

from __future__ import annotations

from pathlib import Path

import pypdfium2

SCALE = 0.5  # 36 pixels an inch: fine enough for bands of a few points


def largest_gaps(pdf: Path, top: float, bottom: float) -> list[float]:
    """For each page, the tallest run of blank rows between `top` and `bottom` margins (points), as a share of the
    page height. A row is blank when no pixel in it is darker than near-white (tinted panels count as ink)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        shares = []
        for page in document:
            image = page.render(scale=SCALE, grayscale=True).to_pil()
            width, height = image.size
            first, last = int(top * SCALE), height - int(bottom * SCALE)
            pixels = image.load()
            longest = run = 0
            for y in range(first, last):
                if all(pixels[x, y] >= 250 for x in range(0, width, 2)):
                    run += 1
                    longest = max(longest, run)
                else:
                    run = 0
            shares.append(longest / height)
        return shares
    finally:
        document.close()
