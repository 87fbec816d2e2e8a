"""Translations: language files that mirror the source document by stable ids.

A translation file (`content/<doc>/<lang>.yaml` with `translation_of: en`) holds only strings, each with a
hash of the English it was translated from. `localize` merges it onto the source document, falling back to
the source for missing strings and reporting stale ones; `exchange` moves strings to and from PO and XLIFF.
"""
