"""A batch: every output asked for, built in parallel where it is out of date, reported in catalog order.

The steps: decide per output whether it is up to date (incremental.py), build the others with a Runner
(pool.py), print each output's lines in order while a bar counts them (progress.py), record what each new
output was made from, make the contact sheets of the documents previewed (preview.py), and count.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from . import preview
from .incremental import Entry, Fingerprints, Record, entry_for, intact
from .pool import Job, Outcome, Runner, Setup
from .progress import Line, Progress, wants_bar
from .project import Options, Project, Result, output_file


@dataclass(frozen=True)
class Request:
    """One batch as asked for on the command line."""

    project: Project
    options: Options
    out_dir: Path
    sources: tuple[Path, ...]
    force: bool = False  # rebuild outputs that are up to date
    preview: bool = False  # PNG pages of each output and a contact sheet of each document


@dataclass
class Tally:
    built: int = 0  # or checked, with --check
    fresh: int = 0  # up to date, not rebuilt
    failed: int = 0
    setup_failure: str = ""  # the fonts or the funder registry could not be loaded: nothing was built
    sheets: list[Path] = field(default_factory=list)

    def summary(self, check_only: bool) -> str:
        if check_only:
            return f"checked {self.built}, failed {self.failed}"
        return f"built {self.built}, up to date {self.fresh}, failed {self.failed}"


def run_batch(request: Request, runner: Runner, out: TextIO, err: TextIO) -> Tally:
    """Build what the request asks for; the lines go to `out` (and failures to `err`) in catalog order."""
    fingerprints = Fingerprints(request.project, request.options)
    fingerprints.prime()
    check_only = request.options.check_only
    record = None if check_only else Record(request.out_dir, request.project.root)
    setup = Setup(request.project, request.options, request.out_dir, fingerprints.generation())
    tally = Tally()
    progress = Progress(len(request.sources), err if wants_bar(err) else None, "checking" if check_only else "building")
    jobs: list[Job] = []
    try:
        for index, source in enumerate(request.sources):
            output = output_file(request.out_dir, source, request.options.profile)
            entry = None if record is None or request.force else _fresh(record.get(output), output, fingerprints)
            if entry is None:
                jobs.append(Job(index, source, setup, preview=request.preview))
            elif request.preview and (entry.preview != entry.digest or not preview.present(output)):
                jobs.append(Job(index, source, setup, build=False, preview=True))
            else:
                tally.fresh += 1
                progress.done(index, _fresh_lines(source, entry.result(source, output), out))
        for outcome in runner.run(jobs):
            if outcome.setup_failure:
                tally.setup_failure = outcome.setup_failure
                break
            source = request.sources[outcome.index]
            output = output_file(request.out_dir, source, request.options.profile)
            progress.done(outcome.index, _outcome_lines(outcome, source, record, output, out, err))
            if outcome.failure:
                tally.failed += 1
            elif outcome.result is not None:
                tally.built += 1
                if record is not None:
                    record.put(output, entry_for(outcome.result, fingerprints.key(outcome.result.inputs), request.preview))
            else:
                tally.fresh += 1
                if record is not None:
                    _previewed(record, output)
    finally:
        if record is not None:
            record.save()
        progress.close()
    if request.preview and not tally.setup_failure:
        folders = dict.fromkeys(output_file(request.out_dir, s, request.options.profile).parent for s in request.sources)
        tally.sheets = [sheet for folder in folders if (sheet := preview.write_sheet(folder, request.project.fonts))]
        progress.say([(out, f"sheet {_shown(sheet)}") for sheet in tally.sheets])
    return tally


def _fresh(entry: Entry | None, output: Path, fingerprints: Fingerprints) -> Entry | None:
    """The record's entry when the output is up to date: made from the inputs as they are now, and untouched."""
    if entry is not None and entry.key == fingerprints.key(entry.inputs) and intact(output, entry.digest):
        return entry
    return None


def _previewed(record: Record, output: Path) -> None:
    entry = record.get(output)
    if entry is not None:
        entry.preview = entry.digest
        record.put(output, entry)


def _outcome_lines(outcome: Outcome, source: Path, record: Record | None, output: Path, out: TextIO, err: TextIO) -> list[Line]:
    name = f"{source.parent.name}/{source.stem}"
    if outcome.failure:
        return [(err, f"FAIL  {name}: " + "\n  ".join(outcome.failure))]
    previews = (
        [
            (
                out,
                f"  preview: {outcome.previews} page{'s' if outcome.previews != 1 else ''} in "
                f"{_shown(preview.pages_folder(output))}/",
            )
        ]
        if outcome.previews
        else []
    )
    if outcome.result is None:  # previews made for an output that was up to date
        entry = record.get(output) if record is not None else None
        return (_fresh_lines(source, entry.result(source, output), out) if entry else []) + previews
    result = outcome.result
    return [(out, summary_line(name, result)), *[(out, f"  note: {note}") for note in result.notes], *previews]


def _fresh_lines(source: Path, result: Result, out: TextIO) -> list[Line]:
    """An up-to-date output's line, with the notes its build gave (they still hold for the file on disk)."""
    line = summary_line(f"{source.parent.name}/{source.stem}", result, fresh=True)
    return [(out, line), *[(out, f"  note: {note}") for note in result.notes]]


def summary_line(name: str, result: Result, fresh: bool = False) -> str:
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    if result.output is None:
        return f"ok    {name}  valid, {pages}{_fit_note(result)}  ({result.seconds:.2f} s){_placeholder_note(result)}"
    when = "up to date" if fresh else f"{result.seconds:.2f} s"
    return (
        f"ok    {name}  -> {_shown(result.output)}  {pages}{_fit_note(result)}, "
        f"{result.size / 1024:.0f} KB, {when}{_placeholder_note(result)}"
    )


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


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
