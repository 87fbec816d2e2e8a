"""handbill: structured, translatable content in; branded, print-ready PDF handouts out."""

__version__ = "0.1.0"
