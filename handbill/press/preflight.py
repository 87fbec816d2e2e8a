"""Preflight: the checks a print shop runs on a file, run before the print file is written.

A printer rejects a file, or prints it wrong, for a handful of reasons: a font it cannot find, RGB colour that
its press converts its own way, pictures that print soft, and text cut off at the trim or too small to read. Each
failure names the document, the page and the item, so whoever reads it can fix the content without opening the
PDF. (That every required disclaimer is there, whole, on the last page is checked on the same file just before,
by `checks.check_disclaimers`, which every build runs.)
"""

from __future__ import annotations

import ctypes
import io
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import NamedTuple

import pikepdf
import pypdfium2
import pypdfium2.raw as pdfium
from pikepdf import Array, Dictionary, Matrix, Name, Object, Stream

_NOT_CMYK = "print needs CMYK or grey"
_COLOUR_HINT = "(hint: give the colour as CMYK)"
_IMAGE_HINT = "(hint: convert the picture to CMYK)"


def preflight(pdf: bytes, name: str, *, safe_margin: float = 9.0, min_text: float = 7.0, min_ppi: float = 300.0) -> list[str]:
    """Why `pdf` cannot go to press, one sentence per problem; an empty list means it is ready."""
    try:
        with pikepdf.open(io.BytesIO(pdf)) as document:
            drawn = [_object_problems(page, min_ppi) for page in document.pages]
        read = _text_problems(pdf, safe_margin, min_text)
    except (pikepdf.PdfError, pypdfium2.PdfiumError) as exc:
        return [f"{name}: the PDF cannot be read ({_reason(exc)}); it cannot go to press"]
    return [
        f"{name}, page {number}: {problem}"
        for number, (objects, text) in enumerate(zip(drawn, read), start=1)
        for problem in objects + text
    ]


def _reason(exc: Exception) -> str:
    """The error without the name of the in-memory stream that pikepdf puts before it."""
    return re.sub(r"^stream <[^>]*>: ", "", str(exc))


# The content-stream walker


@dataclass(frozen=True)
class _Space:
    """The colour space colours are set in: as the content stream names it, and what that name stands for."""

    label: str
    value: Object


@dataclass(frozen=True)
class _State:
    """The part of the graphics state the checks need; q saves it and Q restores it."""

    ctm: Matrix
    fill: _Space
    stroke: _Space


class _Op(NamedTuple):
    """One operator as it is painted: with the graphics state it meets and the resources its names refer to."""

    operator: str
    operands: list[Object]
    state: _State
    resources: Object


_DEVICE_SPACES = {
    "rg": "/DeviceRGB",
    "RG": "/DeviceRGB",
    "k": "/DeviceCMYK",
    "K": "/DeviceCMYK",
    "g": "/DeviceGray",
    "G": "/DeviceGray",
}
_SPACE_SELECTORS = ("cs", "CS")


def _page_ops(page: pikepdf.Page) -> list[_Op]:
    """Every operator the page paints, including those inside its forms and tiling patterns."""
    gray = _Space("DeviceGray", Name.DeviceGray)
    start = _State(Matrix(), gray, gray)
    return list(_walk(page.obj, page.obj.get("/Resources", Dictionary()), start, frozenset()))


def _walk(content: Object, resources: Object, state: _State, inside: frozenset[tuple[int, int]]) -> Iterator[_Op]:
    """The operators of one content stream with the state each meets; forms and tiling patterns are walked where
    they are used, so a picture inside a form gets the form's placement. `inside` stops a form that uses itself."""
    saved: list[_State] = []
    for instruction in pikepdf.parse_content_stream(content):
        op, operands = str(instruction.operator), list(instruction.operands)
        if op == "q":
            saved.append(state)
        elif op == "Q" and saved:
            state = saved.pop()
        elif op == "cm" and len(operands) == 6:
            state = replace(state, ctm=Matrix(*map(float, operands)) @ state.ctm)
        elif op in _DEVICE_SPACES or (op in _SPACE_SELECTORS and operands):
            state = _with_space(state, op, operands, resources)
        used = _Op(op, operands, state, resources)
        yield used
        yield from _nested(used, inside)


def _with_space(state: _State, op: str, operands: list[Object], resources: Object) -> _State:
    """The state after `op` selects a colour space: by name (cs, CS), or a device space with its colour (rg, k, g)."""
    if op in _SPACE_SELECTORS:
        space = _Space(str(operands[0])[1:], _named_space(operands[0], resources))
    else:
        space = _Space(_DEVICE_SPACES[op][1:], Name(_DEVICE_SPACES[op]))
    return replace(state, fill=space) if op.islower() else replace(state, stroke=space)


def _nested(op: _Op, inside: frozenset[tuple[int, int]]) -> Iterator[_Op]:
    """The operators of the form (Do) or tiling pattern (scn, SCN) that `op` paints, if any."""
    if op.operator == "Do":
        inner, matrix = _resource(op, "/XObject"), op.state.ctm
        if inner is None or inner.get("/Subtype") != Name.Form:
            return
    elif op.operator in ("scn", "SCN"):
        inner, matrix = _resource(op, "/Pattern"), Matrix()
        if inner is None or inner.get("/PatternType") != 1:
            return
    else:
        return
    if not isinstance(inner, Stream) or inner.objgen in inside:
        return
    if "/Matrix" in inner:
        matrix = Matrix(*map(float, inner.Matrix)) @ matrix
    resources = inner.get("/Resources", op.resources)
    yield from _walk(inner, resources, replace(op.state, ctm=matrix), inside | {inner.objgen})


def _name(op: _Op) -> Name | None:
    """The resource name among the operator's operands: the font of Tf, the picture or form of Do, the pattern
    of scn, the shading of sh."""
    return next((operand for operand in op.operands if isinstance(operand, Name)), None)


def _resource(op: _Op, category: str) -> Object | None:
    """The resource (a font, picture, form, pattern or shading) the operator names."""
    name = _name(op)
    return None if name is None else op.resources.get(category, Dictionary()).get(name)


def _named_space(value: Object, resources: Object) -> Object:
    """A colour space as a content stream names it: a resource name stands for the space in the resources."""
    if isinstance(value, Name):
        return resources.get("/ColorSpace", Dictionary()).get(value, value)
    return value


# Fonts


def _font_problems(ops: list[_Op]) -> list[str]:
    """Fonts the page uses (Tf) without carrying them: the printer's RIP would substitute its own."""
    problems = []
    for op in ops:
        font = _resource(op, "/Font") if op.operator == "Tf" else None
        if isinstance(font, Dictionary) and not _embedded(font):
            problems.append(
                f"font '{str(font.get('/BaseFont', _name(op)))[1:]}' is not embedded; print needs "
                "every font embedded (hint: use one of the project's fonts, which are embedded)"
            )
    return problems


def _embedded(font: Object) -> bool:
    """Does the font carry its glyphs: a font file on its descriptor (a Type0 font's, on its descendant's)?
    Type3 fonts draw their glyphs as content and need no file."""
    if font.get("/Subtype") == Name.Type3:
        return True
    if font.get("/Subtype") == Name.Type0:
        descendants = font.get("/DescendantFonts", Array())
        return len(descendants) > 0 and all(_embedded(descendant) for descendant in descendants)
    descriptor = font.get("/FontDescriptor", Dictionary())
    return any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))


# Colour


_RGB_FAMILIES = {"/DeviceRGB": "DeviceRGB", "/RGB": "DeviceRGB", "/CalRGB": "CalRGB"}


def _rgb(space: Object) -> str | None:
    """What makes a colour space RGB, in words (None if it is not): device or calibrated RGB, a three-component
    ICC profile, or a palette or pattern on one of those."""
    if isinstance(space, Name):
        return _RGB_FAMILIES.get(str(space))
    if not isinstance(space, Array) or len(space) < 2:
        return None
    family = str(space[0])
    if family in _RGB_FAMILIES:
        return _RGB_FAMILIES[family]
    if family == "/ICCBased" and isinstance(space[1], Stream) and space[1].get("/N") == 3:
        return "ICCBased, 3 components"
    if family in ("/Indexed", "/I", "/Pattern"):
        base = _rgb(space[1])
        return f"{'Indexed' if family == '/I' else family[1:]} on {base}" if base else None
    return None


def _colour_problems(ops: list[_Op]) -> list[str]:
    """RGB anywhere on the page: colour operators, pictures and shadings, in the page and in what it uses."""
    problems = []
    for op in ops:
        problem = _rgb_operator(op) or _rgb_picture(op) or _rgb_shading(op)
        if problem:
            problems.append(problem)
    return problems


def _rgb_operator(op: _Op) -> str | None:
    """An operator that sets RGB colour: rg/RG, or sc/scn/SC/SCN while an RGB colour space is selected."""
    if op.operator in ("rg", "RG"):
        return f"colour is set in RGB ('{op.operator}'); {_NOT_CMYK} {_COLOUR_HINT}"
    if op.operator not in ("sc", "scn", "SC", "SCN"):
        return None
    space = op.state.fill if op.operator.islower() else op.state.stroke
    rgb = _rgb(space.value)
    if rgb is None:
        return None
    return f"colour is set in RGB ('{op.operator}' in colour space '{space.label}', {rgb}); {_NOT_CMYK} {_COLOUR_HINT}"


def _rgb_picture(op: _Op) -> str | None:
    """A picture (XObject or inline) whose pixels are RGB."""
    picture = _picture(op)
    if picture is None:
        return None
    label, image = picture
    rgb = _rgb(_named_space(image.get("/ColorSpace", Name.DeviceGray), op.resources))
    return f"{label} is RGB ({rgb}); {_NOT_CMYK} {_IMAGE_HINT}" if rgb else None


def _rgb_shading(op: _Op) -> str | None:
    """A smooth shading in RGB, painted with sh or as a shading pattern."""
    if op.operator == "sh":
        label, shading = f"shading '{str(_name(op))[1:]}'", _resource(op, "/Shading")
    elif op.operator in ("scn", "SCN"):
        pattern = _resource(op, "/Pattern")
        if not isinstance(pattern, Dictionary) or pattern.get("/PatternType") != 2:
            return None
        label, shading = f"shading pattern '{str(_name(op))[1:]}'", pattern.get("/Shading")
    else:
        return None
    rgb = (
        _rgb(_named_space(shading.get("/ColorSpace", Name.DeviceGray), op.resources)) if isinstance(shading, Dictionary) else None
    )
    return f"{label} is RGB ({rgb}); {_NOT_CMYK} {_COLOUR_HINT}" if rgb else None


# Pictures


def _picture(op: _Op) -> tuple[str, Object] | None:
    """The picture `op` paints, as the failure names it, and its image dictionary."""
    if op.operator == "INLINE IMAGE":
        return "an inline image", op.operands[0].obj
    if op.operator == "Do":
        image = _resource(op, "/XObject")
        if isinstance(image, Stream) and image.get("/Subtype") == Name.Image:
            return f"image '{str(_name(op))[1:]}'", image
    return None


def _resolution_problems(ops: list[_Op], min_ppi: float) -> list[str]:
    """Pictures with fewer pixels per inch, at the size they are placed, than the press needs to print them sharp."""
    problems = []
    for op in ops:
        picture = _picture(op)
        if picture is None:
            continue
        label, image = picture
        wide, high = math.hypot(op.state.ctm.a, op.state.ctm.b), math.hypot(op.state.ctm.c, op.state.ctm.d)
        if not wide or not high:
            continue
        ppi = min(int(image.get("/Width", 0)) / (wide / 72), int(image.get("/Height", 0)) / (high / 72))
        if round(ppi) < min_ppi:
            problems.append(
                f"{label} is {ppi:.0f} ppi at its placed size ({wide / 72:.2f} x {high / 72:.2f} in); "
                f"print needs at least {min_ppi:g} ppi (hint: use a larger original or place it smaller)"
            )
    return problems


def _object_problems(page: pikepdf.Page, min_ppi: float) -> list[str]:
    """The page's problems with what it draws: fonts, colour and pictures, each told once."""
    try:
        ops = _page_ops(page)
    except pikepdf.PdfError as exc:
        return [f"the page's content cannot be read ({_reason(exc)})"]
    return list(dict.fromkeys(_font_problems(ops) + _colour_problems(ops) + _resolution_problems(ops, min_ppi)))


# Text, as a viewer sees it


class _Char(NamedTuple):
    """One character as PDFium lays it out: its ink box and the size it is set in on the page."""

    text: str
    box: tuple[float, float, float, float]
    size: float
    shown: bool  # drawn by the page, with ink: not a space, nor one PDFium adds for a line break

    @property
    def breaks_line(self) -> bool:
        return self.text in ("\r", "\n")


def _chars(textpage: pypdfium2.PdfTextPage) -> list[_Char]:
    """The page's characters, with their size as set on the page: the font size times the text and graphics
    scaling (FPDFText_GetFontSize alone is the size before scaling)."""
    chars = []
    matrix = pdfium.FS_MATRIX()
    for index in range(textpage.count_chars()):
        text = textpage.get_text_range(index, 1)
        pdfium.FPDFText_GetMatrix(textpage.raw, index, ctypes.byref(matrix))
        size = pdfium.FPDFText_GetFontSize(textpage.raw, index) * math.hypot(matrix.c, matrix.d)
        generated = pdfium.FPDFText_IsGenerated(textpage.raw, index) == 1
        chars.append(_Char(text, textpage.get_charbox(index), size, bool(text.strip()) and not generated))
    return chars


def _first_run(chars: list[_Char], offends: Callable[[_Char], bool]) -> tuple[list[_Char], str]:
    """The offending characters on the first line that has any, and an excerpt from the word the first of them is
    in to the end of the line: a reader finds words on the page more easily than letters."""
    first = next((i for i, char in enumerate(chars) if char.shown and offends(char)), None)
    if first is None:
        return [], ""
    end = next((i for i in range(first, len(chars)) if chars[i].breaks_line), len(chars))
    start = first
    while start > 0 and chars[start - 1].shown:
        start -= 1
    run = [char for char in chars[first:end] if char.shown and offends(char)]
    return run, _excerpt("".join(char.text for char in chars[start:end]))


def _excerpt(text: str, limit: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _safe_area_problem(chars: list[_Char], trim: tuple[float, float, float, float], margin: float) -> str | None:
    """The first text closer to the trim than the safe margin: trimming wanders, and may cut it."""
    left, bottom, right, top = trim

    def inside(char: _Char) -> float:
        x0, y0, x1, y1 = char.box
        return round(min(x0 - left, y0 - bottom, right - x1, top - y1), 1)

    run, excerpt = _first_run(chars, lambda char: inside(char) < margin)
    if not run:
        return None
    distance = min(inside(char) for char in run)
    where = f"{distance:.1f} pt inside" if distance >= 0 else f"{-distance:.1f} pt beyond"
    return (
        f"text '{excerpt}' is {where} the trim edge; print needs text at least {margin:g} pt inside the trim "
        "(hint: move it further from the edge)"
    )


def _size_problem(chars: list[_Char], min_text: float) -> str | None:
    """The smallest text on the page, if it is smaller than print can reproduce legibly."""
    sizes = [round(char.size, 1) for char in chars if char.shown]
    smallest = min(sizes, default=min_text)
    if smallest >= min_text:
        return None
    _, excerpt = _first_run(chars, lambda char: round(char.size, 1) == smallest)
    return f"text '{excerpt}' is {smallest:.1f} pt; print needs at least {min_text:g} pt (hint: set it larger)"


def _text_problems(pdf: bytes, safe_margin: float, min_text: float) -> list[list[str]]:
    """Each page's text problems."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        problems = []
        for page in document:
            chars = _chars(page.get_textpage())
            found = [_safe_area_problem(chars, page.get_trimbox(), safe_margin), _size_problem(chars, min_text)]
            problems.append([problem for problem in found if problem])
        return problems
    finally:
        document.close()
