"""What a language needs from layout: direction, how lines break, and which hyphenation dictionary to use."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

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


# Hyphenation. pyphen's own fallback truncates a tag and takes whatever is left: for "en" that is its British
# dictionary ("bey-ond", "confid-ent", "particip-ate") and for "de" its Austrian one. Where a language has variants,
# a bare tag means its most likely one (CLDR likely subtags: en is en-US, pt is pt-BR, de is de-DE), English of the
# Commonwealth follows British usage, and Portuguese outside Brazil European usage.
_BRITISH_ENGLISH = ("GB", "UK", "IE", "AU", "NZ", "ZA", "IN", "PK", "SG", "HK", "MT", "001", "150")
_VARIANTS: dict[str, tuple[str, dict[str, str]]] = {  # language: (dictionary for other regions, {region: dictionary})
    "en": ("en_US", dict.fromkeys(_BRITISH_ENGLISH, "en_GB")),
    "pt": ("pt_PT", {"": "pt_BR", "BR": "pt_BR"}),
    "de": ("de_DE", {"AT": "de_AT", "CH": "de_CH", "LI": "de_CH"}),
}
# Languages set without hyphens at line ends: syllables are words (Vietnamese, Hmong, Thai, Lao ...), there is no
# dictionary and a neighbour's would break words wrongly (Haitian Creole is not French), or the script breaks lines
# otherwise (Chinese, Japanese and Korean; Arabic-script and Hebrew text is not hyphenated).
_NOT_HYPHENATED = {"vi", "hmn", "ht", "ko", "zh", "ja", "th", "lo", "km", "my"} | _RTL


@dataclass(frozen=True)
class BreakRules:
    """How the words of a language may be broken at the end of a (ragged-right) line."""

    dictionary: str  # pyphen dictionary name; '' when the language is not hyphenated
    min_word: int = 7  # shorter words are never broken
    left: int = 3  # letters kept before a break, at least
    right: int = 3  # letters carried to the next line, at least
    zone: float = 4.5  # break a word only if the line would otherwise fall short by more than this many ems
    zone_share: float = 0.25  # or by more than this share of its width, if less (narrow columns need breaks more)
    ladder: int = 2  # at most this many lines in a row may end in a hyphen


# Per-language exceptions to BreakRules' defaults, by base language. Portuguese and Russian words are long, so more
# lines fall short by the zone and would be broken: a wider zone keeps hyphens to a few lines in a hundred.
_RULES: dict[str, dict[str, Any]] = {"pt": {"zone": 5.5}, "ru": {"zone": 6.0, "zone_share": 0.3}}


def _subtags(language: str) -> tuple[str, str]:
    """(base language, region) of a BCP 47 tag: 'pt-BR' -> ('pt', 'BR'), 'zh-Hans' -> ('zh', '')."""
    parts = language.replace("_", "-").split("-")
    region = next((p.upper() for p in parts[1:] if (len(p) == 2 and p.isalpha()) or (len(p) == 3 and p.isdigit())), "")
    return parts[0].lower(), region


@cache
def hyphenation(language: str) -> str:
    """The pyphen dictionary for `language` ('' when it is not hyphenated: Vietnamese, Haitian Creole, Hmong ...)."""
    lang, region = _subtags(language)
    if not lang or lang in _NOT_HYPHENATED:
        return ""
    if lang in _VARIANTS:
        other, regional = _VARIANTS[lang]
        return regional.get(region, other)
    return pyphen.language_fallback(language.replace("-", "_")) or ""


@cache
def break_rules(language: str) -> BreakRules:
    """Hyphenation dictionary and limits for `language`."""
    return BreakRules(hyphenation(language), **_RULES.get(_subtags(language)[0], {}))
