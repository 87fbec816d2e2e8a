"""Every seed in every language: builds clean, sets each script right, and reads back as the translation."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pypdfium2
import pytest
from conftest import ROOT, run_cli
from documents import VALID
from pdftext import readable, squash
from pypdf import PdfReader

from handbill.build import Project
from handbill.design import load_layout
from handbill.i18n.localize import load_localized

pytestmark = [pytest.mark.xdist_group("languages"), pytest.mark.slow]
DOCS = ["ot-school-vs-medical", "school-vs-medical-therapies"]
LANGUAGES = ["es", "ar", "zh-Hans", "vi", "pt-BR", "ru", "ht", "hmn", "ur", "ko"]
from handbill.reportlab_compat import CANNOT_START_LINE as CLOSING


def _pdf(built: tuple[Path, str], doc: str, lang: str) -> Path:
    return built[0] / doc / f"{doc}.{lang}.pdf"


def _strings(doc: str, lang: str) -> list[str]:
    document = load_localized(ROOT / "content" / doc / f"{lang}.yaml").document
    return [t.plain for t in document.body_texts() if t.visible and t.plain.strip()]


def test_all_seeds_build_in_eleven_languages_without_warnings(built: tuple[Path, str]) -> None:
    _, out = built
    built_ones = {line.split()[1] for line in out.splitlines() if line.startswith("ok")}
    assert built_ones == {f"{s.parent.name}/{s.stem}" for s in Project(ROOT).sources()}
    assert {f"{doc}/{lang}" for doc in DOCS for lang in ["en", *LANGUAGES]} <= built_ones
    assert "note:" not in out and "FAIL" not in out


@pytest.mark.parametrize("lang", [l for l in LANGUAGES if l not in ("ar", "ur")])
@pytest.mark.parametrize("doc", DOCS)
def test_translated_text_extracts(built: tuple[Path, str], doc: str, lang: str) -> None:
    """pypdf (independent of the build's PDFium check) finds every translated string, across page breaks."""
    document = load_localized(ROOT / "content" / doc / f"{lang}.yaml").document
    furniture = [document.title.plain, document.subtitle.plain if document.subtitle else ""]
    pages = []
    for number, page in enumerate(PdfReader(_pdf(built, doc, lang)).pages):
        lines = [l for l in page.extract_text().splitlines() if "www.example.org" not in l]  # footer line
        while number and lines and lines[0].strip() in furniture:  # running header, between a paragraph's halves
            lines.pop(0)
        pages.append("\n".join(lines[:-1]) if re.search(r"\d", lines[-1]) else "\n".join(lines))  # page number
    squashed = [squash(unicodedata.normalize("NFKC", page)) for page in pages]
    missing = [s for s in _strings(doc, lang) if not readable(squash(unicodedata.normalize("NFKC", s)), squashed)]
    assert not missing, missing[:3]


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_arabic_script_extracts_in_logical_order(built: tuple[Path, str], lang: str) -> None:
    """Shaped, right-to-left text reads back as the words in reading order (joined forms map to letters)."""
    document = load_localized(ROOT / "content" / DOCS[1] / f"{lang}.yaml").document
    pdf = pypdfium2.PdfDocument(_pdf(built, DOCS[1], lang))
    text = _unmarked("".join(page.get_textpage().get_text_range() for page in pdf))
    for section in document.sections:
        if section.heading:
            assert _unmarked(section.heading.plain) in text, section.heading.plain
    assert "\ue000" not in text and not re.search(r"[\ue000-\uf8ff]", text), "private-use codes leaked"


def _unmarked(text: str) -> str:
    """Without vowel marks (viewers place them by position, not always in logical order) or the invisible bidi
    marks the text layer gives mirrored brackets (layout/extraction.py), spaces collapsed."""
    kept = (c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) != "Mn" and c not in "\u200e\u200f")
    return " ".join("".join(kept).split())


@pytest.mark.parametrize(
    "doc,lang,phrase",
    [
        ("ot-school-vs-medical", "ar", "العلاج الوظيفي المدرسي"),
        ("ot-school-vs-medical", "en", "School-Based OT"),
    ],
)
def test_right_to_left_pages_are_mirrored(built: tuple[Path, str], doc: str, lang: str, phrase: str) -> None:
    """The first comparison column (school-based) stands on the right in Arabic, on the left in English. The
    phrase also occurs in the introduction, set in two columns: its lowest occurrence on the page is in a
    comparison."""
    page = pypdfium2.PdfDocument(_pdf(built, doc, lang))[0]
    textpage = page.get_textpage()
    search = textpage.search(phrase)
    hits = list(iter(search.get_next, None))
    assert hits, phrase
    found = min(hits, key=lambda hit: textpage.get_charbox(hit[0])[3])
    left, _, right, _ = textpage.get_charbox(found[0])
    middle = page.get_width() / 2
    assert (left > middle) if lang == "ar" else (right < middle)
    if lang == "ar":
        margin = load_layout(ROOT / "layouts", "flyer").margins.outer
        rightmost = max(textpage.get_charbox(i)[2] for i in range(textpage.count_chars()))
        assert page.get_width() - margin - 2 < rightmost <= page.get_width() - margin + 2, "flush with the right margin"


@pytest.mark.parametrize("doc", DOCS)
def test_chinese_lines_never_start_with_closing_punctuation(built: tuple[Path, str], doc: str) -> None:
    pdf = pypdfium2.PdfDocument(_pdf(built, doc, "zh-Hans"))
    lines = [line for page in pdf for line in page.get_textpage().get_text_range().split("\r\n") if line]
    assert len(lines) > 40
    assert not [line for line in lines if line[0] in CLOSING]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_tag_and_embedded_fonts(built: tuple[Path, str], lang: str) -> None:
    reader = PdfReader(_pdf(built, DOCS[1], lang))
    assert reader.trailer["/Root"]["/Lang"] == lang
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            assert "/ToUnicode" in font
            assert "+" in str(font["/BaseFont"]), f"{font['/BaseFont']} is not an embedded subset"


@pytest.mark.parametrize("lang", ["zh-Hans", "ko"])
def test_cjk_pdfs_stay_small(built: tuple[Path, str], lang: str) -> None:
    for doc in DOCS:
        assert _pdf(built, doc, lang).stat().st_size < 250_000, "fonts must be subset"


def test_spanish_is_hyphenated_correctly(built: tuple[Path, str]) -> None:
    text = " ".join(p.extract_text() for p in PdfReader(_pdf(built, DOCS[1], "es")).pages)
    joins = re.findall(r"(\w+)-\n(\w+)", text)
    source = " ".join(_strings(DOCS[1], "es"))
    hyphenated = [a + b for a, b in joins if (a + b) in source and f"{a}-{b}" not in source]
    assert hyphenated, "expected at least one word hyphenated at a line end"


def test_status_lists_every_language(built: tuple[Path, str]) -> None:
    code, out, err = run_cli("i18n", "status")
    rows = [line.split() for line in out.split("\n\n")[0].splitlines()[1:]]  # the table, before the named strings
    documents = [row for row in rows if not row[0].endswith(".yaml")]
    assert {(row[0], row[1]) for row in documents} == {(s.parent.name, s.stem) for s in Project(ROOT).sources()}
    for row in documents:
        assert row[2] == "100%" and row[3] == "0" and row[4] == "0"
        assert row[5] == ("source" if row[1] == "en" else "needed")
    statements = [row for row in rows if row[0].endswith(".yaml")]  # funder statements and organisation notices
    assert {row[1] for row in statements} == set(LANGUAGES)
    assert all(row[3] == "0" and row[5] == "draft" for row in statements)


def test_missing_glyph_is_caught_before_rendering(project: Path) -> None:
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(VALID.replace("Hello families.", "Hello families \U00013000 today."))
    line = VALID.splitlines().index("        text: Hello families.") + 1
    code, out, err = run_cli(root=project)
    assert code == 1
    assert f"en.yaml:{line}:" in err and "intro-text.text" in err
    assert "U+13000" in err and "EGYPTIAN HIEROGLYPH A001" in err
    assert not (project / "build").exists()


def test_right_to_left_rebuild_is_byte_identical_whatever_was_built_before(tmp_path: Path) -> None:
    """Shaping hands out glyph codes as it meets glyphs; each right-to-left build starts afresh."""
    alone, after = tmp_path / "alone", tmp_path / "after"
    assert run_cli("--out", str(alone), "-l", "ar", DOCS[1])[0] == 0
    assert run_cli("--out", str(after), "-l", "ar", "-l", "ur")[0] == 0
    name = f"{DOCS[1]}/{DOCS[1]}.ar.pdf"
    assert (alone / name).read_bytes() == (after / name).read_bytes()


def test_english_kept_in_a_translation_is_marked_as_english(built: tuple[Path, str]) -> None:
    """Resource titles stay in English in every translation; their structure elements say so with /Lang."""
    from structtree import tree

    _, root = tree(_pdf(built, DOCS[1], "es"))
    marked = [e for e in root.walk() if e.obj.get("/Lang") == "en" and e.role != "Figure"]  # the logo: see accessibility
    assert marked and all(e.role == "LBody" for e in marked)
    assert len(marked) == 2  # the two resources
    assert not any(e.obj.get("/Lang") for e in root.walk() if e.role in ("P", "H2"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_shipped_translations_round_trip_through_po_and_xliff(tmp_path: Path, lang: str) -> None:
    """Every shipped translation file survives export and import unchanged, byte for byte."""
    from dataclasses import replace

    from handbill.i18n.catalog import write_translation
    from handbill.i18n.exchange import export_po, export_xliff, import_po, import_xliff

    for doc in DOCS:
        file = ROOT / "content" / doc / f"{lang}.yaml"
        localized = load_localized(file)
        for export, read in ((export_po, import_po), (export_xliff, import_xliff)):
            exported = export(localized.original, localized.translation)
            content = exported.encode() if read is import_xliff else exported
            back = read(content, localized.original, tmp_path / "exchange")
            target = tmp_path / f"{doc}.{lang}.yaml"
            write_translation(replace(back, file=target), localized.original)
            assert target.read_bytes() == file.read_bytes(), f"{doc} {lang} via {export.__name__}"
