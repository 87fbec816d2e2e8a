"""Optional peers on the same text as the floor: Typst (the `typst` Python package) and WeasyPrint. Neither is
a dependency of handbill; install them where you like (`pip install typst weasyprint`) and pass that Python to
bench/speed.py with --peers-python.

    python bench/peers.py typst|weasyprint TEXT.json OUT.pdf [REPEATS]
prints JSON: the first run's seconds and the median of the warm ones, in process.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FONTS = Path(__file__).resolve().parent.parent / "fonts"
RTL = ("ar", "ur")


def typst_pdf(text: dict[str, Any]) -> bytes:
    import typst

    lines = [
        f'#set text(lang: "{text["language"].split("-")[0]}", font: ("Noto Sans", "Noto Naskh Arabic", '
        f'"Noto Sans CJK SC", "Noto Sans CJK KR"), size: 11pt{", dir: rtl" if text["language"] in RTL else ""})',
        '#set page(paper: "us-letter", margin: 0.75in, numbering: "1")',
        f'#block(fill: rgb("#1F4E79"), inset: 12pt, width: 100%, text(fill: white, size: 22pt, strong[{_typst(text["title"])}]))',
        _typst(text["subtitle"]),
    ]
    for section in text["sections"]:
        lines.append(f"== {_typst(section['heading'])}" if section["heading"] else "")
        for block in section["blocks"]:
            if block["kind"] == "list":
                lines += [f"- {_typst(item)}" for item in block["items"]]
            elif block["kind"] == "table":
                cells = ", ".join(f"[{_typst(cell)}]" for row in block["rows"] for cell in row)
                lines.append(f"#table(columns: {len(block['rows'][0])}, {cells})")
            elif block["kind"] == "callout":
                lines.append(f'#block(fill: rgb("#EEF3F8"), inset: 10pt, width: 100%)[{_typst(block["text"])}]')
            else:
                lines.append(_typst(block["text"]))
            lines.append("")
    lines += [_typst(statement) for statement in text["statements"]]
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / "sheet.typ"
        source.write_text("\n".join(lines), encoding="utf-8")
        return bytes(typst.compile(str(source), font_paths=[str(FONTS)]))


def _typst(markup: str) -> str:
    plain = re.sub(r"([\\#*_$@<>\[\]`~=-])", r"\\\1", markup.replace("<br/>", "\n"))
    plain = re.sub(r"\\<b\\>(.*?)\\</b\\>", r"*\1*", plain)
    plain = re.sub(r"\\<i\\>(.*?)\\</i\\>", r"_\1_", plain)
    return plain.replace("&amp;", "&").replace("&lt;", "\\<").replace("&gt;", "\\>")


def weasyprint_pdf(text: dict[str, Any]) -> bytes:
    import weasyprint

    faces = "".join(
        f"@font-face {{ font-family: '{name}'; src: url('{(FONTS / file).as_uri()}'); }}"
        for name, file in (
            ("Noto Sans", "NotoSans-Regular.ttf"),
            ("Noto Naskh Arabic", "NotoNaskhArabic-Regular.ttf"),
            ("Noto Sans CJK SC", "NotoSansCJKsc-Regular.ttf"),
            ("Noto Sans CJK KR", "NotoSansCJKkr-Regular.ttf"),
        )
    )
    style = (
        f"{faces} @page {{ size: letter; margin: 0.75in; @bottom-right {{ content: counter(page); }} }} "
        "body { font: 11pt 'Noto Sans', 'Noto Naskh Arabic', 'Noto Sans CJK SC', 'Noto Sans CJK KR'; } "
        "header { background: #1F4E79; color: white; padding: 12pt; } h1 { font-size: 22pt; margin: 0; } "
        "table { border-collapse: collapse; width: 100%; } td { border: 0.5pt solid #1F4E79; vertical-align: top; } "
        ".callout { background: #EEF3F8; padding: 10pt; }"
    )
    body = [f"<header><h1>{text['title']}</h1><p>{text['subtitle']}</p></header>"]
    for section in text["sections"]:
        body.append(f"<h2>{section['heading']}</h2>" if section["heading"] else "")
        for block in section["blocks"]:
            if block["kind"] == "list":
                body.append("<ul>" + "".join(f"<li>{item}</li>" for item in block["items"]) + "</ul>")
            elif block["kind"] == "table":
                rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in block["rows"])
                body.append(f"<table>{rows}</table>")
            else:
                body.append(f"<p class='{block['kind']}'>{block['text']}</p>")
    body += [f"<p>{statement}</p>" for statement in text["statements"]]
    direction = "rtl" if text["language"] in RTL else "ltr"
    html = (
        f"<html lang='{text['language']}' dir='{direction}'><head><style>{style}</style></head>"
        f"<body>{''.join(body)}</body></html>"
    )
    return bytes(weasyprint.HTML(string=html).write_pdf())


def main(peer: str, text_file: Path, out: Path, repeats: int) -> int:
    make = {"typst": typst_pdf, "weasyprint": weasyprint_pdf}[peer]
    text = json.loads(text_file.read_text(encoding="utf-8"))
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        out.write_bytes(make(text))
        times.append(time.perf_counter() - start)
    print(json.dumps({"first": times[0], "warm": statistics.median(times[1:]) if repeats else times[0]}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]) if len(sys.argv) > 4 else 0))
