"""Right-to-left paragraphs: lines broken in logical order, each line reordered with the Unicode bidi algorithm,
each run shaped with HarfBuzz (joined Arabic, lam-alef ligatures, Nastaliq) and set flush right.

ReportLab's own RTL path needs rlbidi and misorders runs that change font or style, so RTL paragraphs are
drawn here. Each glyph is drawn with a code whose ToUnicode entry says the characters it stands for (the render's
`ShapingRecord` keeps them for post-processing), and each line is written so viewers extract it in logical
order (extraction.py).
"""

from __future__ import annotations

import unicodedata
from bisect import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby
from typing import Any

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import FILL_NON_ZERO
from reportlab.platypus import Flowable

from ..reportlab_compat import face_name, glyph_outline, has_glyph, measuring_twin, shape, shaping_cache, without
from .breaks import cut_points
from .context import ShapingRecord
from .extraction import BLANK, BRACKET_AFTER, BRACKET_BEFORE, LEFT_EDGE_MARK, RIGHT_EDGE_MARK
from .shared import Sharing
from .uba import bidi_line, mirrored


@dataclass(frozen=True)
class Piece:
    """A run of text in one font, colour and (optionally) link."""

    text: str
    font: str
    color: Color
    href: str | None = None
    layer: str | None = None  # the font its text is drawn in for viewers, invisible, under its outlines (extraction.py)


def shaped(text: str, font: str, size: float) -> tuple[Any, float, list[Any] | None]:
    """HarfBuzz-shaped glyph string for `text` (logical order in, visual order out), its width, and the shaping
    data to record what its glyphs stand for (None when the font does not shape). Each text is shaped once per
    size while the font is registered: its cache goes with the font, so a font registered afresh (its glyph codes
    start over) is shaped afresh, and the old one's cache is freed with it."""
    known = shaping_cache(font)
    if (text, size) not in known:
        known[text, size] = _shape(text, font, size)
    return known[text, size]


def _shape(text: str, font: str, size: float) -> tuple[Any, float, list[Any] | None]:
    glyphs, data = shape(text, font, size)
    if data is None:
        return glyphs, pdfmetrics.stringWidth(text, font, size), None
    return glyphs, sum(d.x_advance for d in data) * size / 1000, data


@lru_cache(maxsize=65_536)
def advance(text: str, font: str, size: float) -> float:
    """The width `shaped` gives `text`, measured once per process: on the font's measuring twin
    (reportlab_compat.measuring_twin), so the glyph codes shaping adds go to the twin and the codes of the font
    that is drawn depend only on the document drawn, however many documents were measured before it."""
    return _shape(text, measuring_twin(font), size)[1]


class BidiParagraph(Flowable):
    """A paragraph of pieces set right to left (or left to right inside an RTL document), splitting by lines."""

    def __init__(
        self,
        pieces: list[Piece],
        style: ParagraphStyle,
        shaping: ShapingRecord,
        rtl: bool = True,
        words: list[list[Piece]] | None = None,
    ):
        super().__init__()
        self.pieces, self.style = [p for p in pieces if p.text], style
        self.shaping = shaping  # where drawing notes what the shaped glyphs stand for
        if words is not None:  # a part split from another: its words come ready, and it shares nothing
            self.rtl, self.words, self._sharing = rtl, words, Sharing(None)
            return
        self._sharing = Sharing.of(style, BidiParagraph, tuple(self.pieces), rtl)
        prepared = self._sharing.parsed()
        if prepared is None:
            # a paragraph with no right-to-left letter (an English title in an Arabic handout) reads left to right:
            # its closing punctuation at its end, where viewers read it too
            direction = rtl and (not self.pieces or any(_strong_rtl(c) for p in self.pieces for c in p.text))
            prepared = (direction, _words(self.pieces))
            self._sharing.keep_parsed(prepared)
        self.rtl, self.words = prepared

    # layout
    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        words, lines = self._broken(avail_width)
        self.lines = [words[start:end] for start, end in lines]
        self.directions = self._directions(words, lines)
        self.height = len(self.lines) * self.style.leading
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        words, lines = self._broken(avail_width)
        fit = int((avail_height + 1e-6) // self.style.leading)
        fit = min(fit, len(lines) - 2)  # no widow: at least two lines move on
        if fit < 2 or len(lines) < 4:
            return []
        return [self.from_words(words[: lines[fit - 1][1]]), self.from_words(words[lines[fit][0] :])]

    def from_words(self, words: list[list[Piece]]) -> BidiParagraph:
        """A paragraph of some of this one's words (a part of it split across columns or pages)."""
        return BidiParagraph([], self.style, self.shaping, self.rtl, words)

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def getKeepWithNext(self) -> bool:
        return bool(getattr(self.style, "keepWithNext", False))

    def minWidth(self) -> float:
        return max((self._word_width(w) for w in self.words), default=0)

    def _broken(self, avail_width: float) -> tuple[list[list[Piece]], list[tuple[int, int]]]:
        """The words (long ones cut) and the lines they break into at `avail_width`; kept for the last width asked,
        as ReportLab asks two or three times per placement (to place, to keep with what follows, to split), and
        shared with the fit's other layouts (shared.py: neither is ever changed in place)."""
        last = self.__dict__.get("_last_break")
        if last is None or last[0] != avail_width:
            last = self._sharing.lookup(avail_width)
            if last is None:
                measure = self._measure(avail_width)
                words = self._fitted(measure)
                last = (avail_width, words, self._break(words, measure))
                self._sharing.keep(avail_width, last)
            self._last_break = last
        return last[1], last[2]

    def _directions(self, words: list[list[Piece]], lines: list[tuple[int, int]]) -> list[bool]:
        """Whether each line is set right to left. Lines given as such (a partner's contact lines: a phone number,
        an address, office hours in Arabic) are paragraphs of their own to the bidi algorithm: each is right to
        left when it has a right-to-left letter, so "(555) 010-0142" keeps its order in an Arabic handout."""
        breaks = [index for index, word in enumerate(words) if word is LINE_BREAK]
        if not self.rtl or not breaks:
            return [self.rtl] * len(lines)
        bounds = [-1, *breaks, len(words)]
        rtl = [
            any(_strong_rtl(c) for word in words[a + 1 : b] for piece in word for c in piece.text)
            for a, b in zip(bounds, bounds[1:])
        ]
        return [rtl[bisect(breaks, start)] for start, _ in lines]  # a line's given line: the breaks before it

    def _measure(self, width: float) -> float:
        """The line width: the available width less the style's indents (a measure cap sets them)."""
        return max(1.0, width - self.style.leftIndent - self.style.rightIndent)

    def _fitted(self, width: float) -> list[list[Piece]]:
        """The words, with any word wider than a line cut into line-wide chunks: a long URL or an unbroken run of
        letters breaks anywhere rather than running off the page."""
        out: list[list[Piece]] = []
        for word in self.words:
            if word is LINE_BREAK or self._word_width(word) <= width:
                out.append(word)
            else:
                out += _chunks(word, width, self.style.fontSize)
        return out

    def _break(self, words: list[list[Piece]], width: float) -> list[tuple[int, int]]:
        """Lines as (start, end) ranges of `words`, filled greedily; a LINE_BREAK word ends a line."""
        lines: list[tuple[int, int]] = []
        start, used = 0, 0.0
        for index, word in enumerate(words):
            if word is LINE_BREAK:
                lines.append((start, index))
                start, used = index + 1, 0.0
                continue
            w = self._word_width(word)
            space = self._space(word[0]) if index > start and not isinstance(word, _Joined) else 0
            if index > start and used + space + w > width + 1e-6:
                lines.append((start, index))
                start, used, space = index, 0.0, 0
            used += space + w
        lines.append((start, len(words)))
        return [(a, b) for a, b in lines if b > a]

    def _word_width(self, word: list[Piece]) -> float:
        return sum(advance(p.text, p.font, self.style.fontSize) for p in word)

    def _space(self, piece: Piece) -> float:
        return pdfmetrics.stringWidth(" ", piece.font, self.style.fontSize)

    # drawing
    def draw(self) -> None:
        """Each line's runs placed left to right as seen and drawn in logical order, the order viewers read the
        content in (see extraction.py)."""
        size, leading = self.style.fontSize, self.style.leading
        for i, (line, rtl) in enumerate(zip(self.lines, self.directions)):
            baseline = self.height - size - i * leading
            runs = _visual_runs(line, rtl, _same_style)  # one run per style: viewers read each as a unit
            glyphs = [(run, *shaped(run.text, run.font, size)) for run in runs]
            x = self._start(sum(width for _, _, width, _ in glyphs))
            placed = []
            for run, string, width, data in glyphs:
                placed.append((run, string, width, data, x))
                x += width
            after_rtl = {id(right[0]) for left, right in zip(placed, placed[1:]) if left[0].level % 2}
            for run, string, width, data, x in sorted(placed, key=lambda p: p[0].first):
                if not run.level % 2 and id(run) in after_rtl and has_glyph(run.font, ord(BLANK)):
                    self._draw_run(run, [(self.shaping.spelled(run.font, BLANK, [LEFT_EDGE_MARK]), x)], 0, x, baseline)
                if run.layer and data is not None:  # outlines, and the text in the layer font (extraction.py)
                    self._draw_outlines(run, string, data, x, baseline)
                    self._draw_text(replace(run, font=run.layer), *shaped(run.text, run.layer, size), x, baseline, width)
                else:
                    self._draw_text(run, string, width, data, x, baseline)
            last, end = placed[-1][0], placed[-1][4] + placed[-1][2]
            if not rtl and has_glyph(last.font, ord(BLANK)):  # see RIGHT_EDGE_MARK
                self._draw_run(last, [(self.shaping.spelled(last.font, BLANK, [RIGHT_EDGE_MARK]), end)], 0, end, baseline)

    def _draw_text(
        self,
        run: Run,
        string: str,
        width: float,
        data: list[Any] | None,
        x: float,
        baseline: float,
        shown: float | None = None,
    ) -> None:
        """A run's glyphs drawn as text that reads back as the run's text (extraction.py), from `x`; with `shown`,
        invisible and scaled across to the width of the run shown there (its outlines are drawn already)."""
        texts, raised, turned = _glyph_texts(run, string, data)
        if shown is None:
            self._draw_raised(run, string, data, raised, x, baseline)
        kept, texts = _bracketed(run.font, string, texts, raised, turned)
        kept, texts, first_marks = _marks_apart(run, kept, texts)
        spelled = self.shaping.spelled(run.font, kept, texts)
        pieces = _logical_pieces(run, spelled, texts, x, self.style.fontSize)
        if shown is None:
            self._draw_run(run, pieces, width, x, baseline)
        else:
            self._draw_run(run, pieces, shown, x, baseline, shown / width if width else 1.0)
        if first_marks:
            self._draw_first_marks(run, first_marks, x, baseline)

    def _draw_outlines(self, run: Piece, glyphs: str, data: list[Any], x: float, baseline: float) -> None:
        """Every glyph of a run drawn as its outline, where shaping put it: each glyph's outline is a form drawn
        once in the document and placed wherever the glyph is (as a path each time, the file grows fourfold)."""
        size, canv, pen = self.style.fontSize, self.canv, 0.0
        canv.saveState()
        canv.setFillColor(run.color)
        for glyph, d in zip(glyphs, data):
            form = _glyph_form(canv, run.font, glyph)
            if form:
                canv.saveState()
                canv.transform(
                    size / 1000, 0, 0, size / 1000, x + (pen + d.x_offset) * size / 1000, baseline + d.y_offset * size / 1000
                )
                canv.doForm(form)
                canv.restoreState()
            pen += d.x_advance
        canv.restoreState()

    def _start(self, total: float) -> float:
        left, right = self.style.leftIndent, self.width - self.style.rightIndent
        if self.style.alignment == TA_RIGHT:
            return right - total
        if self.style.alignment == TA_CENTER:
            return left + (right - left - total) / 2
        return left

    def _draw_raised(self, run: Piece, glyphs: str, data: list[Any] | None, raised: set[int], x: float, baseline: float) -> None:
        """Marks set above or below the baseline, drawn as outlines: as text, each would be a line of its own to
        the viewers that read text back (their characters go with the letter they sit on, see _glyph_texts)."""
        if not raised or data is None:
            return
        size, canv, pen = self.style.fontSize, self.canv, 0.0
        canv.saveState()
        canv.setFillColor(run.color)
        for index, (glyph, d) in enumerate(zip(glyphs, data)):
            if index in raised:
                _draw_outline(
                    canv,
                    glyph_outline(run.font, glyph),
                    x + (pen + d.x_offset) * size / 1000,
                    baseline + d.y_offset * size / 1000,
                    size / 1000,
                )
            pen += d.x_advance
        canv.restoreState()

    def _draw_first_marks(self, run: Run, marks: str, x: float, baseline: float) -> None:
        """The marks on the first glyph drawn of a run (its last letter), as invisible text just left of it in a
        marked-content section of their own: pdf.js reads them as an item after the run's, PDFium and poppler,
        ordering by position, after the letter. Drawn with a mark's glyph: PDFium drops text with no outline."""
        size, canv = self.style.fontSize, self.canv
        glyph = marks[-1] if has_glyph(run.font, ord(marks[-1])) else BLANK
        canv.addLiteral("/Span BMC")
        canv.saveState()
        canv.setFont(run.font, size)
        canv.drawString(x - FIRST_MARKS_NUDGE * size, baseline, self.shaping.spelled(run.font, glyph, [marks]), mode=3)
        canv.restoreState()
        canv.addLiteral("EMC")

    def _draw_run(
        self, run: Piece, pieces: list[tuple[str, float]], width: float, x: float, baseline: float, across: float | None = None
    ) -> None:
        """Draw each (glyphs, x) of a run in turn (with `across`, invisible and scaled across by it from `x`); the
        run, `width` wide from `x`, underlined as a link when it is one."""
        canv, size = self.canv, self.style.fontSize
        canv.saveState()
        canv.setFillColor(run.color)
        canv.setFont(run.font, size)
        if across is None:
            for glyphs, at in pieces:
                canv.drawString(at, baseline, glyphs)
        else:
            canv.saveState()
            canv.translate(x, baseline)
            canv.scale(across, max(1.0, self.style.leading / (TEXT_LAYER_LEADING * size)))
            for glyphs, at in pieces:
                canv.drawString(at - x, 0, glyphs, mode=3)
            canv.restoreState()
        if run.href:
            left, right = _link_extent(run, x, width, size)
            canv.setStrokeColor(run.color)
            canv.setLineWidth(size * 0.05)
            canv.line(left, baseline - size * 0.15, right, baseline - size * 0.15)
            canv.linkURL(run.href, (left, baseline - size * 0.25, right, baseline + size * 0.8), relative=1)
        canv.restoreState()


def _link_extent(run: Piece, x: float, width: float, size: float) -> tuple[float, float]:
    """Where a link run's underline and clickable area go: the run less the spaces at its ends (the space before
    a link's first word is drawn with it)."""
    text = run.text
    space = pdfmetrics.stringWidth(" ", run.font, size)
    first, last = (len(text) - len(text.lstrip(" "))) * space, (len(text) - len(text.rstrip(" "))) * space
    if isinstance(run, Run) and run.right_to_left:  # logical order, drawn from the right: its first space is right
        first, last = last, first
    return x + first, max(x + first, x + width - last)


LINE_BREAK: list[Piece] = []  # a word that ends the line: pieces with text "\n" make one


class _Joined(list):  # type: ignore[type-arg]
    """A chunk of a word too long for a line: it continues the chunk before it, with no space between."""


def _chunks(word: list[Piece], width: float, size: float) -> list[list[Piece]]:
    """Cut `word` into chunks no wider than `width`: a web address at its punctuation (breaks.py), anything else
    between characters, never before a combining mark."""
    chars = [(char, piece) for piece in word for char in piece.text]
    widths = [pdfmetrics.stringWidth(char, piece.font, size) for char, piece in chars]
    cuts = cut_points([c for c, _ in chars], widths, width, lambda n: width, lambda k: bool(unicodedata.combining(chars[k][0])))
    bounds = [0, *cuts, len(chars)]
    chunks: list[list[Piece]] = []
    for n, (start, end) in enumerate(zip(bounds, bounds[1:])):
        chunk: list[Piece] = _Joined() if n else []
        for piece, run in groupby(chars[start:end], key=lambda cp: cp[1]):
            chunk.append(replace(piece, text="".join(c for c, _ in run)))
        chunks.append(chunk)
    return chunks


def _words(pieces: list[Piece]) -> list[list[Piece]]:
    """Split pieces at spaces into words; a word may span pieces (e.g. a bold part)."""
    words: list[list[Piece]] = [[]]
    for piece in pieces:
        for n, line in enumerate(piece.text.split("\n")):
            if n:
                words += [LINE_BREAK, []]
            for m, part in enumerate(line.split(" ")):
                if m:
                    words.append([])
                if part:
                    words[-1].append(replace(piece, text=part))
    return _dashes_kept(w for w in words if w or w is LINE_BREAK)


def _dashes_kept(words: Iterable[list[Piece]]) -> list[list[Piece]]:
    """A word that starts with a dash (" — ") joins the word before it, so no line starts with a dash."""
    out: list[list[Piece]] = []
    for word in words:
        if word and word[0].text[:1] in "—–" and out and out[-1] is not LINE_BREAK:
            first = word[0]
            out[-1] = [*out[-1], replace(first, text=" " + first.text), *word[1:]]
        else:
            out.append(word)
    return out


@dataclass(frozen=True)
class Run(Piece):
    """A piece of one line as drawn: its text in logical order when it is set right to left by shaping, else as
    seen (mirrored where needed); its embedding level; where it starts in the line's logical text."""

    level: int = 0
    first: int = 0
    right_to_left: bool = False


def _line_chars(line: list[list[Piece]]) -> list[tuple[str, Piece]]:
    """The line's characters in logical order, each with its piece: words joined by spaces."""
    chars: list[tuple[str, Piece]] = []
    for n, word in enumerate(line):
        if n and not isinstance(word, _Joined):
            chars.append((" ", word[0]))
        for piece in word:
            chars += [(c, piece) for c in piece.text]
    return chars


def _visual_runs(
    line: list[list[Piece]], rtl: bool, together: Callable[[Piece, Piece], bool] = lambda one, other: one is other
) -> list[Run]:
    """The line's pieces in visual order, left to right, split where direction changes or `together` says two
    pieces are not one run (by default each piece, a word, is a run of its own). Directional
    embeddings and isolates take part in the algorithm but are not drawn; zero-width characters such as ZWNJ stay
    in their run so shaping still sees them."""
    chars = _line_chars(line)
    resolved = bidi_line("".join(c for c, _ in chars), rtl)
    runs: list[tuple[Piece, int, list[int]]] = []
    for index in resolved.visual:
        if chars[index][0] in _CONTROLS:
            continue
        piece, level = chars[index][1], resolved.levels[index]
        if runs and together(runs[-1][0], piece) and runs[-1][1] == level:
            runs[-1][2].append(index)
        else:
            runs.append((piece, level, [index]))
    out = []
    for piece, level, members in runs:
        right_to_left = bool(level % 2) and any(_strong_rtl(chars[i][0]) for i in members)
        if right_to_left:
            text = "".join(chars[i][0] for i in sorted(members))  # logical: HarfBuzz sets it right to left
        else:
            text = "".join(mirrored(chars[i][0]) if level % 2 else chars[i][0] for i in members)  # as seen
        out.append(Run(text, piece.font, piece.color, piece.href, piece.layer, level, min(members), right_to_left))
    return out


def _same_style(one: Piece, other: Piece) -> bool:
    """Pieces that one run can draw: same font, colour and link (the words of a line are pieces of their own)."""
    return (one.font, one.color, one.href, one.layer) == (other.font, other.color, other.href, other.layer)


def _glyph_texts(run: Run, glyphs: str, data: list[Any] | None) -> tuple[list[str], set[int], set[int]]:
    """What each glyph of a drawn run stands for, which glyphs are marks off the baseline (drawn as outlines), and
    which are drawn mirrored (a bracket at a right-to-left level shows its partner: it stands for its own
    character, see extraction.py). A cluster's characters go to its first glyph that moves the pen (the letter,
    not a mark shaping split off it), together with those of the marks drawn on it; any other glyph stands for
    nothing (a zero-width space). Right-to-left glyphs give their characters last first: viewers reverse what
    they read of a right-to-left run, the characters of one glyph included."""
    as_seen = run.level % 2 and not run.right_to_left  # its text was mirrored before shaping
    if data is None:
        texts = [mirrored(glyph) if as_seen else glyph for glyph in glyphs]
        return texts, set(), {i for i, glyph in enumerate(glyphs) if texts[i] != glyph}
    starts = sorted({d.cluster for d in data})
    ends = dict(zip(starts, starts[1:] + [len(run.text)]))
    carrier: dict[int, int] = {}  # cluster -> the glyph that carries its characters
    for index, d in enumerate(data):
        if d.cluster not in carrier or (d.x_advance and not data[carrier[d.cluster]].x_advance):
            carrier[d.cluster] = index
    texts, turned = ["\u200b"] * len(data), set()
    for cluster, index in carrier.items():
        text = run.text[cluster : ends[cluster]]
        if as_seen and len(text) == 1 and mirrored(text) != text:
            text = mirrored(text)
            turned.add(index)
        elif run.level % 2 and len(text) == 1 and mirrored(text) == glyphs[index] != text:
            turned.add(index)
        texts[index] = text
    raised = {i for i, d in enumerate(data) if d.y_offset and not d.x_advance}
    for cluster in sorted(c for c, i in carrier.items() if i in raised):  # a cluster of marks only
        bases = [c for c, i in carrier.items() if c < cluster and i not in raised]
        if bases:  # its characters go with the letter before it
            texts[carrier[max(bases)]] += texts[carrier[cluster]]
        else:  # nothing before it in the run: it stays text
            raised.discard(carrier[cluster])
    return [t[::-1] for t in texts] if run.right_to_left else texts, raised, turned


def _bracketed(font: str, glyphs: str, texts: list[str], raised: set[int], turned: set[int]) -> tuple[str, list[str]]:
    """The glyphs drawn as text (the raised marks left out), and what each reads as: a mirrored one as a
    right-to-left mark and its own character, followed by a left-to-right mark, which starts the next glyph's
    text or, when that is a space or there is none, is the text of a glyph of no width drawn after it
    (extraction.py says why)."""
    kept = without(glyphs, raised)
    texts = [text for i, text in enumerate(texts) if i not in raised]
    for index in sorted((i - sum(1 for r in raised if r < i) for i in turned), reverse=True):
        texts[index] = BRACKET_BEFORE + texts[index]
        if index + 1 < len(texts) and not texts[index + 1][:1].isspace():
            texts[index + 1] = BRACKET_AFTER + texts[index + 1]
        elif has_glyph(font, ord(BLANK)):
            kept = kept[: index + 1] + BLANK + kept[index + 1 :]
            texts.insert(index + 1, BRACKET_AFTER)
    return kept, texts


# A text layer drawn under outlines is stretched up so that its lines are no further apart than this, in sizes of
# its text: poppler reads lines further apart (Nastaliq's, 2.1 sizes) as blocks of their own, and interleaves the
# lines of two columns.
TEXT_LAYER_LEADING = 1.3
FIRST_MARKS_NUDGE = 0.01  # ems left of the run: PDFium and poppler place text starting where the run does after it


def _marks_apart(run: Run, glyphs: str, texts: list[str]) -> tuple[str, list[str], str]:
    """The marks a letter of a right-to-left run carries, taken out of its text: pdf.js gives a glyph whose text
    holds a mark no advance and no position check (extraction.py). They go to a glyph of no width and no outline
    drawn just before the letter (its text is reversed too), or, on the first glyph drawn, are returned to be
    drawn after the run. Marks followed by more of a glyph's characters (a vowel on a ligature's lam) stay."""
    if not run.right_to_left or not has_glyph(run.font, ord(BLANK)):
        return glyphs, texts, ""
    first = ""
    for index in range(len(texts) - 1, -1, -1):
        text = texts[index]
        count = next((n for n, char in enumerate(text) if not _mark(char)), len(text))
        if not count or count == len(text) or any(_mark(char) for char in text[count:]):
            continue
        marks, texts[index] = text[:count], text[count:]
        if index:
            glyphs = glyphs[:index] + BLANK + glyphs[index:]
            texts.insert(index, marks)
        else:
            first = marks
    return glyphs, texts, first


def _mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def _logical_pieces(run: Run, glyphs: str, texts: list[str], x: float, size: float) -> list[tuple[str, float]]:
    """A run of neutral characters set right to left without shaping (spaces, brackets, punctuation between
    Arabic words) drawn a glyph at a time from the right, so pdf.js, which reads content in the order it is drawn,
    reads it in logical order; any other run in one piece. A glyph of no width goes with the glyph before it
    (drawn alone, PDFium would not read it)."""
    if run.right_to_left or not run.level % 2 or len(glyphs) < 2:
        return [(glyphs, x)]
    pieces: list[tuple[str, float]] = []
    start, pen = 0, x
    for index in range(1, len(glyphs) + 1):
        if index < len(glyphs) and texts[index] == BRACKET_AFTER:
            continue
        piece = glyphs[start:index]
        pieces.append((piece, pen))
        pen += _width(piece, run.font, size)
        start = index
    return pieces[::-1]


def _width(glyphs: str, font: str, size: float) -> float:
    data = getattr(glyphs, "__shapeData__", None)
    return sum(d.x_advance for d in data) * size / 1000 if data else pdfmetrics.stringWidth(glyphs, font, size)


def _glyph_form(canv: Any, font: str, glyph: str) -> str | None:
    """The name of the form that fills `glyph`'s outline in `font` at 1000 units per em from its origin (nonzero
    winding, as glyphs are filled; the colour is the caller's), made the first time the document needs it; None
    for a glyph with no outline (a space)."""
    outline = glyph_outline(font, glyph)
    if not outline:
        return None
    name = f"glyph-{face_name(font)}-{ord(glyph):x}"  # a code draws one glyph throughout a document
    if not canv.hasForm(name):
        xs = [v for _, values in outline for v in values[0::2]] or [0.0]
        ys = [v for _, values in outline for v in values[1::2]] or [0.0]
        canv.beginForm(name, min(xs) - 1, min(ys) - 1, max(xs) + 1, max(ys) + 1)
        path = canv.beginPath()
        _add_outline(path, outline, 0, 0, 1)
        canv.drawPath(path, stroke=0, fill=1, fillMode=FILL_NON_ZERO)
        canv.endForm()
    return name


def _draw_outline(canv: Any, outline: tuple[tuple[str, tuple[float, ...]], ...], x: float, y: float, scale: float) -> None:
    """Fill a glyph outline (see reportlab_compat.glyph_outline) at (x, y), `scale` points per unit."""
    path = canv.beginPath()
    _add_outline(path, outline, x, y, scale)
    canv.drawPath(path, stroke=0, fill=1)


def _add_outline(path: Any, outline: tuple[tuple[str, tuple[float, ...]], ...], x: float, y: float, scale: float) -> None:
    """Add a glyph outline (see reportlab_compat.glyph_outline) to `path` at (x, y), `scale` points per unit."""
    last = (0.0, 0.0)
    for op, values in outline:
        points = [(x + values[i] * scale, y + values[i + 1] * scale) for i in range(0, len(values), 2)]
        if op == "move":
            path.moveTo(*points[0])
        elif op == "line":
            path.lineTo(*points[0])
        elif op == "quad":  # as a cubic: control points two thirds of the way to the quadratic's
            (cx, cy), (ex, ey) = points
            path.curveTo(
                last[0] + 2 * (cx - last[0]) / 3,
                last[1] + 2 * (cy - last[1]) / 3,
                ex + 2 * (cx - ex) / 3,
                ey + 2 * (cy - ey) / 3,
                ex,
                ey,
            )
        elif op == "curve":
            path.curveTo(*points[0], *points[1], *points[2])
        else:
            path.close()
        last = points[-1] if points else last


_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # embeddings, overrides, isolates


def _strong_rtl(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")
