"""Translation files are untrusted: import writes only content/<document>/<language>.yaml, and any file,
however broken, ends in a one-line error naming it, never a traceback or a file written elsewhere."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import AnyStr

import pytest
from conftest import ROOT, run_cli
from documents import VALID
from hypothesis import given, settings
from hypothesis import strategies as st

from handbill.i18n.catalog import Translation
from handbill.i18n.exchange import ExchangeError, export_po, export_xliff, import_po, import_xliff
from handbill.i18n.localize import load_localized
from handbill.limits import DEFAULT
from handbill.model import Document

pytestmark = pytest.mark.slow  # bounded fuzzing of the translation importers

LANGUAGE_HINT = "(hint: use a code such as es, pt-BR or zh-Hans)"


def _export(project: Path, fmt: str, strings: dict[str, str]) -> Path:
    """content/sheet/en.yaml, exported for Spanish beside the project, with `strings` filled in."""
    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").write_text(VALID)
    exported = project.parent / f"sheet.es.{fmt}"
    code, out, err = run_cli("i18n", "export", "sheet", "es", "--format", fmt, "-o", str(exported), root=project)
    assert code == 0, err
    text = exported.read_text()
    for key, value in strings.items():
        if fmt == "po":
            start = text.index(f'msgctxt "{key}"\n')
            empty = text.index('msgstr ""', start)
            text = text[:empty] + f'msgstr "{value}"' + text[empty + len('msgstr ""') :]
        else:
            end = text.index("</source>", text.index(f'<trans-unit id="{key}"')) + len("</source>")
            text = text[:end] + f'<target state="translated">{value}</target>' + text[end:]
    exported.write_text(text)
    return exported


def _listing(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` (links not followed) with its bytes, and every folder."""
    found: dict[str, bytes] = {}
    for parent, folders, files in os.walk(folder):
        for name in folders:
            found[os.path.relpath(os.path.join(parent, name), folder) + "/"] = b""
        for name in files:
            path = Path(parent, name)
            found[os.path.relpath(path, folder)] = b"" if path.is_symlink() else path.read_bytes()
    return found


@pytest.mark.parametrize(
    "fmt,old,new,message",
    [
        (
            "po",
            "Language: es\\n",
            "Language: ../funders\\n",
            f"target language '../funders' is not a BCP 47 language tag {LANGUAGE_HINT}",
        ),
        (
            "po",
            "Language: es\\n",
            "Language: ../../../../x\\n",
            f"target language '../../../../x' is not a BCP 47 language tag {LANGUAGE_HINT}",
        ),
        (
            "xliff",
            'target-language="es"',
            'target-language="../funders"',
            f"target language '../funders' is not a BCP 47 language tag {LANGUAGE_HINT}",
        ),
        (
            "po",
            "Language: es\\n",
            "Language: en\\n",
            "target language 'en' is the language of the source, sheet/en.yaml (hint: name the language of the translation)",
        ),
        (
            "po",
            "X-Handbill-Document: sheet\\n",
            "X-Handbill-Document: ../content\\n",
            "no document '../content' in content/ (hint: the documents are sheet)",
        ),
        (
            "po",
            "X-Handbill-Document: sheet\\n",
            "X-Handbill-Document: ../../x\\n",
            "no document '../../x' in content/ (hint: the documents are sheet)",
        ),
        (
            "xliff",
            'original="sheet/en.yaml"',
            'original="../funders.yaml"',
            "no document '..' in content/ (hint: the documents are sheet)",
        ),
    ],
)
def test_import_writes_nowhere_but_content_document_language(project: Path, fmt: str, old: str, new: str, message: str) -> None:
    exported = _export(project, fmt, {"intro-text.text": "Hola, familias."})
    exported.write_text(exported.read_text().replace(old, new, 1))
    before = _listing(project.parent)
    code, out, err = run_cli("i18n", "import", str(exported), root=project)
    assert (code, out, err) == (1, "", f"error: {exported}: {message}\n")
    assert _listing(project.parent) == before, "nothing written, replaced or created in or beside the project"
    assert not (project.parent.parent / "x.yaml").exists()


def test_translation_linked_out_of_its_folder_is_not_written_through(project: Path) -> None:
    exported = _export(project, "po", {"intro-text.text": "Hola, familias."})
    (project / "content" / "sheet" / "es.yaml").symlink_to(project / "content" / "funders.yaml")
    before = _listing(project.parent)
    message = (
        "refusing to write content/sheet/es.yaml: it is a link to the source or out of its folder "
        "(hint: replace the link with the translation file)"
    )
    assert run_cli("i18n", "import", str(exported), root=project) == (1, "", f"error: {exported}: {message}\n")
    assert _listing(project.parent) == before


@pytest.mark.parametrize(
    "args,message",
    [
        (["export", "../x", "es"], "no document '../x' in content/ (hint: the documents are sheet)"),
        (["export", "sheet", "../x"], f"target language '../x' is not a BCP 47 language tag {LANGUAGE_HINT}"),
        (
            ["export", "sheet", "en"],
            "target language 'en' is the language of the source, sheet/en.yaml (hint: name the language of the translation)",
        ),
        (["accept", "../../content", "es"], "no document '../../content' in content/ (hint: the documents are sheet)"),
        (["accept", "sheet", "../funders"], f"target language '../funders' is not a BCP 47 language tag {LANGUAGE_HINT}"),
    ],
)
def test_document_and_language_arguments_are_names(project: Path, args: list[str], message: str) -> None:
    _export(project, "po", {})
    before = _listing(project.parent)
    assert run_cli("i18n", *args, root=project) == (1, "", f"error: {message}\n")
    assert _listing(project.parent) == before


def test_xliff_comment_in_target_is_dropped(project: Path) -> None:
    exported = _export(project, "xliff", {"intro-text.text": "Hola, <!-- note -->familias."})
    code, out, err = run_cli("i18n", "import", str(exported), root=project)
    assert code == 0, err
    text = (project / "content" / "sheet" / "es.yaml").read_text()
    assert "text: Hola, familias." in text and "note" not in text


def test_xliff_processing_instruction_or_entity_in_target_is_refused(project: Path) -> None:
    exported = _export(project, "xliff", {"intro-text.text": "Hola, <?pi x?>familias."})
    message = "entry 'intro-text.text': processing instruction <?pi?> is not supported; remove it"
    assert run_cli("i18n", "import", str(exported), root=project) == (1, "", f"error: {exported}: {message}\n")
    exported.write_text(
        exported.read_text()
        .replace(
            "<?xml version='1.0' encoding='UTF-8'?>",
            """<?xml version="1.0"?>
<!DOCTYPE xliff [<!ENTITY e SYSTEM "file:///etc/passwd">]>""",
        )
        .replace("<?pi x?>", "&e;")
    )
    message = "entry 'intro-text.text': entity reference &e; is not supported; write the character itself"
    assert run_cli("i18n", "import", str(exported), root=project) == (1, "", f"error: {exported}: {message}\n")
    assert not (project / "content" / "sheet" / "es.yaml").exists()


PO_HEADER = b'msgid ""\nmsgstr "X-Handbill-Document: sheet\\nLanguage: es\\n"\n\n'
XLIFF = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="sheet/en.yaml" target-language="es"><body>'


@pytest.mark.parametrize(
    "name,content,message",
    [
        (
            "latin-1.po",
            PO_HEADER + b'msgctxt "title"\nmsgid "x"\nmsgstr "Hola, fam\xedlias"\n',
            "line 6 is not UTF-8 text (hint: save the file as UTF-8)",
        ),
        ("empty.po", b"", "the file does not say which document it belongs to (hint: export it with generate.py i18n export)"),
        (
            "binary.po",
            bytes(range(256)) * 4,
            "the file does not say which document it belongs to (hint: export it with generate.py i18n export)",
        ),
        (
            "quote.po",
            PO_HEADER + b'msgctxt "title"\nmsgid "a" "b\n',
            "not a readable PO file (Syntax error in po file (line 5): unescaped double quote found)",
        ),
        (
            "no-context.po",
            PO_HEADER + b'msgid "x"\nmsgstr "y"\n',
            "an entry has no id (hint: keep the msgctxt (PO) or trans-unit id (XLIFF) of every entry)",
        ),
        (
            "no-id.xlf",
            XLIFF + b"<trans-unit><target>x</target></trans-unit></body></file></xliff>",
            "an entry has no id (hint: keep the msgctxt (PO) or trans-unit id (XLIFF) of every entry)",
        ),
        (
            "g-no-id.xlf",
            XLIFF + b'<trans-unit id="title"><target>x <g>y</g></target></trans-unit></body></file></xliff>',
            "entry 'title': a <g> tag has no id; keep the ids of the source's tags",
        ),
        (
            "nested.xlf",
            XLIFF + b'<trans-unit id="title"><target>x <g id="b1"><b>y</b></g></target></trans-unit></body></file></xliff>',
            "entry 'title': <b> is not supported; use the <g> tags of the source",
        ),
    ],
)
def test_malformed_file_is_one_line_error(project: Path, name: str, content: bytes, message: str) -> None:
    """Each surprise is refused with the file's name and what is wrong; nothing is written."""
    _export(project, "po", {})
    file = project.parent / name
    file.write_bytes(content)
    before = _listing(project.parent)
    assert run_cli("i18n", "import", str(file), root=project) == (1, "", f"error: {file}: {message}\n")
    assert _listing(project.parent) == before


def test_xml_syntax_error_names_the_place(project: Path) -> None:
    _export(project, "po", {})
    file = project.parent / "cut.xlf"
    file.write_bytes(XLIFF + b"<trans-unit><![CDATA[" + b"x" * 100)
    message = "1:233: not well-formed XML (CData section not finished)"
    assert run_cli("i18n", "import", str(file), root=project) == (1, "", f"error: {file}:{message}\n")


# Bounded fuzzing of both importers on a real exported file: cuts and insertions of the pieces that mean something
# to the format, most of them inside translations. Import either succeeds or refuses with one line naming the file.

FILE = Path("fuzz/school-vs-medical-therapies.es")
XML_PIECES = [
    b"<",
    b">",
    b"/",
    b'"',
    b"&",
    b"&amp;",
    b"&e;",
    b"<!-- c -->",
    b"<?pi x?>",
    b"<g>",
    b'<g id="b1">',
    b'<g id="a2" ctype="link">',
    b'<g id="">',
    b"</g>",
    b"<x/>",
    b"<target>",
    b"</target>",
    b"<trans-unit>",
    b"</trans-unit>",
    b'id="',
    b"<![CDATA[",
    b"]]>",
    b"\xff",
    b"\xc3",
    b"\x00",
    b"\n",
    b'<!DOCTYPE x [<!ENTITY e "y">]>',
    b"../",
]
PO_PIECES = [
    '"',
    "\\",
    "\\n",
    "\n",
    "<b1>",
    "</b1>",
    "<a2>",
    "</a2>",
    "msgctxt ",
    'msgid "',
    'msgstr "',
    "msgstr[0] ",
    "#, fuzzy\n",
    "#~ ",
    "#| ",
    "#. source-hash: ",
    "Language: ",
    "X-Handbill-Document: ",
    "\x00",
    "é",
    "../",
]


@cache
def _shipped() -> tuple[Document, Translation]:
    localized = load_localized(ROOT / "content" / "school-vs-medical-therapies" / "es.yaml")
    assert localized.original is not None and localized.translation is not None
    return localized.original, localized.translation


def _edits(pieces: st.SearchStrategy[AnyStr]) -> st.SearchStrategy[list[tuple[bool, int, int, AnyStr]]]:
    """One to four (in a translation?, where, how much to cut, what to insert) edits; `where` wraps around."""
    edit = st.tuples(st.sampled_from([True, True, False]), st.integers(0, 10**6), st.integers(0, 30), pieces)
    return st.lists(edit, min_size=1, max_size=4)


def _apply(original: AnyStr, edits: list[tuple[bool, int, int, AnyStr]], marker: AnyStr) -> AnyStr:
    """The edits applied in turn: anywhere, or a few characters after one of the `marker`s that start translations."""
    for inside, where, cut, insert in edits:
        if inside:
            spots = [m.end() for m in re.finditer(re.escape(marker), original)] or [0]
            where, cut = spots[where % len(spots)] + where % 7, cut % 4
        where %= len(original) + 1
        original = original[:where] + insert + original[where + cut :]
    return original


def _imports_or_is_refused_naming_the_file(content: str | bytes) -> None:
    source, _ = _shipped()
    try:
        import_xliff(content, source, FILE) if isinstance(content, bytes) else import_po(content, source, FILE)
    except ExchangeError as exc:
        assert str(exc).startswith(f"{FILE}:") and "\n" not in str(exc), str(exc)


FUZZ = settings(max_examples=200, deadline=None, derandomize=True, database=None)


@FUZZ
@given(_edits(st.one_of(st.sampled_from(XML_PIECES), st.text(max_size=4).map(str.encode))))
def test_fuzzed_xliff_imports_or_is_refused(edits: list[tuple[bool, int, int, bytes]]) -> None:
    source, translation = _shipped()
    _imports_or_is_refused_naming_the_file(_apply(export_xliff(source, translation).encode(), edits, b'state="translated">'))


@FUZZ
@given(_edits(st.one_of(st.sampled_from(PO_PIECES), st.text(max_size=4))))
def test_fuzzed_po_imports_or_is_refused(edits: list[tuple[bool, int, int, str]]) -> None:
    source, translation = _shipped()
    _imports_or_is_refused_naming_the_file(_apply(export_po(source, translation), edits, 'msgstr "'))


def test_an_oversized_translation_file_is_not_read(project: Path, tmp_path: Path) -> None:
    big = tmp_path / "huge.po"
    with big.open("wb") as handle:
        handle.truncate(DEFAULT.file_bytes + 1)
    code, out, err = run_cli("i18n", "import", str(big), root=project)
    assert code == 1 and "huge.po: the file is 2.0 MB; the limit is 2 MB" in err, err
