"""Pages a designer would pass: every seed in every language fills the pages its layout aims at, with body
type inside the layout's bounds, no type below 7 pt, and no large empty band on any page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from documents import FAQ
from pagefill import largest_gaps
from pypdf import PdfReader

from handbill.build import Project
from handbill.design import Layout, load_layout
from handbill.i18n.localize import load_localized

pytestmark = [pytest.mark.xdist_group("languages"), pytest.mark.slow]
OUTPUTS = len(Project(ROOT).sources())  # every document in every language in content/
SUMMARY = re.compile(r"^ok +(?P<doc>[\w-]+)/(?P<lang>[\w-]+) .* (?P<pages>\d+) pages? \(body (?P<body>[\d.]+) pt", re.M)


def _results(out: str) -> list[re.Match[str]]:
    found = list(SUMMARY.finditer(out))
    assert len(found) == OUTPUTS, out
    return found


def _layout(doc: str) -> Layout:
    """The layout a document asks for (its source file names it)."""
    any_language = sorted((ROOT / "content" / doc).glob("*.yaml"))[0]  # a translation inherits its source's layout
    return load_layout(ROOT / "layouts", load_localized(any_language).document.layout)


def test_every_pdf_reaches_its_layouts_page_count_with_body_type_in_bounds(built: tuple[Path, str]) -> None:
    folder, out = built
    for result in _results(out):
        layout = _layout(result["doc"])
        pages = len(PdfReader(folder / result["doc"] / f"{result['doc']}.{result['lang']}.pdf").pages)
        assert pages == int(result["pages"]) and pages in layout.fit.pages, result.group(0)
        assert layout.fit.body_min <= float(result["body"]) <= layout.fit.body_max, result.group(0)


def test_no_page_has_an_empty_band_taller_than_15_percent(built: tuple[Path, str]) -> None:
    folder, _ = built
    worst = {}
    for pdf in sorted(folder.glob("*/*.pdf")):
        layout = _layout(pdf.parent.name)
        gaps = largest_gaps(pdf, layout.margins.top, layout.margins.bottom)
        worst[pdf.name] = max(gaps)
    assert len(worst) == OUTPUTS
    assert max(worst.values()) <= 0.15, {name: f"{gap:.0%}" for name, gap in worst.items() if gap > 0.15}


def test_no_type_is_smaller_than_7_points(built: tuple[Path, str]) -> None:
    """Footers, page numbers and disclaimers included: the smallest font size used in any content stream."""
    folder, _ = built
    for pdf in sorted(folder.glob("*/*.pdf")):
        for page in PdfReader(pdf).pages:
            sizes = [float(size) for size in re.findall(rb"/F\d+(?:\+\d+)? ([\d.]+) Tf", page.get_contents().get_data())]
            assert sizes and min(sizes) >= 7.0, (pdf.name, min(sizes))


@pytest.mark.parametrize("lang", ["zh-Hans", "ko", "en", "ar"])
def test_comparison_columns_are_equal_on_every_row(built: tuple[Path, str], lang: str) -> None:
    """Both columns of every comparison row are the same width (in Chinese they once changed from row to row):
    the tinted cell backgrounds drawn on the flyer's pages all have one width."""
    folder, _ = built
    pdf = folder / "ot-school-vs-medical" / f"ot-school-vs-medical.{lang}.pdf"
    widths = set()
    for page in PdfReader(pdf).pages:
        content = page.get_contents().get_data().decode("latin-1")
        widths |= {
            round(float(w)) for w in re.findall(r"[\d.-]+ [\d.-]+ ([\d.-]+) [\d.-]+ re f", content) if 100 < float(w) < 400
        }  # cell backgrounds, not the full-width title band or note panels
    assert len(widths) == 1, widths


def test_a_designer_changes_the_look_in_yaml_alone(project: Path) -> None:
    """The finer numbers of the design are layout data: a wider coloured bar and a heavier table rule in
    layouts/fact-sheet.yaml reach the PDF, and a misspelt one is refused with its position."""
    layout = project / "layouts" / "fact-sheet.yaml"
    layout.write_text(layout.read_text() + "details:\n  bar: 7pt\n  table_head_rule: 4.5pt\n")
    (project / "content" / "therapy-faq").mkdir()
    (project / "content" / "therapy-faq" / "en.yaml").write_text(FAQ)
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    pdf = project / "build" / "therapy-faq" / "therapy-faq.en.pdf"
    content = b"".join(page.get_contents().get_data() for page in PdfReader(pdf).pages)
    assert b"7 w" in content and b"4.5 w" in content
    layout.write_text(layout.read_text().replace("  bar: 7pt", "  bars: 7pt"))
    code, out, err = run_cli(root=project)
    line = layout.read_text().splitlines().index("  bars: 7pt") + 1
    assert code == 1 and f"fact-sheet.yaml:{line}:" in err and "details.bars: unknown field 'bars'" in err, err


def test_a_last_page_left_mostly_empty_at_the_largest_settings_gets_a_note(tmp_path: Path) -> None:
    """When the fit can grow type and spacing no further and the last page is still largely empty, the writer
    is told so: only more content (or a layout with fewer pages) fills it."""
    import shutil

    import yaml
    from conftest import new_project

    project = new_project(tmp_path / "project")
    shutil.copytree(ROOT / "content" / "summer-meals", project / "content" / "summer-meals")
    source = project / "content" / "summer-meals" / "en.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    sections = data["sections"]
    data["sections"] = [s for s in sections if s["id"] not in ("at-home", "questions", "more", "what")]
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, err = run_cli("summer-meals", "--out", str(tmp_path / "out"), root=project)
    assert code == 0, out + err
    assert "note: page 2 holds only the disclaimers: the content ends on page 1" in out, out
    data["sections"] = [s for s in sections if s["id"] not in ("at-home", "questions")]
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    code, out, err = run_cli("summer-meals", "--out", str(tmp_path / "out"), root=project)
    note = re.search(r"note: (\d+)% of the last page is empty even at the largest type and spacing the 'flyer' layout", out)
    assert code == 0 and note and int(note.group(1)) >= 25, out
    full = run_cli("summer-meals", "--out", str(tmp_path / "full"), "--check")[1]
    assert "of the last page is empty" not in full, "the full handout fills its pages: no note"


def test_a_brochure_cover_holds_the_title_band_and_the_introduction_only(tmp_path: Path) -> None:
    """In the tri-fold layout the first panel is the front: the introduction is on it, the first headed section
    opens on the next panel; a layout without `cover` runs the sections on under the introduction."""
    import pypdfium2

    def panels(layout: str) -> list[str]:
        out = tmp_path / layout
        code, stdout, stderr = run_cli("ot-school-vs-medical", "-l", "en", "--layout", layout, "--out", str(out))
        assert code == 0, stdout + stderr
        pdf = pypdfium2.PdfDocument(str(out / "ot-school-vs-medical" / "ot-school-vs-medical.en.pdf"))
        return [" ".join(page.get_textpage().get_text_range().split()) for page in pdf]

    brochure = panels("tri-fold")
    assert "Occupational therapy practitioners" in brochure[0], "the introduction is on the cover"
    assert "Where Services Happen" not in brochure[0] and "Where Services Happen" in brochure[1]
    flyer = panels("flyer")
    assert "Occupational therapy practitioners" in flyer[0] and "Where Services Happen" in flyer[0]
