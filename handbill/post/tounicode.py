"""Give shaped glyphs their text back: the ToUnicode entries of the private-use codes right-to-left paragraphs drew
(joined forms, ligatures and presentation forms, each drawn under a code of its own) are rewritten to the
characters each glyph stands for, as the render's ShapingRecord noted them, so Arabic and Urdu extract, search
and read aloud as the words they are.
"""

from __future__ import annotations

import re

from pikepdf import Dictionary, Name, Pdf, Stream

from ..layout.context import ShapingRecord
from ..model import Document
from ..render import Rendered

_ENTRY = re.compile(rb"<([0-9A-F]{2})> <([0-9A-F]{4})>")


def restore_text(pdf: Pdf, rendered: Rendered, document: Document) -> None:
    rewrite(pdf, rendered.shaping)


def rewrite(pdf: Pdf, shaping: ShapingRecord) -> None:
    """Rewrite the ToUnicode entries `shaping` recorded, in every font of every page."""
    recorded = shaping.faces
    if not recorded:
        return
    done: set[tuple[int, int]] = set()
    for page in pdf.pages:
        resources = page.obj.get("/Resources", Dictionary())
        for font in resources.get("/Font", Dictionary()).values():
            cmap = font.get("/ToUnicode")
            if not isinstance(cmap, Stream) or cmap.objgen in done:
                continue
            done.add(cmap.objgen)
            table = recorded.get(str(font.get("/BaseFont", Name("/x")))[1:].split("+")[-1])
            if table:
                _rewrite(cmap, table)


def _rewrite(cmap: Stream, table: dict[int, str]) -> None:
    def replace(match: re.Match[bytes]) -> bytes:
        text = table.get(int(match.group(2), 16))
        if text is None:
            return match.group(0)
        return b"<" + match.group(1) + b"> <" + text.encode("utf-16-be").hex().upper().encode() + b">"

    cmap.write(_ENTRY.sub(replace, cmap.read_bytes()))
