"""What a batch shows while it runs: each output's lines in catalog order, and a progress bar on a terminal.

Outputs finish out of order when several processes build them; their lines are held until every output before
them is done, so the log reads the same (by document, then language) however the builds were scheduled. A
terminal also gets a bar counting the outputs, kept below the lines; CI, pipes and files get the lines alone.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from tqdm import tqdm

Line = tuple[TextIO, str]  # a line and the stream it goes to (failures go to stderr)


def wants_bar(stream: TextIO) -> bool:
    """A bar only where a person watches: a terminal, not CI (which sets CI=true) nor a dumb terminal."""
    interactive = getattr(stream, "isatty", lambda: False)()
    return bool(interactive) and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Progress:
    """Prints the lines of output number `index` once outputs 0 .. index-1 have printed theirs."""

    def __init__(self, total: int, bar_stream: TextIO | None, verb: str):
        self._held: dict[int, list[Line]] = {}
        self._next = 0
        self._bar = _bar(total, bar_stream, verb) if bar_stream is not None else None

    def done(self, index: int, lines: list[Line]) -> None:
        self._held[index] = lines
        if self._bar is not None:
            self._bar.update(1)
        while self._next in self._held:
            self._print(self._held.pop(self._next))
            self._next += 1

    def say(self, lines: list[Line]) -> None:
        """Lines about the batch as a whole, after the outputs' lines."""
        self._print(lines)

    def close(self) -> None:
        """Print whatever is still held (outputs after one that never finished, when a batch is cut short) and
        remove the bar."""
        for index in sorted(self._held):
            self._print(self._held.pop(index))
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def _print(self, lines: list[Line]) -> None:
        if self._bar is not None and lines:
            self._bar.clear()
        for stream, line in lines:
            print(line, file=stream, flush=True)
        if self._bar is not None and lines:
            self._bar.refresh()


def _bar(total: int, stream: TextIO, verb: str) -> tqdm:
    from tqdm import tqdm  # only on a terminal

    tqdm.monitor_interval = 0  # no monitor thread: the worker processes are started after the bar
    return tqdm(total=total, file=stream, desc=verb, unit=" outputs", leave=False, dynamic_ncols=True, mininterval=0.2)
