"""Fonts: the shipped families (registered with ReportLab on first use), per-language stacks, fallback per
run of text, and the glyph preflight that keeps missing-glyph boxes ("tofu") out of every PDF.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from .errors import ContentError, Problem
from .load import Located, load_yaml
from .memo import remembered
from .model import Document
from .paths import Confinement
from .reportlab_compat import face_name, forget_fonts, glyph_codes, pristine_copy
from .validate import validate

STYLES = ("regular", "bold", "italic", "bold_italic")


def face(family: str, bold: bool = False, italic: bool = False) -> str:
    """The ReportLab font name of one style of a registered family."""
    return f"{family}-{STYLES[bold + 2 * italic]}"


@dataclass
class FontLibrary:
    """The families of fonts/fonts.yaml; each is registered with ReportLab the first time it is used."""

    folder: Path
    located: Located
    fallback: tuple[str, ...]
    languages: dict[str, tuple[str, ...]]
    _coverage: dict[str, frozenset[int]] = field(default_factory=dict)
    _originals: dict[str, TTFont] = field(default_factory=dict)  # font name -> the font as first read
    _segments: dict[Hashable, list[tuple[str | None, str]]] = field(default_factory=dict)

    @property
    def specs(self) -> dict[str, Any]:
        return self.located.data["families"]

    def names(self) -> list[str]:
        return list(self.specs)

    def coverage(self, family: str) -> frozenset[int]:
        """The code points `family` can draw (its regular face's), registering the family if needed."""
        if family not in self._coverage:
            self._register(family)
            self._coverage[family] = glyph_codes(face(family))
        return self._coverage[family]

    def refresh_shaped(self, shaped: set[str]) -> None:
        """Register fresh copies of the families whose faces (PostScript names) shaping has used, so the glyph codes
        it assigns start over and a document's bytes do not depend on what was built before it in the same run."""
        for family in self._coverage:
            if {face_name(face(family, "bold" in s, "italic" in s)) for s in STYLES} & shaped:
                forget_fonts([face(family, "bold" in s, "italic" in s) for s in STYLES])
                self._register(family)

    def _register(self, family: str) -> None:
        spec = self.specs[family]
        names = {}
        for style in STYLES:
            file = spec.get(style) or spec["bold" if "bold" in style else "regular"]
            names[style] = font_name = face(family, "bold" in style, "italic" in style)
            if font_name in pdfmetrics.getRegisteredFontNames():
                continue
            if font_name in self._originals:  # registered afresh (see refresh_shaped): no need to read the file again
                pdfmetrics.registerFont(pristine_copy(self._originals[font_name]))
                continue
            try:
                font = TTFont(font_name, str(self.folder / file))
            except (OSError, TTFError) as exc:
                path = ("families", family, style if style in spec else "regular")
                raise ContentError(
                    [
                        Problem(
                            self.located.where(path),
                            ".".join(path),
                            f"cannot use {file}: {exc}",
                            "give a TrueType (.ttf) file in fonts/",
                        )
                    ]
                ) from None
            self._originals[font_name] = pristine_copy(font)
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(
            family, normal=names["regular"], bold=names["bold"], italic=names["italic"], boldItalic=names["bold_italic"]
        )

    def stack(self, language: str, family: str, overrides: dict[str, tuple[str, ...]] | None = None) -> FontStack:
        """Families for `language`: its preferred ones, then `family` (the brand's), then the fallback."""
        preferred = _for_language({**self.languages, **(overrides or {})}, language)
        order = tuple(dict.fromkeys(preferred + (family,) + self.fallback))
        self.coverage(order[0])  # the primary family is always used; the others load only when a run needs them
        return FontStack(order, self)


def _for_language(table: dict[str, tuple[str, ...]], language: str) -> tuple[str, ...]:
    return table.get(language) or table.get(language.split("-")[0]) or ()


def load_library(folder: Path) -> FontLibrary:
    """Read and check fonts/fonts.yaml: files and licences present, stacks naming known families."""
    located = load_yaml(folder / "fonts.yaml")
    validate(located, "fonts")
    data = located.data
    problems = []
    fonts_only = Confinement.of(folder)  # font files come from fonts/ itself, never from elsewhere on the machine
    for ident, spec in data["families"].items():
        for key in ("license", *STYLES):
            if key not in spec:
                continue
            where, field = located.where(("families", ident, key)), f"families.{ident}.{key}"
            refused = fonts_only.refusal(spec[key], folder, where, field, "font file")
            if refused:
                problems.append(refused)
            elif not (folder / spec[key]).is_file():
                problems.append(
                    Problem(where, field, f"{spec[key]} not found in {folder.name}/", "ship the file beside fonts.yaml")
                )
    for ident, spec in data["families"].items():
        if spec.get("text_layer", ident) not in data["families"] or spec.get("text_layer") == ident:
            problems.append(
                Problem(
                    located.where(("families", ident, "text_layer")),
                    f"families.{ident}.text_layer",
                    f"'{spec['text_layer']}' is not another font family",
                    f"use one of: {', '.join(f for f in data['families'] if f != ident)}",
                )
            )
    stacks = {("fallback",): data.get("fallback", [])} | {("languages", k): v for k, v in data.get("languages", {}).items()}
    for path, families in stacks.items():
        for i, family in enumerate(families):
            if family not in data["families"]:
                problems.append(
                    Problem(
                        located.where(path + (i,)),
                        ".".join(map(str, path)),
                        f"unknown font family '{family}'",
                        f"use one of: {', '.join(data['families'])}",
                    )
                )
    if problems:
        raise ContentError(problems)
    return FontLibrary(
        folder, located, tuple(data.get("fallback", [])), {k: tuple(v) for k, v in data.get("languages", {}).items()}
    )


@dataclass(frozen=True)
class FontStack:
    """Families in order of preference; each run of text goes to the first family that has its characters."""

    families: tuple[str, ...]
    library: FontLibrary

    @property
    def primary(self) -> str:
        return self.families[0]

    @property
    def line_height(self) -> float:
        """The smallest line height, as a multiple of the size, that the primary family needs."""
        return float(self.library.specs[self.primary].get("line_height", 0))

    def text_layers(self, family: str, text: str, bold: bool = False, italic: bool = False) -> list[tuple[str | None, str]]:
        """`text`, set in `family`, cut into parts, each with the font its characters are drawn in for viewers,
        invisible, while `family`'s glyphs are drawn as outlines (the family's `text_layer`, registered on first
        use; see layout/bidi.py), or None: drawn as text, as most families' text is, and the characters the
        layer's family lacks (Nastaliq's brackets and dashes, which sit on the baseline)."""
        layer = self.library.specs[family].get("text_layer")
        if not layer or not text:
            return [(None, text)] if text else []
        covered, name = self.library.coverage(layer), face(layer, bold, italic)
        return [(font, "".join(chars)) for font, chars in groupby(text, lambda char: name if ord(char) in covered else None)]

    def family_for(self, char: str, current: str | None = None) -> str | None:
        code = ord(char)
        if current and code in self.library.coverage(current) and _neutral(char):
            return current  # spaces, punctuation and digits stay with the text around them
        return next((f for f in self.families if code in self.library.coverage(f)), None)

    def segments(self, text: str) -> list[tuple[str | None, str]]:
        """`text` cut into runs, each with the family that draws it (None: no family has those characters)."""
        if self.library.coverage(self.primary).issuperset(map(ord, text)):  # nearly always: one run, found at C speed
            return [(self.primary, text)] if text else []
        # the fit lays a document out several times: cut each text once
        return remembered(self.library._segments, (self.families, text), lambda: self._cut(text), 50_000)

    def _cut(self, text: str) -> list[tuple[str | None, str]]:
        out: list[tuple[str | None, str]] = []
        current: str | None = self.primary
        for char in text:
            family = self.family_for(char, current)
            if out and out[-1][0] == family:
                out[-1] = (family, out[-1][1] + char)
            else:
                out.append((family, char))
            current = family or current
        return out

    def markup(self, base: str) -> Any:
        """A text-to-markup function for inline.to_markup: escaped text, with <font> where a run needs another family."""

        def convert(text: str) -> str:
            return "".join(
                escape(part) if family in (base, None) else f'<font face="{face(family)}">{escape(part)}</font>'
                for family, part in self.segments(text)
            )

        return convert

    def missing(self, text: str) -> list[str]:
        return [c for c in dict.fromkeys(text) if not _ignorable(c) and self.family_for(c) is None]


def _neutral(char: str) -> bool:
    return unicodedata.category(char)[0] in "PZSN"


def _ignorable(char: str) -> bool:
    return char in "\n\t" or unicodedata.category(char) in ("Cf", "Cc")


def preflight(document: Document, stacks: list[FontStack]) -> None:
    """Every printed character must have a glyph in the document's font stacks; else name it and where it is."""
    problems = []
    for text in document.texts():
        for stack in stacks:
            for char in stack.missing(text.plain):
                problems.append(
                    Problem(
                        text.where,
                        text.key,
                        f"no font has '{char}' (U+{ord(char):04X} {unicodedata.name(char, 'unnamed')})",
                        f"replace the character, or add a font that has it to fonts/fonts.yaml "
                        f"(tried: {', '.join(stack.families)})",
                    )
                )
            break
    if problems:
        raise ContentError(problems)
