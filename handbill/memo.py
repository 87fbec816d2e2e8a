"""Work kept for reuse within a process, bounded: a catalog build runs for thousands of documents, so a store
that only grew would hold everything any of them needed. Each store is emptied when it is full; what it held is
made again on demand."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

Value = TypeVar("Value")


def remembered(store: dict[Hashable, Value], key: Hashable, make: Callable[[], Value], limit: int) -> Value:
    """`store[key]`, made by `make()` the first time it is asked for; the store is emptied when it holds `limit`."""
    if key not in store:
        if len(store) >= limit:
            store.clear()
        store[key] = make()
    return store[key]
