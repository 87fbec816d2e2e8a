"""Lengths as people write them in YAML: 36, '36pt', '0.5in', '12mm', '1.2cm'; always points inside."""

from __future__ import annotations

import re

_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}


def length(value: float | str) -> float:
    """Points from a number (already points) or a string with a unit; the schemas admit only these forms."""
    if isinstance(value, (int, float)):
        return float(value)
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(pt|in|mm|cm)", value.strip())
    if match is None:
        raise ValueError(f"not a length: {value!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]
