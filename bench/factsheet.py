"""The fact sheet's text, as the floor script and the peers take it: the document in one language, read with
handbill's own loader (translations merged), reduced to headings, paragraphs, lists, tables and callouts with
<b>/<i> markup, plus the statements a build prints on its last page.

    python bench/factsheet.py LANG OUT.json     writes one language's text (default document: the fact sheet)
"""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbill.build import Builder, Options, Project  # noqa: E402
from handbill.funders import resolve  # noqa: E402
from handbill.i18n.localize import load_localized  # noqa: E402
from handbill.model import Text  # noqa: E402

DOCUMENT = "school-vs-medical-therapies"
_SHAPES = {"ItemList": "list", "Resources": "list", "Comparison": "table", "Table": "table", "Callout": "callout"}


def text_of(language: str, document: str = DOCUMENT) -> dict[str, Any]:
    """The document's text in `language` as plain data (see the module's docstring)."""
    source = ROOT / "content" / document / f"{language}.yaml"
    loaded = load_localized(source).document
    builder = Builder(Project(ROOT), Options(check_only=True), ROOT / "build")
    statements = resolve(loaded, builder.registry, 612.0)
    sections = []
    for section in loaded.sections:
        blocks = [_block(block) for block in section.blocks]
        sections.append({"heading": _markup(section.heading) if section.heading else "", "blocks": blocks})
    return {
        "language": language,
        "title": _markup(loaded.title),
        "subtitle": _markup(loaded.subtitle) if loaded.subtitle else "",
        "sections": sections,
        "statements": [escape(s.text) for s in statements],
    }


def _block(block: object) -> dict[str, Any]:
    shape = _SHAPES.get(type(block).__name__, "paragraph")
    if shape == "table":
        rows = [[_markup(t) for t in _texts(row)] for row in getattr(block, "rows", ())]
        header = [_markup(t) for t in getattr(block, "columns", ())]
        return {"kind": "table", "rows": ([header] if header else []) + rows}
    texts = [_markup(t) for t in _texts(block)]
    if shape == "list":
        return {"kind": "list", "items": texts}
    return {"kind": shape, "text": "<br/>".join(texts)}


def _texts(node: object) -> list[Text]:
    """Every printed string under `node`, in order (alt text, which is never printed, left out)."""
    if isinstance(node, Text):
        return [node] if node.visible and node.plain else []
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        return [t for f in dataclasses.fields(node) if f.name != "where" for t in _texts(getattr(node, f.name))]
    if isinstance(node, (tuple, list)):
        return [t for item in node for t in _texts(item)]
    return []


def _markup(text: Text) -> str:
    out = []
    for run in text.runs:
        part = escape(run.text)
        part = f"<i>{part}</i>" if run.italic else part
        out.append(f"<b>{part}</b>" if run.bold else part)
    return "".join(out)


if __name__ == "__main__":
    Path(sys.argv[2]).write_text(json.dumps(text_of(sys.argv[1]), ensure_ascii=False), encoding="utf-8")
