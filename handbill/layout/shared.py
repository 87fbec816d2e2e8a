"""Lines broken once per fit: the fit lays one document out several times, mostly at a body size it has tried
before (spacing-only trials, then the chosen setting rendered), and breaking lines is about half of a layout.
Within `sharing_lines()`, a paragraph of the same text, style (space above and below aside: that is what the
spacing changes) and width takes the lines an earlier one broke instead of breaking them again.

The store lives for one fit only, so what one document shares never reaches another: a build's bytes do not
depend on what was built before it. Lines handed on are never changed in place: ReportLab's split edits the
words of the lines it splits, so a paragraph that splits first takes a copy of its own (`Sharing.own`).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from copy import deepcopy
from typing import Any
from weakref import WeakKeyDictionary

_STORE: ContextVar[dict[Hashable, Any] | None] = ContextVar("shared_lines", default=None)
_UNKEYED = frozenset({"spaceBefore", "spaceAfter", "parent"})  # the space around (see module docstring), and the parent
_KEYS: WeakKeyDictionary[Any, Hashable | None] = WeakKeyDictionary()  # style -> its key (see style_key)


@contextmanager
def sharing_lines() -> Iterator[None]:
    """Share broken lines between the layouts made inside this block (one document's fit)."""
    token = _STORE.set({})
    try:
        yield
    finally:
        _STORE.reset(token)


def style_key(style: Any) -> Hashable | None:
    """What of a ParagraphStyle decides how its text breaks and draws: every attribute but the space around it;
    None when one of them cannot be compared (then nothing is shared). Worked out once per style object (kept
    beside it, not on it: a copy of a style, changed, must not carry the key of the original)."""
    if style in _KEYS:
        return _KEYS[style]
    key: Hashable | None = tuple(sorted((name, value) for name, value in vars(style).items() if name not in _UNKEYED))
    try:
        hash(key)
    except TypeError:
        key = None
    _KEYS[style] = key
    return key


class Sharing:
    """What one paragraph does with the store: look up the state its wrap at a width left, keep its own there,
    and take a private copy before it is split."""

    def __init__(self, key: Hashable | None):
        self.key = key  # None: this paragraph shares nothing (a part split from another, or no store)
        self.borrowed = False  # whether its lines are the store's (and must be copied before changes)

    @classmethod
    def of(cls, style: Any, *parts: object) -> Sharing:
        """The sharing of a paragraph made from `parts` (its class, text, bullet) in `style`."""
        key = style_key(style) if _STORE.get() is not None else None
        return cls(None if key is None else (key, *parts))

    def parsed(self) -> tuple[Any, ...] | None:
        """What preparing this paragraph's text (parsing markup, cutting words) gave an earlier one like it."""
        return self._get(("parsed",))

    def keep_parsed(self, setup: tuple[Any, ...]) -> None:
        self._put(("parsed",), setup)

    def lookup(self, width: float) -> Any:
        """The state a wrap at `width` left on an earlier paragraph like this one (this one's now, borrowed)."""
        state = self._get(width)
        self.borrowed = self.borrowed or state is not None
        return state

    def keep(self, width: float, state: Any) -> None:
        self._put(width, state)
        self.borrowed = self.key is not None  # the store holds this paragraph's own lines: copy them before a split

    def _get(self, what: Hashable) -> Any:
        store = _STORE.get()
        return None if self.key is None or store is None else store.get((self.key, what))

    def _put(self, what: Hashable, value: Any) -> None:
        store = _STORE.get()
        if self.key is not None and store is not None:
            store[(self.key, what)] = value

    def own(self, paragraph: Any, names: tuple[str, ...]) -> None:
        """Give `paragraph` private copies of the attributes `names`, if they are the store's."""
        if self.borrowed:
            copies = deepcopy(tuple(paragraph.__dict__[name] for name in names if name in paragraph.__dict__))
            present = [name for name in names if name in paragraph.__dict__]
            paragraph.__dict__.update(zip(present, copies))
            self.borrowed = False
