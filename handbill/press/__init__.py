"""Print production: colour for press, printer's marks, imposition, preflight and print-run packages.

Screen files go out as they are; a print file is the same document with bleed, marks and press colour, checked
before it is written, and imposed onto press sheets where its format asks for that.
"""
