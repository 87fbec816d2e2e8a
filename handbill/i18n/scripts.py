"""What a language needs from layout: direction, how lines break, and which hyphenation dictionary to use."""

from __future__ import annotations

from functools import cache
from typing import Any, Callable

import pyphen
from reportlab.lib import textsplit as _textsplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _paragraph

# Characters that may not start a line in Chinese and Japanese (GB/T 15834, JIS X 4051). ReportLab's own
# list lacks the full-width comma, colon, semicolon, question and exclamation marks and several closing
# brackets, so "，" could start a line; its two line breakers read this table, so complete it once here.
CANNOT_START_LINE = "，；：？！）」』】〉》〕〗〙〛”’、。・…"
for _module in (_textsplit, _paragraph):
    _module.ALL_CANNOT_START += "".join(c for c in CANNOT_START_LINE if c not in _module.ALL_CANNOT_START)


def _hang_closers(split: Callable[..., Any]) -> Callable[..., Any]:
    """ReportLab's CJK breaker hangs one closing mark in the margin but no more, so in "（IEP）、" the "、" could
    still start a line. Move every such mark back to the end of the line before, as it does for the first."""

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

    return wrapped


_paragraph.cjkFragSplit = _hang_closers(_paragraph.cjkFragSplit)

_RTL = {"ar", "ur", "fa", "he", "ps", "sd", "ug", "yi", "dv"}
_BREAK_ANYWHERE = {"zh", "ja"}  # lines break between ideographs (with kinsoku rules), not only at spaces


def base(language: str) -> str:
    return language.split("-")[0].lower()


def is_rtl(language: str) -> bool:
    return base(language) in _RTL


def word_wrap(language: str) -> str | None:
    """ReportLab's wordWrap mode: 'CJK' for Chinese and Japanese, else ordinary breaking at spaces."""
    return "CJK" if base(language) in _BREAK_ANYWHERE else None


@cache
def hyphenation(language: str) -> str:
    """The pyphen dictionary for `language` ('' when there is none: Vietnamese, Haitian Creole, Hmong ...)."""
    return pyphen.language_fallback(language.replace("-", "_")) or ""
