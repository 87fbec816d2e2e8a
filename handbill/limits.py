"""Every limit on untrusted input, in one place, so no content, translation or picture can stall or exhaust a build.

Content, translations, logos and pictures come from many hands. Each limit is far above what a real handout
needs (the seed fact sheet's longest paragraph is about 900 characters; its file is 15 KB) and low enough that
checking and laying out anything within them takes seconds. `docs/limits.md` lists them for users.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """The defaults; a build may pass other values (the time budget is a command-line option)."""

    file_bytes: int = 2_000_000  # one YAML file: content, translation, registry, layout, brand
    depth: int = 24  # nesting of YAML mappings and lists
    list_items: int = 500  # entries in any one YAML list or mapping
    string_chars: int = 20_000  # one text value
    word_chars: int = 5_000  # one unbroken run of non-space characters (a URL, a long word)
    number_digits: int = 15  # digits in a number written in YAML
    blocks: int = 1_000  # content blocks in one document
    table_cells: int = 2_000  # cells in one table
    title_chars: int = 200  # the title band holds a title and a subtitle, not a page of text
    subtitle_chars: int = 300
    image_bytes: int = 20_000_000  # one PNG, JPEG or SVG file
    image_pixels: int = 40_000_000  # width x height of one raster image (e.g. 8000 x 5000)
    svg_bytes: int = 2_000_000  # one SVG drawing: its paths are drawn point by point (1 MB takes about a second)
    svg_elements: int = 20_000  # elements in one SVG drawing
    svg_points: float = 14_400.0  # an SVG's width or height in points (200 inches)
    pages: int = 100  # pages of one document
    seconds: float = 30.0  # time to lay out and check one document

    def describe(self) -> list[tuple[str, str]]:
        """(limit, default) pairs in the order the documentation lists them."""
        return [
            ("size of one YAML file", f"{self.file_bytes / 1e6:g} MB"),
            ("nesting depth of YAML", f"{self.depth} levels"),
            ("entries in one YAML list or mapping", f"{self.list_items:,}"),
            ("characters in one text value", f"{self.string_chars:,}"),
            ("characters in one word, URL or other unbroken run", f"{self.word_chars:,}"),
            ("digits in a number", f"{self.number_digits}"),
            ("content blocks in one document", f"{self.blocks:,}"),
            ("cells in one table", f"{self.table_cells:,}"),
            ("characters in the title, and in the subtitle", f"{self.title_chars} and {self.subtitle_chars}"),
            ("size of one image or logo file", f"{self.image_bytes / 1e6:g} MB"),
            ("pixels in one image", f"{self.image_pixels / 1e6:g} million"),
            ("size of one SVG drawing", f"{self.svg_bytes / 1e6:g} MB"),
            ("elements in one SVG drawing", f"{self.svg_elements:,}"),
            ("width or height of an SVG drawing", f"{self.svg_points / 72:g} inches"),
            ("pages in one document", f"{self.pages}"),
            ("time to build one document", f"{self.seconds:g} s"),
        ]


DEFAULT = Limits()
