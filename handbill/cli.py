"""Command line: `python generate.py [DOC ...] [options]` builds handouts and prints one line per document.

Every expected failure becomes a message naming file:line:column; a traceback is shown only with --debug.
"""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import __version__
from .errors import display
from .limits import DEFAULT
from .press.profile import PROFILES
from .project import Options, Project

if TYPE_CHECKING:
    from .batch import Request
    from .press.package import Row

PAPERS = ("a4", "legal", "letter")  # design.PAPER's names, here so --help need not load ReportLab for its sizes
COMMANDS = ("watch", "i18n", "package", "report")


def parser(watch: bool = False) -> argparse.ArgumentParser:
    if watch:
        p = argparse.ArgumentParser(
            prog="generate.py watch",
            description="Build, then rebuild whenever a content, layout, brand, font or funder file changes, refreshing "
            "each document's preview pictures (build/<doc-id>/preview/). Ctrl-C stops.",
            epilog="Example:  python generate.py watch school-vs-medical-therapies --lang en",
        )
    else:
        p = argparse.ArgumentParser(
            prog="generate.py",
            description="Build print-ready PDF handouts from the content in content/<doc-id>/<lang>.yaml. Only outputs "
            "whose inputs changed since the last build are built again.",
            epilog="Examples:  python generate.py   |   python generate.py school-vs-medical-therapies --paper a4   |   "
            "python generate.py --check   |   python generate.py watch   |   python generate.py i18n status  "
            "(translations: i18n --help)   |   python generate.py package runs/fall-outreach.yaml",
        )
    p.add_argument("documents", nargs="*", metavar="DOC", help="document ids to build (default: all in content/)")
    p.add_argument("-l", "--lang", action="append", metavar="LANG", help="only these languages (repeatable)")
    p.add_argument("--layout", help="use this layout from layouts/ instead of the document's own")
    p.add_argument("--brand", help="use this brand from layouts/brands/ instead of the document's own")
    p.add_argument("--paper", choices=PAPERS, help="paper size, overriding the layout's")
    p.add_argument(
        "--profile",
        choices=PROFILES,
        default="screen",
        help="screen (default): RGB for reading and sharing; print: CMYK PDF/X-4 with bleed and crop marks, "
        "preflighted and imposed as the layout's format says, in build/<doc-id>/print/",
    )
    p.add_argument(
        "--no-marks",
        dest="marks",
        action="store_false",
        default=None,
        help="print files without crop marks (some print shops add their own)",
    )
    p.add_argument("-o", "--out", type=Path, help="output folder (default: build/ in the project)")
    if not watch:
        p.add_argument(
            "--editions",
            type=Path,
            metavar="PARTNERS",
            help="co-branded editions, one per row of this CSV or YAML file (name, logo, contact lines, "
            "languages, copies), in build/editions/<partner>/, with a proof sheet of their first pages",
        )
        p.add_argument(
            "--check", action="store_true", help="validate, lay out and check every document as a build does; write nothing"
        )
        p.add_argument(
            "--preview",
            action="store_true",
            help="also write every page as a PNG and a contact sheet per document, in build/<doc-id>/preview/",
        )
    p.add_argument(
        "--force", action="store_true", help="build every output, even those whose inputs have not changed since they were built"
    )
    _add_jobs(p, "outputs")
    p.add_argument(
        "--strict",
        action="store_true",
        help="refuse translations with missing or stale strings instead of falling back to the source",
    )
    p.add_argument(
        "--real-dates",
        action="store_true",
        help="stamp the current date and a unique id (default: fixed, so rebuilds are byte-identical)",
    )
    p.add_argument("--root", type=Path, help="project folder holding content/, layouts/ and fonts/ (default: here)")
    _add_assets(p)
    p.add_argument(
        "--time-limit",
        type=float,
        default=DEFAULT.seconds,
        metavar="SECONDS",
        help=f"give up on a document that takes longer than this to build (default: {DEFAULT.seconds:g})",
    )
    p.add_argument("--debug", action="store_true", help="show a traceback for unexpected errors")
    p.add_argument("--version", action="version", version=f"handbill {__version__}")
    return p


def _add_jobs(p: argparse.ArgumentParser, things: str) -> None:
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help=f"build N {things} at a time, each in its own process (default: one per processor, {cores()} here)",
    )


def _add_assets(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--assets",
        type=Path,
        action="append",
        metavar="DIR",
        help="a folder outside the project that images and logos may also come from (repeatable)",
    )


def cores() -> int:
    """The processors this process may run on: the default number of builds at a time."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run(root: Path | None = None) -> None:
    """The command's entry point: `main`, plus a quiet end when the user presses Ctrl-C or pipes the output into
    a program that stops reading (`| head`). Partial outputs are never left: every file is written atomically."""
    try:
        code = main(root=root)
    except KeyboardInterrupt:
        print(
            "\ninterrupted; every file written is complete, and documents being built when you pressed Ctrl-C "
            "were finished or not written at all",
            file=sys.stderr,
        )
        code = 130
    except BrokenPipeError:
        sys.stderr.close()
        code = 0
    sys.exit(code)


def main(
    argv: list[str] | None = None, *, root: Path | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the CLI; returns the exit code (0 all built, 1 some failed, 2 bad usage). Each command loads only the
    modules it needs, so `--help` and `i18n` start without ReportLab or the PDF libraries."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["i18n"]:
        from .i18n.commands import main as i18n_main

        return i18n_main(argv[1:], (root or Path.cwd()).resolve(), out, err)
    if argv[:1] == ["package"]:
        return package_main(argv[1:], root, out, err)
    if argv[:1] == ["report"]:
        from .report import main as report_main

        return report_main(argv[1:], root, out, err)
    watching = argv[:1] == ["watch"]
    args = parser(watch=watching).parse_args(argv[1:] if watching else argv)
    chosen = _request(args, root, err)
    if isinstance(chosen, int):
        return chosen
    request, select = chosen
    from .batch import run_batch
    from .pool import Runner

    with Runner(args.jobs or cores(), args.debug) as runner:
        if watching:
            from .watch import watch

            return watch(request, select, runner, out, err)
        if getattr(args, "editions", None):
            from .editions_run import run_editions

            return run_editions(args.editions, request, runner, out, err)
        tally = run_batch(request, runner, out, err)
    if tally.setup_failure:
        print(f"error: {tally.setup_failure}", file=err)
        return 1
    print(tally.summary(request.options.check_only), file=out)
    return 1 if tally.failed else 0


def _request(args: argparse.Namespace, root: Path | None, err: TextIO) -> tuple[Request, Callable[[], tuple[Path, ...]]] | int:
    """The batch the arguments ask for, and how to select its sources again (a watch does after each change);
    or the exit code of a usage error, reported."""
    from .batch import Request

    project = Project((args.root or root or Path.cwd()).resolve())
    if not project.content.is_dir():
        print(f"error: no content/ folder in {project.root} (use --root to point at the project)", file=err)
        return 2
    known = sorted({s.parent.name for s in project.sources()})
    for doc in args.documents:
        if doc not in known:
            close = difflib.get_close_matches(doc, known, n=1)
            tip = f" Did you mean '{close[0]}'?" if close else ""
            print(f"error: no document '{doc}' in content/.{tip} Known: {', '.join(known)}", file=err)
            return 2

    def select() -> tuple[Path, ...]:
        return tuple(
            s
            for s in project.sources()
            if (not args.documents or s.parent.name in args.documents) and (not args.lang or s.stem in args.lang)
        )

    sources = select()
    check, preview = getattr(args, "check", False), getattr(args, "preview", True)
    problems = ["nothing to build: no content file matches"] if not sources else []
    problems += ["--time-limit must be a positive number of seconds"] if args.time_limit <= 0 else []
    problems += ["--jobs must be at least 1"] if args.jobs is not None and args.jobs < 1 else []
    problems += ["--preview pictures the PDFs a build writes; --check writes none (leave one out)"] if check and preview else []
    if problems:
        print(f"error: {problems[0]}", file=err)
        return 2
    options = Options(
        args.layout,
        args.brand,
        args.paper,
        not args.real_dates,
        check,
        args.strict,
        replace(DEFAULT, seconds=args.time_limit),
        tuple(args.assets or ()),
        args.profile,
        args.marks,
    )
    out_dir = (args.out or project.root / "build").resolve()
    return Request(project, options, out_dir, sources, force=args.force, preview=preview), select


def package_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="generate.py package",
        description="Build a print run (runs/*.yaml) into one package for the print shop: print and screen PDFs, "
        "proofs, a manifest of what is printed, and a zip of it all.",
        epilog="Example:  python generate.py package runs/fall-outreach.yaml",
    )
    p.add_argument("run", type=Path, metavar="RUN", help="the run file: documents, languages, copies and formats")
    p.add_argument(
        "-o", "--out", type=Path, help="folder the package and its zip go in (default: build/packages/ in the project)"
    )
    p.add_argument("--root", type=Path, help="project folder holding content/, layouts/ and fonts/ (default: here)")
    p.add_argument(
        "--real-dates",
        action="store_true",
        help="stamp the current date and a unique id in the PDFs (default: fixed, so rebuilds are byte-identical)",
    )
    _add_assets(p)
    _add_jobs(p, "files")
    return p


def package_main(argv: list[str], root: Path | None, out: TextIO, err: TextIO) -> int:
    """`generate.py package RUN`: one line per file built, then where the package and its zip are; 1 if the
    package was refused (nothing written), 2 for bad usage."""
    from .errors import ContentError, HandbillError
    from .press.package import PackageError, build_package

    parser = package_parser()
    args = parser.parse_args(argv)
    if args.jobs is not None and args.jobs < 1:
        parser.error("--jobs must be at least 1")
    project = Project((args.root or root or Path.cwd()).resolve())
    if not project.content.is_dir():
        print(f"error: no content/ folder in {project.root} (use --root to point at the project)", file=err)
        return 2
    try:
        package = build_package(
            args.run,
            project,
            (args.out or project.root / "build" / "packages").resolve(),
            invariant=not args.real_dates,
            assets=tuple(args.assets or ()),
            workers=args.jobs or cores(),
        )
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
