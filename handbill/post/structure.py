"""Write the structure tree recorded while rendering: StructTreeRoot, ParentTree, MCID references, link OBJRs.

Every element gets a unique /ID (listed in the IDTree); table headers carry their /Scope; numbered lists their
/ListNumbering; figures their /Alt and /BBox; list labels their /ActualText; each link annotation a /StructParent
pointing to its Link element.
"""

from __future__ import annotations

from typing import Any

from pikepdf import Array, Dictionary, Name, Pdf, String

from ..layout.tags import LinkRef, Marked, Tag
from ..model import Document
from ..render import Rendered


def build_tree(pdf: Pdf, rendered: Rendered, document: Document) -> None:
    tree = _TreeWriter(pdf)
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    top = tree.element(rendered.structure.root, root)
    nums: list[Any] = []
    for index, page in enumerate(pdf.pages):
        page.obj.StructParents = index
        page.obj.Tabs = Name.S
        marks = tree.page_marks.get(index, {})
        nums.extend([index, pdf.make_indirect(Array([marks[m] for m in sorted(marks)]))])
    for key, element in tree.annotation_parents:
        nums.extend([key, element])
    root.K = Array([top])
    root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = len(pdf.pages) + len(tree.annotation_parents)
    root.IDTree = Dictionary(Names=Array([x for ident in sorted(tree.ids) for x in (String(ident), tree.ids[ident])]))
    pdf.Root.StructTreeRoot = root


class _TreeWriter:
    def __init__(self, pdf: Pdf):
        self.pdf = pdf
        self.page_marks: dict[int, dict[int, Dictionary]] = {}
        self.annotation_parents: list[tuple[int, Dictionary]] = []
        self.ids: dict[str, Dictionary] = {}

    def element(self, tag: Tag, parent: Dictionary) -> Dictionary:
        ident = f"e{tag.ident}"
        element = self.pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + tag.role), P=parent, ID=String(ident)))
        self.ids[ident] = element
        kids = Array()
        children = tag.kids
        if all(isinstance(k, Tag) for k in children):  # e.g. mirrored table cells: logical, not drawing, order
            children = sorted(children, key=lambda k: k.seq)  # type: ignore[union-attr]
        for kid in children:
            if isinstance(kid, Tag):
                kids.append(self.element(kid, element))
            elif isinstance(kid, Marked):
                kids.append(Dictionary(Type=Name.MCR, Pg=self.pdf.pages[kid.page].obj, MCID=kid.mcid))
                self.page_marks.setdefault(kid.page, {})[kid.mcid] = element
            else:
                kids.append(self._link(kid, element))
        element.K = kids
        self._attributes(tag, element)
        return element

    def _link(self, link: LinkRef, element: Dictionary) -> Dictionary:
        page = self.pdf.pages[link.page]
        for annot in page.obj.get("/Annots", Array()):
            if annot.get("/Subtype") == Name.Link and "/StructParent" not in annot and _same_rect(annot.Rect, link.rect):
                key = len(self.pdf.pages) + len(self.annotation_parents)
                annot.StructParent = key
                self.annotation_parents.append((key, element))
                return Dictionary(Type=Name.OBJR, Obj=annot, Pg=page.obj)
        raise ValueError(f"link annotation for {link.url} not found on page {link.page + 1}")

    @staticmethod
    def _attributes(tag: Tag, element: Dictionary) -> None:
        if tag.alt:
            element.Alt = String(tag.alt)
        if tag.actual_text:
            element.ActualText = String(tag.actual_text)
        if tag.lang:
            element.Lang = String(tag.lang)
        if tag.scope:
            element.A = Dictionary(O=Name.Table, Scope=Name("/" + tag.scope))
        if tag.numbering:
            element.A = Dictionary(O=Name.List, ListNumbering=Name("/" + tag.numbering))
        if tag.role == "Figure":
            boxes = [k.bbox for k in tag.kids if isinstance(k, Marked)]
            if boxes:
                element.A = Dictionary(O=Name.Layout, BBox=Array([round(v, 2) for v in boxes[0]]))
        if tag.role == "Link":
            element.Alt = String(next(k.contents for k in tag.kids if isinstance(k, LinkRef)))


def _same_rect(rect: Any, other: tuple[float, float, float, float]) -> bool:
    return all(abs(float(a) - b) < 0.01 for a, b in zip(rect, other))
