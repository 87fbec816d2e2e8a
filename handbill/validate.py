"""Check loaded YAML against a JSON Schema shipped in the package and explain each error in plain words.

The same schema files serve editors (autocomplete, inline validation) and the build, so they cannot drift.
"""

from __future__ import annotations

import datetime
import difflib
import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from .errors import ContentError, Problem
from .load import Located, field_name

_TYPE_WORDS = {
    "string": "text",
    "object": "a mapping of fields",
    "array": "a list",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


@cache
def schema(name: str) -> dict[str, Any]:
    """A schema shipped in handbill/schemas, by file stem (e.g. 'document')."""
    text = resources.files("handbill.schemas").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def _validator(name: str) -> jsonschema.Draft202012Validator:
    """One validator per schema and process: building it (and its reference resolution) costs more than using it."""
    return jsonschema.Draft202012Validator(schema(name))


def validate(located: Located, schema_name: str) -> None:
    """Raise ContentError listing every schema violation in `located`, each with file:line:column and a hint."""
    validator = _validator(schema_name)
    problems = [_explain(located, error) for error in _leaf_errors(validator.iter_errors(located.data))]
    if problems:
        raise ContentError(_unique(problems))


def _leaf_errors(errors: Any) -> list[jsonschema.ValidationError]:
    """Flatten if/then and anyOf wrappers down to the errors that say something specific."""
    out = []
    for error in errors:
        if error.validator in ("anyOf", "oneOf") and error.context:
            best = jsonschema.exceptions.best_match(error.context)
            out.extend(_leaf_errors([best]))
        else:
            out.append(error)
    return out


def _unique(problems: list[Problem]) -> list[Problem]:
    seen, out = set(), []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out


def _explain(located: Located, error: jsonschema.ValidationError) -> Problem:
    path = tuple(error.absolute_path)
    where = located.where(path)
    kind, value, rule = error.validator, error.instance, error.validator_value
    sub = error.schema if isinstance(error.schema, dict) else {}
    hint = sub.get("x-hint", "")
    if kind == "additionalProperties":
        allowed = sorted(sub.get("properties", {}))
        extra = [k for k in value if k not in allowed]
        key_path = path + (extra[0],)
        close = difflib.get_close_matches(extra[0], allowed, n=1)
        tip = f"did you mean '{close[0]}'? " if close else ""
        return Problem(
            located.where(key_path, key=True),
            field_name(key_path),
            f"unknown field '{extra[0]}'",
            f"{tip}allowed fields here: {', '.join(allowed)}",
        )
    if kind == "required":
        missing = [k for k in rule if k not in value]
        described = sub.get("properties", {}).get(missing[0], {}).get("description", "")
        return Problem(
            where, field_name(path), f"missing field '{missing[0]}'", described or f"add '{missing[0]}:' to this entry"
        )
    if kind == "type":
        wanted = " or ".join(_TYPE_WORDS.get(t, t) for t in ([rule] if isinstance(rule, str) else rule))
        got = _describe(value)
        if "string" in rule and isinstance(value, (bool, int, float, datetime.date)):
            hint = f"YAML read this as {got}; put the text in quotes"
        return Problem(where, field_name(path), f"expected {wanted}, got {got}", hint)
    if kind in ("enum", "const"):
        options = rule if kind == "enum" else [rule]
        close = difflib.get_close_matches(str(value), [str(o) for o in options], n=1)
        tip = f"did you mean '{close[0]}'? " if close else ""
        return Problem(
            where, field_name(path), f"'{value}' is not allowed here", hint or f"{tip}use one of: {', '.join(map(str, options))}"
        )
    if kind == "pattern":
        return Problem(where, field_name(path), f"'{value}' is not in the expected form", hint or f"it must match {rule}")
    if kind in ("minItems", "minLength", "minProperties"):
        return Problem(where, field_name(path), "must not be empty", hint)
    if kind in ("maxItems", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return Problem(where, field_name(path), error.message, hint)
    return Problem(where, field_name(path), error.message, hint)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, datetime.date):
        return f"a date ({value})"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return "text"
