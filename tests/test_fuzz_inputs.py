"""Bounded fuzzing of untrusted input: whatever a content file, a funder fact or a damaged seed file holds, the
tool answers with a PDF or a HandbillError, never another exception, a hang or a half-written file.

Hypothesis drives the loader, the schema and the document model with YAML-shaped text and random structures,
and the funder registry with random grant facts; a mutation fuzzer (tests/mutations.py, also run at length by
bench/fuzz_seeds.py) damages the real seed files and builds them. Everything is derandomized and bounded, so a
failure names an input that fails again on the next run.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT, new_project
from documents import VALID
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mutations import Fuzzer, mutant

from handbill.content import load_document
from handbill.errors import ContentError
from handbill.funders import load_registry, resolve
from handbill.load import load_yaml
from handbill.model import Document, FunderRef

pytestmark = pytest.mark.slow  # bounded fuzzing of loader, schema and seed files


def fuzz(examples: int) -> settings:
    """Derandomized (a failure recurs on every run), no deadline (CI machines vary), a bounded number of examples."""
    return settings(
        max_examples=examples, derandomize=True, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )


# --- YAML-shaped text --------------------------------------------------------------------------------------------

PIECES = st.sampled_from(
    [
        ":",
        ": ",
        "-",
        "- ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!",
        "!!",
        "!!str ",
        "!!int ",
        "!!float ",
        "!!bool ",
        "!!timestamp ",
        "!!binary ",
        "!!set ",
        "!!omap ",
        "!local ",
        "|",
        ">",
        "|-",
        ">+",
        "'",
        '"',
        "#",
        "%YAML 1.1\n",
        "%TAG ! x\n",
        "@",
        "`",
        ",",
        "?",
        "? ",
        "\n",
        "\n  ",
        "\n    ",
        "\t",
        "  ",
        "---\n",
        "...\n",
        "\\",
        "\\x",
        "key",
        "text",
        "a b",
        "é",
        "ب",
        "中",
        "\x00",
        "\x07",
        "\x1b",
        "\x7f",
        "\x85",
        "\u2028",
        "\u200d",
        "\ufeff",
        "\ufffe",
        "\r",
        "\r\n",
        "9" * 16,
        "1" * 400,
        "1e400",
        "1.5",
        ".inf",
        "-.inf",
        ".nan",
        "2024-13-45",
        "2024-01-01",
        "2001-01-01 25:61:00",
        "0x",
        "0o",
        "0b",
        "_",
        ".",
        "+",
        "~",
        "<<",
        "yes",
        "null",
        "1:2:3",
        "190:20:30",
    ]
)
YAML_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=50).map("".join)


def _outcome(call: Any, *args: Any) -> Any:
    """What `call` returns, or the ContentError it raises, which must name at least one problem, each with a message.
    Any other exception propagates and fails the test."""
    try:
        return call(*args)
    except ContentError as error:
        assert error.problems and all(p.where.line >= 0 and p.message for p in error.problems)
        return error


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return new_project(tmp_path_factory.mktemp("fuzz") / "project")


@pytest.fixture(scope="module")
def sheet(project: Path) -> Path:
    """Where each example's content file goes: content/sheet/en.yaml of a throwaway project."""
    (project / "content" / "sheet").mkdir()
    return project / "content" / "sheet" / "en.yaml"


@fuzz(400)
@given(YAML_TEXT)
@example("x: !!float abc\n")  # found by the fuzzers: a tag the value does not fit
@example("2024-13-45: a date-like key\n")  # found by the fuzzers: a key YAML reads as an impossible date
def test_any_text_loads_or_is_refused(sheet: Path, text: str) -> None:
    sheet.write_text(text, encoding="utf-8", newline="")
    _outcome(load_yaml, sheet)


@fuzz(100)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_are_refused(sheet: Path, data: bytes) -> None:
    sheet.write_bytes(data)
    _outcome(load_yaml, sheet)


# --- documents: the valid sheet edited, and random structures ----------------------------------------------------

LONG = ["x" * 5_001, "word " * 4_001, "中" * 3_000, "[" * 30 + "]" * 30, "9" * 40]
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**40), 10**40),
    st.floats(),
    st.sampled_from([1e308, -1e308, 5e-324, -0.0, float("inf"), float("nan")]),
    st.dates(),
    st.datetimes(),
    st.text(max_size=20),
    st.sampled_from(LONG),
)
KEYS = st.one_of(
    st.sampled_from(
        [
            "language",
            "kind",
            "layout",
            "brand",
            "title",
            "organisation",
            "name",
            "short_name",
            "funders",
            "notices",
            "sections",
            "id",
            "heading",
            "level",
            "blocks",
            "type",
            "text",
            "items",
            "columns",
            "rows",
            "left",
            "right",
            "caption",
            "file",
            "alt",
        ]
    ),
    st.text(max_size=8),
)
STRUCTURE = st.recursive(
    SCALARS, lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5), max_leaves=20
)


def _flow(value: Any) -> str:
    """`value` as YAML text that fits after `key: ` on one line."""
    return yaml.safe_dump([value], default_flow_style=True, width=float("inf"), allow_unicode=True).strip()[1:-1]


VALID_LINES = VALID.splitlines()
EDIT = st.tuples(
    st.sampled_from(["value", "line", "delete", "indent"]),
    st.integers(0, len(VALID_LINES) - 1),
    st.one_of(YAML_TEXT, SCALARS.map(_flow), STRUCTURE.map(_flow)),
)


def _edit(lines: list[str], how: str, at: int, fragment: str) -> None:
    at %= max(1, len(lines))
    if not lines:
        lines.append(fragment)
    elif how == "value":
        head = lines[at].partition(": ")
        lines[at] = head[0] + ": " + fragment if head[1] else lines[at] + fragment
    elif how == "line":
        lines.insert(at, fragment)
    elif how == "delete":
        del lines[at]
    else:
        lines[at] = " " * (len(fragment) % 7) + lines[at]


@fuzz(300)
@given(st.lists(EDIT, min_size=1, max_size=3))
def test_an_edited_document_loads_or_is_refused(sheet: Path, edits: list[tuple[str, int, str]]) -> None:
    lines = list(VALID_LINES)
    for edit in edits:
        _edit(lines, *edit)
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    _outcome(load_document, sheet)


@fuzz(150)
@given(STRUCTURE)
def test_any_structure_loads_or_is_refused(sheet: Path, data: Any) -> None:
    sheet.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _outcome(load_document, sheet)


@fuzz(300)
@given(st.data())
def test_a_document_with_one_part_replaced_loads_or_is_refused(sheet: Path, data: st.DataObject) -> None:
    """The valid sheet with one value, anywhere in it, replaced by a random structure or removed: this gets
    past the schema's first checks into the deeper ones and the document model."""
    document = yaml.safe_load(VALID)
    node: Any = document
    key: Any = data.draw(st.sampled_from(sorted(node)))
    while isinstance(node[key], (dict, list)) and node[key] and data.draw(st.booleans()):
        node = node[key]
        key = data.draw(st.sampled_from(sorted(node)) if isinstance(node, dict) else st.integers(0, len(node) - 1))
    if data.draw(st.integers(0, 4)) == 0:
        del node[key]
    else:
        node[key] = data.draw(STRUCTURE)
    sheet.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    _outcome(load_document, sheet)


# --- funder facts -------------------------------------------------------------------------------------------------

REGISTRY = load_registry(ROOT / "content" / "funders.yaml")
FACT = st.one_of(
    st.text(max_size=12),
    st.integers(-(10**15) + 1, 10**15 - 1),
    st.floats(),
    st.floats(-1, 101),
    st.booleans(),
    st.none(),
    st.sampled_from([1e308, -1e308, 1e11, 1e11 + 1, 1e-5, 5e-324, -0.0, 0.0, 100, 100.000001, 99.9999999, 12.345]),
    st.lists(st.integers(0, 100), max_size=3),
)
UNPLAIN = re.compile(r"(?i)\b(inf|infinity|nan)\b|\d[eE][+-]?\d|(?<![\w-])-\d")  # non-finite, exponents, minus zero


@pytest.fixture(scope="module")
def facts_document(project: Path) -> Document:
    file = project / "content" / "facts" / "en.yaml"
    file.parent.mkdir()
    file.write_text(VALID)
    return load_document(file)


def _check_facts(document: Document, funder: str, facts: dict[str, object]) -> None:
    """The disclaimers print every figure plainly (no inf, nan, exponent, minus zero or 16-digit number), or
    the facts are refused with a ContentError."""
    where = document.field_where["funders"]
    document = replace(document, funders=(FunderRef(funder, where, facts, {name: where for name in facts}),))
    outcome = _outcome(resolve, document, REGISTRY)
    if isinstance(outcome, ContentError):
        return
    for disclaimer in outcome:
        printed = disclaimer.text
        for value in facts.values():  # text facts print as given (an agency may be "Nan"); only figures must be plain
            if isinstance(value, str) and value:
                printed = printed.replace(value, " ")
        assert not UNPLAIN.search(printed), f"{facts} printed as {disclaimer.text!r}"
        assert all(len(re.sub(r"\D", "", n)) <= 15 for n in re.findall(r"\d[\d,.]*", printed)), disclaimer.text


def _fact(pattern: str) -> st.SearchStrategy[object]:
    return st.one_of(FACT, st.from_regex(pattern, fullmatch=True)) if pattern else FACT


def _examples(funder: str) -> dict[str, object]:
    """Every fact of `funder` as the registry's examples give them, and for a Section 505 funder figures that add up."""
    entry = REGISTRY.funders[funder]
    facts = {name: fact.example for name, fact in entry.facts.items()}
    return facts | ({"federal_amount": 250000, "federal_percent": 80} if entry.section_505 else {})


@fuzz(400)
@given(st.sampled_from(sorted(REGISTRY.funders)), st.data())
def test_any_funder_facts_print_plainly_or_are_refused(facts_document: Document, funder: str, data: st.DataObject) -> None:
    """One or two facts random (or missing, or one too many), the others as the registry's examples give them:
    with the rest right, the random fact's own checks and formatting are reached."""
    facts = _examples(funder)
    patterns = {name: fact.pattern for name, fact in REGISTRY.funders[funder].facts.items()}
    for name in data.draw(st.sets(st.sampled_from([*sorted(facts), "extra"]), min_size=1, max_size=2)):
        if data.draw(st.integers(0, 9)) == 0:
            facts.pop(name, None)
        else:
            facts[name] = data.draw(_fact(patterns.get(name, "")))
    _check_facts(facts_document, funder, facts)


@pytest.mark.parametrize(
    "facts",
    [
        {"federal_percent": 0.00001, "nongovernmental_percent": 20},  # YAML reads 0.00001 as a float: 1e-05 when printed
        {"federal_amount": -0.0},  # YAML's -0.0: "$-0" when printed
        {"nongovernmental_amount": 1e11},
        {"federal_percent": 99.9999999, "nongovernmental_percent": 0},
        {"federal_amount": 1e11, "federal_percent": 0.01},  # a derived total far over the largest figure
    ],
)
def test_edge_figures_print_plainly_or_are_refused(facts_document: Document, facts: dict[str, object]) -> None:
    _check_facts(facts_document, "us-hhs", _examples("us-hhs") | facts)


# --- the seed files, damaged and built ---------------------------------------------------------------------------


@pytest.mark.parametrize("start", [0, 20, 40])
def test_damaged_seed_files_build_or_are_refused(tmp_path: Path, start: int, record_property: Any) -> None:
    """60 mutants of the seed files in three parallel batches, each with one Builder. Every build gives a PDF that
    opens or a HandbillError; none runs over its 10 s budget; nothing is left half-written."""
    report = Fuzzer(tmp_path, seconds=10).run(20, seed=0, start=start)
    print(report.summary())
    record_property("fuzz", report.summary())
    assert report.mutations == 20
    assert not report.unexpected, "\n\n".join(report.unexpected)
    assert not report.over_budget, "\n".join(report.over_budget)


def test_the_mutation_fuzzer_is_deterministic() -> None:
    """A finding is reproduced by its (seed, index): the same mutant comes out every time."""
    first, again = mutant(0, 7), mutant(0, 7)
    assert (first.file, first.data, first.steps) == (again.file, again.data, again.steps)
    assert first.data != (ROOT / "content" / first.file).read_bytes()
