"""A deterministic mutation fuzzer over the real content files, driving the in-process build.

The seed files are what authors and translators actually edit, so small damage to them (a lost line, a
wrong indent, a stray bracket, a pasted control character, a huge value, a YAML trick) is the input the tool
meets in practice. Each mutant must build a PDF that opens, or be refused with a HandbillError; anything else,
a build over the time budget, a leftover temporary file or a PDF written despite a refusal is a finding.

Shared by tests/test_fuzz_inputs.py (a short run in CI) and bench/fuzz_seeds.py (a long run on demand): a
mutant is named by (seed, index), so any finding of either is reproduced by `mutant(seed, index)`.
"""

from __future__ import annotations

import random
import re
import shutil
import signal
import threading
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import FrameType

from conftest import ROOT, new_project
from pypdf import PdfReader

from handbill.build import Builder, Options, Project
from handbill.errors import BuildError, ContentError, HandbillError
from handbill.limits import DEFAULT

# Sources and translations of both seed documents: the loader, the validator, the translation merge and the
# layout of Latin, right-to-left and CJK text all see damaged input.
SEED_FILES = (
    "school-vs-medical-therapies/en.yaml",
    "ot-school-vs-medical/en.yaml",
    "school-vs-medical-therapies/es.yaml",
    "school-vs-medical-therapies/ar.yaml",
    "ot-school-vs-medical/zh-Hans.yaml",
)

VALUE = re.compile(rb"^(\s*(?:- )?[^\s:#-][^:#\n]*:[ ]+)(\S.*)$")  # `key: value` (maybe a list item)
# Running text: a translation's plain `text:` value or a line of a folded paragraph (no `:` or `#`, no quotes).
PROSE = re.compile(rb"^(\s+(?:text: )?)(?![-'\"|>#])([^:#\n]*[^:#\s'\"])$")
ITEM = re.compile(rb"^(\s*)- ")
KEY = re.compile(rb"^(\s*(?:- )?)([^\s:#-][^:#\n]*)(:(?: .*)?)$")
SYNTAX = [
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    "&a ",
    "*a",
    "!",
    "!!str ",
    "|",
    ">",
    "'",
    '"',
    "#",
    "% ",
    "@",
    "`",
    ",",
    "? ",
    "\t",
    "\n---\n",
    "\n...\n",
    "<<: ",
    "\\",
    "\r",
    "\r\n",
]
NUMBERS = [
    "9" * 15,
    "9" * 16,
    "-" + "1" * 40,
    "1e308",
    "1e400",
    "-1e-400",
    ".inf",
    "-.inf",
    ".nan",
    "0x" + "f" * 20,
    "1_000_000",
    "-0.0",
    "0.00001",
    "2024-13-45",
    "2024-02-29",
    "2001-01-01 25:61:00",
    "12:30:45",
    "190:20:30",
    "0o777",
    "0b101",
    "yes",
    "off",
    "~",
    "null",
    "1.5",
    "-7",
]
TAGS = [
    "!!float abc",
    "!!float .",
    "!!int x",
    "!!int ''",
    "!!bool maybe",
    "!!timestamp x",
    "!!binary '%%'",
    "!!str",
    "!!python/object:os.system",
    "!local x",
    "!!set {a}",
    "!!omap [a: 1]",
    "!!map [1]",
    "!!null x",
]
# Control and invisible characters: some YAML refuses, others (joiners, marks, isolates, a soft hyphen) are real
# text in Arabic, Urdu or Persian and must lay out.
CONTROL = [
    "\x00",
    "\x07",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200f",
    "\u00ad",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\ufffe",
    "\U0001f600",
    "e\u0301" * 300,
    "\u0627\u0644" * 50,
    "\t",
]
KEYS = [
    "2024-13-45",
    "2024-01-01",
    "12",
    "1.5",
    "true",
    "~",
    "<<",
    "? x",
    "[a]",
    "{a: 1}",
    "x" * 2000,
    "id",
    "text",
    "type",
    "items",
    "language",
]
INLINE = [
    "**bold",
    "[link](javascript:alert(1))",
    "[x](",
    "<b>",
    "&amp;",
    "\\",
    "[a](https://" + "x" * 300 + ")",
    "** ** ** **",
    "&#0;",
    "<para>",
    "%(x)s {x} {{",
    "${award_total}",
]


@dataclass
class Mutant:
    """One damaged seed file and how it was damaged."""

    seed: int
    index: int
    file: str
    data: bytes
    steps: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"mutant {self.seed}/{self.index} of {self.file}: {'; '.join(self.steps)}"


def mutate(data: bytes, rng: random.Random) -> tuple[bytes, list[str]]:
    """Apply one to three random mutations; return the result and a description of each."""
    steps = []
    for _ in range(rng.choice((1, 1, 1, 1, 1, 1, 1, 2, 2, 3))):
        operator = rng.choice(OPERATORS)
        data, step = operator(data, rng)
        steps.append(step)
    return data, steps


def mutant(seed: int, index: int, originals: dict[str, bytes] | None = None) -> Mutant:
    """Mutant `index` of the series `seed`: always the same file and the same damage."""
    rng = random.Random(f"{seed}/{index}")
    name = rng.choice(SEED_FILES)
    data = originals[name] if originals else (ROOT / "content" / name).read_bytes()
    data, steps = mutate(data, rng)
    return Mutant(seed, index, name, data, steps)


# --- line level -------------------------------------------------------------------------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _pick(lines: list[bytes], rng: random.Random, pattern: re.Pattern[bytes] | None = None) -> int:
    """A random line index, if possible one matching `pattern`."""
    matching = [i for i, line in enumerate(lines) if pattern.match(line)] if pattern else []
    return rng.choice(matching) if matching else rng.randrange(len(lines))


def delete_line(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = _pick(lines, rng)
    del lines[i]
    return b"\n".join(lines), f"line {i + 1} deleted"


def duplicate_lines(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i, n = _pick(lines, rng), rng.choice((1, 1, 3, 12))
    lines[i:i] = lines[i : i + n]
    return b"\n".join(lines), f"lines {i + 1}-{i + n} duplicated"


def swap_lines(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = _pick(lines, rng)
    j = min(len(lines) - 1, i + 1) if rng.random() < 0.5 else _pick(lines, rng)
    lines[i], lines[j] = lines[j], lines[i]
    return b"\n".join(lines), f"lines {i + 1} and {j + 1} swapped"


def reindent(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = _pick(lines, rng)
    shift = rng.choice((-4, -2, -1, 1, 2, 4, 40))
    if shift < 0:
        lines[i] = lines[i][min(-shift, len(lines[i]) - len(lines[i].lstrip(b" "))) :]
    else:
        lines[i] = (b"\t" if rng.random() < 0.2 else b" " * shift) + lines[i]
    return b"\n".join(lines), f"line {i + 1} indented by {shift}"


def insert_syntax(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = _pick(lines, rng)
    column = rng.randrange(len(lines[i]) + 1)
    token = rng.choice(SYNTAX)
    lines[i] = lines[i][:column] + token.encode() + lines[i][column:]
    return b"\n".join(lines), f"{token!r} inserted at line {i + 1}, column {column + 1}"


def grow(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Repeat one list item (a section, a block, a row) with its ids made unique: a longer document that may
    still be valid, for the layout's page breaking, page limit and time budget."""
    lines = _lines(data)
    i = _pick(lines, rng, ITEM)
    match = ITEM.match(lines[i])
    indent = len(match.group(1)) if match else 0
    end = i + 1
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        end += 1
    times = rng.choice((2, 10, 60, 300))
    copies = [re.sub(rb"(\bid: )([\w-]+)", rb"\1\2-x%d" % k, line) for k in range(times) for line in lines[i:end]]
    lines[end:end] = copies
    return b"\n".join(lines), f"lines {i + 1}-{end} repeated {times} times with new ids"


def lengthen(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """Repeat the words of one line of running text: a longer paragraph, in any language, still valid."""
    lines = _lines(data)
    i = _pick(lines, rng, PROSE)
    match = PROSE.match(lines[i])
    if match is None:
        return data, "nothing to lengthen"
    times = rng.choice((2, 8, 30))
    lines[i] = match.group(1) + b" ".join([match.group(2)] * times)
    return b"\n".join(lines), f"text at line {i + 1} repeated {times} times"


def rename_key(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    lines = _lines(data)
    i = _pick(lines, rng, KEY)
    match = KEY.match(lines[i])
    key = rng.choice(KEYS)
    if match:
        lines[i] = match.group(1) + key.encode() + match.group(3)
    return b"\n".join(lines), f"key at line {i + 1} renamed to {key[:40]!r}"


# --- values -----------------------------------------------------------------------------------------------------


def _set_value(data: bytes, rng: random.Random, value: str, what: str) -> tuple[bytes, str]:
    lines = _lines(data)
    i = _pick(lines, rng, VALUE)
    match = VALUE.match(lines[i])
    head = match.group(1) if match else lines[i] + b" "
    if "\n" in value:  # a block value starts on the next line, indented under its key
        indent = b" " * (len(head) - len(head.lstrip()) + 2)
        value = value.replace("\n", "\n" + indent.decode())
    lines[i] = head + value.encode()
    return b"\n".join(lines), f"value at line {i + 1} -> {what}"


def _in_prose(data: bytes, rng: random.Random, text: str, what: str) -> tuple[bytes, str]:
    """Insert `text` between two words (or at the end) of a line of running text, where the line stays a valid
    YAML scalar: the build gets past the loader, and the inline parser, layout and read-back see the text."""
    lines = _lines(data)
    i = _pick(lines, rng, PROSE)
    match = PROSE.match(lines[i])
    if match is None:
        return _set_value(data, rng, text, what)
    spaces = [match.start(2) + m.start() for m in re.finditer(rb" ", match.group(2))]
    at = rng.choice(spaces + [len(lines[i])])
    lines[i] = lines[i][:at] + b" " + text.encode() + lines[i][at:]
    return b"\n".join(lines), f"{what} inserted at line {i + 1}, byte {at + 1}"


def long_text(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    chars = rng.choice((1_000, 5_000, 19_000, 20_001, 80_000))
    words = " ".join(rng.choice(("therapy", "school", "IEP", "families", "a", "occupational")) for _ in range(chars // 6))
    if rng.random() < 0.3:
        return _set_value(data, rng, f"'{words[:chars]}'", f"{chars:,} characters of words")
    return _in_prose(data, rng, words[:chars], f"{chars:,} characters of words")


def long_word(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    chars = rng.choice((300, 1_200, 4_999, 5_001, 30_000))
    word = rng.choice(("x" * chars, "https://example.org/" + "a" * chars, "中" * chars, "ب" * chars))
    return _in_prose(data, rng, word, f"an unbroken word of {len(word):,} characters")


def deep_nesting(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    depth = rng.choice((3, 20, 23, 25, 200, 20_000))
    if rng.random() < 0.5:
        return _set_value(data, rng, "[" * depth + "x" + "]" * depth, f"flow lists {depth} deep")
    depth = min(depth, 200)
    block = "".join("\n" + "  " * k + "- " for k in range(depth)) + "x"
    return _set_value(data, rng, block, f"block lists {depth} deep")


def alias(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    data, first = _set_value(data, rng, "&a [x, y, z]", "an anchor &a")
    data, second = _set_value(data, rng, rng.choice(("*a", "[*a, *a, *a]", "*undefined")), "an alias")
    return data, f"{first}; {second}"


def number(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    value = rng.choice(NUMBERS)
    return _set_value(data, rng, value, f"{value[:30]!r}")


def tag(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    value = rng.choice(TAGS)
    return _set_value(data, rng, value, f"{value!r}")


def control(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    char = rng.choice(CONTROL)
    if rng.random() < 0.3:  # anywhere, even inside a key or the indentation
        lines = _lines(data)
        i = _pick(lines, rng)
        at = rng.randrange(len(lines[i]) + 1)
        lines[i] = lines[i][:at] + char.encode() + lines[i][at:]
        return b"\n".join(lines), f"{char[:8]!r} inserted at line {i + 1}, byte {at + 1}"
    return _in_prose(data, rng, f"x{char}x", f"{char[:8]!r}")


def inline_markup(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    markup = rng.choice(INLINE)
    return _in_prose(data, rng, markup, f"inline markup {markup[:40]!r}")


def empty(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    value = rng.choice(("''", "[]", "{}", "null", "' '", "|", ">-"))
    return _set_value(data, rng, value, f"{value!r}")


# --- byte level -------------------------------------------------------------------------------------------------


def truncate(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randrange(len(data) or 1)
    return data[:at], f"truncated at byte {at:,}"


def bad_bytes(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    at = rng.randrange(len(data) or 1)
    junk = rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xef\xbb\xbf", bytes([rng.randrange(256)])))
    return data[:at] + junk + data[at + 1 :], f"byte {at:,} replaced by {junk!r}"


# Those that usually keep the file valid come twice: they reach the layout, the slow and intricate part.
OPERATORS: list[Callable[[bytes, random.Random], tuple[bytes, str]]] = [
    delete_line,
    duplicate_lines,
    swap_lines,
    reindent,
    insert_syntax,
    rename_key,
    deep_nesting,
    alias,
    number,
    tag,
    empty,
    truncate,
    bad_bytes,
    grow,
    lengthen,
    long_text,
    long_word,
    control,
    inline_markup,
    grow,
    lengthen,
    long_text,
    long_word,
    control,
    inline_markup,
]


# --- the driver -------------------------------------------------------------------------------------------------


class Hang(BaseException):
    """Raised by the alarm when one build runs far past the time budget (a BaseException: nothing catches it)."""


@dataclass
class Report:
    mutations: int = 0
    built: int = 0
    refused: Counter[str] = field(default_factory=Counter)  # by kind of message
    example: dict[str, str] = field(default_factory=dict)  # the first mutant refused with each kind of message
    errors: Counter[str] = field(default_factory=Counter)  # by exception type, expected or not
    unexpected: list[str] = field(default_factory=list)  # the mutant and its traceback or broken promise
    over_budget: list[str] = field(default_factory=list)
    slowest: tuple[float, str] = (0.0, "")

    def summary(self, examples: bool = False) -> str:
        lines = [f"mutations: {self.mutations}", f"built: {self.built}", f"refused: {sum(self.refused.values())}"]
        for kind, count in self.refused.most_common():
            lines.append(f"  {count:5}  {kind}")
            if examples:
                lines.append(f"         e.g. {self.example[kind][:160]}")
        lines += ["by exception type: " + ", ".join(f"{name} {count}" for name, count in self.errors.most_common())]
        lines += [f"unexpected: {len(self.unexpected)}"] + [f"  {u}" for u in self.unexpected]
        lines += [f"over the time budget: {len(self.over_budget)}"] + [f"  {o}" for o in self.over_budget]
        lines += [f"slowest build: {self.slowest[0]:.2f} s ({self.slowest[1]})"]
        return "\n".join(lines)


def message_kind(error: HandbillError) -> str:
    """The message with file names, positions, quoted values and numbers blanked, so refusals group by what
    went wrong."""
    text = error.problems[0].message if isinstance(error, ContentError) and error.problems else str(error)
    text = text.splitlines()[0] if text else "(no message)"
    text = re.sub(r" ?\([^()]*\.yaml[^()]*\)", "", text)  # "(file:line:column: field)" after a count
    text = re.sub(r"\S+\.yaml(:\d+)*:? ?", "", text)
    text = re.sub(r"'[^']*'", "'…'", text)
    return re.sub(r"\d[\d,.]*", "N", text)[:90]


class Fuzzer:
    """A throwaway project holding both seed documents and one Builder (loading fonts is the expensive part)."""

    def __init__(self, workdir: Path, seconds: float = 10.0):
        self.root = new_project(workdir / "project")
        for document in {name.split("/")[0] for name in SEED_FILES}:
            shutil.copytree(ROOT / "content" / document, self.root / "content" / document)
        self.out = workdir / "out"
        self.seconds = seconds
        self.builder = Builder(Project(self.root), Options(limits=replace(DEFAULT, seconds=seconds)), self.out)
        self.originals = {name: (self.root / "content" / name).read_bytes() for name in SEED_FILES}

    def mutant(self, seed: int, index: int) -> Mutant:
        return mutant(seed, index, self.originals)

    def run(self, count: int, seed: int = 0, report: Report | None = None, start: int = 0) -> Report:
        """Build mutants start .. start + count - 1 of `seed`, adding to `report`."""
        report = report or Report()
        for index in range(start, start + count):
            self.check(self.mutant(seed, index), report)
        return report

    def check(self, mutant: Mutant, report: Report) -> None:
        """Build one mutant and record what happened; the seed file is restored afterwards."""
        source = self.root / "content" / mutant.file
        shutil.rmtree(self.out, ignore_errors=True)
        source.write_bytes(mutant.data)
        report.mutations += 1
        timed_out = False
        start = time.perf_counter()
        try:
            with _alarm(3 * self.seconds):
                result = self.builder.build(source)
        except HandbillError as error:
            kind = message_kind(error)
            report.errors[type(error).__name__] += 1
            report.refused[kind] += 1
            report.example.setdefault(kind, str(mutant))
            timed_out = isinstance(error, BuildError) and "took longer than" in str(error)
            self._promise(bool(str(error).strip()), mutant, "refused without a message", report)
            self._promise(not _pdfs(self.out), mutant, "a PDF was written although the build was refused", report)
        except (Exception, Hang) as error:
            report.errors[type(error).__name__] += 1
            report.unexpected.append(f"{mutant}:\n{traceback.format_exc()}")
        else:
            report.built += 1
            self._promise(
                result.output is not None and _opens(result.output, result.pages),
                mutant,
                f"the PDF {result.output} does not open with {result.pages} pages",
                report,
            )
        finally:
            source.write_bytes(self.originals[mutant.file])
        elapsed = time.perf_counter() - start
        # The build's own clock stops layout at the budget; loading and the read-back come on top, and a busy
        # machine stretches everything, hence the half again before wall time alone counts as over the budget.
        if timed_out or elapsed > 1.5 * self.seconds:
            report.over_budget.append(f"{mutant}: {elapsed:.1f} s{' (stopped by the build)' if timed_out else ''}")
        if elapsed > report.slowest[0]:
            report.slowest = (elapsed, str(mutant))
        self._promise(not list(self.out.rglob("*.tmp")), mutant, "a temporary file was left behind", report)

    @staticmethod
    def _promise(kept: bool, mutant: Mutant, broken: str, report: Report) -> None:
        if not kept:
            report.unexpected.append(f"{mutant}: {broken}")


def _pdfs(folder: Path) -> list[Path]:
    return list(folder.rglob("*.pdf")) if folder.exists() else []


def _opens(pdf: Path, pages: int) -> bool:
    try:
        reader = PdfReader(pdf)
        return len(reader.pages) == pages and bool(reader.pages[0].extract_text())
    except Exception:
        return False


class _alarm:
    """Turn a build stuck for `seconds` into a Hang exception (only possible in the main thread)."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.armed = threading.current_thread() is threading.main_thread()

    def __enter__(self) -> None:
        if self.armed:
            self.previous = signal.signal(signal.SIGALRM, self._ring)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous)

    def _ring(self, signum: int, frame: FrameType | None) -> None:
        raise Hang(f"the build was still running after {self.seconds:g} s")
