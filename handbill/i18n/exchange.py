"""PO (gettext) and XLIFF 1.2 exchange: what Poedit, Weblate and OmegaT open.

Each string travels with its id as context (PO msgctxt, XLIFF trans-unit id), its inline markup as
placeholders, and, once translated, the hash of the source it was translated from. A stale string is marked
fuzzy (PO) or keeps its needs- state (XLIFF; needs-review-translation when only the English changed), and
carries the English it was translated from (PO `#| msgid`, XLIFF `<alt-trans>`) so the translator sees what
changed; a current one is approved="yes" (XLIFF), so tools do not count it as fuzzy. The handbill note
(PO `#.`, XLIFF `<note from="handbill">`) records hash, state and old English for the way back; import keeps a
needs- state, and the stale flag with it. PO is written with polib; XLIFF with lxml.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import polib
from lxml import etree

from ..errors import HandbillError
from ..model import Document, Text
from .catalog import NEEDS_WORK, REVIEWED, STATES, TRANSLATED, Entry, Translation, folded, is_stale, previous_english, source_hash
from .codes import bcp47, gettext_code, has_script
from .placeholders import KINDS, PlaceholderError, Token, check, from_po, to_markup, to_po, tokens

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
_PREVIOUS_ORIGIN = "previous-source"  # the <alt-trans> holding the English a stale string was translated from
_STALE_BY_HASH = "needs-review-translation"  # how a string whose English changed is exported; not recorded again
_HASH = re.compile(r"[0-9a-f]{12}")
_NOT_YAML = re.compile("[^\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")  # YAML cannot hold these


class ExchangeError(HandbillError):
    """An exchange file that cannot be imported as it is."""


def export_po(source: Document, translation: Translation) -> str:
    po = polib.POFile(wrapwidth=0)
    po.metadata = _metadata(source, translation)
    for text, entry in _units(source, translation):
        stream, _ = tokens(text.markup)
        unit = polib.POEntry(
            msgctxt=text.key,
            msgid=to_po(stream),
            msgstr=to_po(_exported(entry, text)) if entry else "",
            occurrences=[(f"{source.doc_id}/{source.language}.yaml", str(text.where.line))],
        )
        if entry:
            unit.comment = _note(entry, text.markup, with_state=True)
            previous = previous_english(entry, text.markup)
            unit.previous_msgid = to_po(tokens(previous)[0]) if previous else ""
            unit.flags += ["fuzzy"] if is_stale(entry, text.markup) else []
        po.append(unit)
    return str(po)


def import_po(content: str, source: Document, file: Path) -> Translation:
    try:
        po = polib.pofile(content)
    except (OSError, ValueError) as exc:
        raise ExchangeError(f"{file}: not a readable PO file ({exc})") from None
    meta = po.metadata
    _check_document(meta.get("X-Handbill-Document", ""), source, file)
    strings = {}
    for unit in po:
        if unit.obsolete or not unit.msgstr:
            continue
        text = _source_text(source, unit.msgctxt, file)
        notes = _read_note(unit.comment)
        carried = notes.get("state", "")
        if "fuzzy" in unit.flags:
            state = carried if carried in NEEDS_WORK else _STALE_BY_HASH
        else:
            state = carried if carried in REVIEWED else TRANSLATED
        strings[text.key] = _entry(partial(from_po, unit.msgstr, key=text.key), text, state, notes, file)
    return Translation(
        file,
        bcp47(meta.get("Language", "")),
        source.language,
        meta.get("X-Handbill-Review", "needed"),
        strings,
        meta.get("Last-Translator", ""),
    )


def export_xliff(source: Document, translation: Translation) -> str:
    root = etree.Element(f"{{{XLIFF_NS}}}xliff", nsmap={None: XLIFF_NS}, version="1.2")
    file_el = etree.SubElement(
        root,
        "file",
        original=f"{source.doc_id}/{source.language}.yaml",
        attrib={"source-language": source.language, "target-language": translation.language, "datatype": "plaintext"},
    )
    header = etree.SubElement(file_el, "header")
    etree.SubElement(header, "note", attrib={"from": "handbill-review"}).text = translation.review
    if translation.translator:
        etree.SubElement(header, "note", attrib={"from": "handbill-translator"}).text = translation.translator
    body = etree.SubElement(file_el, "body")
    for text, entry in _units(source, translation):
        unit = etree.SubElement(body, "trans-unit", id=text.key, resname=text.key)
        unit.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        stream, _ = tokens(text.markup)
        _fill(etree.SubElement(unit, "source"), stream)
        if entry is None:
            continue
        if not is_stale(entry, text.markup):
            unit.set("approved", "yes")
        translated = _exported(entry, text)
        _fill(etree.SubElement(unit, "target", state=_xliff_state(entry, text.markup)), translated)
        previous = previous_english(entry, text.markup)
        if previous:
            alternative = etree.SubElement(unit, "alt-trans", origin=_PREVIOUS_ORIGIN)
            _fill(etree.SubElement(alternative, "source"), tokens(previous)[0])
            _fill(etree.SubElement(alternative, "target"), translated)
        etree.SubElement(unit, "note", attrib={"from": "handbill"}).text = _note(entry, text.markup, with_state=False)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode("utf-8")


def import_xliff(content: bytes, source: Document, file: Path) -> Translation:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False, remove_comments=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        what = re.split(r"\n|, line \d+, column \d+$", exc.msg)[0]  # libxml2 may add a line of the file's text
        raise ExchangeError(f"{file}:{exc.position[0]}:{exc.position[1]}: not well-formed XML ({what})") from None
    ns = {"x": XLIFF_NS}
    file_el = root.find("x:file", ns)
    if file_el is None:
        raise ExchangeError(f"{file}: no <file> element; is this XLIFF 1.2?")
    _check_document(file_el.get("original", "").split("/")[0], source, file)
    notes = {n.get("from"): n.text or "" for n in file_el.findall("x:header/x:note", ns)}
    strings = {}
    for unit in file_el.iterfind("x:body/x:trans-unit", ns):
        target = unit.find("x:target", ns)
        if target is None or (not (target.text or "").strip() and len(target) == 0):
            continue
        text = _source_text(source, unit.get("id", ""), file)
        state = target.get("state", TRANSLATED)
        if state not in STATES:
            raise ExchangeError(
                f"{file}:{target.sourceline}: entry {quoted(text.key)}: state {quoted(state)} is not "
                f"an XLIFF 1.2 state handbill knows (hint: use one of {', '.join(STATES)})"
            )
        note = next((n.text or "" for n in unit.findall("x:note", ns) if n.get("from") == "handbill"), "")
        strings[text.key] = _entry(partial(_read, target, key=text.key), text, state, _read_note(note), file)
    return Translation(
        file,
        bcp47(file_el.get("target-language", "")),
        source.language,
        notes.get("handbill-review", "needed"),
        strings,
        notes.get("handbill-translator", ""),
    )


def _units(source: Document, translation: Translation) -> Iterator[tuple[Text, Entry | None]]:
    for text in source.texts():
        yield text, translation.strings.get(text.key)


def _xliff_state(entry: Entry, english: str) -> str:
    """A flagged string keeps its state; one whose English changed needs review; else translated, or as reviewed."""
    if entry.state in NEEDS_WORK:
        return entry.state
    return _STALE_BY_HASH if entry.source_hash != source_hash(english) else entry.state


def _note(entry: Entry, english: str, with_state: bool) -> str:
    """The handbill note: the source hash, the state (PO has no place for it), and the English a stale string was
    translated from, as it is written (links and all), so import can record it again."""
    lines = [f"source-hash: {entry.source_hash}"]
    lines += [f"state: {entry.state}"] if with_state and entry.state != TRANSLATED else []
    previous = previous_english(entry, english)
    return "\n".join(lines + ([f"translated-from: {previous}"] if previous else []))


def _read_note(note: str) -> dict[str, str]:
    """The fields of a handbill note; lines that are not `name: value` are ignored."""
    fields = (line.partition(": ") for line in note.splitlines())
    return {name.strip(): value for name, sep, value in fields if sep}


def _metadata(source: Document, translation: Translation) -> dict[str, str]:
    language = gettext_code(translation.language)
    meta = {
        "Project-Id-Version": f"{source.doc_id}",
        "Language": language,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Handbill-Document": source.doc_id,
        "X-Handbill-Source-Language": source.language,
        "X-Handbill-Review": translation.review,
    }
    if has_script(translation.language):
        meta["Language-Code"] = language
    if translation.translator:
        meta["Last-Translator"] = translation.translator
    return meta


def _renamed(text: str, source_text: str, key: str) -> list[Token]:
    """The translation's tokens with its tags renamed to the source's: links by target, others by order."""
    stream, targets = tokens(text)
    source, source_targets = tokens(source_text)
    names: dict[str, str] = {}
    for kind in ("b", "i"):
        ours = [t.value for t in stream if t.kind == "open" and t.value[0] == kind]
        theirs = [t.value for t in source if t.kind == "open" and t.value[0] == kind]
        if len(ours) != len(theirs):
            raise PlaceholderError(
                f"entry '{key}': the translation has {len(ours)} {KINDS[kind]} span(s), the source "
                f"{len(theirs)}; fix the translation file first"
            )
        names.update(zip(ours, theirs))
    free = list(source_targets)
    for name, url in targets.items():
        match = next((n for n in free if source_targets[n] == url), free[0] if free else None)
        if match is None:
            raise PlaceholderError(f"entry '{key}': the translation has a link the source does not")
        free.remove(match)
        names[name] = match
    renamed = [t if t.kind == "text" else Token(t.kind, names[t.value]) for t in stream]
    check(renamed, source, key)
    return renamed


def _exported(entry: Entry, text: Text) -> list[Token]:
    """A translation's tokens with the tags of today's English; a stale one whose English gained or lost a tag keeps
    the tags of the English it was translated from (on record), so it can still be exported, and imported back."""
    try:
        return _renamed(entry.text, text.markup, text.key)
    except PlaceholderError:
        previous = previous_english(entry, text.markup)
        if not previous:
            raise
        return _renamed(entry.text, previous, text.key)


def _entry(read: Callable[[list[Token]], list[Token]], text: Text, state: str, notes: dict[str, str], file: Path) -> Entry:
    """A translated string as imported, `read` against the tags of the English. A needs- state keeps the hash the
    export recorded (a string whose English changed stays stale by its hash), and may keep the tags of the English
    it was translated from; any other state means done against today's English."""
    current, recorded = source_hash(text.markup), notes.get("source-hash", "")
    source = recorded if state in NEEDS_WORK and _HASH.fullmatch(recorded) else current
    previous = folded(notes.get("translated-from", ""))
    previous = previous if source_hash(previous) == source != current and not _NOT_YAML.search(previous) else ""
    english = text.markup
    with _reported(file):
        try:
            stream = read(tokens(english)[0])
        except PlaceholderError as error:
            english, stream = previous, _read_as_translated(read, previous, error)
    if source != current and state == _STALE_BY_HASH:
        state = TRANSLATED
    return Entry(to_markup(stream, tokens(english)[1]), source, text.where, state, previous)


def _read_as_translated(read: Callable[[list[Token]], list[Token]], previous: str, error: PlaceholderError) -> list[Token]:
    """`read` against the tags of the English a stale string was translated from; if there is none on record or they
    do not fit either, the error about today's English stands."""
    if previous:
        try:
            return read(tokens(previous)[0])
        except PlaceholderError:
            pass
    raise error


def _source_text(source: Document, key: str | None, file: Path) -> Text:
    if not key:
        raise ExchangeError(f"{file}: an entry has no id (hint: keep the msgctxt (PO) or trans-unit id (XLIFF) of every entry)")
    for text in source.texts():
        if text.key == key:
            return text
    raise ExchangeError(
        f"{file}: entry {quoted(key)}: unknown id; {source.doc_id}/{source.language}.yaml has no such "
        "string (was it renamed or removed?)"
    )


def _check_document(named: str, source: Document, file: Path) -> None:
    if named != source.doc_id:
        raise ExchangeError(f"{file}: this file is for document {quoted(named)}, not '{source.doc_id}'")


def quoted(value: str) -> str:
    """A value from an untrusted file as an error shows it: quoted, control characters escaped, and short."""
    return repr(value if len(value) <= 60 else value[:60] + "…")


@contextmanager
def _reported(file: Path) -> Iterator[None]:
    """Placeholder mistakes become import errors naming the file (and, from the check, the entry)."""
    try:
        yield
    except PlaceholderError as exc:
        raise ExchangeError(f"{file}: {exc}") from None


def _fill(element: etree._Element, stream: list[Token]) -> None:
    """Write a token stream into an XLIFF element: text, with <g ctype=...> for each tag."""
    stack = [element]
    for token in stream:
        current = stack[-1]
        if token.kind == "text":
            last = current[-1] if len(current) else None
            if last is not None:
                last.tail = (last.tail or "") + token.value
            else:
                current.text = (current.text or "") + token.value
        elif token.kind == "open":
            stack.append(etree.SubElement(current, "g", id=token.value, ctype=KINDS[token.value[0]]))
        else:
            stack.pop()


def _read(element: etree._Element, source: list[Token], key: str) -> list[Token]:
    """A token stream from an XLIFF element, checking its <g> tags against the source's."""
    stream: list[Token] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            stream.append(Token("text", node.text))
        for child in node:  # comments are gone already (the parser drops them, keeping the text after them)
            if isinstance(child, etree._ProcessingInstruction):
                raise PlaceholderError(f"entry '{key}': processing instruction <?{child.target}?> is not supported; remove it")
            if isinstance(child, etree._Entity):
                raise PlaceholderError(
                    f"entry '{key}': entity reference {child.text} is not supported; write the character itself"
                )
            if etree.QName(child).localname != "g":
                raise PlaceholderError(
                    f"entry '{key}': <{etree.QName(child).localname}> is not supported; use the <g> tags of the source"
                )
            name = child.get("id", "")
            if not name:
                raise PlaceholderError(f"entry '{key}': a <g> tag has no id; keep the ids of the source's tags")
            stream.append(Token("open", name))
            walk(child)
            stream.append(Token("close", name))
            if child.tail:
                stream.append(Token("text", child.tail))

    walk(element)
    check(stream, source, key)
    return stream
