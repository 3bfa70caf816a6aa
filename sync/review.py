"""What a coordinator reviews after sync, and the actions that settle it (desk side, no Qt).

- Conflicts: two desks changed the same field concurrently; the server kept the latest write and
  recorded the other value. Resolving either confirms the kept value or restores the lost one (a new
  write, sent like any other); the resolution itself syncs so every desk sees it settled.
- Possible duplicates: live persons without a codice fiscale sharing surname, name and birth date.
  Merging two sends a merge request; the server merges on every replica (children re-pointed).
- Set-aside changes: changes the server rejected, kept with the reason.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from desktop.domain.models import Person
from desktop.storage.store import Store, utc_now
from sync.entities import SYNC_ENTITIES
from sync.protocol import CONFLICT_ENTITY, MERGE_ENTITY


@dataclass(frozen=True)
class Conflict:
    id: str
    entity: str
    row_id: str
    field: str
    kept_value: Any
    lost_value: Any
    lost_desk: str
    resolved: bool
    resolution: str


def list_conflicts(store: Store, *, include_resolved: bool = False) -> list[Conflict]:
    where = "deleted = 0" + ("" if include_resolved else " AND resolved = 0")
    return [
        Conflict(r["id"], r["entity"], r["row_id"], r["field"], json.loads(r["kept_value"]),
                 json.loads(r["lost_value"]), r["lost_desk"], bool(r["resolved"]), r["resolution"])
        for r in store.query(f"SELECT * FROM sync_conflicts WHERE {where} ORDER BY seq")
    ]


def resolve_conflict(store: Store, conflict_id: str, *, restore_lost: bool, note: str = "") -> None:
    """Settle a conflict: keep the current value, or write the lost one back (a new, newest write)."""
    rows = store.query("SELECT * FROM sync_conflicts WHERE id = ?", (conflict_id,))
    if not rows:
        raise KeyError(conflict_id)
    conflict = rows[0]
    with store.transaction():
        if restore_lost:
            entity = SYNC_ENTITIES[conflict["entity"]]
            target = store.query(f"SELECT * FROM {entity.table} WHERE id = ?", (conflict["row_id"],))
            if not target:
                raise KeyError(conflict["row_id"])
            columns = {**target[0], conflict["field"]: json.loads(conflict["lost_value"])}
            store.save(entity.from_columns(columns))
        resolution = note or ("ripristinato il valore perso" if restore_lost else "confermato il valore attuale")
        _write_sync_row(store, CONFLICT_ENTITY, conflict_id, {"resolved": 1, "resolution": resolution})


def _write_sync_row(store: Store, entity_name: str, row_id: str, fields: dict[str, Any]) -> None:
    """Write fields of a sync-only row (conflict record) and queue the change, like Store.save does."""
    entity = SYNC_ENTITIES[entity_name]
    with store.transaction() as conn:
        row = store.query(f"SELECT clocks FROM {entity.table} WHERE id = ?", (row_id,))
        clocks = json.loads(row[0]["clocks"]) if row else {}
        stamp = store.clock.now()
        base = {f: clocks[f] for f in fields if f in clocks}
        now = utc_now()
        if row:
            conn.execute(
                f"UPDATE {entity.table} SET {', '.join(f'{f} = ?' for f in fields)}, updated_at = ?, clocks = ? "
                "WHERE id = ?",
                (*fields.values(), now, json.dumps({**clocks, **{f: stamp for f in fields}}), row_id),
            )
        store.append_outbox(entity_name, row_id, fields, stamp, now, base)


def possible_duplicate_groups(store: Store) -> list[list[Person]]:
    """Live persons without a codice fiscale that share surname, name and birth date (each group ≥ 2)."""
    rows = store.query(
        "SELECT id, lower(last_name) AS l, lower(first_name) AS f, birth_date AS b FROM persons "
        "WHERE deleted = 0 AND fiscal_code IS NULL AND birth_date IS NOT NULL "
        "AND (lower(last_name), lower(first_name), birth_date) IN ("
        "  SELECT lower(last_name), lower(first_name), birth_date FROM persons "
        "  WHERE deleted = 0 AND fiscal_code IS NULL AND birth_date IS NOT NULL "
        "  GROUP BY 1, 2, 3 HAVING count(*) > 1) ORDER BY l, f, b, id"
    )
    groups: dict[tuple[str, str, str], list[Person]] = {}
    for row in rows:
        person = store.get(Person, row["id"])
        if person is not None:
            groups.setdefault((row["l"], row["f"], row["b"]), []).append(person)
    return list(groups.values())


def merge_persons(store: Store, merged_id: str, into_id: str) -> None:
    """Ask the server to merge person ``merged_id`` into ``into_id`` (a coordinator's decision).

    The merged person is hidden here at once; the server re-points its requests on every replica.
    """
    if merged_id == into_id:
        raise ValueError("una persona non può essere unita a sé stessa")
    merged, into = store.get(Person, merged_id), store.get(Person, into_id)
    if merged is None or into is None:
        raise KeyError(merged_id if merged is None else into_id)
    with store.transaction():
        fields = {"into_id": into_id, "reason": "unione del coordinatore"}
        store.append_outbox(MERGE_ENTITY, merged_id, fields, store.clock.now(), utc_now())
        store.delete(Person, merged_id)


def rejected_changes(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT change_id, entity, row_id, reason, rejected_at FROM sync_rejected ORDER BY seq")
