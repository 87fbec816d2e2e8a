"""`generate.py i18n ...`: status table, export to PO/XLIFF, import back, accept reviewed strings."""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from ..errors import ContentError, HandbillError
from ..limits import DEFAULT
from ..load import load_yaml
from ..model import Document
from ..output import write_atomic
from ..paths import NAME, is_language_tag
from .catalog import NEEDS_WORK, TRANSLATED, Translation, is_stale, is_translation, source_hash, write_translation
from .exchange import ExchangeError, export_po, export_xliff, import_po, import_xliff, quoted
from .localize import load_localized
from .statements import REGISTRIES, accept
from .status import report

FORMATS = {"po": (export_po, ".po"), "xliff": (export_xliff, ".xlf")}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="generate.py i18n", description="Translation workflow for the documents in content/.")
    sub = p.add_subparsers(dest="command", required=True)
    status = sub.add_parser(
        "status",
        help="a table per document and language: translated %%, stale, missing, review; "
        "then each stale and missing string, and the files not started",
    )
    status.add_argument("documents", nargs="*", metavar="DOC")
    export = sub.add_parser("export", help="write a PO or XLIFF file for a translator")
    export.add_argument("document", metavar="DOC")
    export.add_argument("language", metavar="LANG")
    export.add_argument("--format", choices=sorted(FORMATS), default="po")
    export.add_argument("-o", "--out", type=Path, help="file to write (default: build/i18n/DOC.LANG.po|xlf)")
    imp = sub.add_parser("import", help="read a translated PO or XLIFF file into content/DOC/LANG.yaml")
    imp.add_argument("file", type=Path)
    accept = sub.add_parser(
        "accept",
        help="mark stale strings as checked against the new source (DOC may be funders, "
        "organisations or labels: their statements, notices and handbill's labels)",
    )
    accept.add_argument("document", metavar="DOC")
    accept.add_argument("language", metavar="LANG")
    accept.add_argument(
        "keys", nargs="*", metavar="KEY", help="string ids, or funder / organisation ids (default: every stale string)"
    )
    return p


def main(argv: list[str], root: Path, out: TextIO, err: TextIO) -> int:
    args = parser().parse_args(argv)
    try:
        return {"status": _status, "export": _export, "import": _import, "accept": _accept}[args.command](args, root, out)
    except ContentError as exc:
        print("error: " + "\n  ".join(map(str, exc.problems)), file=err)
    except HandbillError as exc:
        print(f"error: {exc}", file=err)
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}", file=err)
    return 1


def _status(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    print("\n".join(report(root / "content", args.documents)), file=out)
    return 0


def _source(root: Path, name: str, origin: str) -> Document:
    """The source of content/<name>/; `name` comes from a file or the command line, so only a folder there will do."""
    documents = sorted(p.name for p in (root / "content").glob("*") if p.is_dir() and NAME.match(p.name))
    if name not in documents:
        raise HandbillError(
            f"{origin}no document {quoted(name)} in content/ (hint: the documents are {', '.join(documents) or 'none yet'})"
        )
    folder = root / "content" / name
    source_files = [f for f in sorted(folder.glob("*.yaml")) if not is_translation(load_yaml(f))]
    if not source_files:
        raise HandbillError(f"{origin}content/{name}/ has no source document, only translations")
    return load_localized(source_files[0]).document


def _target(root: Path, source: Document, language: str, origin: str) -> Path:
    """content/<doc>/<language>.yaml for a translation: a language tag, not the source's, and nowhere else."""
    if not is_language_tag(language):
        raise HandbillError(
            f"{origin}target language {quoted(language)} is not a BCP 47 language tag "
            "(hint: use a code such as es, pt-BR or zh-Hans)"
        )
    if language == source.language:
        raise HandbillError(
            f"{origin}target language {quoted(language)} is the language of the source, "
            f"{source.doc_id}/{source.file.name} (hint: name the language of the translation)"
        )
    folder = root / "content" / source.doc_id
    target = folder / f"{language}.yaml"
    if not target.resolve().is_relative_to(folder.resolve()) or target.resolve() == source.file.resolve():
        raise HandbillError(
            f"{origin}refusing to write content/{source.doc_id}/{language}.yaml: it is a link to the source "
            "or out of its folder (hint: replace the link with the translation file)"
        )
    return target


def _translation(root: Path, document: str, language: str) -> tuple[Translation, Document]:
    source = _source(root, document, "")
    file = _target(root, source, language, "")
    if file.is_file():
        localized = load_localized(file)
        if localized.translation is None:
            raise HandbillError(f"{file} is the source document, not a translation")
        return localized.translation, source
    return Translation(file, language, source.language, "needed", {}), source


def _export(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    translation, source = _translation(root, args.document, args.language)
    write, suffix = FORMATS[args.format]
    target = args.out or root / "build" / "i18n" / f"{args.document}.{args.language}{suffix}"
    write_atomic(target, write(source, translation).encode("utf-8"))
    print(f"wrote {target} ({len(translation.strings)} of {len(source.texts())} strings translated)", file=out)
    return 0


def _import(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    if args.file.is_file() and args.file.stat().st_size > DEFAULT.file_bytes:
        raise ExchangeError(
            f"{args.file}: the file is {args.file.stat().st_size / 1e6:.1f} MB; the limit is "
            f"{DEFAULT.file_bytes / 1e6:g} MB (hint: export the document again; a translation is far smaller)"
        )
    content = args.file.read_bytes()
    is_xliff = content.lstrip().startswith(b"<")
    origin = f"{args.file}: "
    source = _source(root, _document_named(content, is_xliff, args.file), origin)
    if is_xliff:
        translation = import_xliff(content, source, args.file)
    else:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = content.count(b"\n", 0, exc.start) + 1
            raise ExchangeError(f"{origin}line {line} is not UTF-8 text (hint: save the file as UTF-8)") from None
        translation = import_po(text, source, args.file)
    if not translation.language:
        raise ExchangeError(f"{origin}no target language in the file (hint: set Language: in PO, target-language in XLIFF)")
    target = _target(root, source, translation.language, origin)
    write_translation(replace(translation, file=target), source)
    stale = sum(1 for t in source.texts() if t.key in translation.strings and is_stale(translation.strings[t.key], t.markup))
    print(
        f"imported {len(translation.strings)} of {len(source.texts())} strings into {target}"
        + (f"; {stale} still marked stale" if stale else ""),
        file=out,
    )
    return 0


def _document_named(content: bytes, is_xliff: bool, file: Path) -> str:
    text = content.decode("utf-8", errors="replace")
    marker = 'original="' if is_xliff else '"X-Handbill-Document: '
    if marker not in text:
        raise ExchangeError(
            f"{file}: the file does not say which document it belongs to (hint: export it with generate.py i18n export)"
        )
    start = text.index(marker) + len(marker)
    return text[start:].split("/" if is_xliff else "\\n", 1)[0].split('"')[0]


def _accept(args: argparse.Namespace, root: Path, out: TextIO) -> int:
    if args.document in REGISTRIES:
        file, count = accept(root / "content", args.document, args.language, args.keys)
        print(f"accepted {count} statement(s) in {file}", file=out)
        return 0
    translation, source = _translation(root, args.document, args.language)
    english = {t.key: t.markup for t in source.texts()}
    keys = args.keys or [k for k, e in translation.strings.items() if k in english and is_stale(e, english[k])]
    unknown = [k for k in keys if k not in translation.strings or k not in english]
    if unknown:
        raise HandbillError(f"no translated string '{unknown[0]}' in {translation.file}")
    strings = {
        k: replace(e, source_hash=source_hash(english[k]), state=TRANSLATED if e.state in NEEDS_WORK else e.state)
        if k in keys
        else e
        for k, e in translation.strings.items()
    }
    write_translation(replace(translation, strings=strings), source)
    print(f"accepted {len(keys)} string(s) in {translation.file}", file=out)
    return 0
