"""The small inline syntax content may use: **bold**, *italic* and [text](url); everything else is literal.

Content is untrusted, so it never reaches ReportLab's paragraph markup directly: it is parsed here into
runs, and `to_markup` escapes every character of text before wrapping runs in the few tags we emit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

_ESCAPABLE = set("\\*[]()")
_SAFE_URL = re.compile(r"^(https?://[^\s/$.?#][^\s]*|mailto:[^\s@]+@[^\s@]+)$")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of styles."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


def parse(text: str) -> tuple[Run, ...]:
    """Split `text` into styled runs; markers that do not pair up stay literal text."""
    runs: list[Run] = []
    _parse(text, Run(""), runs)
    return tuple(_merge(runs))


def plain(runs: tuple[Run, ...]) -> str:
    """The text as a reader sees it, without markup."""
    return "".join(run.text for run in runs)


def links(runs: tuple[Run, ...]) -> list[str]:
    """Every link target, in order of appearance."""
    out: list[str] = []
    for run in runs:
        if run.href and run.href not in out:
            out.append(run.href)
    return out


def to_markup(runs: tuple[Run, ...], link_color: str, text_markup: Callable[[str], str] = escape) -> str:
    """ReportLab paragraph markup for `runs`; `text_markup` escapes each run's text (and may add font tags)."""
    parts = []
    for run in runs:
        piece = text_markup(run.text)
        if run.italic:
            piece = f"<i>{piece}</i>"
        if run.bold:
            piece = f"<b>{piece}</b>"
        if run.href and is_safe_url(run.href):
            piece = f"<a href={quoteattr(run.href)} color={quoteattr(link_color)}><u>{piece}</u></a>"
        parts.append(piece)
    return "".join(parts)


def is_safe_url(url: str) -> bool:
    """Only web and mail links may become clickable; anything else (javascript:, file:) stays text."""
    return bool(_SAFE_URL.match(url))


def _parse(text: str, style: Run, out: list[Run]) -> None:
    i, literal = 0, list[str]()

    def flush() -> None:
        if literal:
            out.append(Run("".join(literal), style.bold, style.italic, style.href))
            literal.clear()

    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
            literal.append(text[i + 1])
            i += 2
            continue
        marker = "**" if text.startswith("**", i) else "*" if char == "*" else None
        if marker:
            close = _closer(text, i + len(marker), marker)
            if close is not None:
                flush()
                inner = Run("", style.bold or marker == "**", style.italic or marker == "*", style.href)
                _parse(text[i + len(marker) : close], inner, out)
                i = close + len(marker)
                continue
            literal.append(marker)
            i += len(marker)
            continue
        if char == "[" and style.href is None:
            link = _link(text, i)
            if link is not None:
                label, href, end = link
                flush()
                _parse(label, Run("", style.bold, style.italic, href), out)
                i = end
                continue
        literal.append(char)
        i += 1
    flush()


def _closer(text: str, start: int, marker: str) -> int | None:
    """Index of the marker closing an emphasis opened just before `start`, or None."""
    if start >= len(text) or text[start].isspace():
        return None
    j, italic_open = start, False  # inside bold: an italic opened and not yet closed, which "***" may close
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if marker == "*" and text.startswith("**", j):
            inner = _closer(text, j + 2, "**")
            j = inner + 2 if inner is not None else j + 2
            continue
        if text.startswith(marker, j) and j > start and not text[j - 1].isspace():
            return j + 1 if marker == "**" and italic_open and text.startswith("***", j) else j
        if marker == "**" and text[j] == "*":
            italic_open = not italic_open
        j += 1
    return None


def _link(text: str, start: int) -> tuple[str, str, int] | None:
    """(label, target, end index) for a [label](target) starting at `start`, or None."""
    depth, j = 0, start
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == "[":
            depth += 1
        elif text[j] == "]":
            depth -= 1
            if depth == 0:
                break
        j += 1
    else:
        return None
    if j + 1 >= len(text) or text[j + 1] != "(":
        return None
    close, depth = j + 2, 1
    while close < len(text):
        depth += {"(": 1, ")": -1}.get(text[close], 0)
        if depth == 0:
            break
        close += 1
    else:
        return None
    label, href = text[start + 1 : j], text[j + 2 : close].strip()
    if not label or not href or any(c.isspace() for c in href):
        return None
    return label, href, close + 1


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if merged and (merged[-1].bold, merged[-1].italic, merged[-1].href) == (run.bold, run.italic, run.href):
            merged[-1] = Run(merged[-1].text + run.text, run.bold, run.italic, run.href)
        elif run.text:
            merged.append(run)
    return merged
