"""Language codes as each translation tool writes them: BCP 47 (zh-Hans) in YAML, PDFs and XLIFF; gettext's
underscore form (zh_Hans, pt_BR) in PO headers."""

from __future__ import annotations

import re

_CODE = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")


def gettext_code(tag: str) -> str:
    """The PO `Language:` of a BCP 47 tag, as Poedit and Weblate write it: pt-BR -> pt_BR, zh-Hans -> zh_Hans."""
    return tag.replace("-", "_")


def has_script(tag: str) -> bool:
    """Whether a tag names a script (zh-Hans, sr-Latn): translate-toolkit reads such a PO `Language:` only
    from its `Language-Code:` header, so an export writes both."""
    match = _CODE.match(tag)
    return bool(match and match.group(2))


def bcp47(code: str) -> str:
    """The BCP 47 tag of a code a tool wrote (zh_Hans, pt_br, ZH-hans -> zh-Hans); anything else as it is, for the
    caller's check to refuse by name."""
    match = _CODE.match(code)
    if not match:
        return code
    language, script, region = match.groups()
    return "-".join([language.lower()] + ([script.title()] if script else []) + ([region.upper()] if region else []))
