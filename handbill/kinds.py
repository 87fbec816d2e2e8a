"""The one table of content block kinds: the `type:` a content file writes, the model class it becomes and the
schema definition that checks it. Every stage that handles blocks keys its own functions by model class and
checks them against this table when it is imported, so a new kind cannot be half added: a stage that forgets it
fails at once, naming the kind.

Adding a kind: a row here, a model class (with its `texts()`) in model.py, a `$defs` entry in
schemas/document.schema.json, a reader in content.py's `_READERS` and a layout in layout/blocks.py's `_BUILDERS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import Callout, Comparison, Image, ItemList, Paragraph, Resources, Table


@dataclass(frozen=True)
class BlockKind:
    name: str  # the `type:` in a content file
    model: type  # the model class a block of this kind becomes
    schema: str  # its definition in schemas/document.schema.json's $defs


KINDS = (
    BlockKind("paragraph", Paragraph, "paragraph"),
    BlockKind("bullets", ItemList, "list"),
    BlockKind("checklist", ItemList, "list"),
    BlockKind("questions", ItemList, "list"),
    BlockKind("key-points", ItemList, "list"),
    BlockKind("steps", ItemList, "steps"),
    BlockKind("comparison", Comparison, "comparison"),
    BlockKind("callout", Callout, "callout"),
    BlockKind("table", Table, "table"),
    BlockKind("resources", Resources, "resources"),
    BlockKind("image", Image, "image"),
)
BY_NAME = {kind.name: kind for kind in KINDS}
MODELS = tuple(dict.fromkeys(kind.model for kind in KINDS))


def every_kind(table: Mapping[type, object], stage: str) -> None:
    """Refuse a stage's table of functions unless it handles exactly the kinds above (a programming error)."""
    missing = [model.__name__ for model in MODELS if model not in table]
    unknown = [model.__name__ for model in table if model not in MODELS]
    if missing or unknown:
        raise TypeError(
            f"{stage}: no function for block kind(s) {', '.join(missing) or '-'}; "
            f"not block kinds: {', '.join(unknown) or '-'} (see handbill/kinds.py)"
        )
