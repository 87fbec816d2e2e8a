"""Every use of ReportLab's internals, in one place, so an upgrade that changes one breaks here
(and in tests/test_reportlab_compat.py, which checks each of them in a second) instead of somewhere in a layout.

| What handbill does                         | Internal it relies on                                                   |
| ------------------------------------------ | ----------------------------------------------------------------------- |
| complete the CJK "cannot start a line" set  | `reportlab.lib.textsplit.ALL_CANNOT_START`, `platypus.paragraph.ALL_CANNOT_START` (str) |
| hang every closing mark, not just one       | `platypus.paragraph.cjkFragSplit(frags, maxWidths, calcBounds, encoding)`, its result's `.lines`, each line's `.words`, `.currentWidth`, `.extraSpace`; `paragraph.sameFrag` |
| shape a word with HarfBuzz                  | `pdfbase.ttfonts.shapeStr` returning a `ShapedStr` whose `__shapeData__` items have `.cluster` and `.x_advance` |
| draw a glyph as a path                      | `TTFont.face.charToGlyph` (the glyph of a drawn code), `TTFont.hbFont()` (uharfbuzz's outline pen) |
| leave glyphs out of a shaped string         | `ShapedStr.__shapeData__`; ReportLab positions each glyph by its own advance, so a glyph of no advance can go |
| draw a shaped glyph under another code      | `ShapedStr(text, shapeData=...)`; `TTFont.face.charToGlyph`, `.glyphToChar`, `.charWidths` (as ReportLab's own private-use codes for shaped glyphs) |
| "Page X of Y" drawn when the total is known | `Canvas.__dict__` holding a page's whole state; `Canvas._startPage()`   |
| describe a link annotation                  | `Canvas.linkURL(..., Contents=...)` passing extra keys to the annotation |
| where layout stands in a frame              | `Frame._y` (the cursor), `Frame._y1p` (its bottom, inside the padding), `Frame._aH` (its height inside it), `Frame._atTop` (nothing placed yet), `Flowable._frame` (set while placed) |
| which characters a font has                 | `TTFont.face.charToGlyph`                                               |
| register a font afresh, or a twin to measure | `pdfmetrics._fonts`, `pdfmetrics._dynFaceNames` (registerFont keeps the first font of a name, and of a face) |
| copy a font as first read                   | `TTFont.state` (a WeakKeyDictionary per document), `TTFont.face` and its `charToGlyph`, `glyphToChar`, `charWidths`; `_TTFont__hbUnis`, `_TTFont__hbPrivate`, `__hbFace__` (shaping's own codes) |
| keep a paragraph's lines between wraps      | `Paragraph.blPara` (its broken lines; `split` deletes it when the paragraph moves on whole) |
| share lines until a split edits them       | `Paragraph.split` changing the lines it cuts (a word's class, a space added) only when some but not all of them fit: `int(availHeight / style.leading)` lines, without autoLeading |
| cut long words where handbill says          | `platypus.paragraph._splitWord(w, lineWidth, maxWidths, lineno, fontName, fontSize, encoding)` and `_splitFragWord(w, maxWidth, maxWidths, lineno)` (module globals its line breaker calls), `_fragWordIter`, `_SplitWord`, `_SplitWordEnd`, `_SplitFrag`, `_SplitFragH`, `_SplitFragHS`, `_HSFrag`, `isBidiStr`, `bidiStrWrap` |
| leave an emptied table cell untinted       | `Table._bkgrndcmds` (its BACKGROUND commands as `(cmd, (sc, sr), (ec, er), colour)`), `Table._cellvalues`, `Table.repeatRows` (an int or a sequence of row indexes) |
| lay out without drawing (the fit's trials)  | `Flowable._drawOn(canv)`, through which frames draw every flowable they place; `BaseDocTemplate._doSave` |

Nothing here changes ReportLab until `install()` is called (render does, before each build); it is idempotent.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import Any
from weakref import WeakKeyDictionary

from reportlab.lib import textsplit as _textsplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedStr, TTFont, shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable
from reportlab.platypus import paragraph as _paragraph

from .memo import remembered

# Characters that may not start a line in Chinese and Japanese (GB/T 15834, JIS X 4051). ReportLab's own
# list lacks the full-width comma, colon, semicolon, question and exclamation marks and several closing
# brackets, so "，" could start a line; its two line breakers read this table.
CANNOT_START_LINE = "，；：？！）」』】〉》〕〗〙〛”’、。・…"


def install() -> None:
    """Complete ReportLab's CJK line-breaking rules (see CANNOT_START_LINE and `_hang_closers`); safe to call
    again: each change is made once per process."""
    for module in (_textsplit, _paragraph):
        module.ALL_CANNOT_START += "".join(c for c in CANNOT_START_LINE if c not in module.ALL_CANNOT_START)
    if not getattr(_paragraph.cjkFragSplit, "_hangs_closers", False):
        _paragraph.cjkFragSplit = _hang_closers(_paragraph.cjkFragSplit)
    if not getattr(Flowable._drawOn, "_skips_measuring", False):
        Flowable._drawOn = _unless_measuring(Flowable._drawOn)  # type: ignore[method-assign]


def untint_empty_cells(table: Any) -> None:
    """Drop the background of each empty cell in the first row under `table`'s repeated heads: where ReportLab
    split a row across pages, the cell whose text ended before the split is empty in the part that goes on."""
    repeated = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows)
    if repeated >= len(table._cellvalues):
        return
    empty = {c for c, value in enumerate(table._cellvalues[repeated]) if isinstance(value, (tuple, list)) and not value}
    table._bkgrndcmds = [
        command
        for command in table._bkgrndcmds
        if not (command[0] == "BACKGROUND" and command[1] == command[2] and command[1][1] == repeated and command[1][0] in empty)
    ]


Cutter = Callable[[list[str], list[float], float, Callable[[int], float]], list[int]]


def cut_long_words(cutter: Cutter) -> None:
    """Let `cutter(chars, widths, room, room_after)` choose where ReportLab cuts a word too long for its line
    (see layout/breaks.py); a word it would cut where ReportLab does is left to ReportLab. Idempotent."""
    if getattr(_paragraph._splitWord, "_cutter", None) is cutter:
        return
    split_word = getattr(_paragraph._splitWord, "_original", _paragraph._splitWord)
    split_frag_word = getattr(_paragraph._splitFragWord, "_original", _paragraph._splitFragWord)

    def chosen(chars: list[str], widths: list[float], room: float, max_widths: Any, lineno: int) -> list[int] | None:
        """Where `cutter` cuts, or None where ReportLab's own splitting would cut the same."""
        last = len(max_widths) - 1
        cuts = cutter(chars, widths, room, lambda n: max_widths[min(last, lineno + n)])
        return None if cuts == _cuts_by_character(widths, room, max_widths, lineno) else cuts

    def _split_word(
        w: Any, line_width: float, max_widths: Any, lineno: int, font: str, size: float, encoding: str = "utf8"
    ) -> Any:
        chars = list(w.decode(encoding) if isinstance(w, bytes) else w)
        widths = [stringWidth(c, font, size, encoding) for c in chars]
        cuts = chosen(chars, widths, max_widths[min(len(max_widths) - 1, lineno)] - line_width, max_widths, lineno)
        if cuts is None:
            return split_word(w, line_width, max_widths, lineno, font, size, encoding)
        wrap = (lambda part: _paragraph.bidiStrWrap(part, w)) if _paragraph.isBidiStr(w) else (lambda part: part)
        bounds = [0, *cuts, len(chars)]
        parts = ["".join(chars[a:b]) for a, b in zip(bounds, bounds[1:])]
        return [wrap(_paragraph._SplitWord(part)) for part in parts[:-1]] + [wrap(_paragraph._SplitWordEnd(parts[-1]))]

    def _split_frag_word(w: Any, max_width: float, max_widths: Any, lineno: int) -> Any:
        items = list(_paragraph._fragWordIter(w))
        cuts = chosen([c for _, _, c in items], [cw for _, cw, _ in items], max_width, max_widths, lineno)
        if cuts is None:
            return split_frag_word(w, max_width, max_widths, lineno)
        return _frag_word_parts(w, items, set(cuts))

    replacements: tuple[tuple[str, Any, Any], ...] = (
        ("_splitWord", split_word, _split_word),
        ("_splitFragWord", split_frag_word, _split_frag_word),
    )
    for name, original, replacement in replacements:
        replacement._original, replacement._cutter = original, cutter
        setattr(_paragraph, name, replacement)


def _cuts_by_character(widths: list[float], room: float, max_widths: Any, lineno: int) -> list[int]:
    """Where ReportLab's own splitting cuts a word of these character widths."""
    cuts, used, taken, last = [], 0.0, 0.0, len(max_widths) - 1
    for i, width in enumerate(widths):
        if used + width > room and (taken or width <= max_widths[min(last, lineno + 1)]):
            cuts.append(i)
            lineno += 1
            room, used, taken = max_widths[min(last, lineno)], 0.0, 0.0
        used += width
        taken += width
    return cuts


def _frag_word_parts(w: Any, items: list[tuple[Any, float, str]], cuts: set[int]) -> list[Any]:
    """A frag word cut before the items at `cuts`, built as ReportLab's _splitFragWord builds its parts."""
    parts: list[Any] = []
    pieces: list[tuple[Any, str]] = []
    width, text, frag = 0.0, "", w[1][0]
    for index, (item_frag, item_width, char) in enumerate(items):
        if item_frag is not frag or index in cuts:
            piece = frag.clone()
            if hasattr(piece, "text"):
                piece.text = text
            pieces.append((piece, text))
            if index in cuts:
                parts.append(_paragraph._SplitFrag([width, *pieces]))
                pieces, width = [], 0.0
            text, frag = "", item_frag
        width += item_width
        text += char
    pieces.append((frag, text))
    end = _paragraph._SplitFragHS if isinstance(w, _paragraph._HSFrag) else _paragraph._SplitFragH
    parts.append(end([width, *pieces]))
    return parts


# --- laying out without drawing, and without breaking lines twice


def has_lines(paragraph: Any) -> bool:
    """Whether `paragraph` still holds the lines its last wrap broke (ReportLab's split drops them when it sends
    the paragraph on whole, so the next wrap must break again)."""
    return "blPara" in paragraph.__dict__


def cuts_lines(paragraph: Any, avail_height: float) -> bool:
    """Whether ReportLab's split of `paragraph` (wrapped) into `avail_height` may cut its lines in two, and so
    change the words of its lines in place; False when it will move it on whole or keep it whole."""
    style = paragraph.style
    if getattr(paragraph, "autoLeading", getattr(style, "autoLeading", "")) not in ("", "off") or not has_lines(paragraph):
        return True
    room = int(avail_height / float(style.leading)) if avail_height > 0 else 0
    return 0 < room < len(paragraph.blPara.lines)


MEASURING = "_handbill_measuring"  # a canvas attribute: true on a canvas that only lays out (see render.py)


def measuring(canvas: Any) -> bool:
    """Whether `canvas` only lays out: what is drawn on it is never seen."""
    return bool(getattr(canvas, MEASURING, False))


def without_saving(template: Any) -> None:
    """Make `template` lay its pages out without writing the PDF at the end of its build."""
    template._doSave = 0


def _unless_measuring(draw_on: Callable[..., Any]) -> Callable[..., Any]:
    """Every flowable ReportLab places is drawn through `Flowable._drawOn`; on a canvas that only lays out,
    placing is all that is wanted, so nothing is drawn (about a fifth of a layout's time)."""

    @functools.wraps(draw_on)
    def wrapped(self: Flowable, canv: Any) -> None:
        if not measuring(canv):
            draw_on(self, canv)

    wrapped._skips_measuring = True  # type: ignore[attr-defined]
    return wrapped


def _hang_closers(split: Callable[..., Any]) -> Callable[..., Any]:
    """ReportLab's CJK breaker hangs one closing mark in the margin but no more, so in "（IEP）、" the "、" could
    still start a line. Move every such mark back to the end of the line before, as it does for the first."""

    @functools.wraps(split)
    def wrapped(frags: Any, max_widths: Any, calc_bounds: Any, encoding: str = "utf8") -> Any:
        result = split(frags, max_widths, calc_bounds, encoding)
        lines = result.lines
        for before, line in zip(lines, lines[1:]):
            while line.words and line.words[0].text and line.words[0].text[0] in _paragraph.ALL_CANNOT_START:
                first = line.words[0]
                mark, first.text = first.text[0], first.text[1:]
                width = stringWidth(mark, first.fontName, first.fontSize)
                last = before.words[-1] if before.words else None
                if last is not None and _paragraph.sameFrag(last, first):
                    last.text += mark
                else:
                    moved = first.clone()
                    moved.text = mark
                    before.words.append(moved)
                if not first.text:
                    line.words.pop(0)
                before.currentWidth += width
                before.extraSpace -= width
                line.currentWidth -= width
                line.extraSpace += width
        return result

    wrapped._hangs_closers = True  # type: ignore[attr-defined]
    return wrapped


# --- shaping


def shape(text: str, font: str, size: float) -> tuple[str, list[Any] | None]:
    """`text` shaped by HarfBuzz in `font` (visual order, joined forms and ligatures as glyph codes), and the shaping
    data of each glyph (`.cluster`: where in `text` it comes from, `.x_advance` in 1/1000 em); None when the font
    does not shape (then the text is drawn as it is)."""
    glyphs = shapeStr(text, font, size)
    return (glyphs, list(glyphs.__shapeData__)) if isinstance(glyphs, ShapedStr) else (glyphs, None)


def respelled(glyphs: str, chars: str) -> str:
    """`chars` (one per glyph) drawn with the positions shaping gave `glyphs`."""
    return ShapedStr(chars, shapeData=glyphs.__shapeData__) if isinstance(glyphs, ShapedStr) else chars


def without(glyphs: str, indexes: set[int]) -> str:
    """`glyphs` with the glyphs at `indexes` (each of no advance) left out, the others where they were."""
    keep = [i for i in range(len(glyphs)) if i not in indexes]
    plain = str(glyphs)  # indexing a ShapedStr makes a ShapedStr per character
    chars = "".join(plain[i] for i in keep)
    return ShapedStr(chars, shapeData=[glyphs.__shapeData__[i] for i in keep]) if isinstance(glyphs, ShapedStr) else chars


_OUTLINES: dict[Hashable, tuple[tuple[str, tuple[float, ...]], ...]] = {}  # (font file, glyph) -> outline


def _outline(font: Any, glyph: int) -> tuple[tuple[str, tuple[float, ...]], ...]:
    hb_font = font.hbFont(1000)
    scale = 1000 / hb_font.scale[0]

    class Pen:
        def __init__(self) -> None:
            self.ops: list[tuple[str, tuple[float, ...]]] = []

        def _add(self, op: str, *points: tuple[float, float]) -> None:
            self.ops.append((op, tuple(v * scale for point in points for v in point)))

        def moveTo(self, point: tuple[float, float]) -> None:
            self._add("move", point)

        def lineTo(self, point: tuple[float, float]) -> None:
            self._add("line", point)

        def curveTo(self, *points: tuple[float, float]) -> None:
            self._add("curve", *points)

        def qCurveTo(self, *points: tuple[float, float]) -> None:
            self._add("quad", *points)

        def closePath(self) -> None:
            self.ops.append(("close", ()))

    pen = Pen()
    hb_font.draw_glyph_with_pen(glyph, pen)
    return tuple(pen.ops)


def glyph_outline(font: str, char: str) -> tuple[tuple[str, tuple[float, ...]], ...]:
    """The outline of the glyph `char` draws in `font`, in thousandths of the font size from its origin: "move" and
    "line" (a point), "quad" (a control point and an end point), "curve" (two control points, an end), "close".
    Kept per font file and glyph, so a font registered afresh neither draws them again nor is kept alive by them."""
    registered: Any = pdfmetrics.getFont(font)
    glyph = registered.face.charToGlyph[ord(char)]
    return remembered(_OUTLINES, (registered.face.filename, glyph), lambda: _outline(registered, glyph), 4096)


def glyph_alias(font: str, char: str) -> str:
    """A new private-use character that draws the same glyph as `char` in `font`: its own code in the PDF, so its
    ToUnicode entry can say something else (what the glyph stands for in one place)."""
    face = pdfmetrics.getFont(font).face
    glyph, code = face.charToGlyph[ord(char)], face.__dict__.get("_next_alias", 0xE000)
    while code in face.charToGlyph:  # below the last alias every code is taken: start the search there
        code += 1
    face.__dict__["_next_alias"] = code + 1
    face.charToGlyph[code] = glyph
    face.glyphToChar.setdefault(glyph, []).append(code)
    face.charWidths[code] = face.charWidths[ord(char)]
    return chr(code)


def pristine_copy(font: TTFont) -> TTFont:
    """A copy of `font` as it was when first read, for registering afresh without reading its file again: its
    own character maps (shaping and `glyph_alias` add codes to them) and document state, the parsed tables
    shared. Take it before the font is used, then copy the copy."""
    copy = TTFont.__new__(TTFont)
    copy.__dict__.update(font.__dict__)
    copy.state = WeakKeyDictionary()
    for shaping_state in ("__hbFace__", "_TTFont__hbUnis", "_TTFont__hbPrivate", _SHAPING_CACHE):  # made afresh
        copy.__dict__.pop(shaping_state, None)
    face = copy.face = object.__new__(type(font.face))
    face.__dict__.update(font.face.__dict__)
    face.__dict__.pop("_next_alias", None)
    face.charToGlyph, face.charWidths = dict(font.face.charToGlyph), dict(font.face.charWidths)
    face.glyphToChar = {glyph: list(codes) for glyph, codes in font.face.glyphToChar.items()}
    return copy


_SHAPING_CACHE = "_handbill_shaped"


def shaping_cache(font: str) -> dict[Any, Any]:
    """A cache for text shaped in the font registered as `font`, kept on the font object: it lives and dies with
    that registration (a font registered afresh starts its glyph codes, and so its cache, over)."""
    return pdfmetrics.getFont(font).__dict__.setdefault(_SHAPING_CACHE, {})


def measuring_twin(font: str) -> str:
    """The name of a private copy of `font` for measuring shaped text: shaping it gives the same widths, and the
    glyph codes it adds (ReportLab gives each shaped glyph without a character one) go to the copy, never to the
    font that is drawn. Registered under its own name alone (registerFont would hand back the font of the same
    face)."""
    twin = f"{font}~measure"
    if twin not in pdfmetrics._fonts:
        copy = pristine_copy(pdfmetrics.getFont(font))
        copy.fontName = twin
        pdfmetrics._fonts[twin] = copy
    return twin


def forget_fonts(names: list[str]) -> None:
    """Unregister these fonts, so registering them again makes fresh copies: ReportLab's registerFont keeps the
    first font of a name (and of a face), and shaping adds glyph codes to it that must start over."""
    for name in names:
        font = pdfmetrics._fonts.pop(name, None)
        face = getattr(font, "face", None)
        if face is not None:
            pdfmetrics._dynFaceNames.pop(face.name, None)


def face_name(font: str) -> str:
    """The PostScript name of a registered font's face (what the PDF's font dictionaries carry)."""
    name = pdfmetrics.getFont(font).face.name
    return name.decode("latin-1") if isinstance(name, bytes) else name


def has_glyph(font: str, code: int) -> bool:
    """Whether a registered font can draw the character `code` (standard fonts: assumed to)."""
    face = getattr(pdfmetrics.getFont(font), "face", None)
    return face is None or code in getattr(face, "charToGlyph", {code: 0})


def glyph_codes(font: str) -> frozenset[int]:
    """Every character a registered TrueType font can draw."""
    return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


# --- canvas


def page_state(canvas: Canvas) -> dict[str, Any]:
    """Everything a canvas holds about the page being drawn, to finish it later (`resume_page`)."""
    return dict(canvas.__dict__)


def resume_page(canvas: Canvas, state: dict[str, Any]) -> None:
    canvas.__dict__.update(state)


def begin_next_page(canvas: Canvas) -> None:
    """Start a new page without writing out the current one (kept by `page_state`)."""
    canvas._startPage()


def link_with_description(
    canvas: Canvas, url: str, rect: Any, relative: int, description: str, *args: Any, **kwargs: Any
) -> None:
    """A link annotation with a /Contents description, which PDF/UA requires and ReportLab passes through."""
    from reportlab.pdfbase.pdfdoc import PDFString

    Canvas.linkURL(canvas, url, rect, relative, *args, Contents=PDFString(description), **kwargs)


# --- frames


def frame_cursor(frame: Any) -> float:
    """How high the next flowable would be placed in `frame`."""
    return float(frame._y)


def frame_room(frame: Any) -> float:
    """How much height is left in `frame` below where the next flowable would go."""
    return float(frame._y - frame._y1p)


def frame_height(frame: Any) -> float:
    """The height `frame` holds, inside its padding."""
    return float(frame._aH)


def frame_is_fresh(frame: Any) -> bool:
    """Nothing has been placed in `frame` yet."""
    return bool(getattr(frame, "_atTop", False))


def frame_of(flowable: Any) -> Any:
    """The frame a flowable is being placed in, or None outside layout."""
    return getattr(flowable, "_frame", None)
