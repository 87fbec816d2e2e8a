"""Make the CJK fonts in fonts/ from Noto Sans CJK (SIL OFL 1.1), as shipped by Debian's fonts-noto-cjk.

ReportLab embeds TrueType (glyf) outlines only and Noto Sans CJK has CFF outlines, so this subsets each face
to the characters handouts need and converts its outlines to TrueType with fontTools:
- Simplified Chinese: GB 2312 (6,763 hanzi and its symbols), CJK punctuation and full-width forms.
- Korean: all 11,172 Hangul syllables, compatibility jamo, KS X 1001 (its hanja and symbols).
Both keep ASCII and Latin-1, so acronyms such as IEP render in the same face.

Run: apt-get install fonts-noto-cjk && pip install fonttools && python tools/make_cjk_fonts.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

SOURCE = Path("/usr/share/fonts/opentype/noto")
OUT = Path(__file__).resolve().parent.parent / "fonts"
FACES = {"SC": 2, "KR": 1}  # index in the Noto Sans CJK collections
COMMON = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100)) | set(range(0x2000, 0x2070)) | set(range(0x3000, 0x3040)) \
    | set(range(0xFF00, 0xFFF0)) | {0x2022, 0x2026, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x00B7}


def _codec_chars(codec: str) -> set[int]:
    chars = set()
    for code in range(0x80, 0x10000):
        try:
            chr(code).encode(codec)
        except (UnicodeEncodeError, ValueError):
            continue
        chars.add(code)
    return chars


def charset(region: str) -> set[int]:
    if region == "SC":
        return COMMON | _codec_chars("gb2312")
    return COMMON | set(range(0xAC00, 0xD7A4)) | set(range(0x3130, 0x3190)) | set(range(0x1100, 0x1200)) \
        | _codec_chars("euc_kr")


def to_truetype(font: TTFont) -> None:
    """Replace CFF outlines with quadratic TrueType ones (after fontTools' otf2ttf recipe)."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for table in ("CFF ", "VORG"):
        if table in font:
            del font[table]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones",):
        setattr(maxp, field, 1)
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                  "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"


def make(region: str, weight: str) -> Path:
    collection = TTCollection(str(SOURCE / f"NotoSansCJK-{weight}.ttc"))
    font = collection.fonts[FACES[region]]
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(charset(region)))
    subsetter.subset(font)
    to_truetype(font)
    name = font["name"]
    version = name.getDebugName(5) or ""
    name.setName(f"{version}; subset and converted to TrueType outlines for handbill", 5, 3, 1, 0x409)
    target = OUT / f"NotoSansCJK{region.lower()}-{weight}.ttf"
    font.save(str(target))
    return target


def main() -> int:
    for region in FACES:
        for weight in ("Regular", "Bold"):
            target = make(region, weight)
            print(f"{target.name}: {target.stat().st_size / 2**20:.1f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
