"""Words the tool itself prints (page numbers, the disclaimer heading), per language, with English fallback."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def _all() -> dict[str, Any]:
    return yaml.safe_load(resources.files("handbill").joinpath("labels.yaml").read_text(encoding="utf-8"))


def labels(language: str) -> dict[str, Any]:
    """Labels for `language` (or its base language, e.g. pt for pt-BR), falling back to English per key."""
    table = _all()
    chosen = table.get(language) or table.get(language.split("-")[0]) or {}
    return {**table["en"], **chosen}
