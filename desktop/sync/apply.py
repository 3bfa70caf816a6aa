"""Apply changes received from the server to a desk database (no outbox entries: they are not local).

Each field is merged last-writer-wins on its stamp (:mod:`sync.merge`), so every replica converges
whatever order changes arrive in. A change that cannot be applied yet — a referral or note whose
request has not arrived, an update of a row not created here yet — is parked and retried after each
batch, in arrival order, until its parent arrives. Runs inside the caller's transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from desktop.storage import sync_tables
from desktop.storage.connection import INTEGRITY_ERROR
from desktop.storage.store import CLOCK_KEY, Store, utc_now
from sync.entities import SYNC_ENTITIES, writable_fields
from sync.merge import merge_fields
from sync.protocol import Change


@dataclass
class ApplyReport:
    applied: int = 0
    parked: int = 0
    unparked: int = 0
    # Entity names of the changes applied: what the screens must reload.
    entities: set[str] = field(default_factory=set)


def apply_changes(store: Store, changes: list[Change]) -> ApplyReport:
    """Apply received changes, then retry parked ones; all in one transaction."""
    report = ApplyReport()
    newest = store.setting(CLOCK_KEY) or ""
    with store.transaction() as conn:
        for change in changes:
            if change.hlc > newest:
                newest = change.hlc
            store.clock.observe(change.hlc)
            problem = _apply_one(store, change)
            if problem is None:
                report.applied += 1
                report.entities.add(change.entity)
            else:
                sync_tables.park(conn, change.change_id, change.entity, change.row_id, change.model_dump_json(),
                                 problem, utc_now())
                report.parked += 1
        if report.parked or changes:
            report.unparked = retry_parked(store, report.entities)
        if newest:
            store.remember_stamp(newest)
    return report


def retry_parked(store: Store, entities: set[str] | None = None) -> int:
    """Apply parked changes whose parents have arrived, in arrival order, until nothing moves."""
    unparked = 0
    with store.transaction() as conn:
        progress = True
        while progress:
            progress = False
            for seq, text in sync_tables.parked(store):
                change = Change.model_validate_json(text)
                if _apply_one(store, change) is None:
                    sync_tables.unpark(conn, seq)
                    unparked += 1
                    progress = True
                    if entities is not None:
                        entities.add(change.entity)
    return unparked


def _apply_one(store: Store, change: Change) -> str | None:
    """Apply one change; None when done, else why it must wait."""
    entity = SYNC_ENTITIES.get(change.entity)
    if entity is None:
        return f"tipo di dato sconosciuto «{change.entity}»"  # from a newer server: kept, not lost
    allowed = writable_fields(entity)
    fields = {k: v for k, v in change.fields.items() if k in allowed}
    row = store.row(entity, change.row_id)
    try:
        if row is not None:
            result = merge_fields(row, json.loads(row["clocks"]), fields, change.hlc)
            if result.won:
                store.merge_remote(entity, change.row_id, result.won, result.stamps)
        else:
            store.insert_remote(entity, change.row_id, fields, change.hlc)
    except INTEGRITY_ERROR as exc:
        # A missing parent (foreign key) or a row not created here yet (required columns missing).
        return str(exc)
    return None
