"""The bounded stores that keep work for reuse within a process (outlines, font runs, hyphenation breaks)."""

from __future__ import annotations

from collections.abc import Hashable

from handbill.memo import remembered


def test_each_value_is_made_once_and_a_full_store_starts_over() -> None:
    store: dict[Hashable, int] = {}
    made: list[str] = []

    def make(key: str) -> int:
        made.append(key)
        return len(key)

    assert [remembered(store, k, lambda k=k: make(k), 3) for k in ("a", "bb", "a", "bb")] == [1, 2, 1, 2]
    assert made == ["a", "bb"], "asked again, a value comes from the store"
    remembered(store, "ccc", lambda: make("ccc"), 3)
    remembered(store, "dddd", lambda: make("dddd"), 3)  # the store held 3: emptied, then this one kept
    assert store == {"dddd": 4} and len(made) == 4
    assert remembered(store, "a", lambda: make("a"), 3) == 1 and made[-1] == "a", "forgotten values are made again"
