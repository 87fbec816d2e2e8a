"""`generate.py report funders`: which statements each document prints in each language, with grant numbers and
figures, as a CSV a grant manager can attach to a report, and a flag wherever a funder's statement is not in the
document's language (or is a stale translation) or a document could not be read.

It resolves statements exactly as a build does (same registry, same layout size for short forms) without
rendering, so it takes seconds for every document.
"""

from __future__ import annotations

import argparse
import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from . import grants, readability
from .build import Project
from .design import load_layout
from .errors import ContentError, HandbillError, display
from .funders import Disclaimer, Registry, load_registry, resolve
from .i18n.localize import load_localized
from .output import write_atomic
from .paths import Confinement

COLUMNS = [
    "document",
    "language",
    "layout",
    "statement",
    "kind",
    "form",
    "printed_in",
    "translation",
    "source",
    "grant",
    grants.FEDERAL_AMOUNT,
    grants.FEDERAL_PERCENT,
    grants.TOTAL_COST,
    grants.NONGOVERNMENTAL_AMOUNT,
    grants.NONGOVERNMENTAL_PERCENT,
    "flag",
]


@dataclass(frozen=True)
class Row:
    values: dict[str, str]

    @property
    def flag(self) -> str:
        return self.values.get("flag", "")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="generate.py report",
        description="Reports. funders: the statements each document prints, per language, with grant numbers and "
        "Section 505 figures, as CSV, for grant managers. readability: reading grade, long sentences, "
        "terms used before they are explained and passive constructions, for writers.",
        epilog="Examples:  python generate.py report funders -o fall-report.csv   |   "
        "python generate.py report readability school-vs-medical-therapies",
    )
    p.add_argument("report", choices=["funders", "readability"], help="which report")
    p.add_argument("documents", nargs="*", metavar="DOC", help="document ids (default: all in content/)")
    p.add_argument("-l", "--lang", action="append", metavar="LANG", help="only these languages (repeatable)")
    p.add_argument("--layout", help="as printed with this layout instead of each document's own (short forms)")
    p.add_argument("-o", "--out", type=Path, help="CSV file to write (default: build/reports/<report>.csv; - for stdout)")
    p.add_argument("--root", type=Path, help="project folder holding content/, layouts/ and fonts/ (default: here)")
    return p


def main(argv: list[str], root: Path | None, out: TextIO, err: TextIO) -> int:
    """0 when every document was read (flags are findings, not failures), 1 when one could not be, 2 for bad usage."""
    args = parser().parse_args(argv)
    project = Project((args.root or root or Path.cwd()).resolve())
    if not project.content.is_dir():
        print(f"error: no content/ folder in {project.root} (use --root to point at the project)", file=err)
        return 2
    sources = [
        s
        for s in project.sources()
        if (not args.documents or s.parent.name in args.documents) and (not args.lang or s.stem in args.lang)
    ]
    if not sources:
        print("error: nothing to report: no content file matches", file=err)
        return 2
    if args.report == "readability":
        return _readability(project, sources, args.out, out, err)
    try:
        registry = load_registry(project.funders, Confinement.of(project.root))
    except HandbillError as exc:
        print(f"error: {exc}", file=err)
        return 1
    rows = [row for source in sources for row in funder_rows(project, registry, source, args.layout)]
    table = _csv(rows)
    if args.out is not None and str(args.out) == "-":
        out.write(table)
    else:
        target = (args.out or project.root / "build" / "reports" / "funders.csv").resolve()
        write_atomic(target, table.encode("utf-8"))
        for row in rows:
            print(_line(row), file=out)
        flagged = sum(1 for row in rows if row.flag)
        print(f"wrote {display(target)}  ({len(rows)} rows, {flagged} flagged)", file=out)
    return 1 if any(row.flag.startswith("error") for row in rows) else 0


def funder_rows(project: Project, registry: Registry, source: Path, layout_name: str | None = None) -> list[Row]:
    """One row per statement `source` prints; one flagged row when it prints none, or cannot be read."""
    base = {"document": source.parent.name, "language": source.stem}
    try:
        document = load_localized(source, Confinement.of(project.root)).document
        layout = load_layout(
            project.layouts, layout_name or document.layout, None if layout_name else document.field_where.get("layout")
        )
        statements = resolve(document, registry, layout.page_size[0])
    except ContentError as exc:
        return [Row(base | {"flag": f"error: {exc.problems[0]}"})]
    except HandbillError as exc:
        return [Row(base | {"flag": f"error: {exc}"})]
    base["layout"] = layout_name or document.layout
    rows = [Row(base | _statement(s, document.language)) for s in statements]
    return rows or [Row(base | {"statement": "(none: funders: [])"})]


def _statement(statement: Disclaimer, language: str) -> dict[str, str]:
    flag = ""
    if statement.language != language:
        flag = f"no {language} wording: printed in {statement.language}"
    elif statement.stale:
        flag = "stale translation: the English changed since"
    translation = "source" if statement.language == "en" else f"official: {statement.official}" if statement.official else "draft"
    grant = next((v for k, v in statement.facts.items() if k.endswith("_number")), "")
    figures = {name: statement.facts[name] for name in COLUMNS if name in grants.FIGURES and name in statement.facts}
    return {
        "statement": statement.id,
        "kind": statement.kind,
        "form": statement.form,
        "printed_in": statement.language,
        "translation": translation,
        "source": statement.citation,
        "grant": grant,
        **figures,
        "flag": flag,
    }


def _csv(rows: list[Row]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.values.get(column, "") for column in COLUMNS})
    return buffer.getvalue()


def _line(row: Row) -> str:
    """One readable line per row: who, what, the grant and figures, and any flag."""
    v = row.values
    figures = ""
    if v.get(grants.FEDERAL_AMOUNT):
        figures = (
            f"  ${v[grants.FEDERAL_AMOUNT]} federal ({v[grants.FEDERAL_PERCENT]}%), "
            f"${v[grants.NONGOVERNMENTAL_AMOUNT]} non-governmental ({v[grants.NONGOVERNMENTAL_PERCENT]}%)"
        )
    grant = f" {v['grant']}" if v.get("grant") else ""
    form = " (short form)" if v.get("form") == "short" else ""
    flag = f"  ! {v['flag']}" if v.get("flag") else ""
    printed = f" [{v['printed_in']}]" if v.get("printed_in") else ""
    return (
        f"{v['document'] + '/' + v['language']:<38} {v.get('statement', ''):<28}{grant}{form}{printed}{figures}{flag}"
    ).rstrip()


READABILITY_COLUMNS = [
    "document",
    "language",
    "measure",
    "grade",
    "target",
    "words",
    "sentences",
    "finding",
    "text",
    "where",
    "detail",
]


def _readability(project: Project, sources: list[Path], target: Path | None, out: TextIO, err: TextIO) -> int:
    """`report readability`: a summary line per document and language, each finding under it, and a CSV of all;
    1 when a document is over the target grade it sets, or cannot be read."""
    try:
        terms = readability.glossary(project.content / "glossary.yaml")
    except ContentError as exc:
        print(f"error: {exc.problems[0]}", file=err)
        return 1
    rows: list[dict[str, str]] = []
    failed = 0
    to_stdout = target is not None and str(target) == "-"
    shown = err if to_stdout else out  # the CSV alone goes to stdout with -o -
    for source in sources:
        try:
            result = readability.assess(load_localized(source, Confinement.of(project.root)).document, terms)
        except HandbillError as exc:
            print(f"FAIL  {source.parent.name}/{source.stem}: {exc}", file=err)
            failed += 1
            continue
        print(_readability_line(result), file=shown)
        for finding in result.findings:
            print(f"  {finding.kind:<19} {finding.key} ({finding.where}): {finding.detail}", file=shown)
        failed += result.over_target
        base = {
            "document": result.document,
            "language": result.language,
            "measure": result.measure,
            "grade": "" if result.grade is None else f"{result.grade:g}",
            "target": "" if result.target is None else f"{result.target:g}",
            "words": str(result.words),
            "sentences": str(result.sentences),
        }
        rows += [base] + [
            base | {"finding": f.kind, "text": f.key, "where": str(f.where), "detail": f.detail} for f in result.findings
        ]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, READABILITY_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: row.get(column, "") for column in READABILITY_COLUMNS} for row in rows)
    if to_stdout:
        out.write(buffer.getvalue())
    else:
        file = (target or project.root / "build" / "reports" / "readability.csv").resolve()
        write_atomic(file, buffer.getvalue().encode("utf-8"))
        print(f"wrote {display(file)}", file=out)
    return 1 if failed else 0


_PLURALS = {"long sentence": "long sentences", "term not explained": "terms not explained", "passive": "passives"}


def _readability_line(result: readability.Readability) -> str:
    grade = (
        f"{result.measure} {result.grade:g}" if result.grade is not None else f"no reading-grade formula for {result.language}"
    )
    over = (
        f" (over the target of {result.target:g})"
        if result.over_target
        else (f" (target {result.target:g})" if result.target is not None else "")
    )
    counts: dict[str, int] = {}
    for finding in result.findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    found = ", ".join(f"{n} {_PLURALS[kind] if n != 1 else kind}" for kind, n in counts.items()) or "nothing to flag"
    return (
        f"{result.document + '/' + result.language:<38} {grade}{over}; {result.words:,} words in "
        f"{result.sentences} sentences; {found}"
    )
