"""Command line: `python generate.py [DOC ...] [options]` builds handouts and prints one line per document.

Every expected failure becomes a message naming file:line:column; a traceback is shown only with --debug.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from . import __version__
from .build import Builder, Options, Project, Result
from .design import PAPER
from .errors import ContentError, HandbillError, display
from .limits import DEFAULT
from .press.package import PackageError, Row, build_package
from .press.profile import PROFILES
from .i18n.commands import main as i18n_main
from .report import main as report_main


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="generate.py",
        description="Build print-ready PDF handouts from the content in content/<doc-id>/<lang>.yaml.",
        epilog="Examples:  python generate.py   |   python generate.py school-vs-medical-therapies --paper a4   |   "
               "python generate.py --check   |   python generate.py i18n status  (translations: i18n --help)",
    )
    p.add_argument("documents", nargs="*", metavar="DOC", help="document ids to build (default: all in content/)")
    p.add_argument("-l", "--lang", action="append", metavar="LANG", help="only these languages (repeatable)")
    p.add_argument("--layout", help="use this layout from layouts/ instead of the document's own")
    p.add_argument("--brand", help="use this brand from layouts/brands/ instead of the document's own")
    p.add_argument("--paper", choices=sorted(PAPER), help="paper size, overriding the layout's")
    p.add_argument("--profile", choices=PROFILES, default="screen",
                   help="screen (default): RGB for reading and sharing; print: CMYK PDF/X-4 with bleed and crop marks, "
                        "preflighted and imposed as the layout's format says, in build/<doc-id>/print/")
    p.add_argument("--no-marks", dest="marks", action="store_false", default=None,
                   help="print files without crop marks (some print shops add their own)")
    p.add_argument("-o", "--out", type=Path, help="output folder (default: build/ in the project)")
    p.add_argument("--check", action="store_true", help="validate, lay out and check every document as a build does; write nothing")
    p.add_argument("--strict", action="store_true",
                   help="refuse translations with missing or stale strings instead of falling back to the source")
    p.add_argument("--real-dates", action="store_true",
                   help="stamp the current date and a unique id (default: fixed, so rebuilds are byte-identical)")
    p.add_argument("--root", type=Path, help="project folder holding content/, layouts/ and fonts/ (default: here)")
    p.add_argument("--assets", type=Path, action="append", metavar="DIR",
                   help="a folder outside the project that images and logos may also come from (repeatable)")
    p.add_argument("--time-limit", type=float, default=DEFAULT.seconds, metavar="SECONDS",
                   help=f"give up on a document that takes longer than this to build (default: {DEFAULT.seconds:g})")
    p.add_argument("--debug", action="store_true", help="show a traceback for unexpected errors")
    p.add_argument("--version", action="version", version=f"handbill {__version__}")
    return p


def run(root: Path | None = None) -> None:
    """The command's entry point: `main`, plus a quiet end when the user presses Ctrl-C or pipes the output into
    a program that stops reading (`| head`). Partial outputs are never left: every file is written atomically."""
    try:
        code = main(root=root)
    except KeyboardInterrupt:
        print("\ninterrupted; files already written are complete, the one in progress was not written", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        sys.stderr.close()
        code = 0
    sys.exit(code)


def main(argv: list[str] | None = None, *, root: Path | None = None, stdout: TextIO | None = None,
         stderr: TextIO | None = None) -> int:
    """Run the CLI; returns the exit code (0 all built, 1 some failed, 2 bad usage)."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["i18n"]:
        return i18n_main(argv[1:], (root or Path.cwd()).resolve(), out, err)
    if argv[:1] == ["package"]:
        return package_main(argv[1:], root, out, err)
    if argv[:1] == ["report"]:
        return report_main(argv[1:], root, out, err)
    args = parser().parse_args(argv)
    project = Project((args.root or root or Path.cwd()).resolve())
    if not project.content.is_dir():
        print(f"error: no content/ folder in {project.root} (use --root to point at the project)", file=err)
        return 2
    sources = project.sources()
    known = sorted({s.parent.name for s in sources})
    for doc in args.documents:
        if doc not in known:
            close = difflib.get_close_matches(doc, known, n=1)
            tip = f" Did you mean '{close[0]}'?" if close else ""
            print(f"error: no document '{doc}' in content/.{tip} Known: {', '.join(known)}", file=err)
            return 2
    sources = [s for s in sources if (not args.documents or s.parent.name in args.documents)
               and (not args.lang or s.stem in args.lang)]
    if not sources:
        print("error: nothing to build: no content file matches", file=err)
        return 2
    if args.time_limit <= 0:
        print("error: --time-limit must be a positive number of seconds", file=err)
        return 2
    options = Options(args.layout, args.brand, args.paper, not args.real_dates, args.check, args.strict,
                      replace(DEFAULT, seconds=args.time_limit), tuple(args.assets or ()), args.profile, args.marks)
    try:
        builder = Builder(project, options, (args.out or project.root / "build").resolve())
    except HandbillError as exc:
        print(f"error: {exc}", file=err)
        return 1
    failed = 0
    for source in sources:
        failed += not _build_one(builder, source, out, err, args.debug)
    verb = "checked" if args.check else "built"
    print(f"{verb} {len(sources) - failed} of {len(sources)} document(s)" + (f"; {failed} failed" if failed else ""),
          file=out)
    return 1 if failed else 0


def package_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="generate.py package",
        description="Build a print run (runs/*.yaml) into one package for the print shop: print and screen PDFs, "
                    "proofs, a manifest of what is printed, and a zip of it all.",
        epilog="Example:  python generate.py package runs/fall-outreach.yaml",
    )
    p.add_argument("run", type=Path, metavar="RUN", help="the run file: documents, languages, copies and formats")
    p.add_argument("-o", "--out", type=Path,
                   help="folder the package and its zip go in (default: build/packages/ in the project)")
    p.add_argument("--root", type=Path, help="project folder holding content/, layouts/ and fonts/ (default: here)")
    p.add_argument("--real-dates", action="store_true",
                   help="stamp the current date and a unique id in the PDFs (default: fixed, so rebuilds are byte-identical)")
    p.add_argument("--assets", type=Path, action="append", metavar="DIR",
                   help="a folder outside the project that images and logos may also come from (repeatable)")
    return p


def package_main(argv: list[str], root: Path | None, out: TextIO, err: TextIO) -> int:
    """`generate.py package RUN`: one line per file built, then where the package and its zip are; 1 if the
    package was refused (nothing written), 2 for bad usage."""
    args = package_parser().parse_args(argv)
    project = Project((args.root or root or Path.cwd()).resolve())
    if not project.content.is_dir():
        print(f"error: no content/ folder in {project.root} (use --root to point at the project)", file=err)
        return 2
    try:
        package = build_package(args.run, project, (args.out or project.root / "build" / "packages").resolve(),
                                invariant=not args.real_dates, assets=tuple(args.assets or ()))
    except ContentError as exc:
        lines = [f"{len(exc.problems)} problem(s) in the run; nothing was written:", *map(str, exc.problems)]
    except PackageError as exc:
        lines = [f"{len(exc.failures)} failure(s); the package was not written:", *exc.failures]
    except HandbillError as exc:
        lines = [str(exc)]
    except OSError as exc:
        lines = [f"cannot read or write {exc.filename or 'a file'}: {exc.strerror or exc}"]
    else:
        for row in package.rows:
            print(_package_line(row), file=out)
        for note in package.notes:
            print(f"  note: {note}", file=out)
        print(f"package {display(package.folder)}  ({len(package.rows)} files)", file=out)
        print(f"zip     {display(package.zip)}", file=out)
        return 0
    print(f"FAIL  {display(args.run)}: " + "\n  ".join(line.replace("\n", "\n    ") for line in lines), file=err)
    return 1


def _package_line(row: Row) -> str:
    pages = f"{row.pages} page{'s' if row.pages != 1 else ''}"
    sheets = f" on {row.sheets} press sheet side{'s' if row.sheets != 1 else ''}" if row.sheets else ""
    copies = f", {row.copies:,} copies" if row.copies else ""
    return f"ok    {row.file}  {pages}{sheets}, {row.trim_inches} in{copies}"


def _build_one(builder: Builder, source: Path, out: TextIO, err: TextIO, debug: bool) -> bool:
    name = f"{source.parent.name}/{source.stem}"
    try:
        result = builder.build(source)
    except ContentError as exc:
        lines = [f"{len(exc.problems)} problem(s):", *map(str, exc.problems)]
    except HandbillError as exc:
        lines = [str(exc)]
    except OSError as exc:
        lines = [f"cannot read or write {exc.filename or 'a file'}: {exc.strerror or exc}"]
    except Exception as exc:  # a bug, not bad input: say so plainly
        if debug:
            raise
        lines = [f"internal error: {type(exc).__name__}: {exc} (run again with --debug and report it)"]
    else:
        print(_summary(name, result), file=out, flush=True)
        for note in result.notes:
            print(f"  note: {note}", file=out, flush=True)
        return True
    print(f"FAIL  {name}: " + "\n  ".join(lines), file=err, flush=True)
    return False


def _summary(name: str, result: Result) -> str:
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    if result.output is None:
        return f"ok    {name}  valid, {pages}{_fit_note(result)}  ({result.seconds:.2f} s){_placeholder_note(result)}"
    try:
        shown = result.output.relative_to(Path.cwd())
    except ValueError:
        shown = result.output
    fitted = _fit_note(result)
    return (f"ok    {name}  -> {shown}  {pages}{fitted}, "
            f"{result.size / 1024:.0f} KB, {result.seconds:.2f} s{_placeholder_note(result)}")


def _fit_note(result: Result) -> str:
    """What the fit chose: body size, spacing, and whether the layout's page count was reached."""
    if result.target is None:
        return ""
    short = f"; the layout aims at {result.target}" if result.pages < result.target else ""
    spacing = f", spacing x{result.spacing:.2f}" if abs(result.spacing - 1.0) > 0.005 else ""
    return f" (body {result.body:g} pt{spacing}{short})"


def _placeholder_note(result: Result) -> str:
    if not result.placeholders:
        return ""
    return f"; prints example contact details: {', '.join(result.placeholders)} (replace them before printing)"
