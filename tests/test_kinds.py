"""The table of block kinds is the one source: the schema, the model, the content readers and the layouts all
follow it, and a kind nobody defined is an error in the content, never quietly something else."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_cli
from documents import VALID

from handbill import kinds
from handbill.content import _READERS
from handbill.layout.blocks import _BUILDERS
from handbill.validate import schema


def test_the_schema_offers_exactly_the_kinds_in_the_table() -> None:
    block = schema("document")["$defs"]["block"]
    assert set(block["properties"]["type"]["else"]["enum"]) == set(kinds.BY_NAME)
    routed = {}
    for rule in block["allOf"]:
        condition = rule["if"]["properties"]["type"]
        names = condition.get("enum") or [condition["const"]]
        for name in names:
            routed[name] = rule["then"]["$ref"].rsplit("/", 1)[-1]
    assert routed == {kind.name: kind.schema for kind in kinds.KINDS}


def test_every_stage_handles_every_kind_and_nothing_else() -> None:
    assert set(_READERS) == set(_BUILDERS) == set(kinds.MODELS)
    for model in kinds.MODELS:
        assert callable(getattr(model, "texts", None)), f"{model.__name__} cannot list its strings"


def test_a_stage_that_forgets_a_kind_is_refused_naming_it() -> None:
    partial = {model: None for model in kinds.MODELS[1:]}
    with pytest.raises(TypeError, match=f"no function for block kind\\(s\\) {kinds.MODELS[0].__name__}"):
        kinds.every_kind(partial, "a stage")


def test_an_unknown_block_type_is_refused_with_its_line(project: Path) -> None:
    text = VALID.replace("      - type: bullets\n", "      - type: banner\n")
    (project / "content" / "sheet").mkdir()
    (project / "content" / "sheet" / "en.yaml").write_text(text)
    code, out, err = run_cli(root=project)
    line = text.splitlines().index("      - type: banner") + 1
    assert code == 1 and f"en.yaml:{line}:" in err and "banner" in err, err
    assert not (project / "build" / "sheet" / "sheet.en.pdf").exists()
