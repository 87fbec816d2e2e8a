"""Stage test, as data: a content block in, the structure a screen reader gets out (roles, nesting, order)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from documents import VALID
from structtree import Element, tree

HEAD = VALID.split("sections:")[0] + "sections:\n  - id: part\n    heading: The part\n    blocks:\n"

# (blocks as written, the section's structure: role(kids ...))
CASES = [
    ("      - {type: paragraph, id: p, text: Hello.}\n", "Sect(H2 P)"),
    ("      - type: bullets\n        id: b\n        items: {one: One., two: Two.}\n", "Sect(H2 L(LI(Lbl LBody) LI(Lbl LBody)))"),
    ("      - type: steps\n        id: s\n        items: {one: One., two: Two.}\n", "Sect(H2 L(LI(Lbl LBody) LI(Lbl LBody)))"),
    (
        "      - type: comparison\n        id: c\n        columns: [School, Clinic]\n        rows:\n"
        "          - {id: r, left: In class., right: In a clinic.}\n",
        "Sect(H2 Table(TR(TH TH) TR(TD TD)))",
    ),
    ("      - type: callout\n        id: n\n        title: Note\n        text: Bring copies.\n", "Sect(H2 Div(P P))"),
    (
        "      - type: table\n        id: t\n        columns: [Word, Meaning]\n        rows:\n"
        "          - {id: iep, cells: [IEP, A plan.]}\n",
        "Sect(H2 Table(TR(TH TH) TR(TD TD)))",
    ),
    (
        "      - type: resources\n        id: r\n        items:\n"
        "          - {id: a, title: A guide, url: 'https://www.example.org/guide'}\n",
        "Sect(H2 L(LI(Lbl LBody(Link Link))))",
    ),  # the linked title, and the printed address, linked too
]


def _shape(element: Element) -> str:
    kids = " ".join(_shape(kid) for kid in element.kids)
    return f"{element.role}({kids})" if kids else element.role


@pytest.mark.parametrize("blocks, expected", CASES, ids=[c[1] for c in CASES])
def test_a_block_becomes_the_structure_a_screen_reader_reads(project: Path, blocks: str, expected: str) -> None:
    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").write_text(HEAD + blocks)
    code, out, err = run_cli("-j", "1", root=project)
    assert code == 0, out + err
    _, document = tree(project / "build" / "sheet" / "sheet.en.pdf")
    sections = [kid for kid in document.kids if kid.role == "Sect"]
    assert _shape(sections[0]) == expected
