"""Print-run packages: everything one print run needs, in one folder and one zip, from a run file (runs/*.yaml).

Outreach staff send the package to a print shop and report to the grant what was printed, so it holds the files
to print, the same handouts for the screen, pictures to check by eye, and a manifest of every file:

    <slug>/
      README.txt                          what each part is for
      print/<doc-id>.<lang>.<format>.pdf  for the print shop: CMYK PDF/X-4, bleed and marks, imposed on press sheets
      screen/<doc-id>.<lang>.<format>.pdf the same handouts for email and the web
      proofs/<doc-id>.<lang>.<format>/page-01.png ...  every page (press sheet) of each print file
      contact-sheet.png                   the first page of every print file, labelled
      manifest.csv, manifest.json         one row per PDF: what it is, copies to print, statements, SHA-256
    <slug>.zip                            the folder above, to send as one file

A package is all or nothing: it is made in a temporary folder beside its final place and moved there only when
every file built, so a failed run leaves the previous package as it was. Unchanged input gives identical bytes
in every file, the zip included, so a rebuilt package shows no change.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import json
import os
import re
import tempfile
import unicodedata
import zipfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from pathlib import Path

import pikepdf

from .. import __version__
from ..build import Options, Project, Result
from ..design import available
from ..errors import ContentError, HandbillError, Problem
from ..i18n.localize import load_localized
from ..load import Located, field_name, load_yaml
from ..paths import Confinement
from ..pool import Job as PoolJob
from ..pool import Runner, Setup
from ..validate import validate
from .proofs import contact_sheet, page_pngs

PROOF_DPI = 72
KINDS = ("print", "screen")  # the package's subfolders, and the manifest's kind of each file
SCREEN_PROFILE = "sRGB (screen)"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say: a fixed time, so the zip's bytes never change
_README = """{name}

print/            Files for the print shop: CMYK PDF/X-4 with bleed and crop marks. Formats that are
                  folded or cut are already imposed on press sheets (the manifest's sheets column).
screen/           The same handouts for email and the web.
proofs/           Every page of each print file as a picture, to check before printing.
contact-sheet.png The first page of every print file, labelled with document, language and format.
manifest.csv      One row per file: document, language, format, print or screen, pages, press sheets,
manifest.json     trim size in inches, colour profile, finished copies to print, the funders' statements
                  it carries, its path here and its SHA-256 checksum (to check a copy arrived intact).
"""


@dataclass(frozen=True)
class Job:
    """One document in one language and format, and how many copies to print of it."""

    document: str
    language: str
    format: str
    copies: int
    file: Path  # the content file of this document and language

    @property
    def stem(self) -> str:
        return f"{self.document}.{self.language}.{self.format}"


@dataclass(frozen=True)
class Run:
    """A validated run file."""

    name: str
    slug: str
    profile: str
    jobs: tuple[Job, ...]


@dataclass(frozen=True)
class Row:
    """One file of the package as the manifest lists it (the CSV's columns, in order)."""

    document: str
    language: str
    format: str
    kind: str
    pages: int
    sheets: int
    trim_inches: str
    colour_profile: str
    copies: int  # copies to print; 0 for screen files
    statements: tuple[str, ...]
    file: str  # relative to the package folder
    sha256: str


@dataclass(frozen=True)
class Package:
    """A package as written: where it is, and what is in it."""

    name: str
    folder: Path
    zip: Path
    rows: tuple[Row, ...]
    notes: tuple[str, ...] = ()  # warnings about the content, e.g. untranslated strings


class PackageError(HandbillError):
    """Some documents of a run did not build; nothing was written. Carries one message per failure."""

    def __init__(self, name: str, failures: Sequence[str]):
        self.failures = list(failures)
        super().__init__(f"package '{name}' was not written: {len(self.failures)} failure(s):\n" + "\n".join(self.failures))


def build_package(
    run_file: Path,
    project: Project,
    out_dir: Path,
    *,
    invariant: bool = True,
    assets: Sequence[Path] = (),
    workers: int = 1,
) -> Package:
    """Build the run in `run_file` into out_dir/<slug>/ and out_dir/<slug>.zip, replacing an older package of the
    same name, its files built `workers` at a time (the package is the same whatever the number); raises
    ContentError (a bad run file) or PackageError (documents that failed), writing nothing."""
    run = load_run(run_file, project, Confinement.of(project.root, *assets))
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f".{run.slug}.", dir=out_dir) as work:
        staged = Path(work) / run.slug
        rows, notes = _build_files(run, project, staged, Path(work) / "builds", invariant, tuple(assets), workers)
        _write_proofs(staged, [row for row in rows if row.kind == "print"], project)
        _write_manifest(staged, run, rows)
        (staged / "README.txt").write_text(_README.format(name=run.name), encoding="utf-8")
        archive = Path(work) / f"{run.slug}.zip"
        archive.write_bytes(zip_folder(staged, run.slug))
        folder, zipped = out_dir / run.slug, out_dir / f"{run.slug}.zip"
        if folder.exists():
            os.replace(folder, Path(work) / "previous")  # removed with the temporary folder
        os.replace(staged, folder)
        os.replace(archive, zipped)
    return Package(run.name, folder, zipped, tuple(rows), tuple(notes))


# The run file


def load_run(run_file: Path, project: Project, confinement: Confinement) -> Run:
    """Read and check a run file: every document, language and format must exist in the project, each once."""
    located = load_yaml(run_file)
    validate(located, "run")
    data = located.data
    documents = sorted({source.parent.name for source in project.sources()})
    layouts = available(project.layouts)
    problems: list[Problem] = []
    jobs: list[Job] = []
    placed: dict[tuple[str, str, str], int] = {}
    for number, item in enumerate(data["items"]):
        at = ("items", number)
        if item["document"] not in documents:
            problems.append(_unknown(located, at + ("document",), "document", item["document"], documents, "content/"))
            continue
        folder = project.content / item["document"]
        languages = {lang: copies for lang, copies in item["languages"].items() if (folder / f"{lang}.yaml").is_file()}
        problems += [
            _unknown(
                located, at + ("languages", lang), "language", lang, available(folder), f"content/{item['document']}/", key=True
            )
            for lang in item["languages"]
            if lang not in languages
        ]
        if "formats" in item:
            problems += [
                _unknown(located, at + ("formats", index), "layout", layout, layouts, "layouts/")
                for index, layout in enumerate(item["formats"])
                if layout not in layouts
            ]
            formats = [layout for layout in item["formats"] if layout in layouts]
        else:  # the document's own layout, which its build checks
            formats = _own_layout(folder, languages, confinement, problems)
        for layout in formats:
            for lang, copies in languages.items():
                key = (item["document"], lang, layout)
                if key in placed:
                    where = at + ("languages", lang)
                    problems.append(
                        Problem(
                            located.where(where, key=True),
                            field_name(where),
                            f"{key[0]} in {lang} as {layout} is already in items[{placed[key]}]",
                            "list each document, language and format once; add the copies together",
                        )
                    )
                else:
                    jobs.append(Job(*key, copies, folder / f"{lang}.yaml"))
                    placed[key] = number
    if problems:
        raise ContentError(problems)
    return Run(data["name"], slug(data["name"]), data.get("profile", "print"), tuple(jobs))


def slug(name: str) -> str:
    """A folder and file name for a package name: 'Fall outreach 2025' -> 'fall-outreach-2025' (ASCII only)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:64].rstrip("-")


def _own_layout(folder: Path, languages: dict[str, int], confinement: Confinement, problems: list[Problem]) -> list[str]:
    """The layout the document asks for, as read from one of its `languages` (none if there is none); the
    problems of a content file that cannot be read join `problems`."""
    first = next(iter(languages), None)
    if first is None:
        return []
    try:
        return [load_localized(folder / f"{first}.yaml", confinement).document.layout]
    except ContentError as exc:
        problems += exc.problems
        return []


def _unknown(
    located: Located, path: tuple[str | int, ...], what: str, name: str, known: list[str], folder: str, *, key: bool = False
) -> Problem:
    close = difflib.get_close_matches(name, known, n=1)
    tip = f"did you mean '{close[0]}'? " if close else ""
    return Problem(
        located.where(path, key=key),
        field_name(path),
        f"unknown {what} '{name}'",
        f"{tip}{folder} has: {', '.join(known) or 'none'}",
    )


# Building the files


def _build_files(
    run: Run, project: Project, staged: Path, builds: Path, invariant: bool, assets: tuple[Path, ...], workers: int
) -> tuple[list[Row], list[str]]:
    """Every job as a print and a screen file in staged/print/ and staged/screen/, built `workers` at a time;
    raises PackageError listing every job that failed, after trying them all."""
    setups: dict[tuple[str, str], Setup] = {}
    files: list[tuple[Job, str]] = []
    pool_jobs: list[PoolJob] = []
    for job in run.jobs:
        for kind, profile in zip(KINDS, (run.profile, "screen")):
            if (job.format, profile) not in setups:  # each format and profile builds in a folder of its own
                options = Options(layout=job.format, invariant=invariant, assets=assets, profile=profile)
                setups[job.format, profile] = Setup(project, options, builds / f"{job.format}-{profile}")
            pool_jobs.append(PoolJob(len(files), job.file, setups[job.format, profile]))
            files.append((job, kind))
    with Runner(workers) as runner:
        outcomes = sorted(runner.run(pool_jobs), key=lambda outcome: outcome.index)
    rows: list[Row] = []
    failures: dict[str, None] = {}  # in order, each once: a content problem fails every format of its file alike
    noted: dict[str, dict[str, None]] = {}  # each note once, with the documents and languages it is about
    for outcome, (job, kind) in zip(outcomes, files):
        if outcome.problems:
            failures.update(dict.fromkeys(outcome.problems))
            continue
        if outcome.setup_failure or outcome.failure or outcome.result is None:
            failures[
                f"{job.document}/{job.language} as {job.format} ({kind}): {outcome.setup_failure or ' '.join(outcome.failure)}"
            ] = None
            continue
        result = outcome.result
        assert result.output is not None  # built, not just checked
        target = staged / kind / f"{job.stem}.pdf"
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(result.output, target)
        rows.append(_row(job, kind, result, target, staged))
        for note in _notes(result):
            noted.setdefault(note, {})[f"{job.document}/{job.language}"] = None
    if failures:
        raise PackageError(run.name, list(failures))
    return rows, [f"{', '.join(names)}: {note}" for note, names in noted.items()]


def _notes(result: Result) -> list[str]:
    placeholders = (
        [f"prints example contact details: {', '.join(result.placeholders)} (replace them before printing)"]
        if result.placeholders
        else []
    )
    return [*result.notes, *placeholders]


def _row(job: Job, kind: str, result: Result, file: Path, package: Path) -> Row:
    data = file.read_bytes()
    return Row(
        job.document,
        job.language,
        job.format,
        kind,
        result.pages,
        result.sheets,
        " x ".join(_inches(side) for side in result.trim),
        output_condition(data) if kind == "print" else SCREEN_PROFILE,
        job.copies if kind == "print" else 0,
        tuple(result.statements),
        file.relative_to(package).as_posix(),
        hashlib.sha256(data).hexdigest(),
    )


def _inches(points: float) -> str:
    return f"{points / 72:.3f}".rstrip("0").rstrip(".")


def output_condition(pdf: bytes) -> str:
    """The printing condition a PDF/X file's output intent names (e.g. 'CGATS TR 006'), as the print shop sees it."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        for intent in opened.Root.get("/OutputIntents", []):
            if "/OutputConditionIdentifier" in intent:
                return str(intent.OutputConditionIdentifier)
    raise HandbillError("a print file has no output intent; it is not PDF/X and cannot go to the print shop")


# Proofs, manifest and zip


def _write_proofs(package: Path, rows: list[Row], project: Project) -> None:
    """proofs/<file>/page-NN.png for every page of each print file, and contact-sheet.png of their first pages."""
    firsts = []
    for row in rows:
        pages = page_pngs((package / row.file).read_bytes(), PROOF_DPI)
        folder = package / "proofs" / Path(row.file).stem
        folder.mkdir(parents=True, exist_ok=True)
        for number, png in enumerate(pages, start=1):
            (folder / f"page-{number:02d}.png").write_bytes(png)
        firsts.append((f"{row.document}\n{row.language} · {row.format}", pages[0]))
    (package / "contact-sheet.png").write_bytes(contact_sheet(firsts, font=project.fonts / "NotoSans-Regular.ttf"))


def _write_manifest(package: Path, run: Run, rows: list[Row]) -> None:
    manifest = {"name": run.name, "profile": run.profile, "handbill": __version__, "files": [asdict(row) for row in rows]}
    (package / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.name for column in fields(Row)])
    writer.writerows([_csv_value(value) for value in asdict(row).values()] for row in rows)
    (package / "manifest.csv").write_text(out.getvalue(), encoding="utf-8", newline="")


def _csv_value(value: object) -> str:
    """A manifest value as the CSV shows it: a list as its items separated by '; '."""
    if isinstance(value, (list, tuple)):
        return "; ".join(map(str, value))
    return str(value)


def zip_folder(folder: Path, top: str) -> bytes:
    """Every file under `folder` in a zip, inside a folder named `top`: entries sorted, with a fixed time and
    permissions, so the same files always give the same zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for file in sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix()):
            entry = zipfile.ZipInfo(f"{top}/{file.relative_to(folder).as_posix()}", date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # Unix, so the permissions below are read as such everywhere
            entry.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            archive.writestr(entry, file.read_bytes(), compresslevel=6)
    return out.getvalue()
