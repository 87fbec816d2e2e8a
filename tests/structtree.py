"""Reading a tagged PDF's structure back, two ways: pypdf (objects) and PDFium (an independent parser)."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject


@dataclass
class Element:
    role: str
    obj: DictionaryObject
    kids: list[Element] = field(default_factory=list)
    mcids: list[tuple[int, int]] = field(default_factory=list)  # (page index, mcid)
    annots: list[DictionaryObject] = field(default_factory=list)

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()


def tree(pdf: Path) -> tuple[PdfReader, Element]:
    """The structure tree as read by pypdf, with each element's MCIDs and link annotations."""
    reader = PdfReader(pdf)
    page_index = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}
    root = reader.trailer["/Root"]["/StructTreeRoot"]

    def build(obj: DictionaryObject, inherited_page: int | None) -> Element:
        element = Element(str(obj["/S"])[1:], obj)
        page = page_index[obj.raw_get("/Pg").idnum] if "/Pg" in obj else inherited_page
        kids = obj.get("/K", [])
        kids = kids if isinstance(kids, list) else [kids]
        for kid in kids:
            kid = kid.get_object() if hasattr(kid, "get_object") else kid
            if isinstance(kid, int):
                element.mcids.append((page, kid))
            elif kid.get("/Type") == "/MCR":
                element.mcids.append((page_index[kid.raw_get("/Pg").idnum], int(kid["/MCID"])))
            elif kid.get("/Type") == "/OBJR":
                element.annots.append(kid["/Obj"].get_object())
            else:
                element.kids.append(build(kid, page))
        return element

    top = root["/K"]
    top = top[0] if isinstance(top, list) else top
    return reader, build(top.get_object(), None)


def content_marks(reader: PdfReader, page: int) -> tuple[list[tuple[str, int | None, bool]], list[tuple[bytes, str | None]]]:
    """A page's marked-content sequences as (tag, mcid, nested in an artifact), and its painting operators
    as (operator, tag of the innermost enclosing sequence or None)."""
    stream = ContentStream(reader.pages[page].get_contents(), reader)
    stack: list[str] = []
    sequences, painting = [], []
    for operands, operator in stream.operations:
        if operator in (b"BDC", b"BMC"):
            tag = str(operands[0])[1:]
            props = operands[1] if operator == b"BDC" else {}
            mcid = int(props["/MCID"]) if isinstance(props, dict) and "/MCID" in props else None
            sequences.append((tag, mcid, "Artifact" in stack))
            stack.append(tag)
        elif operator == b"EMC":
            stack.pop()
        elif operator in (b"Tj", b"TJ", b"'", b'"', b"Do", b"f", b"f*", b"S", b"B", b"b"):
            painting.append((operator, stack[-1] if stack else None))
    assert not stack, "unbalanced marked content"
    return sequences, painting


def pdfium_tree(pdf: Path) -> list[list[tuple[str, list[int]]]]:
    """Per page, the structure elements PDFium finds (depth-first), each as (type, its MCIDs)."""
    doc = pypdfium2.PdfDocument(pdf)
    pages = []
    for page in doc:
        tree_handle = pdfium.FPDF_StructTree_GetForPage(page.raw)
        found: list[tuple[str, list[int]]] = []

        def visit(element, found: list = found) -> None:
            size = pdfium.FPDF_StructElement_GetType(element, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium.FPDF_StructElement_GetType(element, buffer, size)
            role = buffer.raw[:size].decode("utf-16-le").rstrip("\x00")
            count = pdfium.FPDF_StructElement_GetMarkedContentIdCount(element)
            mcids = [pdfium.FPDF_StructElement_GetMarkedContentIdAtIndex(element, i) for i in range(max(count, 0))]
            found.append((role, mcids))
            for i in range(pdfium.FPDF_StructElement_CountChildren(element)):
                child = pdfium.FPDF_StructElement_GetChildAtIndex(element, i)
                if child:
                    visit(child)

        for i in range(pdfium.FPDF_StructTree_CountChildren(tree_handle)):
            visit(pdfium.FPDF_StructTree_GetChildAtIndex(tree_handle, i))
        pdfium.FPDF_StructTree_Close(tree_handle)
        pages.append(found)
    return pages


def outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


def xmp(reader: PdfReader) -> str:
    return reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
