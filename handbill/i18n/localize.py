"""Merge a translation onto its source document: translated strings replace the source's, by id.

Missing strings fall back to the source language; strings whose source changed since translation are
stale. Both are counted in a Coverage so the build summary and `i18n status` can say so.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import inline
from ..content import load_document
from ..errors import ContentError, Location, Problem
from ..labels import chosen, label_wordings
from ..limits import DEFAULT, Limits
from ..load import load_yaml
from ..model import Document, Text, map_texts
from ..paths import Confinement, outside
from ..validate import validate
from ..wording import SOURCE_LANGUAGE
from .catalog import Translation, is_stale, is_translation, source_hash, translation_from


@dataclass
class Coverage:
    """How much of a document one translation covers."""

    total: int = 0
    translated: int = 0
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    obsolete: list[str] = field(default_factory=list)
    review: str = "source"

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


@dataclass(frozen=True)
class Localized:
    document: Document
    coverage: Coverage
    translation: Translation | None = None
    original: Document | None = None  # the source-language document a translation is merged onto


def load_localized(file: Path, confinement: Confinement | None = None, limits: Limits = DEFAULT) -> Localized:
    """Load a content file: a source document as it is, or a translation merged onto its source. Every file it
    reads lies inside `confinement` (by default, the project the file is in)."""
    confinement = confinement or Confinement.of(file.parent.parent.parent)
    if not confinement.allows(file):
        raise ContentError([outside(file)])
    located = load_yaml(file, limits)
    if not is_translation(located):
        document = load_document(file, confinement, limits)
        return Localized(document, Coverage(len(document.texts()), len(document.texts())))
    validate(located, "translation")
    translation = translation_from(located)
    problems = []
    if translation.language != file.stem:
        problems.append(
            Problem(
                translation.where["language"],
                "language",
                f"says '{translation.language}' but the file is named {file.name}",
                f"name the file {translation.language}.yaml or set language: {file.stem}",
            )
        )
    source_file = file.parent / f"{translation.translation_of}.yaml"
    if source_file.is_file() and not confinement.allows(source_file):
        problems.append(outside(source_file))
    elif not source_file.is_file():
        problems.append(
            Problem(
                translation.where["translation_of"],
                "translation_of",
                f"no source file {source_file.name} beside this translation",
                "name the language of the file this translates, e.g. en",
            )
        )
    if problems:
        raise ContentError(problems)
    source = load_document(source_file, confinement, limits)
    document, coverage = localize(source, translation)
    return Localized(document, coverage, translation, source)


def localize(source: Document, translation: Translation) -> tuple[Document, Coverage]:
    keys = {t.key for t in source.texts()}
    coverage = Coverage(total=len(keys), review=translation.review, obsolete=[k for k in translation.strings if k not in keys])
    problems: list[Problem] = []

    def translate(text: Text) -> Text:
        entry = translation.strings.get(text.key)
        if entry is None:
            coverage.missing.append(text.key)
            return replace(text, language=source.language)  # printed in the source language
        coverage.translated += 1
        if is_stale(entry, text.markup):
            coverage.stale.append(text.key)
        runs = inline.parse(entry.text)
        for href in inline.links(runs):
            if not inline.is_safe_url(href):
                problems.append(
                    Problem(
                        entry.where,
                        f"strings.{text.key}.text",
                        f"link target '{href}' is not a web or mail address",
                        "links must start with https://, http:// or mailto:",
                    )
                )
        kept = entry.text.strip() == text.markup.strip() and any(c.isalpha() for c in entry.text)
        return replace(
            text, markup=entry.text, runs=runs, where=entry.where, language=source.language if kept else ""
        )  # e.g. an English page title left as it is

    document = map_texts(source, translate)
    if problems:
        raise ContentError(problems)
    return replace(document, language=translation.language, file=translation.file), coverage


def strict_problems(localized: Localized) -> list[Problem]:
    """What --strict refuses: strings missing from the translation, translated from an older source, or flagged by
    a translator as needing more work; and the same of the labels the document prints."""
    translation, source = localized.translation, localized.original
    if translation is None or source is None:
        return []
    where = translation.where.get("strings", Location(translation.file))
    out = [
        Problem(
            where,
            f"strings.{key}",
            "missing; the source text would be printed",
            "translate it, or build without --strict to fall back",
        )
        for key in localized.coverage.missing
    ]
    current = {text.key: source_hash(text.markup) for text in source.texts()}
    for key in localized.coverage.stale:
        entry = translation.strings[key]
        why = (
            "stale: the source text changed after this was translated"
            if entry.source_hash != current[key]
            else f"marked {entry.state}: the translator flagged it for more work"
        )
        out.append(
            Problem(
                entry.where,
                f"strings.{key}",
                why,
                "update the translation, then run generate.py i18n "
                f"accept {source.doc_id} {translation.language} {key} (or import it done from PO or XLIFF)",
            )
        )
    return out + _label_problems(localized.document, translation.language)


def _label_problems(document: Document, language: str) -> list[Problem]:
    """Labels of `document` (page numbers, the panel heading, its kind) with no wording in `language`, or one
    translated from older English."""
    heading = "disclaimers" if document.funders else "disclaimer"
    out = []
    for ident in ("page", heading, f"kinds.{document.kind}"):
        label = label_wordings()[ident]
        words = chosen(label, language)
        if words.stale:
            out.append(
                Problem(
                    words.where,
                    f"labels.{ident}",
                    "stale: the English label changed after this was translated",
                    f"update it, then run generate.py i18n accept labels {words.language} {ident}",
                )
            )
        elif words.language == SOURCE_LANGUAGE and language.split("-")[0] != SOURCE_LANGUAGE:
            out.append(
                Problem(
                    label.where,
                    f"labels.{ident}",
                    f"no {language} wording; the English would be printed",
                    f"add a {language} line under it, then run generate.py i18n accept labels {language}",
                )
            )
    return out
