"""Apply changes received from the server to a desk database (no outbox entries: they are not local).

Each field is merged last-writer-wins on its stamp (:mod:`sync.merge`), so every replica converges
whatever order changes arrive in. A change that cannot be applied yet — a referral or note whose
request has not arrived, an update of a row not created here yet — is parked and retried after each
batch, in arrival order, until its parent arrives. Runs inside the caller's transaction.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from desktop.storage.store import Store, utc_now
from sync.entities import SYNC_ENTITIES, writable_fields
from sync.merge import merge_fields
from sync.protocol import Change


@dataclass
class ApplyReport:
    applied: int = 0
    parked: int = 0
    unparked: int = 0


def apply_changes(store: Store, changes: list[Change]) -> ApplyReport:
    """Apply received changes, then retry parked ones; all in one transaction."""
    report = ApplyReport()
    newest = store.setting("hlc_last") or ""
    with store.transaction():
        for change in changes:
            if change.hlc > newest:
                newest = change.hlc
            store.clock.observe(change.hlc)
            problem = _apply_one(store, change)
            if problem is None:
                report.applied += 1
            else:
                _park(store, change, problem)
                report.parked += 1
        if report.parked or changes:
            report.unparked = retry_parked(store)
        store.set_setting("hlc_last", newest or None)
    return report


def parked_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM sync_parked"))


def retry_parked(store: Store) -> int:
    """Apply parked changes whose parents have arrived, in arrival order, until nothing moves."""
    unparked = 0
    with store.transaction() as conn:
        progress = True
        while progress:
            progress = False
            for row in store.query("SELECT seq, change FROM sync_parked ORDER BY seq"):
                change = Change.model_validate_json(row["change"])
                if _apply_one(store, change) is None:
                    conn.execute("DELETE FROM sync_parked WHERE seq = ?", (row["seq"],))
                    unparked += 1
                    progress = True
    return unparked


def _park(store: Store, change: Change, reason: str) -> None:
    store.conn.execute(
        "INSERT OR IGNORE INTO sync_parked (change_id, entity, row_id, change, reason, parked_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (change.change_id, change.entity, change.row_id, change.model_dump_json(), reason, utc_now()),
    )


def _apply_one(store: Store, change: Change) -> str | None:
    """Apply one change; None when done, else why it must wait."""
    entity = SYNC_ENTITIES.get(change.entity)
    if entity is None:
        return f"tipo di dato sconosciuto «{change.entity}»"  # from a newer server: kept, not lost
    allowed = writable_fields(entity)
    fields = {k: v for k, v in change.fields.items() if k in allowed}
    rows = store.query(f"SELECT * FROM {entity.table} WHERE id = ?", (change.row_id,))
    try:
        with store.transaction() as conn:
            if rows:
                row = rows[0]
                clocks = json.loads(row["clocks"])
                result = merge_fields(row, clocks, fields, change.hlc)
                if result.won:
                    assignments = ", ".join(f"{name} = ?" for name in result.won)
                    conn.execute(
                        f"UPDATE {entity.table} SET {assignments}, updated_at = ?, clocks = ? WHERE id = ?",
                        (*result.won.values(), utc_now(), json.dumps({**clocks, **result.stamps}), change.row_id),
                    )
            else:
                columns = {"id": change.row_id, **fields, "updated_at": utc_now(),
                           "clocks": json.dumps({f: change.hlc for f in fields})}
                conn.execute(
                    f"INSERT INTO {entity.table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                    tuple(columns.values()),
                )
    except sqlite3.IntegrityError as exc:
        # A missing parent (foreign key) or a row not created here yet (required columns missing).
        return str(exc)
    return None
