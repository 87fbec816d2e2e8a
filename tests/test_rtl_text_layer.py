"""The text viewers extract from right-to-left handouts (layout/bidi.py, layout/extraction.py): the Arabic and Urdu
seeds read back through PDFium (Chrome's engine and a dependency: the main assertion), and through poppler's
pdftotext and pdf.js where those are installed (extra measurements, skipped with the reason otherwise).

A string counts when it reads back whole and in logical order, compatibility forms folded (NFKC), whitespace and
the invisible bidi controls some viewers add left out. A string a page break cuts (a comparison row split across
pages) counts when its start reads whole on one page and its end on the next, as the build's own check and the
Latin tests allow (pdftext.readable): no viewer reads across the footer and running header between them. The
floors are the counts reached now: the aim is every string in every viewer, so a floor may only go up."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from conftest import ROOT, nastaliq_project, run_cli
from pdftext import readable
from reportlab.lib.colors import black
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas

from handbill.errors import ContentError
from handbill.fonts import face, load_library
from handbill.i18n.localize import load_localized
from handbill.layout.bidi import BidiParagraph, Piece
from handbill.layout.context import ShapingRecord
from handbill.post.tounicode import rewrite

pytestmark = [pytest.mark.xdist_group("rtl-text"), pytest.mark.slow]

DOCS = ("school-vs-medical-therapies", "ot-school-vs-medical")
HERE = Path(__file__).parent

# (document, language) -> strings read whole by each viewer, as reached by this text layer (before vowel marks
# were drawn as glyphs of their own, pdf.js 43 and 18 in Arabic; before mirrored
# brackets read as their own characters between bidi marks, and neutral runs drawn in logical order: PDFium 39,
# 39, 16, 16; poppler 36, 36, 14, 14; pdf.js 34, 36, 12, 15; before the text layer: pdf.js 22, 21, 9, 9; PDFium
# 14, 35, 3, 13; poppler 12, 30, 3, 11; all counted without the page-break rule, which adds 2 or 3 strings of
# the flyer per viewer)
FLOORS = {
    ("school-vs-medical-therapies", "ar"): {"PDFium": 43, "poppler": 45, "pdf.js": 45},
    ("school-vs-medical-therapies", "ur"): {"PDFium": 44, "poppler": 45, "pdf.js": 45},
    ("ot-school-vs-medical", "ar"): {"PDFium": 20, "poppler": 20, "pdf.js": 21},
    ("ot-school-vs-medical", "ur"): {"PDFium": 21, "poppler": 20, "pdf.js": 21},
}


# Urdu set in Nastaliq (a brand's choice): its glyphs drawn as outlines, its text read from an invisible Naskh
# layer (layout/extraction.py). The flyer, too long for its two pages in Nastaliq, is built as a fact sheet.
# Before the layer, the build refused it: PDFium read 4 of the fact sheet's strings, and 1 of the flyer's.
NASTALIQ_FLOORS = {
    "school-vs-medical-therapies": {"PDFium": 44, "poppler": 44, "pdf.js": 45},
    "ot-school-vs-medical": {"PDFium": 20, "poppler": 20, "pdf.js": 21},
}


@pytest.fixture(scope="module")
def rtl_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rtl")
    code, stdout, stderr = run_cli("--out", str(out), *DOCS, "--lang", "ar", "--lang", "ur")
    assert code == 0, stdout + stderr
    return out


def _pdfium(pdf: Path) -> list[str]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def _poppler(pdf: Path) -> list[str]:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler's pdftotext is not installed (apt-get install poppler-utils): poppler not measured")
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")


def _pdfjs(pdf: Path) -> list[str]:
    if not shutil.which("node") or not (HERE / "node_modules" / "pdfjs-dist").is_dir():
        pytest.skip("node or pdfjs-dist is missing (npm ci in tests/): pdf.js not measured")
    done = subprocess.run(["node", str(HERE / "pdfjs_text.mjs"), str(pdf)], capture_output=True, text=True, check=True, cwd=HERE)
    return list(json.loads(done.stdout))


READERS = {"PDFium": _pdfium, "poppler": _poppler, "pdf.js": _pdfjs}


def folded(text: str) -> str:
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e\u2066-\u2069]+", "", unicodedata.normalize("NFKC", text))


def printed_strings(doc: str, lang: str) -> list[str]:
    document = load_localized(ROOT / "content" / doc / f"{lang}.yaml").document
    head = [t for t in (document.title, document.subtitle) if t]
    return [t.plain for t in head + document.body_texts() if t.visible and t.plain.strip()]


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("doc, lang", list(FLOORS), ids=[f"{d}.{lang}" for d, lang in FLOORS])
def test_translated_strings_read_back_whole_in_logical_order(rtl_pdfs: Path, doc: str, lang: str, reader: str) -> None:
    pages = [folded(page) for page in READERS[reader](rtl_pdfs / doc / f"{doc}.{lang}.pdf")]
    strings = printed_strings(doc, lang)
    whole = [s for s in strings if readable(folded(s), pages)]
    assert len(whole) >= FLOORS[doc, lang][reader], (
        f"{reader}: {len(whole)} of {len(strings)} read whole; missing e.g. {[s for s in strings if s not in whole][:3]}"
    )


@pytest.mark.parametrize("doc, lang", list(FLOORS), ids=[f"{d}.{lang}" for d, lang in FLOORS])
def test_shaped_glyphs_read_as_base_letters(rtl_pdfs: Path, doc: str, lang: str) -> None:
    text = "".join(_pdfium(rtl_pdfs / doc / f"{doc}.{lang}.pdf"))
    assert not re.search("[\ue000-\uf8ff]", text), "private-use codes leaked"
    assert not re.search("[\ufb50-\ufdff\ufe70-\ufeff]", text), "presentation forms instead of letters"


@pytest.fixture(scope="module")
def naskh() -> str:
    load_library(ROOT / "fonts").stack("ar", "noto-sans")
    return face("noto-naskh-arabic")


def _one_line_pdf(tmp_path: Path, naskh: str, text: str) -> Path:
    """`text` drawn as a right-to-left paragraph, its ToUnicode entries written as a build writes them."""
    drawn, pdf = tmp_path / "drawn.pdf", tmp_path / "line.pdf"
    canvas, shaping = Canvas(str(drawn), pagesize=(500, 200)), ShapingRecord()
    style = ParagraphStyle("body", fontName=naskh, fontSize=14, leading=20, alignment=TA_RIGHT)
    paragraph = BidiParagraph([Piece(text, naskh, black)], style, shaping)
    paragraph.wrap(480, 200)
    paragraph.drawOn(canvas, 10, 100)
    canvas.save()
    with pikepdf.open(drawn) as document:
        rewrite(document, shaping)
        document.save(pdf)
    return pdf


# Vowel marks sit above or below their letter: drawn as text, each would read back as a line of its own.
@pytest.mark.parametrize("text", ["تُقدَّم دون أي تكلفة", "أُعِدّ محتوى هذا المنشور", "مَن سيشارك في تحديد"])
def test_vowel_marks_read_back_with_their_letters(tmp_path: Path, naskh: str, text: str) -> None:
    extracted = _pdfium(_one_line_pdf(tmp_path, naskh, text))[0]
    assert unicodedata.normalize("NFKC", extracted.strip()) == unicodedata.normalize("NFKC", text)


def _lines_pdf(tmp_path: Path, texts: list[str]) -> Path:
    """Each of `texts` drawn as a right-to-left paragraph on a page of its own, its pieces in the fonts a build
    gives them (the Arabic face has no brackets or Latin letters: they come from the Latin face)."""
    stack = load_library(ROOT / "fonts").stack("ar", "noto-sans")
    drawn, pdf = tmp_path / "drawn.pdf", tmp_path / "lines.pdf"
    canvas, shaping = Canvas(str(drawn), pagesize=(500, 200)), ShapingRecord()
    style = ParagraphStyle("body", fontName=face(stack.primary), fontSize=14, leading=20, alignment=TA_RIGHT)
    for text in texts:
        pieces = [Piece(part, face(family or stack.primary), black) for family, part in stack.segments(text)]
        paragraph = BidiParagraph(pieces, style, shaping)
        paragraph.wrap(480, 200)
        paragraph.drawOn(canvas, 10, 100)
        canvas.showPage()
    canvas.save()
    with pikepdf.open(drawn) as document:
        rewrite(document, shaping)
        document.save(pdf)
    return pdf


BRACKETED = [
    "برنامج التعليم الفردي (IEP) أو خطة",
    "العلاج الطبي (السريري)",
    "قانون «نجاح كل طالب» (ESSA).",
    "انفرادی تعلیمی پروگرام (IEP)، طبی جانچ",
]


# A bracket at a right-to-left level is drawn mirrored: each viewer must still read the bracket it stands for.
@pytest.mark.parametrize("reader", list(READERS))
def test_mirrored_brackets_read_back_as_written(tmp_path: Path, reader: str) -> None:
    pages = READERS[reader](_lines_pdf(tmp_path, BRACKETED))
    assert [folded(page) for page in pages[: len(BRACKETED)]] == [folded(text) for text in BRACKETED]


@pytest.fixture(scope="module")
def nastaliq_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = nastaliq_project(tmp_path_factory.mktemp("nastaliq") / "project", *DOCS)
    out = root / "out"
    for doc in DOCS:
        code, stdout, stderr = run_cli("--out", str(out), doc, "--lang", "ur", "--layout", "fact-sheet", root=root)
        assert code == 0, stdout + stderr
    return out


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("doc", DOCS)
def test_nastaliq_strings_read_back_whole(nastaliq_pdfs: Path, doc: str, reader: str) -> None:
    pages = [folded(page) for page in READERS[reader](nastaliq_pdfs / doc / f"{doc}.ur.pdf")]
    strings = printed_strings(doc, "ur")
    whole = [s for s in strings if readable(folded(s), pages)]
    assert len(whole) >= NASTALIQ_FLOORS[doc][reader], (
        f"{reader}: {len(whole)} of {len(strings)} read whole; missing e.g. {[s for s in strings if s not in whole][:3]}"
    )


def test_nastaliq_is_drawn_as_outlines_over_naskh_text(nastaliq_pdfs: Path) -> None:
    """Every Nastaliq letter is an outline (a form per glyph, drawn once); the letters read back are Naskh's,
    drawn invisible (render mode 3); Nastaliq draws only what Naskh lacks (brackets) as text."""
    doc = DOCS[0]
    with pikepdf.open(nastaliq_pdfs / doc / f"{doc}.ur.pdf") as pdf:
        page = pdf.pages[0]
        forms = [name for name in page.Resources.XObject.keys() if "glyph-NotoNastaliqUrdu" in name]
        assert len(forms) > 50
        content = page.Contents.read_bytes() if isinstance(page.Contents, pikepdf.Stream) else b""
        fonts = {str(f.BaseFont).split("+")[-1] for f in page.Resources.Font.values()}
        assert {"NotoNaskhArabic-Regular", "NotoNastaliqUrdu-Regular"} <= fonts
        assert content.count(b" Do") > 1000 and b"3 Tr" in content
    text = "".join(_pdfium(nastaliq_pdfs / doc / f"{doc}.ur.pdf"))
    assert not re.search("[\ue000-\uf8ff\ufb50-\ufdff\ufe70-\ufeff]", text)


def test_nastaliq_text_layer_leaves_out_what_naskh_lacks() -> None:
    stack = load_library(ROOT / "fonts").stack("ur", "noto-sans", {"ur": ("noto-nastaliq-urdu",)})
    assert stack.text_layers("noto-nastaliq-urdu", "(تعلیمی ماڈل)") == [
        (None, "("),
        (face("noto-naskh-arabic"), "تعلیمی ماڈل"),
        (None, ")"),
    ]
    assert stack.text_layers("noto-nastaliq-urdu", "ماڈل", bold=True) == [(face("noto-naskh-arabic", True), "ماڈل")]
    assert stack.text_layers("noto-naskh-arabic", "ماڈل") == [(None, "ماڈل")]


def test_a_text_layer_names_another_family(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    shutil.copytree(ROOT / "fonts", fonts)
    spec = (fonts / "fonts.yaml").read_text(encoding="utf-8")
    (fonts / "fonts.yaml").write_text(spec.replace("text_layer: noto-naskh-arabic", "text_layer: noto-naskh"), encoding="utf-8")
    with pytest.raises(ContentError, match="'noto-naskh' is not another font family"):
        load_library(fonts)
