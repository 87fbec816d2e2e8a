"""Print files as a print shop checks them: boxes, bleed, crop marks, CMYK only, 100% K text, PDF/X-4 output
intent, QR codes that scan, the formats' press sheets, and preflight refusing what would print badly."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from conftest import ROOT, run_cli
from documents import VALID

from handbill.design import load_brand
from handbill.fonts import load_library
from handbill.press.palette import press_colors

pytestmark = [pytest.mark.xdist_group("print"), pytest.mark.slow]

FLYER, SHEET = "ot-school-vs-medical", "school-vs-medical-therapies"
LETTER = (612.0, 792.0)
BLEED_IN = 9.0  # 0.125 in


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both seeds in English and Arabic as print files, plus the flyer as a tri-fold and a half-page flyer and the
    fact sheet as a booklet, built once for this module."""
    out = tmp_path_factory.mktemp("print")
    for layout, args in (
        ("", ("--lang", "en", "--lang", "ar")),
        ("tri-fold", (FLYER, "--lang", "en", "--lang", "ar")),
        ("half-page", (FLYER, "--lang", "en")),
        ("booklet", (SHEET, "--lang", "en")),
    ):
        chosen = ("--layout", layout) if layout else ()
        code, stdout, stderr = run_cli("--profile", "print", "--out", str(out / layout), *chosen, *args)
        assert code == 0, stdout + stderr
    return out


def _print_file(out: Path, doc: str, lang: str, layout: str = "") -> Path:
    return out / layout / doc / "print" / f"{doc}.{lang}.pdf"


def _box(page: pikepdf.Page, name: str) -> list[float]:
    return [round(float(v), 2) for v in page.obj[name]]


def _colour_ops(pdf: pikepdf.Pdf) -> set[str]:
    """Every colour-setting operator in every page and form, by name."""
    seen = set()
    streams = [page.obj for page in pdf.pages] + [
        x for page in pdf.pages for x in page.resources.get("/XObject", {}).values() if x.get("/Subtype") == "/Form"
    ]
    for stream in streams:
        for _operands, operator in pikepdf.parse_content_stream(stream):
            if str(operator) in {"rg", "RG", "k", "K", "g", "G", "sc", "SC", "scn", "SCN", "cs", "CS"}:
                seen.add(str(operator))
    return seen


def _text_colours(pdf: pikepdf.Pdf) -> dict[tuple[float, ...], int]:
    """How many text-showing operators each fill colour draws, over the whole document."""
    counts: dict[tuple[float, ...], int] = {}
    for page in pdf.pages:
        fill: tuple[float, ...] = (0.0,)
        stack = []
        for operands, operator in pikepdf.parse_content_stream(page.obj):
            op = str(operator)
            if op == "q":
                stack.append(fill)
            elif op == "Q" and stack:
                fill = stack.pop()
            elif op in {"k", "g"}:
                fill = tuple(round(float(v), 2) for v in operands)
            elif op in {"Tj", "TJ", "'", '"'}:
                counts[fill] = counts.get(fill, 0) + 1
    return counts


def test_single_page_print_files_have_trim_bleed_and_media_boxes(printed: Path) -> None:
    for doc in (FLYER, SHEET):
        with pikepdf.open(_print_file(printed, doc, "en")) as pdf:
            for page in pdf.pages:
                trim, bleed, media = _box(page, "/TrimBox"), _box(page, "/BleedBox"), _box(page, "/MediaBox")
                assert trim[2] - trim[0] == LETTER[0] and trim[3] - trim[1] == LETTER[1]
                assert bleed == [trim[0] - BLEED_IN, trim[1] - BLEED_IN, trim[2] + BLEED_IN, trim[3] + BLEED_IN]
                assert media[0] <= bleed[0] - 12 and media[2] >= bleed[2] + 12  # room for marks beyond the bleed


def test_a4_print_bleeds_3_mm(tmp_path: Path) -> None:
    code, stdout, stderr = run_cli("--profile", "print", "--paper", "a4", "--out", str(tmp_path), FLYER, "--lang", "en")
    assert code == 0, stdout + stderr
    with pikepdf.open(_print_file(tmp_path, FLYER, "en")) as pdf:
        page = pdf.pages[0]
        trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
        assert (round(trim[2] - trim[0]), round(trim[3] - trim[1])) == (595, 842)
        assert trim[0] - bleed[0] == pytest.approx(8.5, abs=0.02)  # 3 mm


def test_screen_files_stay_rgb_pages_without_press_boxes(seed_pdfs: dict[str, Path]) -> None:
    with pikepdf.open(seed_pdfs[FLYER]) as pdf:
        assert "/TrimBox" not in pdf.pages[0].obj and "/OutputIntents" not in pdf.Root
        assert "rg" in _colour_ops(pdf)


def test_print_files_use_no_rgb_and_declare_a_pdfx4_output_intent(printed: Path) -> None:
    icc = (ROOT / "handbill" / "press" / "icc").glob("*.icc")
    shipped = next(icc).read_bytes()
    for doc in (FLYER, SHEET):
        for lang in ("en", "ar"):
            with pikepdf.open(_print_file(printed, doc, lang)) as pdf:
                assert not _colour_ops(pdf) & {"rg", "RG"}, f"{doc}/{lang} has RGB colour operators"
                for page in pdf.pages:
                    for image in page.get_images().values():
                        assert image.ColorSpace in ("/DeviceCMYK", "/DeviceGray")
                intent = pdf.Root.OutputIntents[0]
                assert intent.S == "/GTS_PDFX" and intent.DestOutputProfile.N == 4
                assert intent.DestOutputProfile.read_bytes() == shipped
                assert str(pdf.docinfo.GTS_PDFXVersion) == "PDF/X-4" and pdf.docinfo.Trapped == "/False"
                assert pdf.pdf_version >= "1.6"
                meta = pdf.open_metadata()
                assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
                assert meta["pdfuaid:part"] == "1"  # still tagged for screen readers
                assert "/StructTreeRoot" in pdf.Root
                assert not any(a.Subtype == "/Link" for p in pdf.pages for a in p.obj.get("/Annots", []))


def test_text_prints_in_solid_black_except_brand_coloured_headings(printed: Path) -> None:
    fonts = load_library(ROOT / "fonts")
    brand = load_brand(ROOT / "layouts" / "brands", "parent-center", fonts.names())
    allowed = {tuple(round(v, 2) for v in press_colors(brand)[role]) for role in ("primary", "link", "on_primary", "text")}
    with pikepdf.open(_print_file(printed, SHEET, "en")) as pdf:
        counts = _text_colours(pdf)
    assert set(counts) <= allowed | {(0.0,)}, f"text in colours outside the brand: {set(counts) - allowed}"
    solid_black = counts.get((0.0, 0.0, 0.0, 1.0), 0)
    assert solid_black > sum(counts.values()) / 2, counts
    rich_black = [c for c in counts if len(c) == 4 and c[3] > 0.7 and sum(c[:3]) > 0]
    assert not rich_black


@pytest.mark.skipif(not shutil.which("gs"), reason="Ghostscript (gs) is not installed: inkcov check not run")
def test_body_and_small_text_use_black_ink_only(project: Path) -> None:
    """Ghostscript's ink coverage of the text alone (images and vector art filtered out) of a handout whose text is
    body paragraphs, footer and disclaimers: black ink only, no cyan, magenta or yellow."""
    body = "\n".join(
        f"      - type: paragraph\n        id: p{n}\n        text: Families ask the school about therapy "
        f"services, and the team answers in writing. Paragraph {n}."
        for n in range(12)
    )
    text = VALID.split("sections:")[0] + f"sections:\n  - id: intro\n    blocks:\n{body}\n"
    (project / "content" / "plain").mkdir()
    (project / "content" / "plain" / "en.yaml").write_text(text)
    code, stdout, stderr = run_cli("--profile", "print", "--out", str(project / "build"), root=project)
    assert code == 0, stdout + stderr
    pdf = _print_file(project / "build", "plain", "en")
    report = subprocess.run(
        ["gs", "-q", "-o", "-", "-sDEVICE=inkcov", "-dFILTERIMAGE", "-dFILTERVECTOR", str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = [tuple(map(float, line.split()[:4])) for line in report.splitlines() if "CMYK" in line]
    assert pages
    for c, m, y, k in pages:
        assert (c, m, y) == (0.0, 0.0, 0.0) and k > 0


def _render(path: Path, page: int, scale: float = 1.0) -> tuple[object, float]:
    """A page rendered over its whole media box, and the scale (pixels per point)."""
    document = pypdfium2.PdfDocument(str(path))
    bitmap = document[page].render(scale=scale, may_draw_forms=False, crop=(0, 0, 0, 0))
    return bitmap.to_pil().convert("RGB"), scale


def test_title_band_reaches_into_the_bleed_and_crop_marks_sit_outside_it(printed: Path) -> None:
    path = _print_file(printed, FLYER, "en")
    with pikepdf.open(path) as pdf:
        media, trim = _box(pdf.pages[0], "/MediaBox"), _box(pdf.pages[0], "/TrimBox")
    image, scale = _render(path, 0, 2.0)
    height = media[3] - media[1]

    def pixel(x: float, y: float) -> tuple[int, int, int]:
        return image.getpixel((round((x - media[0]) * scale), round((height - (y - media[1])) * scale)))

    left, top = trim[0], trim[3]
    assert sum(pixel(left - 5, top + 5)) < 400, "the title band does not reach into the bleed"
    assert pixel(left - 20, top - 100) == (255, 255, 255), "the slug outside the bleed is not clean"
    mark_x = left  # the vertical crop mark continues the trim's left edge above the page
    assert any(sum(pixel(mark_x + dx, top + 20)) < 600 for dx in (-0.5, 0, 0.5)), "no crop mark above the trim"
    assert pixel(mark_x, top + 5) != (255, 255, 255)  # inside the bleed: band colour, never a mark on white


def test_no_marks_option_leaves_the_slug_empty(tmp_path: Path) -> None:
    code, stdout, stderr = run_cli("--profile", "print", "--no-marks", "--out", str(tmp_path), FLYER, "--lang", "en")
    assert code == 0, stdout + stderr
    with pikepdf.open(_print_file(tmp_path, FLYER, "en")) as pdf:
        media, bleed = _box(pdf.pages[0], "/MediaBox"), _box(pdf.pages[0], "/BleedBox")
    assert media == bleed  # without marks the media is the bleed


def test_resource_links_get_qr_codes_that_scan(printed: Path) -> None:
    zxingcpp = pytest.importorskip("zxingcpp", reason="zxing-cpp (the test extra) decodes QR codes; not installed")
    path = _print_file(printed, SHEET, "en")
    urls = set(re.findall(r"url: (\S+)", (ROOT / "content" / SHEET / "en.yaml").read_text()))
    found = set()
    for index in range(len(pypdfium2.PdfDocument(str(path)))):
        image, _ = _render(path, index, 300 / 72)
        found |= {result.text for result in zxingcpp.read_barcodes(image)}
    assert urls and urls <= found


def _words_left_to_right(path: Path, sheet: int, pattern: str) -> list[str]:
    """The matches of `pattern` on one press sheet, ordered by their position from left to right."""
    page = pypdfium2.PdfDocument(str(path))[sheet]
    text = page.get_textpage()
    all_text = text.get_text_range()
    hits = []
    for match in re.finditer(pattern, all_text):
        left = text.get_charbox(match.start())[0]
        hits.append((left, match.group(0)))
    return [word for _, word in sorted(hits)]


def test_booklet_puts_pages_in_saddle_stitch_order(printed: Path) -> None:
    path = _print_file(printed, SHEET, "en", "booklet")
    with pikepdf.open(path) as pdf:
        sheets = len(pdf.pages)
        trim = _box(pdf.pages[0], "/TrimBox")
        assert (trim[2] - trim[0], trim[3] - trim[1]) == (2 * LETTER[0], LETTER[1])  # 11 x 17 in, landscape
    pages = 2 * sheets
    assert pages % 4 == 0
    for side in range(sheets):
        numbers = [int(n) for n in _words_left_to_right(path, side, rf"(?<=Page )\d+(?= of {pages})")]
        i = side // 2
        expected = [pages - 2 * i, 2 * i + 1] if side % 2 == 0 else [2 * i + 2, pages - 1 - 2 * i]
        assert numbers == expected, f"sheet side {side + 1}"


def test_tri_fold_puts_the_cover_last_on_the_outside_and_mirrors_for_arabic(printed: Path) -> None:
    """The outside sheet's panel with the title band (the cover) is on the right, so it closes the fold last; an
    Arabic brochure opens the other way, so its cover is on the left."""
    for lang, cover in (("en", 2), ("ar", 0)):
        path = _print_file(printed, FLYER, lang, "tri-fold")
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == 2
            media, trim = _box(pdf.pages[0], "/MediaBox"), _box(pdf.pages[0], "/TrimBox")
            assert (trim[2] - trim[0], trim[3] - trim[1]) == (LETTER[1], LETTER[0])  # Letter landscape
        image, scale = _render(path, 0)
        panel = (trim[2] - trim[0]) / 3
        y = round((media[3] - trim[3] + 40) * scale)  # 40 pt below the top edge: inside the title band, if any
        dark = [sum(image.getpixel((round((trim[0] - media[0] + panel * (n + 0.5)) * scale), y))) < 300 for n in range(3)]
        assert dark == [n == cover for n in range(3)], f"{lang}: title band in panels {dark}"


def test_half_page_flyer_prints_two_copies_per_sheet(printed: Path) -> None:
    path = _print_file(printed, FLYER, "en", "half-page")
    with pikepdf.open(path) as pdf:
        trim = _box(pdf.pages[0], "/TrimBox")
        assert (trim[2] - trim[0], trim[3] - trim[1]) == (LETTER[1], LETTER[0])
    for sheet in range(2):
        numbers = _words_left_to_right(path, sheet, r"Page \d+ of \d+")
        assert len(numbers) == 2 and numbers[0] == numbers[1] == numbers[0]


def test_print_files_pass_qpdf_check(printed: Path) -> None:
    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed: the independent structure check was not run")
    for path in sorted(printed.rglob("*.pdf")):
        result = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{path.name}: {result.stdout}{result.stderr}"


def test_a_brand_without_print_values_gets_them_converted_with_a_warning(project: Path) -> None:
    brand = project / "layouts" / "brands" / "default.yaml"
    brand.write_text(re.sub(r"(?ms)^cmyk:.*?(?=^\S|\Z)", "", brand.read_text()))
    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").write_text(VALID)
    code, stdout, stderr = run_cli("--profile", "print", "--out", str(project / "build"), root=project)
    assert code == 0, stdout + stderr
    assert "brand 'Default' has no print (CMYK) values for primary, accent" in stdout
    assert "layouts/brands/default.yaml" in stdout


def test_a_low_resolution_picture_fails_preflight_naming_page_and_image(project: Path) -> None:
    from PIL import Image

    Image.new("RGB", (60, 40), "#3366AA").save(project / "content" / "photo.png")
    text = VALID.replace(
        "        text: Hello families.\n",
        "        text: Hello families.\n"
        "      - type: image\n        id: photo\n        file: ../photo.png\n        width: 2in\n"
        "        alt: A blue square\n",
    )
    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").write_text(text)
    code, stdout, stderr = run_cli("--profile", "print", "--out", str(project / "build"), root=project)
    assert code == 1
    assert "preflight" in stderr and "page 1" in stderr and "30 ppi" in stderr, stderr
    assert not (project / "build" / "sheet" / "print" / "sheet.en.pdf").exists()
    code, stdout, stderr = run_cli("--out", str(project / "build"), root=project)
    assert code == 0, stdout + stderr  # the screen file has no such limit
