"""Record the logical structure while ReportLab draws, so a later step can write a tagged (PDF/UA) file.

Each page's content is an Artifact by default; a `Tagged` flowable closes the artifact, opens a marked-content
sequence with a fresh MCID for its structure element, draws, and reopens the artifact. Structure elements
(`Tag`) are attached to their parents the first time they draw, so the tree follows reading order.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable


@dataclass(frozen=True)
class Marked:
    """One marked-content sequence: the page (0-based), its MCID and its box in page space."""

    page: int
    mcid: int
    bbox: tuple[float, float, float, float]


@dataclass(frozen=True)
class LinkRef:
    """A link annotation made while a tagged element was drawing."""

    page: int
    url: str
    rect: tuple[float, float, float, float]
    contents: str


@dataclass(eq=False)
class Tag:
    """A structure element: its role (P, H2, LI, TD, ...), parent, attributes and, once drawn, its kids."""

    role: str
    parent: Tag | None = None
    alt: str = ""
    actual_text: str = ""  # what a screen reader says: the source text, whole words, in reading order
    scope: str = ""  # Column or Row, for TH
    numbering: str = ""  # ListNumbering for L: Decimal for numbered steps
    outline: int = 0  # 1-based outline level for headings shown as bookmarks; 0 for none
    title: str = ""  # heading text for the outline
    links: dict[str, str] = field(default_factory=dict)  # url -> link text, for annotation descriptions
    section: str = ""  # for Sect: the content section's id, to say where content overflows
    lang: str = ""  # set where the language differs from the document's
    kids: list[Tag | Marked | LinkRef] = field(default_factory=list)
    attached: bool = False
    ident: int = 0  # numbered in reading order when attached
    seq: int = 0  # creation order among its parent's children = their logical order (see __post_init__)
    made: int = 0  # children created so far

    def __post_init__(self) -> None:
        if self.parent is not None:
            self.seq = self.parent.made
            self.parent.made += 1


class Structure:
    """The document's structure tree as drawn, plus per-page MCID counters."""

    def __init__(self, language: str):
        self.root = Tag("Document", attached=True)
        self.language = language
        self.count = 1
        self._next_mcid: dict[int, int] = {}
        self._open: list[Tag] = []
        self.page_bottoms: dict[int, float] = {}  # lowest point of tagged content on each page
        self.page_sections: dict[int, str] = {}  # the first section with content on each page

    def attach(self, tag: Tag) -> None:
        if tag.attached:
            return
        parent = tag.parent or self.root
        self.attach(parent)
        parent.kids.append(tag)
        tag.attached = True
        self.count += 1
        tag.ident = self.count

    @contextmanager
    def mark(self, canv: Any, tag: Tag, width: float, height: float) -> Iterator[None]:
        """Draw inside this block as marked content belonging to `tag`."""
        self.attach(tag)
        page = canv.getPageNumber() - 1
        mcid = self._next_mcid.get(page, 0)
        self._next_mcid[page] = mcid + 1
        x0, y0 = canv.absolutePosition(0, 0)
        x1, y1 = canv.absolutePosition(width, height)
        canv.addLiteral(f"EMC /{tag.role} <</MCID {mcid}>> BDC")
        self._open.append(tag)
        try:
            yield
        finally:
            self._open.pop()
            canv.addLiteral("EMC /Artifact BMC")
        tag.kids.append(Marked(page, mcid, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))))
        self.page_bottoms[page] = min(self.page_bottoms.get(page, y0), y0, y1)
        section = next((t.section for t in _ancestors(tag) if t.section), "")
        if section:
            self.page_sections.setdefault(page, section)
        if tag.outline and not any(isinstance(k, Marked) for k in tag.kids[:-1]):
            key = f"h{tag.ident}"
            canv.bookmarkPage(key, fit="XYZ", left=0, top=max(y0, y1) + 6, zoom=0)
            canv.addOutlineEntry(tag.title, key, level=tag.outline - 1, closed=False)

    def link(self, page: int, url: str, rect: tuple[float, float, float, float]) -> str:
        """Called for each link annotation; ties it to the element drawing it and returns its description."""
        tag = self._open[-1] if self._open else self.root
        link = Tag("Link", tag)
        self.attach(link)
        contents = tag.links.get(url, url)
        link.kids.append(LinkRef(page, url, rect, contents))
        return contents


def _ancestors(tag: Tag) -> Iterator[Tag]:
    node: Tag | None = tag
    while node is not None:
        yield node
        node = node.parent


class Tagged(Flowable):
    """Wraps a flowable so everything it draws is marked content of one structure element, recorded in `structure`."""

    def __init__(self, inner: Flowable, tag: Tag, structure: Structure):
        super().__init__()
        self.inner, self.tag, self.structure = inner, tag, structure
        self.hAlign = getattr(inner, "hAlign", "LEFT")

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(avail_width, avail_height)
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return [Tagged(part, self.tag, self.structure) for part in self.inner.split(avail_width, avail_height)]

    def minWidth(self) -> float:
        return self.inner.minWidth()

    def getSpaceBefore(self) -> float:
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.inner.getSpaceAfter()

    def getKeepWithNext(self) -> bool:
        """The inner flowable's wish, unless ReportLab has since cleared it on this wrapper (it does so once it
        has grouped the heading with what follows; asking the inner one again would group them forever)."""
        return self.__dict__.get("keepWithNext", self.inner.getKeepWithNext())

    def draw(self) -> None:
        with self.structure.mark(self.canv, self.tag, self.width, self.height):
            self.inner.drawOn(self.canv, 0, 0)
