"""Tagged PDF (PDF/UA-1): checked with pypdf object by object, and with PDFium as an independent reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SEED_FILES, nastaliq_project, run_cli
from pypdf import PdfReader
from structtree import content_marks, outline_titles, pdfium_tree, tree, xmp

pytestmark = pytest.mark.slow  # builds the seeds in several languages; the quick loop leaves it out

DOCS = sorted(SEED_FILES) + ["faq", "arabic", "chinese", "urdu-nastaliq"]


@pytest.fixture(scope="session")
def translated_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fact sheet in Arabic (right to left, shaped) and Chinese, and in Urdu set in Nastaliq (drawn as
    outlines over invisible text), built once."""
    out = tmp_path_factory.mktemp("translated")
    code, stdout, stderr = run_cli("--out", str(out), "-l", "ar", "-l", "zh-Hans", "school-vs-medical-therapies")
    assert code == 0, stdout + stderr
    folder = out / "school-vs-medical-therapies"
    root = nastaliq_project(tmp_path_factory.mktemp("nastaliq") / "project", "school-vs-medical-therapies")
    code, stdout, stderr = run_cli("--out", str(out / "nastaliq"), "-l", "ur", root=root)
    assert code == 0, stdout + stderr
    return {
        "arabic": folder / "school-vs-medical-therapies.ar.pdf",
        "chinese": folder / "school-vs-medical-therapies.zh-Hans.pdf",
        "urdu-nastaliq": out / "nastaliq" / "school-vs-medical-therapies" / "school-vs-medical-therapies.ur.pdf",
    }


@pytest.fixture(params=DOCS)
def pdf(request: pytest.FixtureRequest, seed_pdfs: dict[str, Path], faq_pdf: Path, translated_pdfs: dict[str, Path]) -> Path:
    if request.param in translated_pdfs:
        return translated_pdfs[request.param]
    return faq_pdf if request.param == "faq" else seed_pdfs[request.param]


def test_document_level_entries(pdf: Path) -> None:
    reader = PdfReader(pdf)
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    assert root["/Lang"] == pdf.name.split(".")[-2]  # <doc>.<lang>.pdf
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    metadata = xmp(reader)
    assert "<pdfuaid:part" in metadata and ">1</pdfuaid:part>" in metadata
    assert str(reader.metadata.title) in metadata
    for page in reader.pages:
        assert page["/Tabs"] == "/S"
        assert "/StructParents" in page


def test_every_mcid_is_in_the_tree_and_nothing_else(pdf: Path) -> None:
    reader, root = tree(pdf)
    in_tree = sorted(m for element in root.walk() for m in element.mcids)
    in_content = sorted(
        (page, mcid) for page in range(len(reader.pages)) for _, mcid, _ in content_marks(reader, page)[0] if mcid is not None
    )
    assert in_content and in_tree == in_content
    assert len(set(in_tree)) == len(in_tree), "an MCID is claimed twice"


def test_artifacts_carry_no_mcid_and_all_painting_is_marked(pdf: Path) -> None:
    reader = PdfReader(pdf)
    for page in range(len(reader.pages)):
        sequences, painting = content_marks(reader, page)
        for tag, mcid, in_artifact in sequences:
            assert not (tag == "Artifact" and mcid is not None)
            assert not (in_artifact and mcid is not None), "tagged content inside an artifact"
        untagged = [op for op, tag in painting if tag is None]
        assert not untagged, f"page {page + 1} paints outside any tag or artifact: {untagged[:5]}"


def test_parent_tree_maps_each_mcid_back_to_its_element(pdf: Path) -> None:
    reader, root = tree(pdf)
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    for element in root.walk():
        for page, mcid in element.mcids:
            assert parents[reader.pages[page]["/StructParents"]][mcid].get_object() == element.obj


def test_link_annotations_hang_from_link_elements(pdf: Path) -> None:
    reader, root = tree(pdf)
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    tagged = {id(a): e for e in root.walk() for a in e.annots}
    annots = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
    for annot in annots:
        assert annot["/Subtype"] == "/Link"
        assert annot.get("/Contents"), "a link needs a description"
        parent = parents[annot["/StructParent"]].get_object()
        assert parent["/S"] == "/Link"
        assert any(
            k.get_object().get("/Obj") is not None and k.get_object()["/Obj"].get_object() == annot
            for k in (parent["/K"] if isinstance(parent["/K"], list) else [parent["/K"]])
        )
    assert len(tagged) == len(annots)


def test_headings_nest_without_skipping_and_match_the_outline(pdf: Path) -> None:
    reader, root = tree(pdf)
    levels = [int(e.role[1]) for e in root.walk() if e.role in ("H1", "H2", "H3", "H4", "H5", "H6")]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    headings = [e for e in root.walk() if e.role in ("H2", "H3")]
    assert len(outline_titles(reader)) == len(headings)


def test_structure_ids_are_unique(pdf: Path) -> None:
    _, root = tree(pdf)
    ids = [str(e.obj["/ID"]) for e in root.walk()]
    assert len(ids) == len(set(ids))


def test_pdfium_reads_the_same_tree(pdf: Path) -> None:
    """An independent parser (PDFium) finds the same elements and MCIDs on each page as the object walk."""
    reader, root = tree(pdf)
    for page, found in enumerate(pdfium_tree(pdf)):
        mcids = sorted(m for _, ms in found for m in ms if m >= 0)
        expected = [m for e in root.walk() for p, m in e.mcids if p == page]
        # PDFium lists all MCIDs of an element that continues on another page (a table cell split across pages)
        elsewhere = [
            m
            for e in root.walk()
            if len({p for p, _ in e.mcids}) > 1 and page in {p for p, _ in e.mcids}
            for p, m in e.mcids
            if p != page
        ]
        assert mcids == sorted(expected + elsewhere)
    roles = {role for page in pdfium_tree(pdf) for role, _ in page}
    assert {"Document", "H1", "P"} <= roles


def test_figures_have_alt_text_and_labels_actual_text(pdf: Path) -> None:
    _, root = tree(pdf)
    for element in root.walk():
        if element.role == "Figure":
            assert element.obj.get("/Alt")
        if element.role == "Lbl":
            assert element.obj.get("/ActualText") in {"•", "✓", "?", "\u061f", "■"}
        if element.role == "TH":
            assert element.obj["/A"]["/Scope"] in ("/Column", "/Row")


def test_list_items_read_label_then_body(pdf: Path) -> None:
    _, root = tree(pdf)
    items = [e for e in root.walk() if e.role == "LI"]
    assert items or "ot-school" in pdf.name, "the fact sheets and the FAQ have lists"
    for item in items:
        assert [kid.role for kid in item.kids] == ["Lbl", "LBody"]
    lists = [e for e in root.walk() if e.role == "L"]
    assert all(all(kid.role in ("LI", "Caption") for kid in lst.kids) for lst in lists)


def test_comparison_reads_row_by_row(faq_pdf: Path) -> None:
    _, root = tree(faq_pdf)
    tables = [e for e in root.walk() if e.role == "Table"]
    comparison = tables[-1]
    rows = [[cell.role for cell in row.kids] for row in comparison.kids]
    assert rows == [["TH", "TH"], ["TH", "TD", "TD"]]
    label = comparison.kids[1].kids[0]
    assert label.obj["/A"]["/Scope"] == "/Row"


def test_flyer_comparisons_are_tables(seed_pdfs: dict[str, Path]) -> None:
    _, root = tree(seed_pdfs["ot-school-vs-medical"])
    tables = [e for e in root.walk() if e.role == "Table"]
    assert len(tables) == 5
    assert all([c.role for c in t.kids[0].kids] == ["TH", "TH"] for t in tables), "column headers, printed or not"
    assert all([c.role for c in t.kids[1].kids] == ["TD", "TD"] for t in tables)


def test_extraction_order_follows_the_tree(seed_pdfs: dict[str, Path]) -> None:
    """Reading the text top to bottom gives the same order as the structure: each element's text follows the last."""
    reader, root = tree(seed_pdfs["ot-school-vs-medical"])
    text = " ".join((p.extract_text() or "") for p in reader.pages)
    order = [e.role for e in root.walk() if e.role in ("H1", "H2", "H3", "TD")]
    assert order[:4] == ["H1", "H2", "TD", "TD"]
    starts = [
        text.find(s)
        for s in [
            "Understanding the Differences",
            "Where Services Happen",
            "School-Based OT happens",
            "Medical-Based OT typically",
        ]
    ]
    assert -1 not in starts and starts == sorted(starts)


def test_screen_readers_get_every_seed_sentence_exactly(seed_pdfs: dict[str, Path]) -> None:
    """Text elements carry /ActualText: whole words (no line-end hyphens), normal case, reading order."""
    from pdftext import norm
    from seedtext import sentences

    for doc, pdf in seed_pdfs.items():
        _, root = tree(pdf)
        texts = [e for e in root.walk() if e.role in ("P", "H1", "H2", "H3", "TD", "TH", "LBody", "Caption")]
        assert all(e.obj.get("/ActualText") for e in texts)
        spoken = norm(" ".join(str(e.obj["/ActualText"]) for e in texts))
        missing = [s for s in sentences(SEED_FILES[doc]) if s not in spoken]
        assert not missing, missing[:3]


def test_a_translated_handout_says_its_logo_description_is_english(
    translated_pdfs: dict[str, Path], seed_pdfs: dict[str, Path]
) -> None:
    """The brand describes its logo in English; in an Arabic or Chinese handout the Figure says so (/Lang), so a
    screen reader reads the description in an English voice instead of mangling it in the document's."""
    for name in ("arabic", "chinese"):
        _, root = tree(translated_pdfs[name])
        figures = [e for e in root.walk() if e.role == "Figure"]
        assert figures and figures[0].obj.get("/Lang") == "en", name
    _, root = tree(seed_pdfs["school-vs-medical-therapies"])
    assert all("/Lang" not in e.obj for e in root.walk() if e.role == "Figure"), "English needs no change of language"
