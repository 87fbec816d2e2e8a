"""Words the tool itself prints (page numbers, the disclaimer heading, document kinds), per language, with English
fallback. Each translation is tracked like a funder statement: by the hash of the English it was made from."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from .load import load_yaml
from .validate import validate
from .wording import Chosen, Wording, wording

LABELS = Path(__file__).with_name("labels.yaml")


def label_wordings() -> dict[str, Wording]:
    """Every label by id (page, disclaimers, kinds.flyer ...), read and checked once per version of the file."""
    stat = LABELS.stat()
    return _load(LABELS, stat.st_mtime_ns, stat.st_size)


@cache
def _load(file: Path, _mtime: int, _size: int) -> dict[str, Wording]:
    located = load_yaml(file)
    validate(located, "labels")
    return {".".join(path): wording(located, path) for path in label_paths(located.data)}


def label_paths(data: dict[str, Any], group: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The path of each label in the file: a mapping with its English, or a group of labels (kinds)."""
    out: list[tuple[str, ...]] = []
    for key, value in data.items():
        out += [(*group, key)] if "en" in value else label_paths(value, (*group, key))
    return out


def chosen(label: Wording, language: str) -> Chosen:
    """A label's wording in `language`, else in its base language (pt for pt-PT), else in English."""
    return label.chosen(language if language in label.translations else language.split("-")[0])


def labels(language: str) -> dict[str, Any]:
    """Labels for `language`, shaped as they are used: {"page": ..., "kinds": {"flyer": ...}}."""
    out: dict[str, Any] = {}
    for ident, label in label_wordings().items():
        *groups, name = ident.split(".")
        table = out
        for group in groups:
            table = table.setdefault(group, {})
        table[name] = chosen(label, language).text
    return out
