"""Numbered steps, tables with row headers and an empty corner, comparisons whose unprinted column names still
head their columns: what a reader sees on the page and what a screen reader or checker finds in the tags, read
with pypdf and with PDFium."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import pytest
from conftest import ROOT, new_project, run_cli
from pypdf import PdfReader
from structtree import Element, tree

from handbill.content import load_document
from handbill.model import Comparison

STEPS = "\n".join(f"          s{n}: Step number {n} of getting ready." for n in range(1, 13))

GUIDE = f"""\
language: en
kind: guide
layout: fact-sheet
brand: default
title: Getting ready for the meeting
organisation:
  name: Test Parent Center
  short_name: TPC
funders: []
sections:
  - id: prepare
    heading: Before the meeting
    blocks:
      - type: steps
        id: ready
        title: Twelve steps
        items:
{STEPS}
      - type: steps
        id: after
        start: 13
        items:
          thank: Thank the team.
          file: File the notes.
  - id: costs
    heading: Who pays
    blocks:
      - type: table
        id: payers
        row_headers: true
        columns: ["", In class, In a clinic]
        rows:
          - id: cost
            cells: [Cost, Free for families, Insurance or Medicaid]
          - id: when
            cells: [When, During the school day, After school]
      - type: comparison
        id: settings
        columns: [Based at school, Based at the clinic]
        show_columns: false
        rows:
          - id: goal
            label: Goal
            left: Taking part in learning.
            right: Skills for daily life.
          - id: pay
            left: The district pays.
            right: Insurance pays.
"""

ARABIC = (
    """\
language: ar
kind: guide
layout: fact-sheet
brand: default
title: الاستعداد للاجتماع
organisation:
  name: Test Parent Center
  short_name: TPC
funders: []
sections:
  - id: prepare
    heading: قبل الاجتماع
    blocks:
      - type: steps
        id: ready
        items:
"""
    + "\n".join(f"          s{n}: اطلب موعد الاجتماع كتابة" for n in range(1, 11))
    + "\n"
)


def _build(root: Path, doc: str, text: str, language: str = "en") -> Path:
    (root / "content" / doc).mkdir(parents=True)
    (root / "content" / doc / f"{language}.yaml").write_text(text)
    code, out, err = run_cli(doc, root=root)
    assert code == 0, out + err
    return root / "build" / doc / f"{doc}.{language}.pdf"


@pytest.fixture(scope="module")
def guide(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(new_project(tmp_path_factory.mktemp("blocks") / "project"), "guide", GUIDE)


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(new_project(tmp_path_factory.mktemp("blocks-ar") / "project"), "guide", ARABIC, "ar")


def _chars(pdf: Path) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Every character PDFium reads on the first page with its box (left, bottom, right, top)."""
    page = pypdfium2.PdfDocument(pdf)[0].get_textpage()
    return [(page.get_text_range(i, 1), page.get_charbox(i)) for i in range(page.count_chars())]


def _label_at(chars: list, label: str) -> int:
    """Index of `label` (e.g. '10.') where it starts a line."""
    text = "".join(c for c, _ in chars)
    match = re.search(rf"(?:^|\n){re.escape(label)}", text)
    assert match, label
    return match.end() - len(label)


def _pdfium_string(function, element) -> str:
    size = function(element, None, 0)
    buffer = ctypes.create_string_buffer(size)
    function(element, buffer, size)
    return buffer.raw[:size].decode("utf-16-le").rstrip("\x00")


def _pdfium_attributes(element) -> dict[str, str]:
    """An element's /A entries whose values are names or strings, as PDFium reads them."""
    out = {}
    length = ctypes.c_ulong()
    for a in range(pdfium.FPDF_StructElement_GetAttributeCount(element)):
        attributes = pdfium.FPDF_StructElement_GetAttributeAtIndex(element, a)
        for i in range(pdfium.FPDF_StructElement_Attr_GetCount(attributes)):
            pdfium.FPDF_StructElement_Attr_GetName(attributes, i, None, 0, ctypes.byref(length))
            name = ctypes.create_string_buffer(length.value)
            pdfium.FPDF_StructElement_Attr_GetName(attributes, i, name, length, ctypes.byref(length))
            value = pdfium.FPDF_StructElement_Attr_GetValue(attributes, name.value)
            pdfium.FPDF_StructElement_Attr_GetStringValue(value, None, 0, ctypes.byref(length))
            text = ctypes.create_string_buffer(length.value)
            if pdfium.FPDF_StructElement_Attr_GetStringValue(value, text, length, ctypes.byref(length)):
                out[name.value.decode()] = text.raw[: length.value].decode("utf-16-le").rstrip("\x00")
    return out


def _pdfium_elements(pdf: Path) -> list[dict[str, str]]:
    """The structure elements PDFium finds on every page, depth first: role, ActualText and attributes."""
    found: list[dict[str, str]] = []

    def visit(element) -> None:
        found.append(
            {
                "role": _pdfium_string(pdfium.FPDF_StructElement_GetType, element),
                "text": _pdfium_string(pdfium.FPDF_StructElement_GetActualText, element),
                **_pdfium_attributes(element),
            }
        )
        for i in range(pdfium.FPDF_StructElement_CountChildren(element)):
            child = pdfium.FPDF_StructElement_GetChildAtIndex(element, i)
            if child:
                visit(child)

    for page in pypdfium2.PdfDocument(pdf):
        handle = pdfium.FPDF_StructTree_GetForPage(page.raw)
        for i in range(pdfium.FPDF_StructTree_CountChildren(handle)):
            visit(pdfium.FPDF_StructTree_GetChildAtIndex(handle, i))
        pdfium.FPDF_StructTree_Close(handle)
    return found


def _kids(element: Element) -> list[list[tuple[str, str, str]]]:
    """A table's rows as (role, ActualText, Scope) per cell."""
    return [
        [(c.role, str(c.obj.get("/ActualText", "")), str(c.obj["/A"]["/Scope"]) if "/A" in c.obj else "") for c in row.kids]
        for row in element.kids
    ]


# --- steps ----------------------------------------------------------------------------------------------------------


def test_steps_print_their_numbers_and_no_bullet(guide: Path) -> None:
    pypdf_text = PdfReader(guide).pages[0].extract_text()
    pdfium_text = "".join(c for c, _ in _chars(guide))
    for text in (pypdf_text, pdfium_text):
        numbered = [(int(a), int(b)) for a, b in re.findall(r"^ ?(\d+)\.\s+Step number (\d+)", text, re.M)]
        assert numbered == [(n, n) for n in range(1, 13)], text
        assert all(re.search(rf"^ ?{n}\.", text, re.M) for n in range(1, 15))  # the second list goes on at 13
        assert "•" not in text


def test_numbers_line_up_on_their_full_stops_and_the_text_on_its_indent(guide: Path) -> None:
    chars = _chars(guide)
    stops, starts = [], []
    for label in ("9.", "10.", "12."):
        at = _label_at(chars, label)
        stops.append(chars[at + len(label) - 1][1][2])  # right edge of the full stop
        body = next(i for i in range(at + len(label), len(chars)) if chars[i][0].strip())
        assert chars[body][0] == "S"
        starts.append(chars[body][1][0])
    assert max(stops) - min(stops) < 0.5, stops
    assert max(starts) - min(starts) < 0.5, starts
    assert chars[_label_at(chars, "10.")][1][0] < chars[_label_at(chars, "9.")][1][0]  # 10 reaches further left
    assert min(starts) - max(stops) > 2  # a gap between number and text


def test_steps_are_an_ordered_list_in_the_tags(guide: Path) -> None:
    _, root = tree(guide)
    lists = [e for e in root.walk() if e.role == "L"]
    assert len(lists) == 2
    for listing in lists:
        assert listing.obj["/A"]["/O"] == "/List" and listing.obj["/A"]["/ListNumbering"] == "/Decimal"
    items = [kid for kid in lists[0].kids if kid.role == "LI"]
    assert [k.role for k in lists[0].kids] == ["Caption"] + ["LI"] * 12
    assert all([k.role for k in item.kids] == ["Lbl", "LBody"] for item in items)
    assert [str(item.kids[0].obj["/ActualText"]) for item in items] == [f"{n}." for n in range(1, 13)]
    assert str(items[9].kids[1].obj["/ActualText"]) == "Step number 10 of getting ready."
    assert [str(li.kids[0].obj["/ActualText"]) for li in lists[1].kids] == ["13.", "14."]

    found = _pdfium_elements(guide)
    assert [(e["O"], e["ListNumbering"]) for e in found if e["role"] == "L"] == [("List", "Decimal")] * 2
    labels = [e["text"] for e in found if e["role"] == "Lbl"]
    assert labels == [f"{n}." for n in range(1, 15)]


def test_right_to_left_steps_stand_on_the_right(arabic: Path) -> None:
    """Mirrored: the number on the right, its full stop on its left next to the text, the stops lined up."""
    chars = _chars(arabic)
    text = "".join(c for c, _ in chars)
    labels = [m for m in re.finditer(r"\.(\d+)", text)]
    assert [int(m.group(1)) for m in labels] == list(range(1, 11))
    letters = [box for c, box in chars if "\u0600" <= c <= "\u06ff"]
    for m in labels:
        stop, number = chars[m.start()][1], chars[m.end() - 1][1]
        line = [box for box in letters if box[1] < number[3] and box[3] > number[1]]
        assert line and all(box[2] <= stop[0] + 0.5 for box in line)  # every letter of its line is to its left
    assert len({round(chars[m.start()][1][0]) for m in labels}) == 1
    _, root = tree(arabic)
    assert [str(e.obj["/ActualText"]) for e in root.walk() if e.role == "Lbl"] == [f"{n}." for n in range(1, 11)]


# --- tables with row headers ----------------------------------------------------------------------------------------


def test_row_headers_and_the_empty_corner_are_header_cells(guide: Path) -> None:
    _, root = tree(guide)
    table = [e for e in root.walk() if e.role == "Table"][0]
    assert _kids(table) == [
        [("TH", "", "/Column"), ("TH", "In class", "/Column"), ("TH", "In a clinic", "/Column")],
        [("TH", "Cost", "/Row"), ("TD", "Free for families", ""), ("TD", "Insurance or Medicaid", "")],
        [("TH", "When", "/Row"), ("TD", "During the school day", ""), ("TD", "After school", "")],
    ]
    corner = table.kids[0].kids[0]
    assert corner.mcids and not corner.obj.get("/Alt")  # present on its page, with nothing to say

    found = _pdfium_elements(guide)
    heads = [(e["text"], e["Scope"]) for e in found if e["role"] == "TH"]
    assert heads[:5] == [("", "Column"), ("In class", "Column"), ("In a clinic", "Column"), ("Cost", "Row"), ("When", "Row")]


def test_an_empty_first_column_name_needs_row_headers(tmp_path: Path) -> None:
    root = new_project(tmp_path / "project")
    (root / "content" / "guide").mkdir()
    file = root / "content" / "guide" / "en.yaml"
    file.write_text(GUIDE.replace("        row_headers: true\n", ""))
    code, _, err = run_cli("--check", root=root)
    line = file.read_text().splitlines().index('        columns: ["", In class, In a clinic]') + 1
    assert code == 1
    assert f"en.yaml:{line}:19: sections[1].blocks[0].columns[0]: is empty; only the corner above row headers" in err
    assert "set row_headers: true" in err


def test_the_empty_corner_is_not_a_string_to_translate(tmp_path: Path) -> None:
    root = new_project(tmp_path / "project")
    (root / "content" / "guide").mkdir()
    (root / "content" / "guide" / "en.yaml").write_text(GUIDE)
    po = tmp_path / "guide.es.po"
    code, out, err = run_cli("i18n", "export", "guide", "es", "--format", "po", "--out", str(po), root=root)
    assert code == 0, out + err
    assert 'msgctxt "payers.columns.1"' in po.read_text() and "payers.columns.0" not in po.read_text()


# --- comparisons ----------------------------------------------------------------------------------------------------


def test_unprinted_comparison_names_still_head_the_columns(guide: Path) -> None:
    page_text = PdfReader(guide).pages[0].extract_text()
    pdfium_text = "".join(c for c, _ in _chars(guide))
    assert "Based at school" not in page_text and "Based at school" not in pdfium_text
    _, root = tree(guide)
    comparison = [e for e in root.walk() if e.role == "Table"][1]
    assert _kids(comparison) == [
        [("TH", "Based at school", "/Column"), ("TH", "Based at the clinic", "/Column")],
        [("TH", "Goal", "/Row"), ("TD", "Taking part in learning.", ""), ("TD", "Skills for daily life.", "")],
        [("TD", "The district pays.", ""), ("TD", "Insurance pays.", "")],
    ]
    heads = [e for e in _pdfium_elements(guide) if e["role"] == "TH" and e["Scope"] == "Column"]
    assert [e["text"] for e in heads][-2:] == ["Based at school", "Based at the clinic"]


def test_every_flyer_comparison_has_column_headers(seed_pdfs: dict[str, Path]) -> None:
    """The OT flyer prints no column names (each cell starts with them), yet every comparison has its header row."""
    source = load_document(ROOT / "content" / "ot-school-vs-medical" / "en.yaml")
    names = [[c.plain for c in b.columns] for s in source.sections for b in s.blocks if isinstance(b, Comparison)]
    _, root = tree(seed_pdfs["ot-school-vs-medical"])
    tables = [_kids(e) for e in root.walk() if e.role == "Table"]
    assert [[text for _, text, _ in table[0]] for table in tables] == names
    for table in tables:
        assert [(role, scope) for role, _, scope in table[0]] == [("TH", "/Column")] * 2
        assert all(role == "TD" for row in table[1:] for role, _, _ in row)
    found = _pdfium_elements(seed_pdfs["ot-school-vs-medical"])
    assert [e["text"] for e in found if e["role"] == "TH"] == [n for pair in names for n in pair]


# --- refusals -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "old, new, field, message",
    [
        ("        start: 13\n", "        start: 0\n", "sections[0].blocks[1].start", "0 is less than the minimum of 1"),
        (
            "      - type: steps\n        id: ready",
            "      - type: numbered\n        id: ready",
            "sections[0].blocks[0].type",
            "'numbered' is not allowed here (hint: did you mean 'steps'?",
        ),
    ],
)
def test_bad_steps_are_refused_with_position(tmp_path: Path, old: str, new: str, field: str, message: str) -> None:
    root = new_project(tmp_path / "project")
    (root / "content" / "guide").mkdir()
    file = root / "content" / "guide" / "en.yaml"
    file.write_text(GUIDE.replace(old, new))
    code, _, err = run_cli("--check", root=root)
    lines = file.read_text().splitlines()
    line = lines.index(new.splitlines()[0]) + 1
    column = len(lines[line - 1]) - len(lines[line - 1].split(": ", 1)[1]) + 1
    assert code == 1
    assert f"content/guide/en.yaml:{line}:{column}: {field}: {message}" in err, err


def test_a_comparison_row_split_across_pages_leaves_no_empty_tinted_box(tmp_path: Path) -> None:
    """Where a row splits, the column whose text ended on the first page goes on untinted: the next page shows
    the other column's text in its tint beside blank paper, not beside an empty coloured box."""
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from handbill.layout.blocks import SideBySide

    tint, other = HexColor("#D0E0F0"), HexColor("#F0D0C0")
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=10, leading=12)
    long_text = " ".join(["The left column has much more to say than the right one does."] * 12)
    table = SideBySide(
        [[Paragraph(long_text, style), "", Paragraph("Short.", style)]],
        colWidths=[0, 20, 0],
        splitInRow=1,
        style=[("BACKGROUND", (0, 0), (0, 0), tint), ("BACKGROUND", (2, 0), (2, 0), other), ("VALIGN", (0, 0), (-1, -1), "TOP")],
    )
    out = tmp_path / "split.pdf"
    SimpleDocTemplate(str(out), pagesize=(400, 200), leftMargin=20, rightMargin=20, topMargin=20, bottomMargin=20).build([table])
    document = pypdfium2.PdfDocument(out)
    assert len(document) >= 2, "the row should have split across pages"
    image = document[1].render(scale=1).to_pil().convert("RGB")
    near_top = 200 - 20 - 6  # a few points below the top margin of page 2, in the cells' first line
    left, right = image.getpixel((30, 200 - near_top)), image.getpixel((370, 200 - near_top))
    assert left == (0xD0, 0xE0, 0xF0), f"the left column goes on in its tint, found {left}"
    assert right == (255, 255, 255), f"the right column ended on page 1: blank paper, found {right}"
