"""Pictures (PNG, JPEG, SVG) as flowables, scaled to a width and never wider than the column.

Every picture and logo is untrusted, so all of them are read here and checked against the limits before and while
decoding: a damaged, huge or outward-pointing file becomes one clear error instead of a crash, a stalled build, a
PDF that fails validation, or a file from elsewhere on the machine inside the handout.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
import warnings
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any, NoReturn

from lxml import etree
from PIL import Image as PILImage
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import CMYKColor, Color
from reportlab.platypus import Flowable
from reportlab.platypus import Image as ImageFlowable
from svglib.fonts import FontMap
from svglib.svglib import SvgRenderer

from ..errors import BuildError, Location
from ..limits import DEFAULT
from ..press.colour import cmyk_image, cmyk_of

RASTER_FORMATS = ["PNG", "JPEG"]
SVG_HINT = "export it again as plain SVG, or use a PNG"
# How a problem names a picture: (when it is damaged, when it has too many pixels)
_FILE = ("the picture is", "the picture has")
_EMBEDDED = ("a picture embedded in the SVG drawing is", "the pictures embedded in the SVG drawing together have")
_DATA_URI = re.compile(r"data:image/(jpe?g|png);base64")  # the data URIs svglib decodes, matched as svglib does
_XLINK_HREF = "{http://www.w3.org/1999/xlink}href"


def _refuse(path: Path, problem: str, hint: str) -> NoReturn:
    raise BuildError(f"{Location(path)}: {problem} (hint: {hint})")


def _read(path: Path, limit: int) -> bytes:
    """The whole file, refused unread when it is over the size limit."""
    try:
        size = path.stat().st_size
        if size <= limit:
            return path.read_bytes()
    except OSError:
        _refuse(path, "the picture cannot be read", "check that the file exists and is readable")
    _refuse(
        path,
        f"the picture is {size:,} bytes, more than the limit of {limit:,}",
        "export it again smaller, e.g. at a lower resolution",
    )


def _too_many_pixels(path: Path, names: tuple[str, str]) -> NoReturn:
    _refuse(
        path,
        f"{names[1]} more than {DEFAULT.image_pixels:,} pixels",
        "scale it down, e.g. to 3000 pixels wide, and export it again",
    )


def _decoded(path: Path, data: bytes, pixels: int, names: tuple[str, str]) -> PILImage.Image:
    """A PNG or JPEG decoded to the last pixel, so a truncated or corrupt file is refused rather than embedded; its
    size is checked against `pixels` from the header first, so a decompression bomb is never expanded."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            image = PILImage.open(BytesIO(data), formats=RASTER_FORMATS)
        too_big = image.width * image.height > pixels
        if not too_big and min(image.size) > 0:
            image.load()
            return image
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        too_big = True
    except Exception:  # Pillow raises many kinds of errors for a damaged or unsupported file
        too_big = False
    if too_big:
        _too_many_pixels(path, names)
    _refuse(
        path,
        f"{names[0]} not a readable PNG or JPEG image (damaged, cut short or another format)",
        "export it again as PNG or JPEG",
    )


def raster_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels of a PNG or JPEG file that has passed every check. Decoded once per file
    version and limits: the fit lays a document out several times, and a logo is on every one of them."""
    try:
        version = path.stat()
    except OSError:  # let _read say what is wrong
        return _checked_size(path, 0, 0, DEFAULT.image_bytes, DEFAULT.image_pixels)
    return _checked_size(path, version.st_mtime_ns, version.st_size, DEFAULT.image_bytes, DEFAULT.image_pixels)


@lru_cache(maxsize=256)
def _checked_size(path: Path, modified: int, size: int, byte_limit: int, pixel_limit: int) -> tuple[int, int]:
    return _decoded(path, _read(path, byte_limit), pixel_limit, _FILE).size


class _OneFont(FontMap):
    """Answers every SVG font request with handbill's embedded face: svglib would otherwise use Helvetica, which is
    not embedded (PDF/UA forbids that), or ask fc-match for a font of whichever machine runs the build."""

    def __init__(self, font: str):
        super().__init__()
        self.font = font

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        return self.font, True


def _too_many(path: Path) -> NoReturn:
    _refuse(
        path,
        f"the SVG drawing has more than {DEFAULT.svg_elements:,} elements, counting each copy a <use> makes",
        "simplify it, or export it as PNG",
    )


def _svg_tree(path: Path, data: bytes) -> etree._Element:
    """The parsed SVG: no entities, DTDs, network or huge-tree mode, and abandoned as soon as it has too many elements."""
    events = etree.iterparse(
        BytesIO(data),
        events=("start",),
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for count, _ in enumerate(events, 1):
            if count > DEFAULT.svg_elements:
                _too_many(path)
        root: etree._Element = events.root
    except etree.LxmlError:
        _refuse(path, "not a readable SVG drawing", SVG_HINT)
    return root


def _embedded_pixels(path: Path, link: str, pixels: int) -> int:
    """The pixels of a PNG or JPEG embedded in the SVG, decoded as svglib will and checked like a picture file.
    Any other link is refused: a file or web address could put a file from elsewhere into the handout."""
    embedded = _DATA_URI.match(link)
    if not embedded:
        _refuse(
            path,
            "the SVG drawing links to a file or web address outside itself",
            "embed pictures in the SVG, or export it again as plain SVG or PNG",
        )
    try:
        data = base64.decodebytes(link[embedded.end() + 1 :].encode("ascii"))
    except (UnicodeError, binascii.Error):
        data = b""
    width, height = _decoded(path, data, pixels, _EMBEDDED).size
    return width * height


def _check_drawing(path: Path, root: etree._Element) -> None:
    """Walk the SVG as svglib will draw it, an <image> or <use> of "#id" adding a copy of its target, and refuse it if it
    has too many elements or embedded pixels: a few hundred elements that copy each other can make millions."""
    targets = {element.get("id"): element for element in root.iter() if element.get("id")}
    links = {element: element.get(_XLINK_HREF) or element.get("href") or "" for element in root.iter("{*}image", "{*}use")}
    pixels: dict[str, int] = {}  # of each embedded picture, decoded once however often it is drawn
    todo, count, total = [root], 0, 0
    while todo:
        element = todo.pop()
        count += 1
        if count > DEFAULT.svg_elements:
            _too_many(path)
        todo.extend(element)
        link = links.get(element, "")
        if link.startswith("#"):
            target = targets.get(link[1:])
            if target is not None:
                todo.append(target)
        elif link:
            if link not in pixels:
                pixels[link] = _embedded_pixels(path, link, DEFAULT.image_pixels - total)
            total += pixels[link]
            if total > DEFAULT.image_pixels:
                _too_many_pixels(path, _EMBEDDED)


def svg_drawing(path: Path, font: str, cmyk: bool = False) -> Drawing:
    """An SVG file as a ReportLab drawing, within the limits, linking to nothing outside, its text set in `font`,
    in press colour when `cmyk`."""
    root = _svg_tree(path, _read(path, DEFAULT.svg_bytes))
    _check_drawing(path, root)
    # The folder is also svglib's own limit for references, in case it follows one the check above did not see.
    renderer = SvgRenderer(str(path), font_map=_OneFont(font), external_reference_root=str(path.parent))
    try:
        drawing = renderer.render(root)
        bounds = drawing.getBounds() or ()  # None when nothing is drawn
    except Exception:  # svglib raises many kinds of errors for drawings it cannot handle
        _refuse(path, "not a readable SVG drawing", SVG_HINT)
    limit = DEFAULT.svg_points
    if not all(math.isfinite(side) and 0 < side <= limit for side in (drawing.width, drawing.height)):
        _refuse(
            path,
            f"the SVG drawing's width and height must be more than 0 and at most {limit / 72:g} inches",
            "set width and height (or a viewBox) on its <svg> element, or export it again",
        )
    # Drawing would fail on a coordinate that is not a number, and 1e308 would be written out with 300 digits.
    if not all(math.isfinite(edge) and abs(edge) <= limit for edge in bounds):
        _refuse(
            path,
            f"the SVG drawing has shapes more than {limit / 72:g} inches away or at no valid place",
            "export it again from your drawing program, or use a PNG",
        )
    drawing.initialFontName = font
    if cmyk:
        _in_press_colour(drawing)
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


def picture_flowable(path: Path, width: float | None, font: str, cmyk: bool = False) -> Flowable:
    """A picture file as a flowable `width` points wide (its pixel count in points if None), in press colour
    when `cmyk`."""
    if path.suffix.lower() == ".svg":
        drawing = scale_drawing(svg_drawing(path, font, cmyk), width=width)
        return _FitWidth(drawing, drawing.width, drawing.height)
    natural_w, natural_h = raster_size(path)
    w = width or natural_w
    h = natural_h * w / natural_w
    return _FitWidth(ImageFlowable(raster(path, cmyk), width=w, height=h), w, h)


def raster(path: Path, cmyk: bool) -> str | BytesIO:
    """What ReportLab draws for a checked PNG or JPEG: the file itself, or for press its pixels converted to CMYK
    through the press profile (the print shop's RIP would otherwise convert RGB its own way, or refuse it)."""
    if not cmyk:
        return str(path)
    version = path.stat()
    return BytesIO(_cmyk_tiff(path, version.st_mtime_ns, version.st_size))


@lru_cache(maxsize=32)
def _cmyk_tiff(path: Path, modified: int, size: int) -> bytes:
    """The picture's CMYK pixels as an uncompressed TIFF, converted once per file version (the fit lays out often)."""
    out = BytesIO()
    cmyk_image(_decoded(path, _read(path, DEFAULT.image_bytes), DEFAULT.image_pixels, _FILE)).save(out, "TIFF")
    return out.getvalue()


def _in_press_colour(node: Any) -> None:
    """Every RGB fill and stroke of a drawing (svglib gives RGB) converted to CMYK through the press profile."""
    for attribute in ("fillColor", "strokeColor"):
        colour = getattr(node, attribute, None)
        if isinstance(colour, Color) and not isinstance(colour, CMYKColor):
            c, m, y, k = cmyk_of(colour.hexval().replace("0x", "#"))
            setattr(node, attribute, CMYKColor(c, m, y, k, alpha=colour.alpha))
    for child in getattr(node, "contents", ()):
        _in_press_colour(child)
