"""Imposition checked as a print shop would: sheets and their boxes, which page lands in which cell, marks beyond
the bleed, pages clipped at cuts and folds, what the file keeps and drops, qpdf's check and repeatable bytes.

The print PDFs are made here with ReportLab: each page a full-bleed CMYK background in its own colour with a dark
band along its left edge (so a page's left and right edges differ), "Page N" in the middle and crop marks on its
media, as a print file carries them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pikepdf import Array, Dictionary, Name
from PIL import Image
from reportlab.pdfgen import canvas

from handbill.errors import BuildError
from handbill.press.impose import KINDS, impose
from handbill.press.marks import LENGTH, OFFSET, SLUG, crop_marks, cut_marks, fold_marks

HALF_LETTER = (5.5 * 72, 8.5 * 72)
LETTER = (8.5 * 72, 11 * 72)
PANEL = (11 / 3 * 72, 8.5 * 72)
BLEED = 0.125 * 72
BAND = 24.0  # width of the dark band inside the trim along each page's left edge
BAND_CMYK = (0, 0, 0, 0.8)
BACKGROUNDS = [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 1, 1, 0), (1, 0, 1, 0), (1, 1, 0, 0), (0.4, 0, 0, 0), (0, 0.4, 0, 0)]
SCALE = 2  # pixels per point in renders

Box = tuple[float, float, float, float]


def print_pdf(
    count: int, size: tuple[float, float], *, sizes: dict[int, tuple[float, float]] | None = None, trim_box: bool = True
) -> bytes:
    """A finished print PDF of `count` pages (`sizes` overrides some pages' trim size), tagged and linked like the
    screen file it came from, with a PDF/X output intent and XMP claiming PDF/UA-1 and PDF/X-4."""
    out = io.BytesIO()
    sheet = canvas.Canvas(out, invariant=1)
    for number in range(1, count + 1):
        width, height = (sizes or {}).get(number, size)
        sheet.setPageSize((width + 2 * SLUG, height + 2 * SLUG))
        if trim_box:
            sheet.setTrimBox((SLUG, SLUG, SLUG + width, SLUG + height))
            sheet.setBleedBox((SLUG - BLEED, SLUG - BLEED, SLUG + width + BLEED, SLUG + height + BLEED))
        sheet.setFillColorCMYK(*BACKGROUNDS[(number - 1) % len(BACKGROUNDS)])
        sheet.rect(SLUG - BLEED, SLUG - BLEED, width + 2 * BLEED, height + 2 * BLEED, stroke=0, fill=1)
        sheet.setFillColorCMYK(*BAND_CMYK)
        sheet.rect(SLUG - BLEED, SLUG - BLEED, BAND + BLEED, height + 2 * BLEED, stroke=0, fill=1)
        sheet.setFillColorCMYK(0, 0, 0, 1)
        sheet.setFont("Helvetica-Bold", 40)
        sheet.drawCentredString(SLUG + width / 2, SLUG + height / 2, f"Page {number}")
        sheet.linkURL("https://example.org/", (SLUG + 40, SLUG + 20, SLUG + 140, SLUG + 40))
        sheet.showPage()
    sheet.save()
    return _as_print_file(out.getvalue())


def _as_print_file(pdf: bytes) -> bytes:
    """Crop marks on each page's media, plus the document-level entries of a finished print file."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        for index, page in enumerate(doc.pages):
            if Name.TrimBox in page.obj:
                page.contents_add(doc.make_stream(crop_marks(box(page, "trimbox"), BLEED).encode()))
            page.obj.StructParents = index
        doc.Root.StructTreeRoot = doc.make_indirect(Dictionary(Type=Name.StructTreeRoot, ParentTree=Dictionary(Nums=Array())))
        doc.Root.MarkInfo = Dictionary(Marked=True)
        doc.Root.Lang = pikepdf.String("en")
        doc.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        doc.Root.OutputIntents = Array(
            [Dictionary(Type=Name.OutputIntent, S=Name.GTS_PDFX, OutputConditionIdentifier=pikepdf.String("CGATS21_CRPC1"))]
        )
        doc.docinfo.Title = pikepdf.String("Test flyer")
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:title"] = "Test flyer"
            meta["pdfuaid:part"] = "1"
            meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
        out = io.BytesIO()
        doc.save(out, deterministic_id=True)
    return out.getvalue()


def box(page: pikepdf.Page, name: str) -> Box:
    x0, y0, x1, y1 = (round(float(v), 3) for v in getattr(page, name))
    return x0, y0, x1, y1


def boxes(page: pikepdf.Page) -> dict[str, Box]:
    return {name: box(page, name) for name in ("mediabox", "bleedbox", "trimbox")}


def cells(sheet: pikepdf.Page, count: int) -> list[Box]:
    """The sheet's trim split into `count` equal cells, left to right."""
    x0, y0, x1, y1 = box(sheet, "trimbox")
    width = (x1 - x0) / count
    return [(x0 + i * width, y0, x0 + (i + 1) * width, y1) for i in range(count)]


def page_order(pdf: bytes, count: int) -> list[list[int | None]]:
    """Per sheet, the page number read (as a viewer reads text) in each cell from left to right; None for blank."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        layout = [cells(page, count) for page in doc.pages]
    document = pypdfium2.PdfDocument(pdf)
    order = []
    for page, sheet_cells in zip(document, layout):
        text = page.get_textpage()
        read = [text.get_text_bounded(*cell).split() for cell in sheet_cells]
        order.append([int(words[-1]) if words else None for words in read])
    return order


def render(pdf: bytes, index: int) -> Image.Image:
    return pypdfium2.PdfDocument(pdf)[index].render(scale=SCALE).to_pil().convert("RGB")


def pixel(image: Image.Image, height: float, x: float, y: float) -> tuple[int, int, int]:
    """The colour at (x, y) in PDF points on a page `height` points high."""
    red, green, blue = image.getpixel((round(x * SCALE), round((height - y) * SCALE)))  # type: ignore[misc]
    return red, green, blue


def mark_segments(page: pikepdf.Page) -> list[tuple[Box, bool]]:
    """Every stroked line in the sheet's own content (pages come in as XObjects, so these are the marks), with
    whether it is dashed."""
    segments, start, dashed = [], (0.0, 0.0), False
    for instruction in pikepdf.parse_content_stream(page):
        op, operands = str(instruction.operator), instruction.operands
        if op == "d":
            dashed = len(operands[0]) > 0
        elif op == "m":
            start = (float(operands[0]), float(operands[1]))
        elif op == "l":
            segments.append(((*start, float(operands[0]), float(operands[1])), dashed))
    return segments


def outside(segment: Box, box: Box) -> bool:
    """True when the axis-aligned `segment` does not enter the interior of `box`."""
    sx0, sx1 = sorted((segment[0], segment[2]))
    sy0, sy1 = sorted((segment[1], segment[3]))
    return sx1 <= box[0] or sx0 >= box[2] or sy1 <= box[1] or sy0 >= box[3]


def within(segment: Box, box: Box) -> bool:
    return all(box[0] <= x <= box[2] for x in segment[::2]) and all(box[1] <= y <= box[3] for y in segment[1::2])


@pytest.fixture(scope="module")
def flyer() -> bytes:
    return print_pdf(2, HALF_LETTER)


@pytest.fixture(scope="module")
def panels() -> bytes:
    return print_pdf(6, PANEL)


@pytest.fixture(scope="module")
def booklet_pages() -> bytes:
    return print_pdf(6, LETTER)


@pytest.fixture(scope="module")
def imposed(flyer: bytes, panels: bytes, booklet_pages: bytes) -> dict[str, bytes]:
    return {
        "two-up": impose(flyer, "two-up"),
        "tri-fold": impose(panels, "tri-fold"),
        "booklet": impose(booklet_pages, "booklet"),
    }


# kind -> (sheet sides, sheet trim size, cells per sheet, (x offsets in cells of cut lines, of fold lines))
SHEETS = {
    "two-up": (2, (792.0, 612.0), 2, ((1,), ())),
    "tri-fold": (2, (792.0, 612.0), 3, ((), (1, 2))),
    "booklet": (4, (1224.0, 792.0), 2, ((), (1,))),
}


@pytest.mark.parametrize("kind", KINDS)
def test_sheets_and_boxes(imposed: dict[str, bytes], kind: str) -> None:
    count, (width, height), _, _ = SHEETS[kind]
    with pikepdf.open(io.BytesIO(imposed[kind])) as doc:
        assert len(doc.pages) == count
        for page in doc.pages:
            assert boxes(page) == {
                "mediabox": (0, 0, round(width + 2 * SLUG, 3), round(height + 2 * SLUG, 3)),
                "bleedbox": (SLUG - BLEED, SLUG - BLEED, round(SLUG + width + BLEED, 3), round(SLUG + height + BLEED, 3)),
                "trimbox": (SLUG, SLUG, round(SLUG + width, 3), round(SLUG + height, 3)),
            }


@pytest.mark.parametrize(
    ("kind", "rtl", "expected"),
    [
        ("two-up", False, [[1, 1], [2, 2]]),
        ("two-up", True, [[1, 1], [2, 2]]),
        ("tri-fold", False, [[2, 6, 1], [3, 4, 5]]),
        ("tri-fold", True, [[1, 6, 2], [5, 4, 3]]),
        ("booklet", False, [[None, 1], [2, None], [6, 3], [4, 5]]),  # pages 7 and 8 are the padding blanks
        ("booklet", True, [[1, None], [None, 2], [3, 6], [5, 4]]),
    ],
)
def test_page_order(
    flyer: bytes, panels: bytes, booklet_pages: bytes, kind: str, rtl: bool, expected: list[list[int | None]]
) -> None:
    source = {"two-up": flyer, "tri-fold": panels, "booklet": booklet_pages}[kind]
    assert page_order(impose(source, kind, rtl=rtl), SHEETS[kind][2]) == expected


def test_tri_fold_of_five_panels_leaves_the_back_blank() -> None:
    assert page_order(impose(print_pdf(5, PANEL), "tri-fold"), 3) == [[2, None, 1], [3, 4, 5]]


def test_booklet_of_eight_pages_nests_without_padding() -> None:
    assert page_order(impose(print_pdf(8, LETTER), "booklet"), 2) == [[8, 1], [2, 7], [6, 3], [4, 5]]


def test_blank_padding_prints_nothing(imposed: dict[str, bytes]) -> None:
    """The first sheet's front is [blank 8, page 1]: only page 1 is placed, and the blank cell stays paper white."""
    with pikepdf.open(io.BytesIO(imposed["booklet"])) as doc:
        first = doc.pages[0]
        assert list(first.Resources.XObject.keys()) == ["/Page1"]
        left, _ = cells(first, 2)
        height = float(first.mediabox[3])
    image = render(imposed["booklet"], 0)
    assert pixel(image, height, (left[0] + left[2]) / 2, (left[1] + left[3]) / 2) == (255, 255, 255)


def fonts(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        return sum(isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == Name.Font for obj in doc.objects)


def test_copies_share_one_form_and_fonts(flyer: bytes, imposed: dict[str, bytes]) -> None:
    """Both copies on a sheet draw one form, and every page's form uses the one copy of each font."""
    with pikepdf.open(io.BytesIO(imposed["two-up"])) as doc:
        first = doc.pages[0]
        assert list(first.Resources.XObject.keys()) == ["/Page1"]
        assert first.Contents.read_bytes().count(b"/Page1 Do") == 2
    assert fonts(imposed["two-up"]) == fonts(flyer)


@pytest.mark.parametrize("kind", KINDS)
def test_marks_beyond_the_bleed_at_trim_cuts_and_folds(imposed: dict[str, bytes], kind: str) -> None:
    _, _, count, (cuts, folds) = SHEETS[kind]
    with pikepdf.open(io.BytesIO(imposed[kind])) as doc:
        for page in doc.pages:
            found = boxes(page)
            segments = mark_segments(page)
            assert len(segments) == 8 + 2 * (len(cuts) + len(folds))
            for segment, _ in segments:
                assert outside(segment, found["bleedbox"]), segment
                assert within(segment, found["mediabox"]), segment
            x0, _, x1, _ = found["trimbox"]
            width = (x1 - x0) / count
            vertical = {(round(s[0], 3), dashed) for s, dashed in segments if s[0] == s[2]}
            assert vertical == (
                {(x0, False), (x1, False)}
                | {(round(x0 + c * width, 3), False) for c in cuts}
                | {(round(x0 + f * width, 3), True) for f in folds}
            )
            assert b"1 1 1 1 K" in page.Contents.read_bytes()


@pytest.mark.parametrize("bleed", [0.0, 3 * 72 / 25.4, BLEED, 20.0])
def test_marks_start_beyond_the_bleed(bleed: float) -> None:
    trim = (SLUG, SLUG, SLUG + 300, SLUG + 400)
    stream = crop_marks(trim, bleed) + cut_marks(trim, bleed, [SLUG + 150]) + fold_marks(trim, bleed, [SLUG + 100])
    holder = pikepdf.new()
    operations = pikepdf.parse_content_stream(holder.make_stream(stream.encode()))
    points = [(float(i.operands[0]), float(i.operands[1])) for i in operations if str(i.operator) in ("m", "l")]
    assert len(points) == 2 * (8 + 2 + 2)
    gap = max(OFFSET, bleed + 3)
    starts = points[::2]
    distances = [max(trim[0] - x, x - trim[2], trim[1] - y, y - trim[3]) for x, y in starts]
    assert distances == pytest.approx([gap] * len(starts))
    ends = points[1::2]
    assert [max(trim[0] - x, x - trim[2], trim[1] - y, y - trim[3]) for x, y in ends] == pytest.approx([gap + LENGTH] * len(ends))
    assert stream.startswith("q\n") and stream.count("q\n") == stream.count("Q\n") == 3


def test_the_slug_holds_the_marks() -> None:
    assert OFFSET >= 12 and OFFSET >= BLEED + 3
    assert SLUG > OFFSET + LENGTH


def clipped_at(pdf: bytes, index: int, line: float) -> None:
    """Across the line x = `line`, each side shows its own page: the right page's dark band starts exactly there
    and the left page's background runs right up to it, with neither page's bleed crossing over."""
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        height = float(doc.pages[index].mediabox[3])
        y = float(doc.pages[index].trimbox[3]) - 20
    image = render(pdf, index)
    left_background, right_band = pixel(image, height, line - 40, y), pixel(image, height, line + BAND / 2, y)
    assert left_background != right_band
    assert pixel(image, height, line - 3, y) == left_background
    assert pixel(image, height, line + 3, y) == right_band


def test_two_up_copies_clipped_at_the_middle_cut(imposed: dict[str, bytes]) -> None:
    with pikepdf.open(io.BytesIO(imposed["two-up"])) as doc:
        middle = cells(doc.pages[0], 2)[0][2]
    clipped_at(imposed["two-up"], 0, middle)


def test_panels_clipped_at_the_folds(imposed: dict[str, bytes]) -> None:
    with pikepdf.open(io.BytesIO(imposed["tri-fold"])) as doc:
        first, second, _ = cells(doc.pages[1], 3)
    clipped_at(imposed["tri-fold"], 1, first[2])
    clipped_at(imposed["tri-fold"], 1, second[2])


def test_booklet_pages_clipped_at_the_spine() -> None:
    pdf = impose(print_pdf(8, LETTER), "booklet")
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        spine = cells(doc.pages[0], 2)[0][2]
    clipped_at(pdf, 0, spine)


def test_bleed_kept_at_the_sheet_edges_only(imposed: dict[str, bytes]) -> None:
    """Outside the trim the sheet's outer edges show the pages' bleed; beyond the bleed there is only paper."""
    with pikepdf.open(io.BytesIO(imposed["two-up"])) as doc:
        x0, y0, x1, y1 = box(doc.pages[0], "trimbox")
        height = float(doc.pages[0].mediabox[3])
    image = render(imposed["two-up"], 0)
    middle_y = (y0 + y1) / 2 + 100
    assert pixel(image, height, x0 - BLEED / 2, middle_y) == pixel(image, height, x0 + BAND / 2, middle_y)
    assert pixel(image, height, x1 + BLEED / 2, middle_y) == pixel(image, height, x1 - 40, middle_y)
    assert pixel(image, height, x1 - 40, y1 + BLEED / 2) == pixel(image, height, x1 - 40, y1 - 20)
    assert pixel(image, height, x0 - BLEED - 3, middle_y) == (255, 255, 255)
    assert pixel(image, height, x1 - 40, y1 + BLEED + 3) == (255, 255, 255)


def test_document_level_kept_and_tags_dropped(imposed: dict[str, bytes]) -> None:
    with pikepdf.open(io.BytesIO(imposed["booklet"])) as doc:
        root = doc.Root
        assert str(root.OutputIntents[0].OutputConditionIdentifier) == "CGATS21_CRPC1"
        assert str(root.Lang) == "en"
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert str(doc.docinfo.Title) == "Test flyer"
        assert Name.StructTreeRoot not in root and Name.MarkInfo not in root
        for page in doc.pages:
            assert Name.Annots not in page.obj and Name.StructParents not in page.obj
        meta = doc.open_metadata()
        assert meta["dc:title"] == "Test flyer"
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert "pdfuaid:part" not in meta
        assert doc.pdf_version >= "1.6"


@pytest.mark.skipif(shutil.which("qpdf") is None, reason="qpdf is not installed")
@pytest.mark.parametrize("kind", KINDS)
def test_qpdf_check_passes(imposed: dict[str, bytes], kind: str, tmp_path: Path) -> None:
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(imposed[kind])
    result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("kind", KINDS)
def test_same_input_same_bytes(flyer: bytes, panels: bytes, booklet_pages: bytes, imposed: dict[str, bytes], kind: str) -> None:
    source = {"two-up": flyer, "tri-fold": panels, "booklet": booklet_pages}[kind]
    assert impose(source, kind) == imposed[kind]


def test_unknown_kind_names_the_known_ones(flyer: bytes) -> None:
    with pytest.raises(ValueError, match="'four-up'.*two-up, tri-fold, booklet"):
        impose(flyer, "four-up")


@pytest.mark.parametrize(
    ("count", "kind", "message"),
    [
        (4, "tri-fold", "5 or 6 panel pages.*has 4"),
        (7, "tri-fold", "5 or 6 panel pages.*has 7"),
        (2, "booklet", "at least 3 pages.*has 2"),
    ],
)
def test_page_count_that_does_not_suit_the_kind(count: int, kind: str, message: str) -> None:
    with pytest.raises(BuildError, match=message):
        impose(print_pdf(count, PANEL), kind)


def test_screen_pdf_is_refused() -> None:
    with pytest.raises(BuildError, match="page 1 has no TrimBox"):
        impose(print_pdf(2, HALF_LETTER, trim_box=False), "two-up")


def test_mixed_trim_sizes_are_refused() -> None:
    with pytest.raises(BuildError, match="differ in trim size"):
        impose(print_pdf(4, LETTER, sizes={3: HALF_LETTER}), "booklet")
