"""How a right-to-left line is written so that PDF viewers extract its text in logical order.

Viewers read text back from glyphs drawn in visual order and rebuild the logical order with bidi rules of their
own, simpler than the Unicode algorithm; where those rules differ (Latin words and numbers inside Arabic, brackets,
punctuation beside a Latin run) the text comes back scrambled. Each viewer gets the line in the form its rules turn
into the logical text:

- pdf.js (Firefox) reads the glyphs in content-stream order and reverses each right-to-left run: runs are drawn
  in logical order, each glyph's ToUnicode entry says the characters it stands for (layout/bidi.py).
- poppler (Evince, Okular, pdftotext) orders glyphs by position and keeps every stretch without right-to-left
  letters in drawn order, the punctuation at its left edge included: a right-to-left mark drawn where a
  left-to-right run meets right-to-left text on its left keeps that punctuation with the right-to-left text
  (`LEFT_EDGE_MARK`).
- PDFium (Chrome) orders by position too and mirrors the brackets it reads in right-to-left text, so a glyph
  drawn mirrored reads as the bracket it shows (pdf.js and poppler do not mirror: there it reads the wrong way
  round).
Marks above or below the baseline are drawn as outlines (as text, PDFium and poppler would read each as a line
of its own); their characters go into the ToUnicode entry of the letter they sit on (layout/bidi.py).
"""

from __future__ import annotations

LEFT_EDGE_MARK = "\u200f"  # RIGHT-TO-LEFT MARK, the text given to a glyph of no width and no outline,
BLANK = "\u200b"  # the ZERO WIDTH SPACE's (fonts draw the marks' own glyphs as visible symbols)
