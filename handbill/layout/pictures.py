"""Pictures (PNG, JPEG, SVG) as flowables, scaled to a width and never wider than the column."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Drawing
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image as ImageFlowable
from svglib.svglib import svg2rlg

from ..errors import BuildError


def svg_drawing(path: Path, font: str) -> Drawing:
    """An SVG file as a ReportLab drawing that uses `font`, not unembedded Helvetica, for its initial state."""
    drawing = svg2rlg(str(path))
    if drawing is None or not drawing.width or not drawing.height:
        raise BuildError(f"{path}: not a readable SVG drawing (it needs a width and height); "
                         "export it again from your drawing program or use a PNG")
    drawing.initialFontName = font
    return drawing


def scale_drawing(drawing: Drawing, width: float | None = None, height: float | None = None) -> Drawing:
    """Scale a drawing to a width or a height, keeping its proportions."""
    factor = (width / drawing.width) if width else (height / drawing.height if height else 1.0)
    drawing.scale(factor, factor)
    drawing.width, drawing.height = drawing.width * factor, drawing.height * factor
    return drawing


class _FitWidth(Flowable):
    """Wraps a picture so it shrinks to the available width while keeping its proportions."""

    def __init__(self, inner: Flowable, width: float, height: float):
        super().__init__()
        self.inner, self.natural = inner, (width, height)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.scale = min(1.0, avail_width / self.natural[0])
        self.width, self.height = self.natural[0] * self.scale, self.natural[1] * self.scale
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.inner.drawOn(self.canv, 0, 0)
        self.canv.restoreState()


def _image(path: Path) -> ImageFlowable:
    """A PNG or JPEG as a flowable, read once here so a damaged file is reported before drawing starts."""
    try:
        ImageReader(str(path)).getSize()
    except Exception as exc:  # ReportLab and Pillow raise various errors for a damaged or unsupported file
        raise BuildError(f"{path}: not a readable PNG or JPEG image ({exc})") from None
    return ImageFlowable(str(path))


def picture_flowable(path: Path, width: float | None, font: str) -> Flowable:
    if path.suffix.lower() == ".svg":
        drawing = scale_drawing(svg_drawing(path, font), width=width)
        return _FitWidth(drawing, drawing.width, drawing.height)
    image = _image(path)
    natural_w, natural_h = image.imageWidth, image.imageHeight
    w = width or natural_w
    h = natural_h * w / natural_w
    return _FitWidth(ImageFlowable(str(path), width=w, height=h), w, h)
