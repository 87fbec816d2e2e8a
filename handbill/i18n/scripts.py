"""What a language needs from layout: direction, how lines break, and which hyphenation dictionary to use."""

from __future__ import annotations

from functools import cache

import pyphen
from reportlab.lib import textsplit as _textsplit
from reportlab.platypus import paragraph as _paragraph

# Characters that may not start a line in Chinese and Japanese (GB/T 15834, JIS X 4051). ReportLab's own
# list lacks the full-width comma, colon, semicolon, question and exclamation marks and several closing
# brackets, so "，" could start a line; its two line breakers read this table, so complete it once here.
CANNOT_START_LINE = "，；：？！）」』】〉》〕〗〙〛”’、。・…"
for _module in (_textsplit, _paragraph):
    _module.ALL_CANNOT_START += "".join(c for c in CANNOT_START_LINE if c not in _module.ALL_CANNOT_START)

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
