"""Press colour and PDF/X-4 identification: what a printer checks before a print file goes on press."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pikepdf
import pytest
from pikepdf.models.metadata import decode_pdf_date
from PIL import Image, ImageCms
from reportlab.pdfgen import canvas

from handbill.post.pdfx import identify
from handbill.press.colour import PRESS_CONDITION, PROFILE, cmyk_image, cmyk_of

TEAL = "#0F5561"


def test_the_shipped_profile_is_a_small_cmyk_output_profile_named_for_its_printing_condition() -> None:
    profile = ImageCms.getOpenProfile(str(PROFILE)).profile
    assert profile.xcolor_space.strip() == "CMYK" and profile.device_class == "prtr"
    description = profile.profile_description or ""
    assert "GRACoL" in description and "TR 006" in description
    assert PROFILE.stat().st_size < 1_000_000
    assert PRESS_CONDITION.profile == PROFILE and PRESS_CONDITION.identifier == "CGATS TR 006"


def test_the_profile_ships_with_its_licence_and_provenance() -> None:
    licence = (PROFILE.parent / "LICENSE.txt").read_text(encoding="utf-8")
    assert "Zlib" in licence and "TR 006" in licence  # the licence, and the data source it must name
    assert "colprof -v -qm -nc -kx -l300 -L95" in licence  # how it was made


@pytest.mark.parametrize("grey", ["#000000", "#1E2328", "#2B2F33", "#808080", "#CCCCCC", "#FFFFFF"])
def test_greys_and_near_black_greys_print_in_black_ink_only(grey: str) -> None:
    assert cmyk_of(grey)[:3] == (0.0, 0.0, 0.0)


def test_black_ink_follows_the_lightness_of_the_grey() -> None:
    blacks = [cmyk_of(grey)[3] for grey in ("#000000", "#1E2328", "#808080", "#CCCCCC", "#FFFFFF")]
    assert blacks[0] == 1.0 and blacks[-1] == 0.0  # solid black text, bare paper
    assert blacks == sorted(blacks, reverse=True) and len(set(blacks)) == len(blacks)


def test_a_brand_teal_separates_into_mostly_cyan_without_solid_black() -> None:
    cyan, magenta, yellow, black = cmyk_of(TEAL)
    assert cyan > magenta and cyan > yellow and black < 1.0


@pytest.mark.parametrize("colour", [TEAL, "#E4572E", "#FFD166", "#0000FF", "#00FF00", "#ff00ff", "#333F48"])
def test_separations_are_whole_percent_between_0_and_1(colour: str) -> None:
    values = cmyk_of(colour)
    assert all(0.0 <= value <= 1.0 and round(value * 100) == value * 100 for value in values)
    assert sum(values) <= 3.0 + 0.04  # the profile's 300% ink limit, within rounding


def test_a_transparent_picture_prints_its_clear_areas_as_bare_paper() -> None:
    picture = Image.new("RGBA", (3, 1), (0, 0, 0, 0))
    picture.putpixel((1, 0), (0x0F, 0x55, 0x61, 255))
    picture.putpixel((2, 0), (0, 0, 0, 128))
    separated = cmyk_image(picture)
    inks = separated.tobytes()
    clear, teal, half_black = inks[0:4], inks[4:8], inks[8:12]
    assert separated.mode == "CMYK" and clear == bytes(4)
    assert all(abs(ink / 255 - expected) <= 0.011 for ink, expected in zip(teal, cmyk_of(TEAL)))
    assert 0 < half_black[3] < 255 * cmyk_of("#000000")[3]


@pytest.mark.parametrize(
    ("mode", "mid_grey"),
    [("RGB", (128, 128, 128)), ("L", 128), ("LA", (128, 255)), ("P", 0), ("I;16", 32768), ("CMYK", (0, 0, 0, 128))],
)
def test_every_picture_mode_becomes_cmyk_with_its_greys_kept(mode: str, mid_grey: int | tuple[int, ...]) -> None:
    picture = Image.new(mode, (1, 1), mid_grey)
    if mode == "P":
        picture.putpalette([128] * 768)
    separated = cmyk_image(picture)
    assert separated.mode == "CMYK"
    assert 0 < separated.tobytes()[3] < 255  # a mid grey, not clipped to paper or to solid black


def _tagged_pdf(title: str) -> bytes:
    """A one-page print file as the build leaves it before identification: ReportLab's output in DeviceCMYK,
    with bleed and trim boxes, tags and the PDF/UA identifier."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=(612, 792), invariant=1)
    page.setFillColorCMYK(*cmyk_of("#1E2328"))
    page.rect(100, 100, 200, 200, stroke=0, fill=1)
    page.save()
    with pikepdf.open(io.BytesIO(out.getvalue())) as pdf:
        pdf.pages[0].obj.BleedBox = pikepdf.Array([9, 9, 603, 783])
        pdf.pages[0].obj.TrimBox = pikepdf.Array([18, 18, 594, 774])
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.StructTreeRoot = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            meta["dc:title"] = title
            meta["pdfuaid:part"] = "1"
        tagged = io.BytesIO()
        pdf.save(tagged, deterministic_id=True)
    return tagged.getvalue()


def _identified(title: str) -> bytes:
    with pikepdf.open(io.BytesIO(_tagged_pdf(title))) as pdf:
        identify(pdf, title)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.6")
    return out.getvalue()


@pytest.fixture(scope="module")
def print_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdfx") / "flyer.pdf"
    path.write_bytes(_identified("Flyer"))
    return path


def test_the_output_intent_carries_the_shipped_profile(print_file: Path) -> None:
    with pikepdf.open(print_file) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.Type == "/OutputIntent" and intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "CGATS TR 006"
        assert str(intent.RegistryName) == "http://www.color.org" and str(intent.Info)
        assert intent.DestOutputProfile.N == 4
        assert intent.DestOutputProfile.read_bytes() == PROFILE.read_bytes()


def test_info_and_xmp_identify_pdfx4_and_keep_pdfua(print_file: Path) -> None:
    with pikepdf.open(print_file) as pdf:
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-4" and info.Trapped == pikepdf.Name("/False")
        assert str(info.Title) == "Flyer"
        assert pdf.pdf_version == "1.6"
        meta = pdf.open_metadata()
        assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4" and meta["pdfuaid:part"] == "1"
        assert meta["pdf:Trapped"] == "False" and meta["dc:title"] == "Flyer"
        assert re.fullmatch(r"uuid:[0-9a-f-]{36}", meta["xmpMM:DocumentID"])
        assert meta["xmpMM:VersionID"] == "1" and meta["xmpMM:RenditionClass"] == "default"
        for xmp_key, info_key in (("xmp:CreateDate", "/CreationDate"), ("xmp:ModifyDate", "/ModDate")):
            assert datetime.fromisoformat(meta[xmp_key]) == decode_pdf_date(str(info[info_key]))


def test_identification_is_reproducible_and_names_each_document() -> None:
    assert _identified("Flyer") == _identified("Flyer")
    ids = set()
    for title in ("Flyer", "Dépliant"):
        with pikepdf.open(io.BytesIO(_identified(title))) as pdf:
            ids.add(pdf.open_metadata()["xmpMM:DocumentID"])
    assert len(ids) == 2


def test_qpdf_finds_the_print_file_sound(print_file: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed, so the file's structure cannot be checked independently")
    result = subprocess.run([qpdf, "--check", str(print_file)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ghostscript_prints_dark_grey_with_black_ink_alone(print_file: Path) -> None:
    gs = shutil.which("gs")
    if gs is None:
        pytest.skip("Ghostscript is not installed, so ink coverage cannot be measured")
    result = subprocess.run(
        [gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=inkcov", "-o", "-", str(print_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    cyan, magenta, yellow, black = (float(value) for value in result.stdout.split()[:4])
    assert (cyan, magenta, yellow) == (0.0, 0.0, 0.0) and black > 0
