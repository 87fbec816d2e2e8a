"""Render the seed PDFs' pages to small PNGs for the guides in docs/ (needs the docs extra: pip install -e '.[docs]')."""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
LAST = -1
PAGES = {  # the guides' pictures; first and last page of both seeds in four languages for the layout guide
    f"{doc}/{doc}.{lang}.pdf": [1, LAST]
    for doc in ("ot-school-vs-medical", "school-vs-medical-therapies") for lang in ("en", "es", "ar", "zh-Hans")
}
PAGES["school-vs-medical-therapies/school-vs-medical-therapies.en.pdf"] = [1, 2, 3, LAST]


def main() -> int:
    out = ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    for relative, pages in PAGES.items():
        pdf = pypdfium2.PdfDocument(ROOT / "build" / relative)
        for number in pages:
            number = len(pdf) if number == LAST else number
            image = pdf[number - 1].render(scale=80 / 72).to_pil().quantize(colors=96)  # small files, crisp text
            target = out / f"{Path(relative).stem}-p{number}.png"
            image.save(target, optimize=True)
            print(target.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
