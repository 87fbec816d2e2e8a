"""Document-level accessibility: MarkInfo, XMP metadata with the PDF/UA identifier, title display, outline view."""

from __future__ import annotations

from pikepdf import Dictionary, Name, Pdf

from .. import __version__
from ..model import Document
from ..render import Rendered


def document_level(pdf: Pdf, rendered: Rendered, document: Document) -> None:
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    if "/Outlines" in pdf.Root:
        pdf.Root.PageMode = Name.UseOutlines
    info = pdf.docinfo
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = document.title.plain
        meta["dc:creator"] = [document.organisation.name]
        meta["dc:language"] = [document.language]
        if "/Subject" in info:
            meta["dc:description"] = str(info.Subject)
        if document.keywords:
            meta["pdf:Keywords"] = ", ".join(document.keywords)
        meta["pdf:Producer"] = str(info.get("/Producer", ""))
        meta["xmp:CreatorTool"] = f"handbill {__version__}"
        meta["pdfuaid:part"] = "1"
