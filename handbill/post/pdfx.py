"""PDF/X-4 identification of a print file: the output intent and the Info and XMP entries ISO 15930-7 asks for.

A print shop's preflight reads these to know which press and paper the CMYK values were separated for, and refuses
a file without them. The PDF/UA identification and the tags stay: a print file is still read by screen readers.
"""

from __future__ import annotations

import uuid

from pikepdf import Array, Dictionary, Name, Pdf, String
from pikepdf.models.metadata import decode_pdf_date

from ..press.colour import PRESS_CONDITION, OutputCondition

PDFX_VERSION = "PDF/X-4"
PDF_VERSION = "1.6"  # PDF/X-4 is defined on PDF 1.6


def identify(pdf: Pdf, title: str, condition: OutputCondition = PRESS_CONDITION) -> None:
    """Make an open, tagged document with page boxes a PDF/X-4 file printed under `condition`.

    The dates come from the Info dictionary ReportLab wrote, never the clock, so a build stays reproducible.
    The catalog declares PDF 1.6; save with `min_version="1.6"` (and no later version) so the header says so too.
    """
    created, modified = _dates(pdf)
    pdf.Root.OutputIntents = Array([_output_intent(pdf, condition)])
    if pdf.pdf_version < PDF_VERSION:
        pdf.Root.Version = Name("/" + PDF_VERSION)
    info = pdf.docinfo
    info.Title = String(title)
    info.GTS_PDFXVersion = String(PDFX_VERSION)
    info.Trapped = Name("/False")
    if "/ModDate" not in info:
        info.ModDate = info.CreationDate
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = title
        meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
        meta["pdf:Trapped"] = "False"
        meta["xmp:CreateDate"] = created
        meta["xmp:ModifyDate"] = modified
        meta["xmp:MetadataDate"] = modified
        meta["xmpMM:DocumentID"] = _document_id(title, created)
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"


def _document_id(title: str, created: str) -> str:
    """A name-based UUID of the title and creation date. XMP's DocumentID names a document across its versions
    and renditions, so the screen and print files of one handout share it while every language (its own title)
    gets its own; and the same build always gives the same ID."""
    return f"uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'handbill:{title}:{created}')}"


def _dates(pdf: Pdf) -> tuple[str, str]:
    """The Info dictionary's creation and modification dates in XMP's form (ISO 8601); XMP and Info must agree."""
    info = pdf.docinfo
    if "/CreationDate" not in info:
        raise ValueError("a PDF/X file needs a creation date in its Info dictionary")
    created = decode_pdf_date(str(info.CreationDate))
    modified = decode_pdf_date(str(info.ModDate)) if "/ModDate" in info else created
    return created.isoformat(), modified.isoformat()


def _output_intent(pdf: Pdf, condition: OutputCondition) -> Dictionary:
    profile = pdf.make_stream(condition.profile.read_bytes(), N=4)
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFX,
        OutputConditionIdentifier=String(condition.identifier),
        RegistryName=String(condition.registry),
        Info=String(condition.info),
        DestOutputProfile=profile,
    )
