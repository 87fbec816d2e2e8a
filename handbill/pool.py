"""Running builds: in this process, or across a pool of worker processes, one output per job.

ReportLab keeps its fonts per process, so each worker is a separate process with its own builders; it loads the
fonts, layouts and funder registry once and builds job after job with them. A document's bytes do not depend on
what a process built before it (see Builder._render_to_fit), so any schedule gives the same files as one process
building them in order. Expected failures travel back as text: nothing a worker raises needs to be unpickled.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import ContentError, HandbillError
from .project import Options, Project, Result, output_file

if TYPE_CHECKING:
    from .build import Builder


@dataclass(frozen=True)
class Setup:
    """What a builder is made from. `generation` changes with the files a builder loads once (see
    incremental.Fingerprints.generation), so a worker replaces its builder when they change."""

    project: Project
    options: Options
    out_dir: Path
    generation: str = ""


@dataclass(frozen=True)
class Job:
    """One output: build it (or only make its previews, when the PDF is up to date but they are not)."""

    index: int
    source: Path
    setup: Setup
    build: bool = True
    preview: bool = False


@dataclass
class Outcome:
    """What became of a job: a result, the lines saying why it failed, or a failure of the setup itself (a
    broken fonts.yaml or funder registry), which every other job would share."""

    index: int
    result: Result | None = None
    failure: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # when the failure is the content's: each problem, as text
    setup_failure: str = ""
    previews: int = 0  # pages previewed


class Workshop:
    """The builders of one process, one per setup, each made on first use."""

    def __init__(self) -> None:
        self._builders: dict[Setup, Builder] = {}

    def perform(self, job: Job, debug: bool) -> Outcome:
        from .build import Builder  # ReportLab and the PDF libraries load only where documents are built
        from .preview import write_pages

        outcome = Outcome(job.index)
        try:
            if job.setup not in self._builders:
                self._builders = {s: b for s, b in self._builders.items() if s.generation == job.setup.generation}
                self._builders[job.setup] = Builder(job.setup.project, job.setup.options, job.setup.out_dir)
        except HandbillError as exc:
            outcome.setup_failure = str(exc)
            return outcome
        except OSError as exc:
            outcome.setup_failure = f"cannot read {exc.filename or 'a file'}: {exc.strerror or exc}"
            return outcome
        try:
            if job.build:
                outcome.result = self._builders[job.setup].build(job.source)
            if job.preview:
                outcome.previews = write_pages(output_file(job.setup.out_dir, job.source, job.setup.options.profile))
        except ContentError as exc:
            outcome.problems = list(map(str, exc.problems))
            outcome.failure = [f"{len(exc.problems)} problem(s):", *outcome.problems]
        except HandbillError as exc:
            outcome.failure = [str(exc)]
        except OSError as exc:
            outcome.failure = [f"cannot read or write {exc.filename or 'a file'}: {exc.strerror or exc}"]
        except Exception as exc:  # a bug, not bad input: say so plainly
            if debug:
                raise
            outcome.failure = [f"internal error: {type(exc).__name__}: {exc} (run again with --debug and report it)"]
        return outcome


class Runner:
    """Runs jobs and hands back their outcomes as they finish. With one worker, or one job and no pool yet,
    it builds in this process; otherwise in a pool kept for the runner's life (a watch reuses its warm workers)."""

    def __init__(self, workers: int, debug: bool = False):
        self.workers, self.debug = workers, debug
        self._workshop = Workshop()
        self._pool: ProcessPoolExecutor | None = None

    def run(self, jobs: list[Job]) -> Iterator[Outcome]:
        if self._pool is None and (self.workers < 2 or len(jobs) < 2):
            for job in jobs:
                yield self._workshop.perform(job, self.debug)
            return
        pool = self._pool = self._pool or _pool(min(self.workers, len(jobs)))
        pending = {pool.submit(_perform, job, self.debug): job for job in jobs}
        try:
            for done in as_completed(pending):
                try:
                    yield done.result()
                except BrokenProcessPool:  # a worker died (killed, out of memory): its jobs cannot finish
                    if self._pool is pool:
                        pool.shutdown(wait=False)
                        self._pool = None
                    yield Outcome(
                        pending[done].index,
                        failure=["a build process stopped unexpectedly (out of memory, or killed); build this document again"],
                    )
        finally:
            for future in pending:
                future.cancel()

    def close(self) -> None:
        """Stop the workers once each has finished the output it is writing (none is left half-written)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def _pool(workers: int) -> ProcessPoolExecutor:
    """Workers started from a fresh server process that has imported the builder once (not forked from this
    process, whose threads fork would copy mid-step); `spawn` where there is no such server (Windows)."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["handbill.build", "handbill.preview"])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)


_WORKSHOP = Workshop()  # a worker process's builders, kept from job to job


def _start_worker() -> None:
    """Ctrl-C stops the command, which lets each worker finish the file it is writing."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _perform(job: Job, debug: bool) -> Outcome:
    return _WORKSHOP.perform(job, debug)
