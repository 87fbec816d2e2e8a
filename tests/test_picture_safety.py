"""Pictures and logos are untrusted: a damaged, huge or outward-pointing one is one clear error and no PDF, and
SVG text is set in handbill's own embedded font."""

from __future__ import annotations

import base64
import io
import random
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from documents import VALID
from PIL import Image
from pypdf import PdfReader

from handbill.layout import pictures
from handbill.limits import Limits

SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{w}" height="{h}">{body}</svg>'
NOT_RASTER = (
    "the picture is not a readable PNG or JPEG image (damaged, cut short or another format) "
    "(hint: export it again as PNG or JPEG)"
)
TOO_MANY_PIXELS = "more than 40,000,000 pixels (hint: scale it down, e.g. to 3000 pixels wide, and export it again)"
BAD_SIZE = (
    "the SVG drawing's width and height must be more than 0 and at most 200 inches "
    "(hint: set width and height (or a viewBox) on its <svg> element, or export it again)"
)
OUTSIDE = (
    "the SVG drawing links to a file or web address outside itself "
    "(hint: embed pictures in the SVG, or export it again as plain SVG or PNG)"
)
TOO_MANY_ELEMENTS = (
    "the SVG drawing has more than 20,000 elements, counting each copy a <use> makes (hint: simplify it, or export it as PNG)"
)


def _svg(body: str = "", w: str = "120", h: str = "60") -> bytes:
    return SVG.format(w=w, h=h, body=body).encode()


def _raster(kind: str) -> bytes:
    """A small noisy picture, so a JPEG of it has enough scan data to cut short."""
    image = Image.frombytes("RGB", (64, 48), random.Random(1).randbytes(64 * 48 * 3))
    out = io.BytesIO()
    image.save(out, kind)
    return out.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a size its few bytes of data never fill: a decompression bomb's first step."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(width + 1))) + chunk(b"IEND", b"")


def _embedded(png: bytes) -> str:
    return f'<image width="20" height="20" xlink:href="data:image/png;base64,{base64.b64encode(png).decode()}"/>'


def _project(project: Path, image: tuple[str, bytes] | None = None, logo: tuple[str, bytes] | None = None) -> Path:
    """A one-document project with an optional image block and brand logo; returns the picture's path."""
    folder = project / "content" / "sheet"
    folder.mkdir()
    content, picture = VALID, project
    if image:
        picture = folder / image[0]
        picture.write_bytes(image[1])
        block = f"      - type: image\n        id: pic\n        file: {image[0]}\n        alt: A picture\n"
        content = VALID.replace("  - id: compare\n", block + "  - id: compare\n")
    (folder / "en.yaml").write_text(content)
    if logo:
        brand = project / "layouts" / "brands" / "default.yaml"
        picture = brand.parent / logo[0]
        picture.write_bytes(logo[1])
        brand.write_text(brand.read_text() + f"logo:\n  file: {logo[0]}\n  alt: Logo\n")
    return picture


def _refused(project: Path, picture: Path, message: str) -> None:
    code, out, err = run_cli(root=project)
    assert code == 1
    assert err == f"FAIL  sheet/en: {picture}: {message}\n"
    assert not (project / "build").exists()


def _built(project: Path) -> Path:
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    pdf = project / "build" / "sheet" / "sheet.en.pdf"
    assert pdf.exists()
    return pdf


@pytest.mark.parametrize("size", ["-120", "1e308", "0"])
@pytest.mark.parametrize("role", ["image", "logo"])
def test_svg_without_a_sane_size_is_refused(project: Path, role: str, size: str) -> None:
    picture = _project(project, **{role: ("mark.svg", _svg('<rect width="10" height="10"/>', w=size))})
    _refused(project, picture, BAD_SIZE)


@pytest.mark.parametrize(
    "shape", ['<rect width="1e308" height="10"/>', '<circle r="nan"/>', '<rect width="5" height="5" transform="scale(inf)"/>']
)
def test_svg_shapes_at_no_sane_place_are_refused(project: Path, shape: str) -> None:
    picture = _project(project, image=("map.svg", _svg(shape)))
    _refused(
        project,
        picture,
        "the SVG drawing has shapes more than 200 inches away or at no valid place "
        "(hint: export it again from your drawing program, or use a PNG)",
    )


def test_truncated_jpeg_is_refused(project: Path) -> None:
    jpeg = _raster("JPEG")
    picture = _project(project, image=("photo.jpg", jpeg[: len(jpeg) // 2]))
    _refused(project, picture, NOT_RASTER)


@pytest.mark.parametrize("role", ["image", "logo"])
def test_png_over_the_pixel_limit_is_refused_from_its_header(project: Path, role: str) -> None:
    picture = _project(project, **{role: ("big.png", _png_claiming(8000, 5001))})
    _refused(project, picture, f"the picture has {TOO_MANY_PIXELS}")


@pytest.mark.parametrize(
    "body",
    [
        _embedded(_png_claiming(20_000, 20_000)),
        f'<defs><g id="p">{_embedded(_png_claiming(7000, 3000))}</g></defs><use xlink:href="#p"/><use xlink:href="#p"/>',
    ],
    ids=["bomb", "copies"],
)
@pytest.mark.parametrize("role", ["image", "logo"])
def test_png_bomb_inside_an_svg_is_refused(project: Path, role: str, body: str) -> None:
    picture = _project(project, **{role: ("mark.svg", _svg(body))})
    _refused(project, picture, f"the pictures embedded in the SVG drawing together have {TOO_MANY_PIXELS}")


def test_damaged_png_inside_an_svg_is_refused(project: Path) -> None:
    png = _raster("PNG")
    picture = _project(project, image=("mark.svg", _svg(_embedded(png[: len(png) // 2]))))
    _refused(project, picture, NOT_RASTER.replace("the picture is", "a picture embedded in the SVG drawing is"))


@pytest.mark.parametrize("link", ["../secret.png", "file:///etc/passwd", "https://example.org/a.svg#x", "../secret.svg"])
@pytest.mark.parametrize("role", ["image", "logo"])
def test_svg_links_outside_are_not_followed(project: Path, role: str, link: str) -> None:
    (project / "layouts" / "secret.png").write_bytes(_raster("PNG"))
    (project / "content" / "secret.png").write_bytes(_raster("PNG"))
    element = "use" if link.endswith("#x") else "image"
    picture = _project(project, **{role: ("mark.svg", _svg(f'<{element} width="9" height="9" xlink:href="{link}"/>'))})
    _refused(project, picture, OUTSIDE)


@pytest.mark.parametrize(
    "body",
    [
        "<g/>" * 20_001,
        '<defs><g id="a">' + '<rect width="1" height="1"/>' * 200 + "</g></defs>" + '<use xlink:href="#a"/>' * 100,
    ],
    ids=["elements", "use-copies"],
)
def test_svg_with_too_many_elements_is_refused(project: Path, body: str) -> None:
    picture = _project(project, image=("mark.svg", _svg(body)))
    _refused(project, picture, TOO_MANY_ELEMENTS)


@pytest.mark.parametrize("name,data", [("photo.png", _raster("PNG")), ("mark.svg", _svg())])
def test_picture_over_the_byte_limit_is_refused_unread(
    project: Path, monkeypatch: pytest.MonkeyPatch, name: str, data: bytes
) -> None:
    monkeypatch.setattr(pictures, "DEFAULT", Limits(image_bytes=100, svg_bytes=100))
    picture = _project(project, image=(name, data))
    _refused(
        project,
        picture,
        f"the picture is {len(data):,} bytes, more than the limit of 100 "
        "(hint: export it again smaller, e.g. at a lower resolution)",
    )


def _fonts(pdf: Path) -> dict[str, bool]:
    """Every font on the pages and inside their drawings, and whether its TrueType program is embedded."""
    found: dict[str, bool] = {}

    def visit(resources: Any) -> None:
        for font in resources.get("/Font", {}).values():
            descriptor = font.get_object().get("/FontDescriptor")
            found[str(font.get_object()["/BaseFont"])] = descriptor is not None and "/FontFile2" in descriptor.get_object()
        for xobject in resources.get("/XObject", {}).values():
            if "/Resources" in xobject.get_object():
                visit(xobject.get_object()["/Resources"].get_object())

    for page in PdfReader(pdf).pages:
        visit(page["/Resources"].get_object())
    return found


def test_svg_text_is_set_in_handbills_embedded_font(project: Path) -> None:
    text = (
        '<text x="4" y="20" font-family="DejaVu Sans, Arial, sans-serif" font-weight="bold">Mark</text>'
        '<text x="4" y="40" font-family="Times" font-style="italic">Sign<tspan font-family="Courier">post</tspan></text>'
    )
    _project(project, image=("map.svg", _svg(text)), logo=("mark.svg", _svg(text)))
    fonts = _fonts(_built(project))
    assert fonts and all(fonts.values()), fonts
    assert {name.split("+")[-1] for name in fonts} <= {
        "NotoSans-Regular",
        "NotoSans-Bold",
        "NotoSans-Italic",
        "NotoSans-BoldItalic",
    }, fonts


def test_sound_pictures_build(project: Path) -> None:
    """PNG, JPEG and an SVG with an embedded PNG pass every check, as content and as a logo."""
    _project(project, image=("photo.jpg", _raster("JPEG")), logo=("mark.svg", _svg(_embedded(_raster("PNG")))))
    _built(project)
    png = project / "content" / "sheet" / "photo.png"
    png.write_bytes(_raster("PNG"))
    (png.parent / "en.yaml").write_text((png.parent / "en.yaml").read_text().replace("photo.jpg", "photo.png"))
    brand = project / "layouts" / "brands" / "default.yaml"
    (brand.parent / "mark.png").write_bytes(_raster("PNG"))
    brand.write_text(brand.read_text().replace("mark.svg", "mark.png"))
    _built(project)
