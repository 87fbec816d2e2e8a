"""Incremental builds: an output is rebuilt only when something it was made from has changed.

After each build the record beside the outputs (build/.handbill-record.json) keeps what that output was made
from (see project.Inputs) and one key over the content of all of it: every file the document names, the layout,
the brand and its logo, its funders' entries in the registry and its organisation's entry, the fonts, handbill's
own code and the libraries that write the bytes, and the options. The next run recomputes the key from the files
as they are now; the output is up to date when the key matches and the file on disk is the one written.
Contents are hashed, never dates, so touching a file or checking it out again rebuilds nothing.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from . import __version__
from .organisations import organisations_file
from .output import write_atomic
from .project import Inputs, Options, Project, Result

RECORD = ".handbill-record.json"
_FORMAT = 1  # of the record file; a record of another format is ignored (everything rebuilds once)
_LIBRARIES = ("reportlab", "pikepdf", "uharfbuzz", "pyicu-wheels", "pyphen", "svglib", "pillow", "lxml", "pypdfium2")
_CODE = (".py", ".json", ".yaml", ".icc")  # handbill's own files that decide what a build writes


@dataclass
class Entry:
    """What the record keeps of one output."""

    key: str
    inputs: Inputs
    digest: str  # SHA-256 of the output as written
    summary: dict[str, Any]  # the Result fields the summary line shows, to show it again when up to date
    preview: str = ""  # the output digest its preview pictures were made from; "" when none were made

    def result(self, source: Path, output: Path) -> Result:
        """The build's result as recorded, for an output that is up to date."""
        return Result(source, source.parent.name, source.stem, output, digest=self.digest, **self.summary)


_SHOWN = ("pages", "size", "body", "spacing", "target", "placeholders", "notes")


def entry_for(result: Result, key: str, preview: bool) -> Entry:
    return Entry(
        key, result.inputs, result.digest, {name: getattr(result, name) for name in _SHOWN}, result.digest if preview else ""
    )


class Record:
    """The record of one output folder, read once per run and written back at its end."""

    def __init__(self, out_dir: Path, root: Path):
        self.file, self.root = out_dir / RECORD, root
        self.entries: dict[str, Entry] = self._read()
        self._changed: dict[str, Entry] = {}

    def get(self, output: Path) -> Entry | None:
        return self.entries.get(self._name(output))

    def put(self, output: Path, entry: Entry) -> None:
        self.entries[self._name(output)] = self._changed[self._name(output)] = entry

    def save(self) -> None:
        """Write the entries changed in this run over the record as it is now on disk (another run into the same
        folder may have added others meanwhile)."""
        if not self._changed:
            return
        merged = {**self._read(), **self._changed}
        data = {"format": _FORMAT, "outputs": {name: self._plain(entry) for name, entry in sorted(merged.items())}}
        write_atomic(self.file, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())
        self._changed = {}

    def _name(self, output: Path) -> str:
        return output.relative_to(self.file.parent).as_posix()

    def _read(self) -> dict[str, Entry]:
        """The record's entries; none when there is no record or it cannot be read (then everything rebuilds)."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
            if data.get("format") != _FORMAT:
                return {}
            return {name: self._entry(plain) for name, plain in data["outputs"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def _plain(self, entry: Entry) -> dict[str, Any]:
        plain = asdict(entry)
        plain["inputs"]["files"] = [_relative(f, self.root) for f in entry.inputs.files]
        return plain

    def _entry(self, plain: dict[str, Any]) -> Entry:
        given = plain["inputs"]
        inputs = Inputs(tuple(self.root / f for f in given["files"]), tuple(given["funders"]), given["organisation"])
        return Entry(plain["key"], inputs, plain["digest"], dict(plain["summary"]), plain.get("preview", ""))


def _relative(file: Path, root: Path) -> str:
    """A path inside the project as written from its root, so neither the record nor a key depends on where the
    project is or where the command runs."""
    return file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)


@dataclass
class Fingerprints:
    """Digests of the inputs as they are now, each file read and hashed at most once per run."""

    project: Project
    options: Options
    _files: dict[Path, str] = field(default_factory=dict)
    _entries: dict[Path, tuple[str, dict[str, str]]] = field(default_factory=dict)

    def key(self, inputs: Inputs) -> str:
        """One digest over everything an output was made from."""
        funders_shared, funders = self._registry(self.project.funders, "funders")
        organisations_shared, organisations = self._registry(organisations_file(self.project.content), "organisations")
        parts = {
            "handbill": code_digest(),
            "options": _options(self.options),
            "fonts": self.fonts(),
            "files": [[_relative(f, self.project.root), self.file(f)] for f in inputs.files],
            "funders": [funders_shared] + [[name, funders.get(name, "missing")] for name in inputs.funders],
            "organisation": [organisations_shared, organisations.get(inputs.organisation, "missing")],
        }
        return _sha(json.dumps(parts, sort_keys=True).encode())

    def file(self, path: Path) -> str:
        if path not in self._files:
            try:
                self._files[path] = _sha(path.read_bytes())
            except OSError:
                self._files[path] = "missing"
        return self._files[path]

    def fonts(self) -> str:
        """Every file of fonts/: fonts.yaml says which a document's languages use, and fonts change rarely."""
        folder = self.project.fonts
        files = sorted(p for p in folder.glob("*") if p.is_file() and not p.name.startswith(".")) if folder.is_dir() else []
        return _sha(json.dumps([[p.name, self.file(p)] for p in files]).encode())

    def generation(self) -> str:
        """What a builder loads once and keeps (the funder registry, the organisations, fonts.yaml): a builder made
        for another generation is replaced, so a long-running watch picks up their changes."""
        files = (self.project.funders, organisations_file(self.project.content), self.project.fonts / "fonts.yaml")
        return _sha("".join(self.file(f) for f in files).encode())

    def prime(self) -> None:
        """Hash what every output shares before any is built, so a file edited while the batch runs is seen as
        changed by the next one."""
        code_digest()
        self.fonts()
        self._registry(self.project.funders, "funders")
        self._registry(organisations_file(self.project.content), "organisations")

    def _registry(self, file: Path, collection: str) -> tuple[str, dict[str, str]]:
        """The digest of everything in a registry file but its `collection` (shared by every entry: publication
        types, say), and of each entry in it. When the file cannot be read entry by entry (a syntax error,
        aliases that tie entries together), every entry's digest is the whole file's."""
        if file not in self._entries:
            try:
                data = file.read_bytes()
            except OSError:
                data = b""
            self._files.setdefault(file, _sha(data) if data else "missing")
            whole: tuple[str, dict[str, str]] = (f"whole file {self._files[file]}", {})
            try:
                small = len(data) <= self.options.limits.file_bytes  # a file too large is refused by the build itself
                self._entries[file] = _entry_digests(data.decode("utf-8"), collection) if small else whole
            except (ValueError, RecursionError, yaml.YAMLError):
                self._entries[file] = whole
        return self._entries[file]


def _entry_digests(text: str, collection: str) -> tuple[str, dict[str, str]]:
    root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("not a mapping")
    seen: set[int] = set()
    shared, entries = [], {}
    for key, value in root.value:
        if key.value == collection and isinstance(value, yaml.MappingNode):
            entries = {name.value: _sha(json.dumps(_canonical(node, seen)).encode()) for name, node in value.value}
        else:
            shared.append([key.value, _canonical(value, seen)])
    return _sha(json.dumps(shared).encode()), entries


def _canonical(node: yaml.Node, seen: set[int]) -> Any:
    """A node's tags and values, without comments or layout; an alias (a node met twice) makes entries depend
    on each other, so it is refused and the whole file is used instead."""
    if id(node) in seen:
        raise ValueError("aliases")
    seen.add(id(node))
    if isinstance(node, yaml.ScalarNode):
        return [node.tag, node.value]
    if isinstance(node, yaml.SequenceNode):
        return [node.tag, [_canonical(item, seen) for item in node.value]]
    if isinstance(node, yaml.MappingNode):
        return [node.tag, [[_canonical(k, seen), _canonical(v, seen)] for k, v in node.value]]
    raise ValueError("unknown node")


@cache
def code_digest() -> str:
    """handbill's version, its own files, and the versions of Python, zlib and the libraries that write the bytes:
    an upgrade of any of them rebuilds everything once."""
    from importlib import metadata  # only here: it takes a while to import

    package = Path(__file__).parent
    files = sorted(p for p in package.rglob("*") if p.suffix in _CODE and "__pycache__" not in p.parts)
    versions = []
    for name in _LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} absent")
    parts = [__version__, sys.version, zlib.ZLIB_RUNTIME_VERSION, *versions]
    parts += [f"{p.relative_to(package).as_posix()} {_sha(p.read_bytes())}" for p in files]
    return _sha("\n".join(parts).encode())


def _options(options: Options) -> str:
    """The options that change what is written (check_only writes nothing, so it is not one of them)."""
    chosen = asdict(options)
    chosen.pop("check_only")
    return json.dumps(chosen, sort_keys=True, default=str)


def intact(output: Path, digest: str) -> bool:
    """The output is on disk as it was written (not deleted, replaced or edited since)."""
    try:
        return _sha(output.read_bytes()) == digest
    except OSError:
        return False


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
