"""Give shaped glyphs their text back: ToUnicode entries that point at private-use codes (ligatures and
contextual forms ReportLab had no character for) are rewritten to the characters each glyph stands for, so
Arabic and Urdu extract, search and read aloud as the words they are.
"""

from __future__ import annotations

import re

from pikepdf import Dictionary, Name, Pdf, Stream

from ..model import Document
from ..render import Rendered

_ENTRY = re.compile(rb"<([0-9A-F]{2})> <([0-9A-F]{4})>")


def restore_text(pdf: Pdf, rendered: Rendered, document: Document) -> None:
    recorded = rendered.shaping.faces
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
