"""Read a YAML file into plain Python data plus the line and column of every value and key.

PyYAML forgets positions once it builds Python objects, so we compose the node graph ourselves and keep
a side table keyed by the value's path (a tuple of mapping keys and list indexes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Location, Problem

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


def load_yaml(file: Path) -> Located:
    """Load one YAML file; syntax errors and duplicate keys become a ContentError with a position."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError([Problem(Location(file), "", "file not found")]) from None
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(Location(file), "", f"not UTF-8 text ({exc.reason})",
                                    "save the file with UTF-8 encoding")]) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        located = Located(file, None)
        if node is not None:
            located.data = _build(loader, node, (), located)
        return located
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        context = exc.context or ""
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            context = context.replace("while parsing", "in") + f" started at line {exc.context_mark.line + 1}"
        problem = "; ".join(filter(None, [context, exc.problem]))
        raise ContentError([Problem(where, "", f"YAML syntax error: {problem}",
                                    "check indentation, and quote text that contains ': ' or starts with a symbol")]) from None
    finally:
        loader.dispose()


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path_, out: Located) -> Any:
    out.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int)):
                raise ContentError([Problem(out.where(path), field_name(path), "keys must be plain names")])
            key = str(key)
            if key in result:
                first = out.keys[path + (key,)]
                where = Location(out.file, key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                raise ContentError([Problem(where, field_name(path + (key,)),
                                            f"duplicate key '{key}' (first used at line {first[0]})",
                                            "each key may appear once; rename or merge the two entries")])
            out.keys[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _build(loader, value_node, path + (key,), out)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), out) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
