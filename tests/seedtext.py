"""The seed documents as a reader sees them: headings and sentences, with the source's markup removed."""

from __future__ import annotations

import re
from pathlib import Path

from pdftext import norm


def units(seed: Path) -> list[tuple[str, str]]:
    """(kind, text) for each heading and sentence of the seed, in order; kind is 'heading' or 'sentence'."""
    out = []
    for raw in seed.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        marked = line.startswith("#")
        bullet = re.match(r"^[-*]\s+", line) is not None
        line = re.sub(r"^#+\s*|^[-*]\s+", "", line)
        line = re.sub(r"^✓\s*", "", line).replace("**", "")
        plain_heading = not bullet and not re.search(r"[.?!:]$", line) and len(line.split()) <= 12 and "/" not in line
        if marked or plain_heading:
            out.append(("heading", norm(line)))
            continue
        for sentence in re.split(r"(?<=[.?!])\s+(?=[A-Z\"'(])", line):
            out.append(("sentence", norm(sentence)))
    return out


def headings(seed: Path) -> list[str]:
    """Headings in source order, without the repeated running header."""
    seen, out = set(), []
    for kind, text in units(seed):
        if kind == "heading" and text.lower() not in seen:
            seen.add(text.lower())
            out.append(text)
    return out


def sentences(seed: Path) -> list[str]:
    return [text for kind, text in units(seed) if kind == "sentence"]
