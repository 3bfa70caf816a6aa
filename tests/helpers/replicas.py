"""Compare the synced data of desk replicas and the server."""

from __future__ import annotations

from typing import Any

from desktop.storage import clocks as stored_clocks
from desktop.storage.store import Store
from sync.entities import SYNC_ENTITIES, writable_fields

# What every desk of a network must hold identically once synced.
SHARED = ("category", "provider", "service", "person", "request", "referral", "note", "status_change",
          "conflict", "person_merge", "desk", "operator")


def snapshot(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    """entity → row id → synced field values (with their stamps)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for name in SHARED:
        entity = SYNC_ENTITIES[name]
        fields = sorted(writable_fields(entity))
        rows = store.query(f"SELECT id, clocks, {', '.join(fields)} FROM {entity.table}")
        out[name] = {
            r["id"]: {**{f: r[f] for f in fields}, "clocks": stored_clocks.decode(r["clocks"])} for r in rows
        }
    return out
