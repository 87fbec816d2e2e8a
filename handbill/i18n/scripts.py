"""What a language needs from layout: direction, how lines break, and which hyphenation dictionary to use."""

from __future__ import annotations

from functools import cache

import pyphen

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
