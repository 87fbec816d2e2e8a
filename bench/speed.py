"""handbill against the floor (plain ReportLab, bench/floor.py) and the issue's targets, as one table.

    python bench/speed.py [--quick] [--peers-python PYTHON]

Measures, in this order, on this machine: `generate.py --help`; the fact sheet in English whole process
(handbill and the floor, interleaved); each language in process, warm (a builder that has built it once), with
the number of layouts the fit tried; a 200-output catalog at -j1 and -j2 and its unchanged rebuild; resident
memory over 1,000 outputs; PDF sizes; Typst and WeasyPrint when --peers-python has them. --quick cuts the counts
(40 outputs, 100 for memory, 3 repeats) for a check that the command works. Takes about 10 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import catalog  # noqa: E402
import factsheet  # noqa: E402

LANGUAGES = ("en", "es", "ru", "vi", "zh-Hans", "ko", "ar", "ur")
RIGHT_TO_LEFT = ("ar", "ur")
Row = tuple[str, str, str, str]  # figure, measured, target, verdict


def main() -> int:
    options = _arguments()
    repeats = 3 if options.quick else 5
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        texts = {}
        for language in LANGUAGES:
            texts[language] = work / f"{language}.json"
            texts[language].write_text(json.dumps(factsheet.text_of(language), ensure_ascii=False), encoding="utf-8")
        rows += _help(repeats)
        rows += _whole_process(work, texts["en"], repeats)
        rows += _in_process(work, texts, repeats)
        rows += _catalog(work, 40 if options.quick else 200)
        rows += _memory(100 if options.quick else 1000)
        rows += _peers(options.peers_python, work, texts, repeats)
    _print(rows)
    return 0


def _arguments() -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench/speed.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="smaller counts, to check the command runs")
    p.add_argument("--peers-python", default=sys.executable, help="a Python with typst and weasyprint installed")
    return p.parse_args()


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _wall(command: list[str], **kwargs: Any) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - start


def _batch(command: list[str]) -> tuple[float, str]:
    """A generate.py batch's wall time and its last line (the count), whether or not some outputs failed."""
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if run.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} exited with {run.returncode}:\n{run.stderr}")
    return seconds, run.stdout.strip().splitlines()[-1]


def _median(run: Callable[[], float], repeats: int) -> float:
    return statistics.median(run() for _ in range(repeats))


def _help(repeats: int) -> list[Row]:
    _say("generate.py --help ...")
    seconds = _median(lambda: _wall([sys.executable, str(ROOT / "generate.py"), "--help"]), repeats + 2)
    return [("generate.py --help, whole process", f"{seconds:.3f} s", "< 0.15 s", _verdict(seconds < 0.15))]


def _whole_process(work: Path, text: Path, repeats: int) -> list[Row]:
    _say("fact sheet en, whole process ...")
    handbill = [
        sys.executable,
        str(ROOT / "generate.py"),
        "school-vs-medical-therapies",
        "--lang",
        "en",
        "--force",
        "-j1",
        "--out",
        str(work / "whole"),
    ]
    plain = [sys.executable, str(BENCH / "floor.py"), str(text), str(work / "floor.pdf")]
    ours, theirs = [], []
    for _ in range(repeats):  # interleaved, so a busy moment of the machine hits both alike
        ours.append(_wall(handbill, cwd=ROOT))
        theirs.append(_wall(plain))
    ratio = statistics.median(ours) / statistics.median(theirs)
    return [
        (
            "fact sheet en, whole process: handbill / floor",
            f"{statistics.median(ours):.2f} s / {statistics.median(theirs):.2f} s = {ratio:.1f}x",
            "<= 1.5x",
            _verdict(ratio <= 1.5),
        )
    ]


def _in_process(work: Path, texts: dict[str, Path], repeats: int) -> list[Row]:
    import handbill.build as build

    renders = 0
    real_render = build.render

    def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal renders
        renders += 1
        return real_render(*args, **kwargs)

    build.render = counted  # type: ignore[assignment]
    builder = build.Builder(build.Project(ROOT), build.Options(), work / "in-process")
    rows = []
    for language in LANGUAGES:
        _say(f"fact sheet {language}, in process ...")
        source = ROOT / "content" / "school-vs-medical-therapies" / f"{language}.yaml"
        try:
            builder.build(source)
        except Exception as exc:  # reported in the table, so one language does not stop the others
            rows.append(
                (f"fact sheet {language}, in process", f"build failed: {type(exc).__name__} {str(exc)[:60]}", "", "FAILED")
            )
            continue
        renders = 0
        ours = _median(partial(_timed, partial(builder.build, source)), repeats)
        tries = renders / repeats
        theirs = _floor_warm(texts[language], work, repeats)
        ratio = ours / theirs
        target = 3.0 if language in RIGHT_TO_LEFT else 1.3 if language in ("en", "es", "vi") else None
        rows.append(
            (
                f"fact sheet {language}, in process, warm: handbill / floor",
                f"{1000 * ours:.0f} ms / {1000 * theirs:.0f} ms = {ratio:.1f}x ({tries:.0f} layouts tried, "
                f"{1000 * ours / tries:.0f} ms each)",
                f"<= {target:g}x" if target else "(none)",
                _verdict(ratio <= target) if target else "",
            )
        )
    build.render = real_render  # type: ignore[assignment]
    return rows


def _floor_warm(text: Path, work: Path, repeats: int) -> float:
    """The floor's warm time, in a process of its own: ReportLab's state is per process, and the floor's own font
    registrations must not meet handbill's."""
    run = subprocess.run(
        [sys.executable, str(BENCH / "floor.py"), str(text), str(work / "floor.pdf"), str(repeats)],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(json.loads(run.stdout)["warm"])


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _catalog(work: Path, outputs: int) -> list[Row]:
    _say(f"catalog of {outputs} outputs ...")
    project = work / "catalog"
    catalog.make(project, outputs)
    generate = [sys.executable, str(ROOT / "generate.py"), "--root", str(project)]
    serial, counted = _batch(generate + ["-j1", "--out", str(project / "out-1")])
    _say(f"  -j1 {serial:.0f} s: {counted}")
    parallel, counted = _batch(generate + ["-j2", "--out", str(project / "out-2")])
    _say(f"  -j2 {parallel:.0f} s: {counted}")
    unchanged, counted_again = _batch(generate + ["-j2", "--out", str(project / "out-2")])
    pdfs = sorted(p.relative_to(project / "out-1") for p in (project / "out-1").rglob("*.pdf"))
    same = all((project / "out-1" / p).read_bytes() == (project / "out-2" / p).read_bytes() for p in pdfs)
    speedup = serial / parallel
    sizes = _sizes(project / "out-1")
    return [
        (
            f"catalog of {outputs} outputs: -j1 / -j2",
            f"{serial:.0f} s / {parallel:.0f} s = {speedup:.2f}x faster ({counted})",
            ">= 1.8x",
            _verdict(speedup >= 1.8),
        ),
        (f"catalog: the {len(pdfs)} PDFs of -j2 byte-identical to -j1", "yes" if same else "NO", "yes", _verdict(same)),
        ("catalog unchanged, built again", f"{unchanged:.2f} s ({counted_again})", "< 1 s", _verdict(unchanged < 1)),
        *sizes,
    ]


def _sizes(out: Path) -> list[Row]:
    """The largest 2-page Latin PDF of the catalog, and the 4-page English fact sheet."""
    import pypdfium2

    latin = [p for p in out.rglob("*.pdf") if p.stem.rsplit(".", 1)[-1] in ("en", "es", "pt-BR", "vi", "ht", "hmn")]
    two_pages = [p for p in latin if len(pypdfium2.PdfDocument(p)) == 2]
    rows = []
    if two_pages:
        largest = max(two_pages, key=lambda p: p.stat().st_size)
        kb = largest.stat().st_size / 1024
        rows.append(("largest 2-page Latin PDF", f"{kb:.0f} KB ({largest.name})", "<= 60 KB", _verdict(kb <= 60)))
    fact_sheet = next(iter(sorted(out.glob("school-vs-medical-therapies-001/*.en.pdf"))), None)
    if fact_sheet:
        rows.append(("fact sheet en (4 pages)", f"{fact_sheet.stat().st_size / 1024:.0f} KB", "(none)", ""))
    return rows


def _memory(outputs: int) -> list[Row]:
    _say(f"memory over {outputs} outputs ...")
    run = subprocess.run([sys.executable, str(BENCH / "memory.py"), str(outputs)], check=True, capture_output=True, text=True)
    figures = json.loads(run.stdout)
    growth = figures["end_mb"] - figures["warm_mb"]
    failed = f", {figures['failed']} failed" if figures["failed"] else ""
    return [
        (
            f"resident memory over {outputs} outputs, one process",
            f"{figures['warm_mb']:.0f} MB after 10, {figures['end_mb']:.0f} MB at the end: +{growth:.0f} MB "
            f"({figures['seconds'] / outputs * 1000:.0f} ms an output{failed})",
            "< 50 MB growth",
            _verdict(growth < 50),
        )
    ]


def _peers(python: str, work: Path, texts: dict[str, Path], repeats: int) -> list[Row]:
    rows = []
    for peer in ("typst", "weasyprint"):
        if subprocess.run([python, "-c", f"import {peer}"], capture_output=True).returncode:
            rows.append((f"{peer} (optional peer)", "not installed (see bench/README.md)", "", ""))
            continue
        for language in ("en", "ar"):
            _say(f"{peer} {language} ...")
            command = [python, str(BENCH / "peers.py"), peer, str(texts[language]), str(work / f"{peer}.pdf")]
            whole = _median(partial(_wall, command), repeats)
            warm = json.loads(subprocess.run(command + [str(repeats)], check=True, capture_output=True, text=True).stdout)["warm"]
            floor_warm = _floor_warm(texts[language], work, repeats)
            rows.append(
                (
                    f"{peer} fact sheet {language}: whole process; in process vs floor",
                    f"{whole:.2f} s; {1000 * warm:.0f} ms = {warm / floor_warm:.1f}x floor",
                    "(peer)",
                    "",
                )
            )
    return rows


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def _print(rows: list[Row]) -> None:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg()) if hasattr(os, "getloadavg") else "unknown"
    print(
        f"machine: {cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}; "
        f"load average at the end (1, 5, 15 min): {load} (other work on the machine slows every figure)"
    )
    widths = [max(len(row[i]) for row in rows + [("figure", "measured", "target", "")]) for i in range(4)]
    for row in [("figure", "measured", "target", ""), tuple("-" * w for w in widths), *rows]:
        print("| " + " | ".join(cell.ljust(width) for cell, width in zip(row, widths)) + " |")


if __name__ == "__main__":
    sys.exit(main())
