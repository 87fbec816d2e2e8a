"""A catalog of a given number of outputs in a throwaway project: copies of the two seed handouts (fact sheet
and flyer) in all eleven languages, as a parent center's catalog grows, with the real layouts, brands, fonts
and registries.

    python bench/catalog.py FOLDER [OUTPUTS]     makes FOLDER/ with OUTPUTS outputs (default 200)
"""

from __future__ import annotations

import itertools
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ("school-vs-medical-therapies", "ot-school-vs-medical")


def make(folder: Path, outputs: int) -> list[Path]:
    """The project at `folder` (replaced if there), with `outputs` content files; returns them in build order."""
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "content").mkdir(parents=True)
    shutil.copytree(ROOT / "layouts", folder / "layouts")
    shutil.copytree(ROOT / "fonts", folder / "fonts")
    for registry in ("funders.yaml", "organisations.yaml"):
        shutil.copy(ROOT / "content" / registry, folder / "content" / registry)
    made: list[Path] = []
    for copy in itertools.count(1):
        for seed in SEEDS:
            target = folder / "content" / f"{seed}-{copy:03d}"
            target.mkdir()
            for source in sorted((ROOT / "content" / seed).glob("*.yaml"), key=lambda p: (p.stem != "en", p.stem)):
                if len(made) == outputs:
                    return sorted(made)
                shutil.copy(source, target / source.name)
                made.append(target / source.name)
    raise AssertionError("unreachable")


if __name__ == "__main__":
    made = make(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 200)
    print(f"{len(made)} outputs in {sys.argv[1]}")
