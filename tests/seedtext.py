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


# The seed's Department of Education statement ends "...by the Federal Government Project Officer."; handouts
# print 34 CFR 75.620(b) as the regulation words it, so these seed sentences are expected as corrected.
CORRECTED = {
    "This content was developed under a grant from the US Department of Education, #H328M250100.": "The contents of this fact sheet were developed under a grant from the U.S. Department of Education, "
    "#H328M250100.",
    "However, the contents do not necessarily represent the policy of the US Department of Education, and you should "
    "not assume endorsement by the Federal Government Project Officer.": "However, those contents do not necessarily represent the policy of the U.S. Department of Education, and you "
    "should not assume endorsement by the Federal Government.",
}


def sentences(seed: Path) -> list[str]:
    """The seed's sentences as a handout prints them (its funder statement corrected, see CORRECTED)."""
    return [CORRECTED.get(text, text) for kind, text in units(seed) if kind == "sentence"]
