"""Bad input: each case names file:line and the field, tells what to do, exits non-zero and writes no PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from documents import VALID

# (name, old text, new text, marker whose line the error must name, field path, words the message must contain)
CASES = [
    (
        "unknown field",
        "        text: Hello families.",
        "        txet: Hello families.",
        "txet:",
        "sections[0].blocks[0].txet",
        ["unknown field 'txet'", "did you mean 'text'"],
    ),
    (
        "missing field",
        "            right: In a clinic.\n",
        "",
        "- id: where",
        "sections[1].blocks[0].rows[0]",
        ["missing field 'right'"],
    ),
    ("wrong type", "title: A small test sheet", "title: 2024", "title:", "title", ["expected text", "quotes"]),
    (
        "yes read as boolean",
        "          two: Second point.",
        "          two: yes",
        "two: yes",
        "sections[1].blocks[1].items.two",
        ["true/false", "quotes"],
    ),
    (
        "duplicate id",
        "        id: points",
        "        id: comparison",
        "id: comparison",
        "sections[1].blocks[1].id",
        ["duplicate id 'comparison'"],
    ),
    (
        "unknown block type",
        "      - type: bullets",
        "      - type: bulets",
        "type: bulets",
        "sections[1].blocks[1].type",
        ["did you mean 'bullets'"],
    ),
    (
        "bad id",
        "  - id: compare",
        "  - id: Compare Things",
        "id: Compare Things",
        "sections[1].id",
        ["lowercase letters, digits and hyphens"],
    ),
    (
        "unknown layout",
        "layout: fact-sheet",
        "layout: fact-shet",
        "layout:",
        "layout",
        ["unknown layout 'fact-shet'", "did you mean 'fact-sheet'"],
    ),
    ("unknown brand", "brand: default", "brand: defualt", "brand:", "brand", ["unknown brand 'defualt'"]),
    (
        "unknown funder",
        "  - id: us-department-of-education",
        "  - id: us-dept-of-education",
        "- id: us-dept",
        "funders",
        ["'us-dept-of-education' is not in the funder registry", "did you mean"],
    ),
    (
        "missing grant fact",
        "    grant_number: H328M250100\n",
        "",
        "- id: us-department-of-education",
        "funders.us-department-of-education.grant_number",
        ["missing grant fact 'grant_number'", "H328M250100"],
    ),
    (
        "malformed grant number",
        "grant_number: H328M250100",
        "grant_number: H328-M25",
        "grant_number:",
        "funders.us-department-of-education.grant_number",
        ["not in the expected form"],
    ),
    (
        "unknown organisation notice",
        "funders:\n",
        "notices: {add: [not-legal]}\nfunders:\n",
        "notices:",
        "notices",
        ["'not-legal' is not in the notices of Test Parent Center", "organisation: <id>"],
    ),
    (
        "unsafe link",
        "        text: Hello families.",
        "        text: Hello [families](javascript:alert(1)).",
        "text: Hello",
        "sections[0].blocks[0].text",
        ["not a web or mail address"],
    ),
    ("language does not match file", "language: en", "language: es", "language:", "language", ["es.yaml"]),
    (
        "yaml syntax",
        "title: A small test sheet",
        "title: [A small test sheet",
        "organisation:",
        "",
        ["YAML syntax error", "started at line 5"],
    ),
    ("duplicate key", "kind: fact-sheet", "kind: fact-sheet\nkind: flyer", "kind: flyer", "kind", ["duplicate key 'kind'"]),
    (
        "subsection first",
        "    heading: Side by side",
        "    heading: Side by side\n    level: 3",
        "level: 3",
        "sections[1].level",
        ["level 3 subsection"],
    ),
    (
        "funder facts cannot add text",
        "    grant_number: H328M250100",
        "    grant_number: H328M250100\n    text: Ours",
        "text: Ours",
        "funders.us-department-of-education.text",
        ["takes no fact 'text'"],
    ),
]


def _line_of(text: str, marker: str) -> int:
    lines = [n for n, line in enumerate(text.splitlines(), 1) if marker in line]
    assert lines, f"marker {marker!r} not in the test document"
    return lines[-1]


def test_the_valid_document_builds(project: Path) -> None:
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(VALID)
    code, out, err = run_cli(root=project)
    assert code == 0, out + err
    assert (project / "build" / "sheet" / "sheet.en.pdf").is_file()


@pytest.mark.parametrize("name,old,new,marker,field,words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_reported_with_position(
    project: Path, name: str, old: str, new: str, marker: str, field: str, words: list[str]
) -> None:
    assert old in VALID
    text = VALID.replace(old, new, 1)
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(text)
    code, out, err = run_cli(root=project)
    assert code == 1
    assert f"en.yaml:{_line_of(text, marker)}:" in err, err
    assert field in err, err
    for word in words:
        assert word in err, err
    assert "Traceback" not in err
    assert not (project / "build" / "sheet").exists(), "no PDF may be written for bad input"


def test_check_mode_reports_the_same_errors(project: Path) -> None:
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(VALID.replace("title: A small test sheet", "title: 2024"))
    code, out, err = run_cli("--check", root=project)
    assert code == 1 and "title: expected text" in err


def test_broken_funder_registry_is_reported(project: Path) -> None:
    registry = project / "content" / "funders.yaml"
    registry.write_text(registry.read_text().replace("#{grant_number}", "#{grant_numbr}"))
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(VALID)
    code, out, err = run_cli(root=project)
    assert code == 1
    assert "funders.yaml:" in err and "placeholder {grant_numbr} is not a declared fact" in err


def test_hhs_figures_that_do_not_add_up_are_refused_naming_award_and_numbers(project: Path) -> None:
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(
        VALID.replace(
            "funders:\n",
            """funders:
  - id: us-hhs
    agency: HRSA
    award_number: H84MC12345
    federal_amount: 250000
    federal_percent: 60
    nongovernmental_amount: 999999
""",
        )
    )
    code, out, err = run_cli(root=project)
    assert code == 1
    assert (
        "en.yaml:14:22: funders.us-hhs: the Section 505 figures of U.S. Department of Health and Human Services "
        "award H84MC12345 do not add up (federal_amount 250000, federal_percent 60, nongovernmental_amount 999999): "
        "$250,000 federal of a $1,249,999 total is 20 percent, not 60; at 60 percent the total would be $416,667 "
        "and non-governmental sources $166,667"
    ) in err, err
    assert not (project / "build").exists()


@pytest.mark.parametrize(
    "field,value,words",
    [
        ("muted", "#B0B0B0", ["muted #B0B0B0 on white #FFFFFF has contrast 2.", "need at least 4.5:1", "1.4.3"]),
        ("accent", "#F2C14E", ["accent #F2C14E on white", "list markers", "at least 3:1", "1.4.11"]),
        ("on_primary", "#5A7A92", ["on_primary #5A7A92 on primary", "title band text"]),
    ],
)
def test_low_contrast_brand_is_refused(project: Path, field: str, value: str, words: list[str]) -> None:
    brand = project / "layouts" / "brands" / "default.yaml"
    text = brand.read_text()
    old = next(line for line in text.splitlines() if line.strip().startswith(f"{field}:"))
    brand.write_text(text.replace(old, f'  {field}: "{value}"'))
    line = next(n for n, l in enumerate(brand.read_text().splitlines(), 1) if l.strip().startswith(f"{field}:"))
    doc = project / "content" / "sheet" / "en.yaml"
    doc.parent.mkdir()
    doc.write_text(VALID)
    code, out, err = run_cli(root=project)
    assert code == 1
    assert f"default.yaml:{line}:" in err and f"colors.{field}" in err
    for word in words:
        assert word in err, err
