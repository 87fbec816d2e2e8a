"""Post-processing: turn ReportLab's PDF plus the recorded structure into the finished file.

Each step takes the open pikepdf document and the render record and changes the document in place; they run
in the order of `STEPS`, one small module each, so a new output variant is one more entry.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pikepdf

from ..model import Document
from ..render import Rendered
from . import accessibility, pdfx, structure, tounicode

Step = Callable[[pikepdf.Pdf, Rendered, Document], None]
STEPS: tuple[Step, ...] = (tounicode.restore_text, structure.build_tree, accessibility.document_level)


def finish(rendered: Rendered, document: Document, *, invariant: bool = True) -> bytes:
    """Apply every post-processing step and return the final PDF bytes (deterministic when `invariant`)."""
    with pikepdf.open(io.BytesIO(rendered.pdf)) as pdf:
        for step in STEPS:
            step(pdf, rendered, document)
        if rendered.press.cmyk:
            pdfx.identify(pdf, document.title.plain)  # a print file: PDF/X-4, which needs PDF 1.6
        out = io.BytesIO()
        pdf.save(
            out,
            deterministic_id=invariant,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            min_version="1.6" if rendered.press.cmyk else "",
        )
    return out.getvalue()
