"""`generate.py --editions PARTNERS`: every partner's co-branded edition of the chosen documents, through the same
batch (parallel, incremental) as any build, then a proof sheet of every edition's first page, so staff can check
logos and phone numbers at a glance before printing."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TextIO

from .batch import Request, run_batch
from .editions import load_partners
from .errors import ContentError, display
from .paths import Confinement
from .pool import Runner
from .project import output_file


def run_editions(file: Path, request: Request, runner: Runner, out: TextIO, err: TextIO) -> int:
    """0 when every row made its editions, 1 when a row was refused or a build failed (the others still build)."""
    known = {file.stem for source in request.sources for file in source.parent.glob("*.yaml")}  # not only --lang's
    try:
        partners = load_partners(file.resolve(), Confinement.of(request.project.root, *request.options.assets), known)
    except ContentError as exc:
        print("FAIL  " + "\n  ".join([f"{display(file)}: nothing built", *map(str, exc.problems)]), file=err)
        return 1
    for problem in partners.problems:
        print(f"FAIL  {problem}", file=err)
    built = failed = 0
    firsts: list[tuple[str, Path]] = []
    for partner in partners.partners:
        sources = tuple(s for s in request.sources if not partner.languages or s.stem in partner.languages)
        edition = replace(
            request,
            options=replace(request.options, edition=partner.edition),
            out_dir=request.out_dir / "editions" / partner.slug,
            sources=sources,
        )
        copies = f", {partner.copies:,} copies each" if partner.copies else ""
        print(f"edition {partner.slug}: {partner.values['name']} ({len(sources)} outputs{copies})", file=out)
        tally = run_batch(edition, runner, out, err)
        if tally.setup_failure:
            print(f"error: {tally.setup_failure}", file=err)
            return 1
        built, failed = built + tally.built + tally.fresh, failed + tally.failed
        firsts += [
            (f"{partner.values['name']}\n{s.parent.name} · {s.stem}", output_file(edition.out_dir, s, request.options.profile))
            for s in sources
        ]
    made = [(label, pdf) for label, pdf in firsts if pdf.is_file()]
    if not request.options.check_only and made:
        sheet = request.out_dir / "editions" / "proof-sheet.png"
        _proof_sheet(made, sheet, request.project.fonts)
        print(f"proof sheet {display(sheet)}", file=out)
    print(
        f"editions: {len(partners.partners)} partner(s), {built} output(s); {failed} failed, "
        f"{len(partners.problems)} row problem(s)",
        file=out,
    )
    return 1 if failed or partners.problems else 0


def _proof_sheet(firsts: list[tuple[str, Path]], sheet: Path, fonts: Path) -> None:
    from .output import write_atomic
    from .press.proofs import contact_sheet, page_pngs

    pictures = [(label, page_pngs(pdf.read_bytes(), 50)[0]) for label, pdf in firsts]
    write_atomic(sheet, contact_sheet(pictures, font=fonts / "NotoSans-Regular.ttf"))
