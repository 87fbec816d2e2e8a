"""Resident memory over a long batch: one process building OUTPUTS outputs one after another with one builder,
as a worker of a large batch does. Prints JSON: outputs, seconds, RSS after the first round of documents (fonts
and layouts loaded, every language seen once) and at the end, in MB, and how many builds failed.

    python bench/memory.py [OUTPUTS]     (default 1000)
"""

from __future__ import annotations

import itertools
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handbill.build import Builder, Options, Project  # noqa: E402

# Short handouts in English and the flyer in the other scripts: every code path (shaping, CJK, fallback) runs.
SOURCES = [f"{doc}/en.yaml" for doc in ("summer-meals", "family-reading-night", "first-ifsp-meeting")]
SOURCES += [f"ot-school-vs-medical/{lang}.yaml" for lang in ("es", "ar", "zh-Hans", "ko", "ur", "ru", "vi")]


def rss_mb() -> float:
    """This process's resident memory now (Linux), or its peak where /proc is not there."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(outputs: int) -> int:
    with tempfile.TemporaryDirectory() as out:
        builder = Builder(Project(ROOT), Options(), Path(out))
        start, warm, failed = time.perf_counter(), 0.0, 0
        for number, source in enumerate(itertools.islice(itertools.cycle(SOURCES), outputs), start=1):
            try:
                builder.build(ROOT / "content" / source)
            except Exception:  # counted: a long run shows what fails only after many builds
                failed += 1
            if number == len(SOURCES):
                warm = rss_mb()
        print(
            json.dumps(
                {
                    "outputs": outputs,
                    "seconds": time.perf_counter() - start,
                    "warm_mb": warm,
                    "end_mb": rss_mb(),
                    "failed": failed,
                }
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
