"""`generate.py watch`: build, then build again whenever a content, layout, brand, font or funder file changes.

Each round is an ordinary incremental batch with previews, so only the outputs whose inputs changed are rebuilt
and their pictures refreshed; the worker processes stay up between rounds with their fonts loaded. A round that
fails (a broken funder registry, say) is reported and the watch goes on: fix the file and it builds again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from .batch import Request, run_batch
from .pool import Runner

Changes = Iterable[Set[tuple[object, str]]]  # what watchfiles yields: sets of (kind of change, path)


def watch(
    request: Request,
    select: Callable[[], tuple[Path, ...]],
    runner: Runner,
    out: TextIO,
    err: TextIO,
    changes: Changes | None = None,
) -> int:
    """Build `request`, then again with the sources `select` gives after each set of changes, until Ctrl-C
    (or until `changes` ends: tests pass a list)."""
    folders = [
        f
        for f in (request.project.content, request.project.layouts, request.project.fonts, *request.options.assets)
        if f.is_dir()
    ]
    try:
        _round(request, runner, out, err)
        shown = ", ".join(_named(f, request.project.root) + "/" for f in folders)
        print(f"watching {shown} for changes (Ctrl-C stops)", file=out, flush=True)
        for changed in changes if changes is not None else _changes(folders, request.out_dir):
            print(
                f"changed: {_listed(sorted({_named(Path(p), request.project.root) for _, p in changed}))}", file=out, flush=True
            )
            _round(replace(request, sources=select(), force=False), runner, out, err)
    except KeyboardInterrupt:
        print("stopped watching", file=out)
    return 0


def _named(path: Path, root: Path) -> str:
    """A path as written from the project's root (content/sheet/en.yaml), links left as they are."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _listed(names: list[str], most: int = 3) -> str:
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more


def _round(request: Request, runner: Runner, out: TextIO, err: TextIO) -> None:
    if not request.sources:
        print("nothing to build: no content file matches", file=err, flush=True)
        return
    tally = run_batch(request, runner, out, err)
    if tally.setup_failure:
        print(f"error: {tally.setup_failure}", file=err, flush=True)
    else:
        print(tally.summary(check_only=False), file=out, flush=True)


def _changes(folders: list[Path], out_dir: Path) -> Changes:
    """Sets of changed files under `folders` (editors' swap files and the build's own outputs left out)."""
    from watchfiles import Change, DefaultFilter
    from watchfiles import watch as watch_files

    class Inputs(DefaultFilter):
        def __call__(self, change: Change, path: str) -> bool:
            return super().__call__(change, path) and not Path(path).is_relative_to(out_dir)

    return watch_files(*folders, watch_filter=Inputs())
