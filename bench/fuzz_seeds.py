"""Run the seed-file mutation fuzzer for longer than CI does and print what happened.

Run on demand: `python bench/fuzz_seeds.py [MUTATIONS] [SEED]` (default 2000 mutations, seed 1). Prints the
mutations tried, how many built, the refusals grouped by kind of message (each with its first mutant), every
unexpected exception or broken promise with the mutant that caused it (reproduce one with `mutant(seed, index)`
from tests/mutations.py), the builds over the time budget, and the slowest build. Exits 1 if anything
unexpected happened or a build ran over the time budget.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from mutations import Fuzzer, Report  # noqa: E402


def main(count: int = 2000, seed: int = 1) -> int:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as workdir:
        fuzzer = Fuzzer(Path(workdir))
        report = Report()
        for done in range(0, count, 100):
            fuzzer.run(min(100, count - done), seed, report, start=done)
            print(
                f"... {report.mutations} mutations, {report.built} built, {len(report.unexpected)} unexpected",
                file=sys.stderr,
                flush=True,
            )
    print(report.summary(examples=True))
    print(f"total time: {time.perf_counter() - start:.0f} s")
    return 1 if report.unexpected or report.over_budget else 0


if __name__ == "__main__":
    sys.exit(main(*(int(arg) for arg in sys.argv[1:3])))
