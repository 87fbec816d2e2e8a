"""Required wording in several languages, each translation tracked like a document's strings.

A funder statement or organisation notice is written in English; a translation beside it records the hash of
the English it was made from (`source:`), so a change to the English marks every translation stale, and where an
official translation comes from (`official:`), so a grant manager can tell it from a draft.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import Location
from .i18n.catalog import source_hash
from .load import Located

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Translation:
    text: str
    source_hash: str  # hash of the English it was translated from
    official: str  # where an official translation comes from; "" for a draft
    where: Location


@dataclass(frozen=True)
class Chosen:
    """The wording printed for one language: its own, or the English when there is none."""

    text: str
    language: str
    where: Location
    stale: bool = False  # translated from English that has changed since
    official: str = ""


@dataclass(frozen=True)
class Wording:
    english: str
    translations: dict[str, Translation]
    where: Location

    def languages(self) -> list[str]:
        return [SOURCE_LANGUAGE, *self.translations]

    def stale(self) -> list[str]:
        """Languages whose translation was made from other English than today's."""
        current = source_hash(self.english)
        return [lang for lang, t in self.translations.items() if t.source_hash != current]

    def chosen(self, language: str) -> Chosen:
        translation = self.translations.get(language)
        if translation is None:
            return Chosen(self.english, SOURCE_LANGUAGE, self.where)
        return Chosen(
            translation.text,
            language,
            translation.where,
            translation.source_hash != source_hash(self.english),
            translation.official,
        )


def wording(located: Located, path: tuple[Any, ...]) -> Wording:
    """The wording at `path` of a schema-valid registry: `en: text`, then `<lang>: {text, source, official}`."""
    texts: dict[str, Any] = located.data
    for part in path:
        texts = texts[part]
    translations = {
        lang: Translation(value["text"], value["source"], value.get("official", ""), located.where((*path, lang, "text")))
        for lang, value in texts.items()
        if lang != SOURCE_LANGUAGE
    }
    return Wording(texts[SOURCE_LANGUAGE], translations, located.where((*path, SOURCE_LANGUAGE)))
