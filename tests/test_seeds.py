"""The two seed documents: everything the source says is in the PDF, in order, with the promised page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, SEED_FILES, run_cli
from pdftext import body_pages, body_text, fonts, link_uris, norm, page_texts, readable, squash
from pypdf import PdfReader
from seedtext import headings, sentences

FACT_SHEET = "school-vs-medical-therapies"
FLYER = "ot-school-vs-medical"
RUNNING_HEADER = ["School-Based vs. Medical Therapies: What Families Need to Know", "A Resource Document"]
FOOTERS = {
    FLYER: ["Pediatric Occupational Therapy Network · www.example.org/ot"],
    FACT_SHEET: ["Parent Educational Advocacy Training Center · (555) 010-0100 · www.example.org"],
}


def test_seed_sources_are_present() -> None:
    missing = [str(p) for p in SEED_FILES.values() if not p.is_file()]
    assert not missing, f"seed sources not found (expected ../shared/seeds beside the project): {missing}"


@pytest.mark.parametrize("doc", sorted(SEED_FILES))
def test_every_seed_sentence_is_in_the_pdf(doc: str, seed_pdfs: dict[str, Path]) -> None:
    pages = [squash(page) for page in body_pages(seed_pdfs[doc], RUNNING_HEADER + FOOTERS[doc])]
    missing = [s for s in sentences(SEED_FILES[doc]) if not readable(squash(s), pages)]
    assert not missing, f"{len(missing)} seed sentence(s) missing from {doc}.en.pdf: {missing}"


@pytest.mark.parametrize("doc", sorted(SEED_FILES))
def test_sections_follow_source_order(doc: str, seed_pdfs: dict[str, Path]) -> None:
    text = squash(body_text(seed_pdfs[doc], FOOTERS[doc])).lower()
    positions = []
    for heading in headings(SEED_FILES[doc]):
        index = text.find(squash(heading).lower(), positions[-1] if positions else 0)
        assert index >= 0, f"heading {heading!r} not found after the previous one in {doc}"
        positions.append(index)
    assert positions == sorted(positions)


def test_flyer_comparisons_sit_side_by_side(seed_pdfs: dict[str, Path]) -> None:
    """Each School-Based paragraph starts at the left column and its Medical-Based pair at the same height on the right."""
    reader = PdfReader(seed_pdfs[FLYER])
    starts: dict[str, list[tuple[float, float]]] = {"School-Based OT": [], "Medical-Based OT": []}

    def visit(text: str, cm: list, tm: list, _font: object, size: float) -> None:
        for label in starts:
            if (
                text.startswith(label) and size < 12
            ):  # body text, not the title  # text position in page space: the text matrix's origin through the CTM
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                starts[label].append((x, y))

    reader.pages[0].extract_text(visitor_text=visit)
    left, right = starts["School-Based OT"], starts["Medical-Based OT"]
    assert len(left) >= 3 and len(left) == len(right)
    width = float(reader.pages[0].mediabox.width)
    for (lx, ly), (rx, ry) in zip(left, right):
        assert lx < width / 2 < rx, "the two sides of a comparison should be in separate columns"
        assert abs(ly - ry) < 1, "paired items should start on the same line"


def test_fact_sheet_repeats_running_header_and_numbers_pages(seed_pdfs: dict[str, Path]) -> None:
    texts = page_texts(seed_pdfs[FACT_SHEET])
    assert len(texts) >= 2
    for number, text in enumerate(texts, 1):
        for line in RUNNING_HEADER:
            assert line in text, f"page {number} lacks the running header line {line!r}"
        assert f"Page {number} of {len(texts)}" in text


def test_fact_sheet_resource_links_are_clickable(seed_pdfs: dict[str, Path]) -> None:
    uris = link_uris(seed_pdfs[FACT_SHEET])
    assert "https://theinspiredtreehouse.com/school-therapist-clinical-therapist" in uris
    assert "https://kidtherapy.org/outpatient-therapy-vs-school-based-therapy-whats-the-difference" in uris


def test_fact_sheet_ends_with_the_filled_in_disclaimers(seed_pdfs: dict[str, Path]) -> None:
    last = squash(page_texts(seed_pdfs[FACT_SHEET])[-1])
    expected = [
        "The contents of this fact sheet were developed under a grant from the U.S. Department of Education, "
        "#H328M250100. However, those contents do not necessarily represent the policy of the U.S. Department of "
        "Education, and you should not assume endorsement by the Federal Government.",
        "PEATC is not a legal services agency and cannot provide legal advice or legal representation. Any "
        "information contained herein is not intended as legal advice and should not be used as a substitute for "
        "legal advice.",
    ]
    expected = [squash(sentence) for sentence in expected]
    for sentence in expected:
        assert sentence in last
    assert last.index("FUNDINGANDDISCLAIMERS") < last.index(expected[0]) < last.index(expected[1])


@pytest.mark.parametrize("doc", sorted(SEED_FILES))
def test_fonts_are_embedded_subsets_not_base14(doc: str, seed_pdfs: dict[str, Path]) -> None:
    used = fonts(seed_pdfs[doc])
    assert used, "no fonts found"
    for name, font in used.items():
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert "+" in name, f"{name} is not subset"
        assert "Noto" in name, f"{name} is not a shipped font"
        assert font["/HasToUnicode"], f"{name} has no ToUnicode map; its text could not be read aloud or copied"


@pytest.mark.parametrize(
    "doc,title,author",
    [
        (
            FLYER,
            "Understanding the Differences Between School-Based OT and Medical-Based OT",
            "Pediatric Occupational Therapy Network",
        ),
        (
            FACT_SHEET,
            "School-Based vs. Medical Therapies: What Families Need to Know",
            "Parent Educational Advocacy Training Center",
        ),
    ],
)
def test_metadata(doc: str, title: str, author: str, seed_pdfs: dict[str, Path]) -> None:
    reader = PdfReader(seed_pdfs[doc])
    meta = reader.metadata
    assert meta.title == title
    assert meta.author == author
    assert meta.subject and len(meta.subject) > 20
    assert meta.creator.startswith("handbill ")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]


def test_rebuild_is_byte_identical(seed_pdfs: dict[str, Path], tmp_path: Path) -> None:
    code, out, err = run_cli("--out", str(tmp_path), "--lang", "en")
    assert code == 0, out + err
    for doc, first in seed_pdfs.items():
        assert (tmp_path / doc / f"{doc}.en.pdf").read_bytes() == first.read_bytes(), doc


@pytest.mark.slow
def test_rebuild_in_a_new_process_is_byte_identical(seed_pdfs: dict[str, Path], tmp_path: Path) -> None:
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, str(ROOT / "generate.py"), "--out", str(tmp_path), FACT_SHEET],
        check=True,
        capture_output=True,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    )
    assert (tmp_path / FACT_SHEET / f"{FACT_SHEET}.en.pdf").read_bytes() == seed_pdfs[FACT_SHEET].read_bytes()


def test_flyer_fits_its_page_limit(seed_pdfs: dict[str, Path]) -> None:
    assert len(PdfReader(seed_pdfs[FLYER]).pages) <= 2


@pytest.mark.parametrize("doc", sorted(SEED_FILES))
def test_no_heading_is_stranded_at_a_page_foot(doc: str, seed_pdfs: dict[str, Path]) -> None:
    texts = page_texts(seed_pdfs[doc])
    for number, text in enumerate(texts[:-1], 1):
        body = norm(text.replace(f"Page {number} of {len(texts)}", ""))
        for heading in headings(SEED_FILES[doc]):
            assert not body.lower().endswith(heading.lower()), f"{heading!r} ends page {number} of {doc}"
