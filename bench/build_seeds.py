"""Build each seed document several times and print wall time and peak Python memory per build.

Run on demand: `python bench/build_seeds.py [ROUNDS]`. Figures, not pass/fail: compare them across changes.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbill.build import Builder, Options, Project  # noqa: E402


def main(rounds: int = 10) -> int:
    project = Project(ROOT)
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        builder = Builder(project, Options(), Path(out))
        print(f"setup (fonts, funder registry): {1000 * (time.perf_counter() - start):.0f} ms")
        for source in project.sources():
            times = []
            for _ in range(rounds):
                tic = time.perf_counter()
                result = builder.build(source)
                times.append(time.perf_counter() - tic)
            tracemalloc.start()
            builder.build(source)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(
                f"{result.doc_id}/{result.language}: {result.pages} pages, {result.size / 1024:.0f} KB, "
                f"median {1000 * statistics.median(times):.0f} ms, best {1000 * min(times):.0f} ms "
                f"over {rounds} builds, peak Python memory {peak / 2**20:.1f} MiB"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 10))
