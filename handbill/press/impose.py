"""Imposition: the pages of a finished print PDF placed onto press sheets, ready to print, cut and fold.

A print shop prints small pieces several to a sheet, and brochures and booklets as sheets that are folded after
printing, so pages must sit on each sheet in the order folding puts them back into. Each sheet gets its own
trim, bleed and marks; every page keeps its bleed only where it meets the sheet's outer edge, and is clipped
exactly at a fold or a cut so neighbours never paint over each other.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Pdf

from ..errors import BuildError
from .marks import SLUG, crop_marks, cut_marks, fold_marks

KINDS = ("two-up", "tri-fold", "booklet")
_TRI_FOLD_PANELS = 6

# What a press sheet carries over from the print file. Tags, outlines, links and page labels describe the
# single pages read on screen and would be wrong on a sheet of several pages.
_KEPT_IN_CATALOG = ("/OutputIntents", "/Lang", "/ViewerPreferences", "/Metadata")


@dataclass(frozen=True)
class _Plan:
    """What a kind makes of the pages: each sheet side's cells left to right (a 0-based page index, or None for a
    blank), and the lines across every sheet, counted in cells from its left edge, where it is cut or folded."""

    sheets: list[tuple[int | None, ...]]
    cuts: tuple[int, ...] = ()
    folds: tuple[int, ...] = ()


@dataclass(frozen=True)
class _Pages:
    """The finished pages' common trim size and the bleed every one of them has on all sides."""

    width: float
    height: float
    bleed: float


def _two_up(count: int) -> _Plan:
    """Each page twice side by side, cut apart in the middle; page k's sheet backs page k-1's, so a double-sided
    flyer is printed as it reads."""
    return _Plan([(page, page) for page in range(count)], cuts=(1,))


def _tri_fold(count: int) -> _Plan:
    """Panels 1-6 (cover, inside flap, inside left/middle/right, back) as the outside sheet [2, 6, 1] and the inside
    sheet [3, 4, 5]: folded, the cover is on top and the flap opens onto the inside spread. Content that ends on
    panel 5 leaves the back panel blank, as brochures that are mailed keep it for the address label."""
    if count not in (_TRI_FOLD_PANELS - 1, _TRI_FOLD_PANELS):
        raise BuildError(
            f"a tri-fold needs 5 or 6 panel pages (cover, inside flap, three inside panels, and the back "
            f"unless it stays blank), this PDF has {count}"
        )
    back = 5 if count == _TRI_FOLD_PANELS else None
    return _Plan([(1, back, 0), (2, 3, 4)], folds=(1, 2))


def _booklet(count: int) -> _Plan:
    """Saddle stitch: pages padded with blanks to a multiple of 4, each sheet printed both sides and folded once;
    the nested sheets put the pages back in order (sheet i: front [n-2i, 2i+1], back [2i+2, n-1-2i])."""
    if count < 3:
        raise BuildError(f"a booklet needs at least 3 pages, this PDF has {count}: impose a 1- or 2-page piece two-up")
    total = -(-count // 4) * 4
    sides = []
    for sheet in range(total // 4):
        sides += [(total - 2 * sheet, 2 * sheet + 1), (2 * sheet + 2, total - 1 - 2 * sheet)]
    return _Plan([tuple(number - 1 if number <= count else None for number in side) for side in sides], folds=(1,))


_PLANS = {"two-up": _two_up, "tri-fold": _tri_fold, "booklet": _booklet}


def _plan(kind: str, count: int, rtl: bool) -> _Plan:
    """Right-to-left pieces open the other way, so every sheet side's order is mirrored."""
    plan = _PLANS[kind](count)
    if not rtl:
        return plan
    return _Plan([side[::-1] for side in plan.sheets], plan.cuts, plan.folds)


def _box(page: pikepdf.Page, name: str) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = (float(value) for value in getattr(page, name))
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _measure(pdf: Pdf) -> _Pages:
    """Trim size and bleed from the pages' boxes; a screen PDF (no TrimBox) or mixed page sizes cannot be imposed."""
    sizes, bleeds = set(), []
    for number, page in enumerate(pdf.pages, 1):
        if Name.TrimBox not in page.obj:
            raise BuildError(f"page {number} has no TrimBox: only a print PDF (with trim and bleed) can be imposed")
        trim, bleed = _box(page, "trimbox"), _box(page, "bleedbox")
        sizes.add((round(trim[2] - trim[0], 2), round(trim[3] - trim[1], 2)))
        bleeds += [trim[0] - bleed[0], trim[1] - bleed[1], bleed[2] - trim[2], bleed[3] - trim[3]]
    if len(sizes) != 1:
        raise BuildError(
            f"pages differ in trim size ({', '.join(f'{w:g} x {h:g} pt' for w, h in sorted(sizes))}); imposition needs one size"
        )
    ((width, height),) = sizes
    return _Pages(width, height, max(0.0, min(bleeds)))


def _form(target: Pdf, page: pikepdf.Page) -> pikepdf.Object:
    """The page as a Form XObject in `target`, with its trim's lower-left corner at the origin and its bleed kept
    (the form would otherwise stop at the TrimBox). Copies share fonts and images, which are copied only once."""
    form = page.as_form_xobject(handle_transformations=False)
    x0, y0, _, _ = _box(page, "trimbox")
    form.BBox = Array(_box(page, "bleedbox"))
    form.Matrix = Array([1, 0, 0, 1, -x0, -y0])
    return target.copy_foreign(form)


def _rect(x0: float, y0: float, x1: float, y1: float) -> str:
    return f"{x0:.3f} {y0:.3f} {x1 - x0:.3f} {y1 - y0:.3f} re"


def _sheet(target: Pdf, cells: tuple[int | None, ...], forms: list[pikepdf.Object], pages: _Pages, plan: _Plan) -> None:
    """One press sheet side appended to `target`: the pages in their cells, then the marks over them."""
    width, height, bleed = pages.width, pages.height, pages.bleed
    trim = (SLUG, SLUG, SLUG + len(cells) * width, SLUG + height)
    content, xobjects = [], Dictionary()
    for index, page in enumerate(cells):
        if page is None:
            continue
        left = trim[0] + index * width
        clip = (
            left - (bleed if index == 0 else 0),
            trim[1] - bleed,
            left + width + (bleed if index == len(cells) - 1 else 0),
            trim[3] + bleed,
        )
        name = f"/Page{page + 1}"
        xobjects[name] = forms[page]
        content.append(f"q {_rect(*clip)} W n 1 0 0 1 {left:.3f} {trim[1]:.3f} cm {name} Do Q\n")
    content.append(crop_marks(trim, bleed))
    if plan.cuts:
        content.append(cut_marks(trim, bleed, [trim[0] + line * width for line in plan.cuts]))
    if plan.folds:
        content.append(fold_marks(trim, bleed, [trim[0] + line * width for line in plan.folds]))
    target.pages.append(
        pikepdf.Page(
            Dictionary(
                Type=Name.Page,
                MediaBox=Array([0, 0, trim[2] + SLUG, trim[3] + SLUG]),
                BleedBox=Array([trim[0] - bleed, trim[1] - bleed, trim[2] + bleed, trim[3] + bleed]),
                TrimBox=Array(trim),
                Resources=Dictionary(XObject=xobjects),
                Contents=target.make_stream("".join(content).encode("ascii")),
            )
        )
    )


def _document_level(source: Pdf, target: Pdf) -> None:
    """Output intent, language, document info, viewer preferences and XMP carried over; the XMP no longer claims
    PDF/UA, since a press sheet has no reading order."""
    # copy_foreign takes indirect objects only: one indirect carrier brings direct and indirect entries alike
    kept = {key: source.Root[key] for key in _KEPT_IN_CATALOG if key in source.Root}
    if Name.Info in source.trailer:
        kept["/Info"] = source.trailer.Info
    carried = target.copy_foreign(source.make_indirect(Dictionary(kept)))
    for key, value in carried.items():
        (target.trailer if key == "/Info" else target.Root)[key] = value
    if Name.Metadata in target.Root:
        with target.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
            if "pdfuaid:part" in meta:
                del meta["pdfuaid:part"]


def impose(pdf: bytes, kind: str, *, rtl: bool = False, invariant: bool = True) -> bytes:
    """Press sheets for the print PDF `pdf` imposed as `kind` (one of KINDS); `rtl` for right-to-left pieces,
    which open the other way. Deterministic bytes when `invariant`."""
    if kind not in KINDS:
        raise ValueError(f"unknown imposition {kind!r}; known kinds: {', '.join(KINDS)}")
    with pikepdf.open(io.BytesIO(pdf)) as source, pikepdf.new() as target:
        pages = _measure(source)
        plan = _plan(kind, len(source.pages), rtl)
        forms = [_form(target, page) for page in source.pages]
        for cells in plan.sheets:
            _sheet(target, cells, forms, pages, plan)
        _document_level(source, target)
        out = io.BytesIO()
        target.save(out, deterministic_id=invariant, object_stream_mode=pikepdf.ObjectStreamMode.generate, min_version="1.6")
    return out.getvalue()
