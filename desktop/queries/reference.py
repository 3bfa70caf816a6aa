"""Reference data for pickers and labels: need categories and the desks of the network."""

from __future__ import annotations

from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.storage.store import Store

CATEGORY_LABELS = {c.code: c.label for c in DEFAULT_CATEGORIES}


def categories(store: Store) -> list[tuple[str, str]]:
    """(code, label) of the live need categories, in taxonomy order."""
    rows = store.query("SELECT code, label FROM categories WHERE deleted = 0 ORDER BY seq")
    found = [(str(r["code"]), str(r["label"])) for r in rows]
    return found or [(c.code, c.label) for c in DEFAULT_CATEGORIES]


def desks(store: Store) -> list[tuple[str, str]]:
    """(id, name) of the desks known to this replica."""
    return [(str(r["id"]), str(r["name"])) for r in store.query(
        "SELECT id, name FROM desks WHERE deleted = 0 ORDER BY name COLLATE NOCASE")]
