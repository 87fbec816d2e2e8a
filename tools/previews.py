"""Render the seed PDFs' pages to small PNGs for the guides in docs/ (needs the docs extra: pip install -e '.[docs]')."""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "ot-school-vs-medical/ot-school-vs-medical.en.pdf": [1],
    "school-vs-medical-therapies/school-vs-medical-therapies.en.pdf": [1, 2, 3],
    "school-vs-medical-therapies/school-vs-medical-therapies.ar.pdf": [1],
    "ot-school-vs-medical/ot-school-vs-medical.zh-Hans.pdf": [1],
}


def main() -> int:
    out = ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    for relative, pages in PAGES.items():
        pdf = pypdfium2.PdfDocument(ROOT / "build" / relative)
        for number in pages:
            image = pdf[number - 1].render(scale=80 / 72).to_pil()
            target = out / f"{Path(relative).stem}-p{number}.png"
            image.save(target, optimize=True)
            print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
