"""Plain-language report: how hard each handout is to read, in the languages a readability formula exists for.

Family-facing handouts aim at roughly a 6th-8th grade reading level. The grade comes from textstat (the Flesch-
Kincaid grade for English, Crawford's years of schooling for Spanish); the findings that help a writer get there
come from the document itself: sentences that run long, terms of the trade (IEP, FAPE) used before they are
explained (content/glossary.yaml, editable), and, in English, passive constructions. Each finding names the text's
id and file:line, so a writer can go straight to it. A report, not a build failure, unless a document sets
`readability: {target_grade: N}`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import textstat

from .errors import ContentError, Location, Problem
from .load import load_yaml
from .model import Document, Text

LONG_SENTENCE = 25  # words: plain-language guidance puts most sentences well under 20
_GRADES: dict[str, tuple[str, Callable[[str], float]]] = {
    "en": ("Flesch-Kincaid grade", textstat.flesch_kincaid_grade),
    "es": ("Crawford grade", textstat.crawford),
}
# A sentence ends at a full stop, question or exclamation mark (Latin, Arabic, Urdu) before a space and anything
# but a lowercase Latin letter ("e.g. this" goes on), or at an ideographic one.
_SENTENCE_END = re.compile(r"(?<=[.!?؟۔])\s+(?=[^\sa-z])|(?<=[。！？])")
_UNSPACED = {"zh", "ja"}  # no spaces between words: sentence length is not counted in words
_PASSIVE = re.compile(r"\b(?:am|is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?(\w+(?:ed|en))\b", re.IGNORECASE)
_NOT_PARTICIPLES = {"often", "open", "even", "seven", "eleven", "children", "between", "kitchen", "women", "listen"}


@dataclass(frozen=True)
class Finding:
    kind: str  # "long sentence", "term not explained", "passive"
    key: str  # the text's id, as translations know it
    where: Location
    detail: str


@dataclass
class Readability:
    """One document in one language: its grade (None where no formula fits the language) and what to fix."""

    document: str
    language: str
    measure: str = ""
    grade: float | None = None
    words: int = 0
    sentences: int = 0
    target: float | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def over_target(self) -> bool:
        return self.grade is not None and self.target is not None and self.grade > self.target


def glossary(file: Path) -> dict[str, dict[str, str]]:
    """content/glossary.yaml: term -> {language: what it stands for}; a plain string is the English explanation."""
    if not file.is_file():
        return {}
    located = load_yaml(file)
    terms = (located.data or {}).get("terms", {})
    if not isinstance(terms, dict):
        raise ContentError(
            [
                Problem(
                    located.where(("terms",)),
                    "terms",
                    "expected a mapping of term: explanation",
                    "e.g. IEP: Individualized Education Program",
                )
            ]
        )
    return {str(term): (meaning if isinstance(meaning, dict) else {"en": str(meaning)}) for term, meaning in terms.items()}


def assess(document: Document, terms: dict[str, dict[str, str]]) -> Readability:
    """The readability of `document`'s running text (title, headings and body, as a family reads it)."""
    texts = [t for t in document.texts() if t.visible]
    result = Readability(document.doc_id, document.language, target=document.target_grade)
    prose = " ".join(_as_sentence(t.plain) for t in texts)
    result.words = len(prose.split())
    result.sentences = sum(len(_sentences(t.plain)) for t in texts)
    formula = _GRADES.get(document.language.split("-")[0])
    if formula and result.words:
        textstat.set_lang(document.language.split("-")[0])
        result.measure, result.grade = formula[0], round(formula[1](prose), 1)
    if document.language.split("-")[0] not in _UNSPACED:
        result.findings += _long_sentences(texts)
    result.findings += _unexplained(texts, terms, document.language)
    if document.language.split("-")[0] == "en":
        result.findings += _passives(texts)
    return result


def _as_sentence(text: str) -> str:
    """Headings and list items end without a stop; give them one so the formulas count them as sentences."""
    text = text.strip()
    return text if not text or text[-1] in ".!?:;" else text + "."


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]


def _long_sentences(texts: list[Text]) -> list[Finding]:
    out = []
    for text in texts:
        for sentence in _sentences(text.plain):
            words = len(sentence.split())
            if words > LONG_SENTENCE:
                out.append(
                    Finding(
                        "long sentence", text.key, text.where, f'{words} words: "{_excerpt(sentence)}" (split it, or make a list)'
                    )
                )
    return out


def _unexplained(texts: list[Text], terms: dict[str, dict[str, str]], language: str) -> list[Finding]:
    """Each glossary term whose first use does not come with what it stands for (in the same text)."""
    out = []
    for term, meanings in terms.items():
        meaning = meanings.get(language) or meanings.get(language.split("-")[0])
        if not meaning:
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")
        first = next((t for t in texts if _running(t) and pattern.search(t.plain)), None)
        if first is not None and meaning.lower() not in first.plain.lower():
            out.append(
                Finding(
                    "term not explained",
                    first.key,
                    first.where,
                    f'{term} is first used here without "{meaning}" (say it in full the first time)',
                )
            )
    return out


def _running(text: Text) -> bool:
    """Running text, where a term can be explained: not a title, heading or column name, which are too short to."""
    last = text.key.rsplit(".", 2)
    return text.key not in ("title", "subtitle") and last[-1] != "heading" and not (len(last) > 1 and last[-2] == "columns")


def _passives(texts: list[Text]) -> list[Finding]:
    out = []
    for text in texts:
        for match in _PASSIVE.finditer(text.plain):
            if match.group(1).lower() not in _NOT_PARTICIPLES:
                out.append(Finding("passive", text.key, text.where, f'"{match.group(0)}" (say who does it, if that is clearer)'))
    return out


def _excerpt(sentence: str, limit: int = 60) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 3].rstrip() + "..."
