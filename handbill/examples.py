"""Example contact details and filler text a handout would print: fine in a sample, wrong on a copy from a print shop.

Found in the brand (its contact line) and in the document (every printed string, every link), each with where it
was written, so a print build can refuse them naming the file, line and field to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Location, Problem
from .inline import links
from .load import load_yaml
from .model import Document, Resources

_EXAMPLE = re.compile(
    r"(?:[\w.+-]+@)?\b[\w.-]*example\.(?:org|com|net)\b(?:/[\w/.-]*[\w/])?"  # for examples (RFC 2606)
    r"|\(555\)\s?\d{3}[ .-]?\d{4}|\b555[ .-]01\d\d\b"  # 555: fictional US numbers
    r"|\blorem ipsum\b",
    re.IGNORECASE,
)  # placeholder text


@dataclass(frozen=True)
class Example:
    text: str
    where: Location
    field: str


def example_details(document: Document, brand_file: Path) -> list[Example]:
    """Every example address, 555 number or lorem ipsum in the brand's contact line and in the document."""
    found = [
        Example(m.group(0), where, name) for text, where, name in _printed(document, brand_file) for m in _EXAMPLE.finditer(text)
    ]
    return list({(e.text, e.where, e.field): e for e in found}.values())


def refuse_for_print(found: list[Example]) -> None:
    """A print build stops here: a print shop must never print an example detail."""
    raise ContentError(
        [
            Problem(
                e.where,
                e.field,
                f"prints the example contact detail '{e.text}'",
                "put your organisation's own details here before a print build (example.org "
                "addresses, 555-01xx numbers and lorem ipsum are placeholders)",
            )
            for e in found
        ]
    )


def _printed(document: Document, brand_file: Path) -> list[tuple[str, Location, str]]:
    out = []
    if brand_file.is_file():
        brand = load_yaml(brand_file)
        contact = brand.data.get("contact", {}) if isinstance(brand.data, dict) else {}
        out += [(str(value), brand.where(("contact", key)), f"contact.{key}") for key, value in contact.items()]
    for text in document.texts():
        out += [(text.plain, text.where, text.key)] + [(url, text.where, text.key) for url in links(text.runs)]
    if document.edition is not None:  # a partner's details print in its panel
        out += [
            (line, Location(Path("--editions")), f"edition {document.edition.name}")
            for line in (document.edition.name, *document.edition.lines)
        ]
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Resources):
                out += [
                    (value, block.where, f"{block.id}.{item.id}.url")
                    for item in block.items
                    for value in (item.url, item.display)
                ]
    return out
