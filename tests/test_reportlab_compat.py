"""The ReportLab internals handbill relies on (all wrapped in handbill/reportlab_compat.py) are still
there and behave as assumed: after an upgrade, this fails in a second and says which one changed."""

from __future__ import annotations

import gc
import inspect
import threading
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, run_cli
from reportlab.lib import textsplit
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph, paragraph

from handbill import reportlab_compat as compat

FONT = "compat-test-naskh"


@pytest.fixture(scope="module")
def naskh() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(ROOT / "fonts" / "NotoNaskhArabic-Regular.ttf")))
    return FONT


def test_cjk_line_breaking_tables_are_strings_the_line_breakers_read() -> None:
    for module in (textsplit, paragraph):
        assert isinstance(module.ALL_CANNOT_START, str), f"{module.__name__}.ALL_CANNOT_START is no longer a string"
    params = list(inspect.signature(paragraph.cjkFragSplit).parameters)
    assert params[:3] == ["frags", "maxWidths", "calcBounds"], f"cjkFragSplit's signature changed: {params}"
    assert callable(paragraph.sameFrag), "paragraph.sameFrag is gone"


def test_install_completes_the_rules_once() -> None:
    compat.install()
    compat.install()
    assert all(c in paragraph.ALL_CANNOT_START for c in compat.CANNOT_START_LINE)
    assert paragraph.ALL_CANNOT_START.count("，") == 1
    wrapped = paragraph.cjkFragSplit
    assert getattr(wrapped, "_hangs_closers", False)
    compat.install()
    assert paragraph.cjkFragSplit is wrapped, "install() wrapped the CJK breaker twice"


def test_shaping_returns_glyphs_with_clusters_and_advances(naskh: str) -> None:
    glyphs, data = compat.shape("سلام", naskh, 12)
    assert data is not None, "shapeStr no longer returns a ShapedStr with __shapeData__ for an Arabic font"
    assert len(data) == len(glyphs)
    assert all(hasattr(d, "cluster") and hasattr(d, "x_advance") for d in data), "shape data lost cluster/x_advance"
    assert {d.cluster for d in data} <= set(range(4))


def test_a_font_knows_its_characters(naskh: str) -> None:
    assert 0x0633 in compat.glyph_codes(naskh), "TTFont.face.charToGlyph no longer maps characters"
    assert compat.has_glyph(naskh, 0x0633)
    assert compat.face_name(naskh).startswith("NotoNaskhArabic")


def test_canvas_page_state_can_be_kept_and_resumed(tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "x.pdf"))
    assert callable(getattr(canvas, "_startPage", None)), "Canvas._startPage is gone"
    canvas.drawString(10, 10, "first")
    kept = compat.page_state(canvas)
    compat.begin_next_page(canvas)
    assert canvas.getPageNumber() == 2
    compat.resume_page(canvas, kept)
    assert canvas.getPageNumber() == 1


def test_link_annotations_take_a_description(tmp_path: Path) -> None:
    canvas = Canvas(str(tmp_path / "x.pdf"))
    compat.link_with_description(canvas, "https://example.org", (0, 0, 10, 10), 0, "Example")
    canvas.showPage()
    canvas.save()
    assert b"/Contents (Example)" in (tmp_path / "x.pdf").read_bytes()


def test_frames_expose_their_cursor_and_freshness() -> None:
    frame = Frame(0, 0, 200, 200, showBoundary=0)
    assert compat.frame_is_fresh(frame)
    assert compat.frame_cursor(frame) > 0
    seen = []

    class Probe(Paragraph):
        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            seen.append(compat.frame_of(self))
            return super().wrap(avail_width, avail_height)

    canvas = Canvas("unused.pdf")
    frame.add(Probe("text", ParagraphStyle("t")), canvas)
    assert not compat.frame_is_fresh(frame), "Frame._atTop no longer goes false once something is placed"
    assert compat.frame_room(frame) == pytest.approx(compat.frame_cursor(frame) - 6), "Frame._y1p: no longer the bottom"
    assert compat.frame_height(frame) == pytest.approx(200 - 2 * 6), "Frame._aH is no longer the height inside the padding"
    assert seen and seen[0] is frame, "Flowable._frame is no longer set while a flowable is placed"


def test_a_measuring_canvas_places_flowables_without_drawing_them() -> None:
    compat.install()
    drawn: list[str] = []

    class Probe(Paragraph):
        def draw(self) -> None:
            drawn.append(self.text)
            super().draw()

    measuring = type("Measuring", (Canvas,), {compat.MEASURING: True})("unused.pdf")
    frame = Frame(0, 0, 200, 200, showBoundary=0)
    assert frame.add(Probe("laid out", ParagraphStyle("t")), measuring), "a measured flowable was not placed"
    assert not compat.frame_is_fresh(frame) and compat.frame_cursor(frame) < 200
    assert drawn == [], "Flowable._drawOn no longer decides whether a placed flowable is drawn"
    frame.add(Probe("drawn", ParagraphStyle("t")), Canvas("unused.pdf"))
    assert drawn == ["drawn"], "an ordinary canvas no longer draws what is placed"


def test_a_paragraph_keeps_its_lines_until_split_sends_it_on_whole() -> None:
    para = Paragraph("one two three four five six seven eight nine ten " * 3, ParagraphStyle("t"))
    assert not compat.has_lines(para)
    para.wrap(100, 1000)
    assert compat.has_lines(para), "Paragraph.blPara no longer holds the lines a wrap broke"
    assert para.split(100, 5) == [], "a paragraph with no room for two lines should move on whole"
    assert not compat.has_lines(para), "split no longer drops the lines of a paragraph it sends on whole"


def test_a_template_can_lay_out_without_writing_its_pdf() -> None:
    import io

    from reportlab.platypus import SimpleDocTemplate

    written, kept = io.BytesIO(), io.BytesIO()
    SimpleDocTemplate(written).build([Paragraph("text", ParagraphStyle("t"))])
    template = SimpleDocTemplate(kept)
    compat.without_saving(template)
    template.build([Paragraph("text", ParagraphStyle("t"))])
    assert written.getvalue().startswith(b"%PDF") and kept.getvalue() == b"", "BaseDocTemplate._doSave is no longer read"


@pytest.mark.slow
def test_two_builds_in_two_threads_give_the_bytes_of_serial_builds(tmp_path: Path) -> None:
    """Nothing about one render lives in shared state: two documents built at once in one process come out as they
    do one after the other."""

    def build(out: Path, doc: str) -> None:
        code, stdout, stderr = run_cli("--out", str(out), doc, "--lang", "en")
        assert code == 0, stdout + stderr

    docs = ("ot-school-vs-medical", "school-vs-medical-therapies")
    for doc in docs:
        build(tmp_path / "serial", doc)
    threads = [threading.Thread(target=build, args=(tmp_path / "threads", doc)) for doc in docs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for doc in docs:
        serial = (tmp_path / "serial" / doc / f"{doc}.en.pdf").read_bytes()
        assert (tmp_path / "threads" / doc / f"{doc}.en.pdf").read_bytes() == serial, doc


def test_a_glyph_can_be_drawn_under_a_second_code(naskh: str) -> None:
    glyphs, data = compat.shape("سلام", naskh, 12)
    alias = compat.glyph_alias(naskh, glyphs[0])
    face = pdfmetrics.getFont(naskh).face
    assert 0xE000 <= ord(alias) < 0xF900 and ord(alias) != ord(glyphs[0])
    assert face.charToGlyph[ord(alias)] == face.charToGlyph[ord(glyphs[0])], "charToGlyph no longer draws codes"
    assert face.charWidths[ord(alias)] == face.charWidths[ord(glyphs[0])]
    respelled = compat.respelled(glyphs, alias + glyphs[1:])
    assert respelled.__shapeData__ == glyphs.__shapeData__, "ShapedStr(text, shapeData=...) no longer keeps positions"


def test_glyphs_of_no_advance_can_be_left_out_of_a_shaped_string(naskh: str) -> None:
    glyphs, data = compat.shape("تُقدَّم", naskh, 12)
    assert data is not None
    marks = {i for i, d in enumerate(data) if not d.x_advance}
    assert marks, "the marks no longer come out as glyphs of no advance"
    kept = compat.without(glyphs, marks)
    assert len(kept) == len(glyphs) - len(marks)
    assert sum(d.x_advance for d in kept.__shapeData__) == sum(d.x_advance for d in data)


def test_a_glyph_outline_is_a_closed_path_in_thousandths_of_the_size(naskh: str) -> None:
    outline = compat.glyph_outline(naskh, "\u064e")  # FATHA
    assert outline[0][0] == "move" and outline[-1][0] == "close"
    assert {op for op, _ in outline} <= {"move", "line", "quad", "curve", "close"}
    assert all(abs(v) < 2000 for _, values in outline for v in values)
    assert compat.glyph_outline(naskh, "\u200b") == ()  # the zero-width space draws nothing


def test_a_pristine_copy_has_character_maps_and_shaping_codes_of_its_own() -> None:
    original = TTFont("compat-test-pristine", str(ROOT / "fonts" / "NotoNaskhArabic-Bold.ttf"))
    codes = set(original.face.charToGlyph)
    first = compat.pristine_copy(original)
    first.hbFont(12)  # ReportLab's shaping gives glyphs without a character a private-use code through hbAddPrivate
    code = first.hbAddPrivate("lam_alef.fina", 7, 500)
    assert code not in codes and first.face.charToGlyph[code] == 7
    assert set(original.face.charToGlyph) == codes, "the original changed through its copy"
    second = compat.pristine_copy(original)
    second.hbFont(12)
    assert second.hbAddPrivate("lam_alef.fina", 7, 500) == code, "a fresh copy should start its codes over"


def test_a_measuring_twin_shapes_alike_and_keeps_its_codes_to_itself(naskh: str) -> None:
    drawn = pdfmetrics.getFont(naskh)
    codes = set(drawn.face.charToGlyph)
    twin = compat.measuring_twin(naskh)
    assert pdfmetrics.getFont(twin) is not drawn, "registering the twin handed back the font of the same face"
    word = "لإعادة التأهيل"
    measured, measured_data = compat.shape(word, twin, 12)
    assert set(drawn.face.charToGlyph) == codes, "shaping the twin added glyph codes to the font that is drawn"
    glyphs, data = compat.shape(word, naskh, 12)
    assert measured_data and data and [d.x_advance for d in measured_data] == [d.x_advance for d in data]


def test_a_font_registered_afresh_replaces_the_first(naskh: str) -> None:
    """registerFont keeps the first font of a name; forget_fonts lets a fresh copy take its place, so glyph codes
    that shaping added to the old one are gone."""
    first = pdfmetrics.getFont(naskh)
    compat.glyph_alias(naskh, "ب")
    compat.forget_fonts([naskh])
    pdfmetrics.registerFont(TTFont(naskh, str(ROOT / "fonts" / "NotoNaskhArabic-Regular.ttf")))
    fresh = pdfmetrics.getFont(naskh)
    assert fresh is not first and fresh.face is not first.face
    assert len(fresh.face.charToGlyph) < len(first.face.charToGlyph)


@pytest.mark.slow
def test_many_right_to_left_builds_in_one_process_stay_identical(tmp_path: Path) -> None:
    """A long batch builds many Arabic and Urdu documents in one worker: each comes out as it does alone."""
    from handbill.build import Builder
    from handbill.project import Options, Project

    builder = Builder(Project(ROOT), Options(), tmp_path)
    outputs: dict[str, set[bytes]] = {}
    fonts_alive = []
    for _ in range(4):
        for source in (
            ROOT / "content" / "ot-school-vs-medical" / "ar.yaml",
            ROOT / "content" / "ot-school-vs-medical" / "ur.yaml",
        ):
            result = builder.build(source)
            assert result.output is not None
            outputs.setdefault(source.stem, set()).add(result.output.read_bytes())
        gc.collect()
        fonts_alive.append(sum(isinstance(o, TTFont) for o in gc.get_objects()))
    assert all(len(versions) == 1 for versions in outputs.values())
    assert fonts_alive[1:] == fonts_alive[:1] * 3, f"fonts registered afresh are kept alive: {fonts_alive}"


def _snapshot(lines: Any, frags: list[Any]) -> list[object]:
    """What a split could change of a paragraph's broken lines and words: each word's class and text."""

    def word(w: Any) -> object:
        if isinstance(w, list):  # a processed frag word: [width, (frag, text), ...]
            return (type(w).__name__, [(getattr(f, "text", None), t) for f, t in w[1:]])
        return (type(w).__name__, getattr(w, "text", w))

    broken = [[word(w) for w in (line.words if hasattr(line, "words") else line[1])] for line in lines.lines]
    return [broken, [word(f) for f in frags]]


@pytest.mark.parametrize(
    "markup", ["plain words only " * 12, "<b>bold</b> and plain words, hyphen-ated " * 8], ids=["plain", "bold and hyphens"]
)
def test_a_split_changes_a_paragraphs_lines_only_when_it_cuts_them(markup: str) -> None:
    """Lines shared between layouts (layout/shared.py) are copied before a split only when cuts_lines says so."""
    style = ParagraphStyle("t", leading=12)
    cut = 0
    for height in (0, 5, 11.9, 12, 24, 30, 47.9, 1000):
        para = Paragraph(markup, style)
        para.wrap(120, 1000)
        lines, frags = para.blPara, para.frags
        before = _snapshot(lines, frags)
        cuts = compat.cuts_lines(para, height)
        parts = para.split(120, height)
        cut += len(parts) == 2
        assert cuts or len(parts) < 2, f"at {height} pt split cut the lines where cuts_lines said it would not"
        if not cuts:
            assert _snapshot(lines, frags) == before, f"split at {height} pt changed lines it did not cut"
    assert cut >= 3


def test_a_tables_backgrounds_and_cells_are_where_untint_reads_them() -> None:
    from reportlab.lib.colors import red
    from reportlab.platypus import Table

    table = Table([["a", ()]], style=[("BACKGROUND", (0, 0), (0, 0), red), ("BACKGROUND", (1, 0), (1, 0), red)])
    assert table._bkgrndcmds == [("BACKGROUND", (0, 0), (0, 0), red), ("BACKGROUND", (1, 0), (1, 0), red)]
    assert table._cellvalues == [["a", ()]] and table.repeatRows == 0
    compat.untint_empty_cells(table)
    assert table._bkgrndcmds == [("BACKGROUND", (0, 0), (0, 0), red)], "the empty cell's background should go"
