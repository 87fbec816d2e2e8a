"""QR codes for the links of a printed handout: paper cannot be clicked, so each resource gets a code to scan.

ReportLab draws the code itself as vector squares (sharp at any size, no image to resample). The size keeps a
module at least 0.4 mm for a phone camera at reading distance, and the four-module quiet zone the standard asks
for stays white around it. The address is always printed beside the code, for those who type it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.colors import Color

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

QUIET_ZONE = 4  # modules of white around the code (ISO/IEC 18004)
SMALLEST_MODULE = 0.4 * 72 / 25.4  # points: phones read modules of 0.4 mm reliably at a hand's length
SMALLEST_SIDE = 0.8 * 72  # points, quiet zone included: never smaller than 0.8 in


def qr_drawing(url: str, ink: Color, font: str) -> Drawing:
    """A square drawing of the QR code for `url` (error correction level M: survives a scuff or a fold),
    large enough that every module is at least SMALLEST_MODULE. `font` is the handout's (an embedded one): a
    drawing otherwise starts in Helvetica, which print files may not use unembedded."""
    from reportlab.graphics.barcode.qr import QrCodeWidget  # only handouts with QR codes need ReportLab's barcodes
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(url, barLevel="M", barBorder=QUIET_ZONE, barFillColor=ink)
    widget.qr.make()
    modules = widget.qr.getModuleCount() + 2 * QUIET_ZONE
    side = max(SMALLEST_SIDE, modules * SMALLEST_MODULE)
    widget.barWidth = widget.barHeight = side
    drawing = Drawing(side, side, initialFontName=font)
    drawing.add(widget)
    return drawing
