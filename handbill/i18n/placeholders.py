"""Inline markup as numbered placeholders, so translators move tags but cannot break them silently.

`**bold**`, `*italic*` and `[text](url)` become tags b1, i2, a3 ... (PO: `<b1>...</b1>`, XLIFF: `<g id="b1">`).
Link targets never travel: they stay in the source and are put back on import. An imported string must use
exactly the source's tags, each opened once, closed once, properly nested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import inline
from ..errors import HandbillError

KINDS = {"b": "bold", "i": "italic", "a": "link"}
_PO_TAG = re.compile(r"<(/?)([bia])(\d+)>")


class PlaceholderError(HandbillError):
    """A translated string whose tags do not match its source."""


@dataclass(frozen=True)
class Token:
    """Text, or the opening or closing of tag `name` (e.g. 'b1')."""

    kind: str  # "text", "open", "close"
    value: str


def tokens(text: str) -> tuple[list[Token], dict[str, str]]:
    """The tagged token stream of a markup string, and the link target of each `a` tag."""
    out: list[Token] = []
    targets: dict[str, str] = {}
    stack: list[tuple[str, str]] = []  # (tag name, identity) outermost first: link, bold, italic
    count = 0
    for run in inline.parse(text):
        wanted = ([("a", run.href)] if run.href else []) + ([("b", "")] if run.bold else []) + ([("i", "")] if run.italic else [])
        keep = 0  # keep open every tag that is still wanted, from the outside in
        while keep < len(stack) and (stack[keep][0][0], stack[keep][1]) in wanted:
            keep += 1
        while len(stack) > keep:
            out.append(Token("close", stack.pop()[0]))
        still_open = {(name[0], identity) for name, identity in stack}
        for letter, identity in (w for w in wanted if w not in still_open):
            count += 1
            name = f"{letter}{count}"
            if letter == "a":
                targets[name] = identity
            stack.append((name, identity))
            out.append(Token("open", name))
        out.append(Token("text", run.text))
    while stack:
        out.append(Token("close", stack.pop()[0]))
    return out, targets


def to_markup(stream: list[Token], targets: dict[str, str]) -> str:
    """Back to the inline syntax, escaping characters that would otherwise read as markup."""
    parts = []
    for token in stream:
        if token.kind == "text":
            parts.append(re.sub(r"([\\*\[\]])", r"\\\1", token.value))
        elif token.value[0] == "a":
            parts.append("[" if token.kind == "open" else f"]({targets[token.value]})")
        else:
            parts.append("**" if token.value[0] == "b" else "*")
    return "".join(parts)


def canonical(text: str) -> str:
    """The one spelling of `text` that survives export and import unchanged."""
    return to_markup(*tokens(text))


def to_po(stream: list[Token]) -> str:
    return "".join(_escape(t.value) if t.kind == "text" else f"<{'/' if t.kind == 'close' else ''}{t.value}>" for t in stream)


def from_po(text: str, source: list[Token], key: str) -> list[Token]:
    """Parse a PO string with `<b1>`-style tags, checking them against the source's."""
    stream: list[Token] = []
    position = 0
    for match in _PO_TAG.finditer(text):
        if match.start() > position:
            stream.append(Token("text", _unescape(text[position : match.start()])))
        stream.append(Token("close" if match.group(1) else "open", match.group(2) + match.group(3)))
        position = match.end()
    if position < len(text):
        stream.append(Token("text", _unescape(text[position:])))
    check(stream, source, key)
    return stream


def check(stream: list[Token], source: list[Token], key: str) -> None:
    expected = [t.value for t in source if t.kind == "open"]
    seen: list[str] = []
    stack: list[str] = []
    for token in stream:
        if token.kind == "open":
            if token.value not in expected:
                raise PlaceholderError(f"entry '{key}': unknown tag <{token.value}>; the source has {_listing(expected)}")
            if token.value in seen:
                raise PlaceholderError(f"entry '{key}': tag <{token.value}> is opened twice")
            seen.append(token.value)
            stack.append(token.value)
        elif token.kind == "close":
            if not stack or stack[-1] != token.value:
                raise PlaceholderError(
                    f"entry '{key}': </{token.value}> closes out of order or without "
                    f"<{token.value}>; tags must nest like the source's"
                )
            stack.pop()
    if stack:
        raise PlaceholderError(f"entry '{key}': <{stack[-1]}> is never closed")
    missing = [name for name in expected if name not in seen]
    if missing:
        raise PlaceholderError(
            f"entry '{key}': tag <{missing[0]}> ({KINDS[missing[0][0]]}) is missing; keep every "
            f"tag of the source: {_listing(expected)}"
        )


def _listing(names: list[str]) -> str:
    return ", ".join(f"<{n}>" for n in names) or "no tags"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&amp;", "&")
