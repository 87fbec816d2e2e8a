"""Hyphenation that reads well, on top of ReportLab's line breaker.

ReportLab breaks lines first-fit and, when a word does not fit, takes the longest break its hyphenator offers
that does. Its style option `hyphenationLang` accepts a callable (word -> (head, tail) pairs, longest head first)
instead of a dictionary name: `Hyphenator` is one, and it alone decides which breaks a word offers (a language's
dictionary, word and fragment lengths; never acronyms, words with digits, or inside either part of a compound).

Whether a break is worth making depends on the line, which a hyphenator never sees. `HyphenatedParagraph` breaks
the lines, looks at them, and takes back the first break a careful typesetter would not make:

- one the line does not need: without it the line would fall short by no more than the hyphenation zone;
- the third hyphen in a row (a "ladder");
- one that leaves only the rest of the paragraph's last word on its last line.

It then breaks the lines again with that one break refused, until no such break is left; everything before the
refused break is laid out exactly as before, so this ends after at most one pass per line. It also keeps a
spaced dash with the word before it (no line starts with a dash) and never hyphenates a link's text.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable, Iterator
from contextvars import ContextVar
from functools import cache
from typing import Any, NamedTuple

import pyphen
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from ..i18n.scripts import BreakRules, break_rules
from ..memo import remembered
from ..reportlab_compat import cuts_lines, has_glyph, has_lines
from .shared import Sharing

_WORD = re.compile(r"[^\W\d_]+")  # letters only, of any script: no digits, apostrophes, dots or slashes
_SPACED_DASH = re.compile(r"[ \t]+(?=[\u2014\u2013])")  # the space before an em or en dash
_HYPHENS = ("-", "\u00ad", "\u2010")
_CACHE_WORDS = 20_000  # distinct words remembered per hyphenator
# What a wrap leaves on a paragraph: its broken lines and the words and counts ReportLab keeps beside them
_BROKEN = ("blPara", "frags", "height", "_wrapWidths", "_width_max", "_splitLongWordCount", "_hyphenations")


def hyphenator(language: str) -> Hyphenator | str:
    """What `hyphenationLang` should be for `language`'s body text: a Hyphenator, or '' for no hyphenation."""
    rules = break_rules(language)
    return _hyphenator(rules) if rules.dictionary else ""


@cache
def _hyphenator(rules: BreakRules) -> Hyphenator:
    return Hyphenator(rules)


class Hyphenator:
    """ReportLab's hyphenator callable for one language: word -> (head, tail) pairs, longest head first."""

    def __init__(self, rules: BreakRules):
        self.rules = rules
        self._dictionary = pyphen.Pyphen(lang=rules.dictionary, left=rules.left, right=rules.right)
        self._known: dict[Hashable, tuple[tuple[str, str], ...]] = {}

    def __repr__(self) -> str:
        return f"Hyphenator({self.rules.dictionary!r})"

    def __copy__(self) -> Hyphenator:  # styles are copied when a paragraph splits; the hyphenator need not be
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Hyphenator:
        return self

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        breaks = self.breaks(word)
        session = _SESSION.get()
        return iter(breaks) if session is None else session.offer(breaks)

    def breaks(self, word: str) -> tuple[tuple[str, str], ...]:
        """Where `word` may be broken, as (head, tail) pairs, longest head first ('-' is added to a head that does
        not already end in one)."""
        return remembered(self._known, word, lambda: tuple(self._breaks(word)), _CACHE_WORDS)

    def _breaks(self, word: str) -> Iterable[tuple[str, str]]:
        rules = self.rules
        if "-" in word:  # a compound breaks only at its own hyphens ("decision-", "making"), never inside a part
            parts = word.split("-")
            if all(_WORD.fullmatch(part) for part in parts):
                for n in range(len(parts) - 1, 0, -1):
                    if len(parts[n - 1]) >= rules.left and len(parts[n]) >= rules.right:
                        yield "-".join(parts[:n]) + "-", "-".join(parts[n:])
            return
        if len(word) < rules.min_word or not _WORD.fullmatch(word) or sum(c.isupper() for c in word) > 1:
            return  # short words, acronyms (IEP, IEPs, OTPs), words with digits or other signs
        for head, tail in self._dictionary.iterate(word):
            if len(head) >= rules.left and len(tail) >= rules.right:
                yield head, tail


class _Attempt:
    """One call of the hyphenator by ReportLab: the breaks offered, and the last one it was given."""

    def __init__(self) -> None:
        self.head = ""
        self.exhausted = False

    @property
    def taken(self) -> bool:
        """ReportLab stops asking once a break fits; so a break was made unless it asked for all of them."""
        return bool(self.head) and not self.exhausted

    @property
    def shown(self) -> str:
        """How the head ends its line: with a hyphen added unless it ends in one."""
        return self.head if self.head.endswith(_HYPHENS) else self.head + "-"


class _Session:
    """The hyphenator's calls during one run of the line breaker, some of them refused."""

    def __init__(self, refused: frozenset[int]):
        self.refused = refused
        self.attempts: list[_Attempt] = []

    def offer(self, breaks: tuple[tuple[str, str], ...]) -> Iterator[tuple[str, str]]:
        attempt = _Attempt()
        self.attempts.append(attempt)
        if not breaks or len(self.attempts) - 1 in self.refused:
            attempt.exhausted = True
            return iter(())
        return self._offer(attempt, breaks)

    @staticmethod
    def _offer(attempt: _Attempt, breaks: tuple[tuple[str, str], ...]) -> Iterator[tuple[str, str]]:
        for pair in breaks:
            attempt.head = pair[0]
            yield pair
        attempt.exhausted = True


_SESSION: ContextVar[_Session | None] = ContextVar("hyphenation_session", default=None)


class HyphenatedParagraph(Paragraph):
    """A Paragraph that refuses the breaks the module docstring lists, keeps spaced dashes with the word before
    them and never hyphenates link text."""

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        if frags is not None:  # a part split from another: its words come prepared, and it shares nothing
            self._sharing = Sharing(None)
            super()._setup(text, style, bulletText, frags, cleaner)
            return
        self._sharing = Sharing.of(style, type(self), text, bulletText)
        parsed = self._sharing.parsed()
        if parsed is not None:
            cleaned, bullet, words = parsed
            super()._setup(cleaned, style, bullet, words, cleaner)
            return
        super()._setup(text, style, bulletText, frags, cleaner)
        _prepare(self.frags)
        if self.style is style:  # markup that sets its own paragraph style is parsed afresh each time
            self._sharing.keep_parsed((self.text, self.bulletText, self.frags))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Asked again at the width it was last laid out at (ReportLab asks two or three times per placement: to
        place, to keep with what follows, to split), the paragraph keeps the lines it has; breaking is most of
        the cost of laying out. ReportLab's split drops the lines when it sends the paragraph on whole; then
        it is broken again, or takes the lines another layout of the same text broke (see shared.py)."""
        last = self.__dict__.get("_wrapped")
        if last is not None and last[0] == availWidth and has_lines(self):
            self.width, self.height = last[1]
            return last[1]
        broken = self._sharing.lookup(availWidth)
        if broken is not None:
            self.__dict__.update(broken)
            size = self.width, self.height = availWidth, broken["height"]
        else:
            self._sharing.own(self, _BROKEN)  # breaking again starts from the words the last wrap left
            size = super().wrap(availWidth, availHeight)
            if has_lines(self):
                self._sharing.keep(availWidth, {name: self.__dict__[name] for name in _BROKEN if name in self.__dict__})
        self._wrapped = (availWidth, size)
        return size

    def split(self, availWidth: float, availHeight: float) -> Any:
        if cuts_lines(self, availHeight):
            self._sharing.own(self, _BROKEN)  # ReportLab's split edits the words of the lines it cuts
        return super().split(availWidth, availHeight)

    def breakLines(self, width: Any) -> Any:
        hyphenator = getattr(self.style, "hyphenationLang", None)
        if not isinstance(hyphenator, Hyphenator):
            return super().breakLines(width)
        key = tuple(width) if isinstance(width, (list, tuple)) else (width,)
        known: dict[tuple[float, ...], frozenset[int]] = self.__dict__.setdefault("_refused", {})
        frags: Any = vars(self)["frags"]
        refused = set(known.get(key, ()))  # laid out at this width before: the same breaks will be refused
        while True:
            self.frags = frags  # ReportLab replaces them with the words it broke; start again from the same ones
            session = _Session(frozenset(refused))
            token = _SESSION.set(session)
            try:
                lines = super().breakLines(width)
            finally:
                _SESSION.reset(token)
            bad = _first_bad_break(lines, key, session, hyphenator.rules, self.style.fontSize)
            if bad is None or len(refused) > len(session.attempts):
                known[key] = frozenset(refused)
                return lines
            refused.add(bad)


def _prepare(frags: list[Any]) -> None:
    """Mark link text as never hyphenated (ReportLab's <nobr>), and join a spaced dash to the word before it with
    a no-break space where the font has one."""
    before = None
    for frag in frags:
        if hasattr(frag, "lineBreak"):
            before = None
            continue
        if getattr(frag, "link", None):
            frag.nobr = True
        text = getattr(frag, "text", "")
        if not text:
            continue
        if _has_nbsp(frag.fontName):
            text = frag.text = _SPACED_DASH.sub("\u00a0", text)
            if text[0] in "\u2014\u2013" and before is not None and before.text.endswith(" ") and _has_nbsp(before.fontName):
                before.text = before.text.rstrip(" \t") + "\u00a0"
        before = frag


@cache
def _has_nbsp(font_name: str) -> bool:
    return has_glyph(font_name, 0xA0)


def _first_bad_break(lines: Any, widths: tuple[float, ...], session: _Session, rules: BreakRules, font_size: float) -> int | None:
    """The index of the first hyphenator call whose break should be refused, or None."""
    taken = [(n, attempt.shown) for n, attempt in enumerate(session.attempts) if attempt.taken]
    if not taken:
        return None
    ends = _line_ends(lines)
    run = k = 0
    for number, line in enumerate(ends):
        if not line.text.endswith(_HYPHENS):
            run = 0
            continue
        run += 1
        if k == len(taken) or not line.text.endswith(taken[k][1]):
            continue  # a hyphen of the text itself, or a soft hyphen: counts towards a ladder, but is not ours
        index = taken[k][0]
        k += 1
        if line.room is None:
            continue  # the word alone fills the line: breaking it is the only way
        after = ends[number + 1] if number + 1 < len(ends) else None
        last_word = after is not None and after.last and " " not in after.text.strip()
        zone = min(rules.zone * font_size, rules.zone_share * widths[min(number, len(widths) - 1)])
        if line.room <= zone or run > rules.ladder or last_word:
            return index
    return None


class _End(NamedTuple):
    text: str  # the line's text, trailing spaces removed
    room: float | None  # the room it would have with its last word moved on (None: the line holds one word)
    last: bool  # the last line of the paragraph, or before a <br/>


def _line_ends(lines: Any) -> list[_End]:
    out: list[_End] = []
    count = len(lines.lines)
    if lines.kind == 0:  # one font throughout: lines are (room left, [words])
        space = stringWidth(" ", lines.fontName, lines.fontSize)
        for number, (extra, words) in enumerate(lines.lines):
            room = extra + space + stringWidth(words[-1], lines.fontName, lines.fontSize) if len(words) > 1 else None
            out.append(_End(" ".join(words).rstrip(), room, number + 1 == count))
        return out
    for number, line in enumerate(lines.lines):  # FragLines: runs of text in several fonts
        last = number + 1 == count or bool(getattr(line, "lineBreak", False))
        pieces = [(getattr(frag, "text", "") or "", frag) for frag in line.words]
        text = "".join(piece for piece, _ in pieces).rstrip()
        cut = text.rfind(" ")
        if cut < 0 or not text[:cut].strip():
            out.append(_End(text, None, last))
            continue
        width, at = 0.0, 0
        for piece, frag in pieces:  # the width of text[cut:], the space before the last word and the word
            start, end = max(at, cut), min(at + len(piece), len(text))
            if start < end:
                width += stringWidth(piece[start - at : end - at], frag.fontName, frag.fontSize)
            at += len(piece)
        out.append(_End(text, line.extraSpace + width, last))
    return out
