"""How a right-to-left line is written so that PDF viewers extract its text in logical order.

Viewers read text back from glyphs drawn in visual order and rebuild the logical order with bidi rules of their
own, simpler than the Unicode algorithm; where those rules differ (Latin words and numbers inside Arabic, brackets,
punctuation beside a Latin run) the text comes back scrambled. Each viewer gets the line in the form its rules turn
into the logical text:

- pdf.js (Firefox) reads the glyphs in content-stream order, cutting an item wherever the pen moves back, and
  reverses each item with right-to-left letters (its own simple bidi rules, no mirroring, U+200E and U+200F typed
  as left to right; a glyph whose text ends in a format character such as those is skipped): runs are drawn in
  logical order, and a run of neutral characters set right to left without shaping (brackets, punctuation) a
  glyph at a time from the right, so it is read in logical order too.
- poppler (Evince, Okular, pdftotext) orders glyphs by position and keeps every stretch without right-to-left
  letters in drawn order, the punctuation at its left edge included: a right-to-left mark drawn where a
  left-to-right run meets right-to-left text on its left keeps that punctuation with the right-to-left text
  (`LEFT_EDGE_MARK`). It reads a whole page in the direction most of its letters take, so a line set left to
  right in a right-to-left handout (an English title) ends with a left-to-right mark (`RIGHT_EDGE_MARK`, drawn
  the same way) that keeps its closing punctuation at its end.
- PDFium (Chrome) orders by position too, cuts the line into runs of one direction class and reads a run of
  neutrals the way of the last strong run before it, from the right; in a right-to-left reading it mirrors the
  brackets it reads.
A bracket at a right-to-left level is drawn mirrored (it shows its partner) and reads as its own character, which
pdf.js and poppler reverse without mirroring: it reads as a right-to-left mark and the bracket (`BRACKET_BEFORE`),
followed by a left-to-right mark (`BRACKET_AFTER`) starting the next glyph's text, or given to a glyph of no width
of its own after it when that next glyph is a space or there is none. The left-to-right mark after it makes
PDFium read the bracket left to right, so unmirrored; the marks cut poppler's stretches so that the bracket stays
in place; pdf.js skips the mark glyph and reads the bracket as it is. (On either edge of the bracket, poppler
would take a mark of its own for a duplicate of the next glyph and split the words there.)
Marks above or below the baseline are drawn as outlines (as text, PDFium and poppler would read each as a line
of its own); their characters go with the letter they sit on (layout/bidi.py). pdf.js takes a glyph whose text
holds a nonspacing mark for one of no width that never starts an item: it would append a letter carrying its marks
to whatever item is open (the line before's, when the letter starts a run) and lag behind by the letter's width.
So in a right-to-left run the marks are the text of a glyph of no width and no outline (`BLANK`'s) drawn just
before the letter, which pdf.js reverses with it; PDFium and poppler read it in place. The marks of a run's first
glyph drawn (its last letter) would open nothing in pdf.js: they are drawn after the run, invisible, with a mark's
glyph (PDFium drops text with no outline) a little left of the run, in a marked-content section of their own,
which pdf.js reads as an item after the run's and the others by position after the letter. pdf.js still puts a
space between a letter ending a word and its marks (it checks a letter's position after the space, once the
marks are read).

A family whose shaping moves glyphs off the baseline as the pen advances (Nastaliq, whose words climb diagonally)
names a `text_layer` family in fonts/fonts.yaml: drawn as text, each step of a word would read as a line of its
own in every viewer. Its glyphs are drawn as outlines instead (each glyph's outline a form drawn once per
document, placed wherever the glyph is), and its text is drawn invisibly (render mode 3) in the layer's family
(Naskh) on the baseline, scaled across to the width of the run shown, with everything above: viewers read the
words from that text. It is stretched upwards so its lines are no further apart than TEXT_LAYER_LEADING sizes
(layout/bidi.py), as poppler takes lines further apart than that for blocks of their own and interleaves the
lines of two columns. Characters the layer's family lacks (Nastaliq's brackets and dashes, which sit on the
baseline) are drawn as text in the family itself.
"""

from __future__ import annotations

LEFT_EDGE_MARK = "\u200f"  # RIGHT-TO-LEFT MARK, the text given to a glyph of no width and no outline,
RIGHT_EDGE_MARK = "\u200e"  # LEFT-TO-RIGHT MARK, likewise
BRACKET_BEFORE = "\u200f"  # RIGHT-TO-LEFT MARK, the text of a mirrored bracket starts with
BRACKET_AFTER = "\u200e"  # LEFT-TO-RIGHT MARK, and what follows it starts with
BLANK = "\u200b"  # the ZERO WIDTH SPACE's (fonts draw the marks' own glyphs as visible symbols)
