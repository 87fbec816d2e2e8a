"""A large batch with one broken document: every other document still builds, the broken one is named, the
exit code says so, and memory stays flat. Prints the counts, wall time and peak memory.

Run on demand: `python bench/batch.py [DOCUMENTS]` (default 1000). Not part of the test suite.
"""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from documents import VALID  # noqa: E402


def main(count: int = 1000) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "project"
        (project / "content").mkdir(parents=True)
        shutil.copytree(ROOT / "layouts", project / "layouts")
        shutil.copytree(ROOT / "fonts", project / "fonts")
        shutil.copy(ROOT / "content" / "funders.yaml", project / "content")
        broken = count // 2
        for n in range(count):
            folder = project / "content" / f"sheet-{n:04d}"
            folder.mkdir()
            text = VALID.replace("A small test sheet", f"Test sheet number {n}")
            if n == broken:
                text = text.replace("kind: fact-sheet", "kind: fact-sheet\nkind: flyer")
            (folder / "en.yaml").write_text(text)
        start = time.perf_counter()
        run = subprocess.run(
            [sys.executable, str(ROOT / "generate.py"), "--root", str(project)], capture_output=True, text=True, cwd=project
        )
        seconds = time.perf_counter() - start
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        built = sum(1 for line in run.stdout.splitlines() if line.startswith("ok "))
        pdfs = len(list((project / "build").glob("*/*.pdf")))
        print(
            f"{count} documents, one broken: built {built} ({pdfs} PDFs on disk), exit code {run.returncode}, "
            f"{seconds:.1f} s ({1000 * seconds / count:.0f} ms a document), peak memory {peak:.0f} MB"
        )
        print("errors:", run.stderr.strip() or "(none)")
    return 0


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000))
