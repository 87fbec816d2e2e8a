"""Read a YAML file into plain Python data plus the line and column of every value and key.

PyYAML forgets positions once it builds Python objects, so we compose the node graph ourselves and keep
a side table keyed by the value's path (a tuple of mapping keys and list indexes). Input is untrusted, so
the size, nesting and lengths in `limits` are checked while composing, before anything is expanded or built:
aliases (the "billion laughs" bomb) are refused outright, and numbers must be short and finite.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Location, Problem
from .limits import DEFAULT, Limits

Path_ = tuple[Any, ...]


@dataclass
class Located:
    """A loaded YAML document with the position of each value (and of each mapping key)."""

    file: Path
    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_, *, key: bool = False) -> Location:
        """The position of the value at `path` (or of its key), falling back to the nearest parent."""
        table = self.keys if key and path in self.keys else self.values
        probe = tuple(path)
        while probe and probe not in table:
            probe = probe[:-1]
            table = self.values
        line, column = table.get(probe, (0, 0))
        return Location(self.file, line, column)


def field_name(path: Path_) -> str:
    """A readable field path such as `sections[2].blocks[0].items.focus`."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def load_yaml(file: Path, limits: Limits = DEFAULT) -> Located:
    """Load one YAML file; syntax errors, duplicate keys and inputs over the limits become a ContentError with a position."""
    text = _read(file, limits)
    try:
        loader = _loader(text, limits)
    except yaml.reader.ReaderError as exc:  # PyYAML's reader checks characters before parsing
        raise _bad_character(file, text, exc) from None
    try:
        node = loader.get_single_node()
        located = Located(file, None)
        if node is not None:
            located.data = _build(loader, node, (), located)
        return located
    except yaml.reader.ReaderError as exc:  # libyaml finds them while parsing
        raise _bad_character(file, text, exc) from None
    except _TooMuch as exc:
        raise ContentError([Problem(Location(file, exc.mark.line + 1, exc.mark.column + 1), "", exc.message, exc.hint)]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        context = exc.context or ""
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            context = context.replace("while parsing", "in") + f" started at line {exc.context_mark.line + 1}"
        problem = "; ".join(filter(None, [context, exc.problem]))
        raise ContentError(
            [
                Problem(
                    where,
                    "",
                    f"YAML syntax error: {problem}",
                    "check indentation, and quote text that contains ': ' or starts with a symbol",
                )
            ]
        ) from None
    finally:
        loader.dispose()


def _bad_character(file: Path, text: str, exc: yaml.reader.ReaderError) -> ContentError:
    """A control character such as NUL, reported with its position, without echoing the file."""
    line = text.count("\n", 0, exc.position) + 1
    column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    return ContentError(
        [
            Problem(
                Location(file, line, column),
                "",
                f"the file contains a control character (U+{exc.character:04X}) YAML does not allow",
                "remove it; save the file as plain UTF-8 text",
            )
        ]
    )


def _read(file: Path, limits: Limits) -> str:
    try:
        if file.exists() and not file.is_file():  # a folder, device or pipe: reading it could block forever
            raise ContentError([Problem(Location(file), "", "not a regular file", "give a YAML file")])
        size = file.stat().st_size
        if size > limits.file_bytes:
            raise ContentError(
                [
                    Problem(
                        Location(file),
                        "",
                        f"the file is {size / 1e6:.1f} MB; the limit is {limits.file_bytes / 1e6:g} MB",
                        "split it into smaller documents",
                    )
                ]
            )
        return file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(Location(file), "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise ContentError(
            [Problem(Location(file), "", f"not UTF-8 text ({exc.reason})", "save the file with UTF-8 encoding")]
        ) from None


class _TooMuch(Exception):
    """An alias or too deep nesting, found while composing (before positions are recorded)."""

    def __init__(self, mark: yaml.Mark, message: str, hint: str):
        super().__init__(message)
        self.mark, self.message, self.hint = mark, message, hint


_NUMBER_TAGS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_LONG_WORD = re.compile(r"\S+")


class _Checked(yaml.composer.Composer):
    """Composition that refuses aliases and deep nesting as it goes, before anything is expanded."""

    limits: Limits
    depth: int
    check_event: Any  # from the parser it is mixed with
    peek_event: Any

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise _TooMuch(
                self.peek_event().start_mark,
                "YAML aliases (*name) are not allowed",
                "write the value out in full where it is used",
            )
        self.depth += 1
        if self.depth > self.limits.depth:
            raise _TooMuch(
                self.peek_event().start_mark,
                f"nested more than {self.limits.depth} levels deep",
                "flatten the structure; content files need only a few levels",
            )
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        return node


def _loader(text: str, limits: Limits) -> Any:
    """A safe loader over libyaml's C parser where it is installed (ten times faster on content files), else
    PyYAML's own; either way composed by `_Checked`, which keeps every node's line and column."""
    loader = _FastLoader(text) if _FastLoader is not None else _PureLoader(text)
    loader.limits, loader.depth = limits, 0
    return loader


class _PureLoader(_Checked, yaml.SafeLoader):
    pass


if yaml.__with_libyaml__:
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    class _CLoader(_Checked, CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
        """libyaml parses; the Python composer above (not libyaml's) builds the nodes, so the checks run."""

        def __init__(self, text: str):
            CParser.__init__(self, text)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        get_single_node = yaml.composer.Composer.get_single_node
        compose_document = yaml.composer.Composer.compose_document
        check_node = yaml.composer.Composer.check_node
        get_node = yaml.composer.Composer.get_node

    _FastLoader: type | None = _CLoader
else:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None


_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}


def _over_limits(loader: Any, node: yaml.Node) -> tuple[str, str] | None:
    """(what is wrong, what to do) if `node` is longer than the limits allow or uses a type content never needs."""
    limits = loader.limits
    if node.tag not in _PLAIN_TAGS:
        return f"YAML type {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed here", "write plain text"
    if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
        if len(node.value) > limits.list_items:
            return f"{len(node.value):,} entries; the limit is {limits.list_items:,}", "split the list or the document"
        return None
    value = node.value
    if len(value) > limits.string_chars:
        return (
            f"a value of {len(value):,} characters; the limit is {limits.string_chars:,}",
            "split the text into several paragraphs or items",
        )
    longest = max((m.end() - m.start() for m in _LONG_WORD.finditer(value)), default=0)
    if longest > limits.word_chars:
        return (
            f"a word of {longest:,} characters without a space; the limit is {limits.word_chars:,}",
            "add spaces, or shorten the link or word",
        )
    if node.tag in _NUMBER_TAGS:
        digits = sum(c.isdigit() for c in value)
        if digits > limits.number_digits:
            return (
                f"a number of {digits:,} digits; the limit is {limits.number_digits}",
                "check the number; put it in quotes if it is text",
            )
    return None


def _build(loader: Any, node: yaml.Node, path: Path_, out: Located) -> Any:
    out.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        _check(loader, node, path, out)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise ContentError([Problem(out.where(path), field_name(path), "keys must be plain names")])
            key = _scalar(loader, key_node, path, out)
            if not isinstance(key, (str, int)) or isinstance(key, bool):
                raise ContentError([Problem(out.where(path), field_name(path), "keys must be plain names")])
            key = str(key)
            if key in result:
                first = out.keys[path + (key,)]
                where = Location(out.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                raise ContentError(
                    [
                        Problem(
                            where,
                            field_name(path + (key,)),
                            f"duplicate key '{key}' (first used at line {first[0]})",
                            "each key may appear once; rename or merge the two entries",
                        )
                    ]
                )
            out.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(loader, value_node, path + (key,), out)
        return result
    if isinstance(node, yaml.SequenceNode):
        _check(loader, node, path, out)
        return [_build(loader, item, path + (i,), out) for i, item in enumerate(node.value)]
    return _scalar(loader, node, path, out)


def _check(loader: Any, node: yaml.Node, path: Path_, out: Located) -> None:
    too_much = _over_limits(loader, node)
    if too_much:
        raise ContentError([Problem(out.where(path), field_name(path), *too_much)])


def _scalar(loader: Any, node: yaml.Node, path: Path_, out: Located) -> Any:
    """A checked scalar (value or key): within the limits, readable as what its form says, finite if a number."""
    _check(loader, node, path, out)
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, IndexError, KeyError, AttributeError, TypeError):  # 2024-13-45, !!int ''
        raise ContentError(
            [
                Problem(
                    out.where(path),
                    field_name(path),
                    f"{_shown(node.value)} cannot be read as a date, number or true/false",
                    "put it in quotes if it is text",
                )
            ]
        ) from None
    if isinstance(value, float) and not math.isfinite(value):
        raise ContentError(
            [
                Problem(
                    out.where(path), field_name(path), f"{_shown(node.value)} is not a finite number", "give an ordinary number"
                )
            ]
        )
    return value


def _shown(value: str) -> str:
    """A value quoted in a message: short, so a long one does not flood the terminal."""
    return repr(value if len(value) <= 40 else value[:37] + "...")
