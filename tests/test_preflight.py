"""Preflight: a print file a printer would reject, or print wrong, is refused with the page and the item named."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from handbill.press.preflight import preflight

FONT = "NotoSans"
pdfmetrics.registerFont(TTFont(FONT, str(Path(__file__).resolve().parent.parent / "fonts" / "NotoSans-Regular.ttf")))

TRIM = (612.0, 792.0)  # US Letter
ROOM = 36.0  # media beyond the trim on each side, for bleed and crop marks
BLEED = 9.0
NAME = "flyer.print.pdf"
DISCLAIMER = "This handout was funded by the Example Foundation. Its contents are the responsibility of the authors."

Draw = Callable[[Canvas], None]


def handout(*pages: Draw) -> bytes:
    """A print PDF as the print profile lays it out: media = trim + room for marks, the origin at the trim's
    corner, crop marks in registration colour outside the bleed, everything CMYK; each page then drawn by `pages`."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(TRIM[0] + 2 * ROOM, TRIM[1] + 2 * ROOM), initialFontName=FONT, initialFontSize=10)
    for draw in pages:
        canvas.setTrimBox((ROOM, ROOM, ROOM + TRIM[0], ROOM + TRIM[1]))
        canvas.setBleedBox((ROOM - BLEED, ROOM - BLEED, ROOM + TRIM[0] + BLEED, ROOM + TRIM[1] + BLEED))
        canvas.translate(ROOM, ROOM)
        crop_marks(canvas)
        canvas.setFillColorCMYK(0, 0, 0, 1)
        canvas.setFont(FONT, 10)
        draw(canvas)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def crop_marks(canvas: Canvas) -> None:
    canvas.addLiteral("/Artifact BMC")
    canvas.setStrokeColorCMYK(1, 1, 1, 1)
    canvas.setLineWidth(0.25)
    for x in (0, TRIM[0]):
        canvas.line(x, -BLEED - 3, x, -ROOM + 3)
        canvas.line(x, TRIM[1] + BLEED + 3, x, TRIM[1] + ROOM - 3)
    canvas.addLiteral("EMC")


def body(canvas: Canvas) -> None:
    canvas.drawString(72, 700, "Ready for press: body text in 100% black.")
    text = canvas.beginText(72, 120)
    text.textLines("This handout was funded by the Exam-\nple Foundation. Its contents are the\nresponsibility of the authors.")
    canvas.drawText(text)


def picture(mode: str, pixels: int, fmt: str = "PNG") -> ImageReader:
    data = io.BytesIO()
    Image.new(mode, (pixels, pixels), "white").save(data, fmt)
    data.seek(0)
    return ImageReader(data)


def image_names(pdf: bytes) -> list[str]:
    """The names the pages' pictures go by in the PDF, as a printer's preflight report would show them."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return [str(name)[1:] for page in document.pages for name in page.get_images()]


def test_clean_cmyk_file_with_embedded_font_is_ready() -> None:
    pdf = handout(body, body)
    assert preflight(pdf, NAME) == []


def test_rgb_fill_is_refused_with_page_and_operator() -> None:
    def red(canvas: Canvas) -> None:
        canvas.setFillColorRGB(1, 0, 0)
        canvas.rect(72, 72, 100, 100, fill=1, stroke=0)

    assert preflight(handout(body, red), NAME) == [
        f"{NAME}, page 2: colour is set in RGB ('rg'); print needs CMYK or grey (hint: give the colour as CMYK)"
    ]


def test_rgb_picture_is_refused_by_name() -> None:
    def photo(canvas: Canvas) -> None:
        canvas.drawImage(picture("RGB", 600), 72, 400, 144, 144)

    pdf = handout(photo)
    [image] = image_names(pdf)
    assert preflight(pdf, NAME) == [
        f"{NAME}, page 1: image '{image}' is RGB (DeviceRGB); print needs CMYK or grey (hint: convert the picture to CMYK)"
    ]


def test_low_resolution_picture_is_refused_on_its_page() -> None:
    def photo(canvas: Canvas) -> None:
        canvas.drawImage(picture("CMYK", 100, "TIFF"), 72, 400, 144, 144)  # 100 px over 2 in

    pdf = handout(body, photo)
    [image] = image_names(pdf)
    assert preflight(pdf, NAME) == [
        f"{NAME}, page 2: image '{image}' is 50 ppi at its placed size (2.00 x 2.00 in); print needs at least 300 ppi "
        "(hint: use a larger original or place it smaller)"
    ]


def test_sharp_cmyk_picture_is_ready() -> None:
    def photo(canvas: Canvas) -> None:
        canvas.drawImage(picture("CMYK", 620, "TIFF"), 72, 400, 144, 144)  # 310 ppi

    assert preflight(handout(photo), NAME) == []


def test_picture_inside_a_form_is_measured_where_the_form_places_it() -> None:
    def logo(canvas: Canvas) -> None:
        canvas.beginForm("logo")
        canvas.drawImage(picture("RGB", 100), 0, 0, 72, 72)
        canvas.endForm()
        canvas.translate(72, 400)
        canvas.scale(2, 2)
        canvas.doForm("logo")

    failures = preflight(handout(logo), NAME)
    assert len(failures) == 2
    assert "is RGB (DeviceRGB)" in failures[0]
    assert "is 50 ppi at its placed size (2.00 x 2.00 in)" in failures[1]


def test_text_near_the_trim_is_refused_with_excerpt_and_distance() -> None:
    def near_edge(canvas: Canvas) -> None:
        canvas.drawString(2, 400, "Call us today")

    failures = preflight(handout(near_edge), NAME)
    assert len(failures) == 1
    found = re.fullmatch(
        rf"{NAME}, page 1: text 'Call us today' is (\d+\.\d) pt inside the trim edge; print needs text "
        r"at least 9 pt inside the trim \(hint: move it further from the edge\)",
        failures[0],
    )
    assert found and 2 <= float(found[1]) < 4  # drawn 2 pt in; the glyph's side bearing adds a little


def test_text_past_the_trim_is_refused_as_beyond_it() -> None:
    def cut_off(canvas: Canvas) -> None:
        canvas.drawString(TRIM[0] - 20, 400, "Overhang")

    [failure] = preflight(handout(cut_off), NAME)
    assert "text 'Overhang' is" in failure and "pt beyond the trim edge" in failure


@pytest.mark.parametrize("size, scale", [(6, 1.0), (12, 0.5)], ids=["set at 6 pt", "12 pt scaled by half"])
def test_small_text_is_refused_with_its_size(size: float, scale: float) -> None:
    def small(canvas: Canvas) -> None:
        canvas.scale(scale, scale)
        canvas.setFont(FONT, size)
        canvas.drawString(200 / scale, 300 / scale, "Terms apply")

    assert preflight(handout(body, small), NAME) == [
        f"{NAME}, page 2: text 'Terms apply' is 6.0 pt; print needs at least 7 pt (hint: set it larger)"
    ]


def test_standard_font_not_embedded_is_refused_by_name() -> None:
    def helvetica(canvas: Canvas) -> None:
        canvas.setFont("Helvetica", 10)
        canvas.drawString(72, 500, "Plain text")

    assert preflight(handout(helvetica), NAME) == [
        f"{NAME}, page 1: font 'Helvetica' is not embedded; print needs every font embedded "
        "(hint: use one of the project's fonts, which are embedded)"
    ]


def hand_made(content: bytes, resources: Callable[[pikepdf.Pdf], pikepdf.Dictionary]) -> bytes:
    """A one-page PDF with exactly this content and these resources, for colour set in ways ReportLab does not."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=TRIM)
    pdf.pages[0].Resources = resources(pdf)
    pdf.pages[0].Contents = pdf.make_stream(content)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "components, colour, expected",
    [
        (3, b"0.2 0.4 0.6", "colour is set in RGB ('scn' in colour space 'CS0', ICCBased, 3 components)"),
        (4, b"0.2 0.4 0.6 0.1", None),
    ],
    ids=["rgb profile", "cmyk profile"],
)
def test_colour_in_an_icc_space_is_refused_only_when_rgb(components: int, colour: bytes, expected: str | None) -> None:
    def profile(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
        space = pikepdf.Array([pikepdf.Name.ICCBased, pdf.make_stream(b"profile", N=components)])
        return pikepdf.Dictionary(ColorSpace=pikepdf.Dictionary(CS0=space))

    failures = preflight(hand_made(b"/CS0 cs " + colour + b" scn 0 0 9 9 re f", profile), NAME)
    assert failures == (
        [f"{NAME}, page 1: {expected}; print needs CMYK or grey (hint: give the colour as CMYK)"] if expected else []
    )


def test_rgb_shading_is_refused_by_name() -> None:
    def shading(pdf: pikepdf.Pdf) -> pikepdf.Dictionary:
        blend = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0], C1=[0, 0, 1], N=1)
        return pikepdf.Dictionary(
            Shading=pikepdf.Dictionary(
                Sh0=pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0], Function=blend)
            )
        )

    assert preflight(hand_made(b"/Sh0 sh", shading), NAME) == [
        f"{NAME}, page 1: shading 'Sh0' is RGB (DeviceRGB); print needs CMYK or grey (hint: give the colour as CMYK)"
    ]


def test_unreadable_file_is_one_failure() -> None:
    [failure] = preflight(b"%PDF-1.7\nthis is not a PDF", NAME)
    assert failure.startswith(f"{NAME}: the PDF cannot be read (") and failure.endswith("it cannot go to press")
