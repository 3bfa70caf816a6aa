"""The one owner of the desk's sync tables: the outbox, parked and rejected changes, conflict records and the
sync settings (server, credential, cursor...).

The sync client, the applying of received changes, the review screens and the commands read and
write these tables only through this module. Functions taking a ``conn`` run inside the caller's
transaction; the others open their own.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop.ids import uuid7
from desktop.storage.settings_table import write_setting
from sync.entities import SYNC_ENTITIES
from sync.protocol import CONFLICT_ENTITY

if TYPE_CHECKING:
    from desktop.storage.store import Store

# Settings keys of the desk's sync state (settings table).
SERVER_KEY, CREDENTIAL_KEY, CURSOR_KEY = "sync_server", "sync_credential", "sync_cursor"
NETWORK_KEY, DESK_NAME_KEY, CA_KEY = "sync_network", "sync_desk_name", "sync_ca_cert"
LAST_OK_KEY, LAST_ERROR_KEY = "sync_last_ok", "sync_last_error"
BATCH_KEY = "sync_batch_bytes"
# The newest of this desk's own changes the server has logged (its log position), and, while a desk
# restored from an old copy pulls its own later changes again, "after:until" of that recovery.
OWN_SEQ_KEY, OWN_RECOVERY_KEY = "sync_own_seq", "sync_own_recovery"
# Where a first sync by snapshot stopped (the server's opaque position; "" when none is under way).
SNAPSHOT_KEY = "sync_snapshot"


# -- outbox -----------------------------------------------------------------------------------------


def append_outbox(
    conn: sqlite3.Connection, entity_name: str, row_id: str, fields: dict[str, Any], stamp: str, now: str,
    base: dict[str, str] | None = None,
) -> None:
    """Queue a local change for sync. ``base``: the stamps this write overwrote, so the server can tell
    a sequential edit from a concurrent one."""
    conn.execute(_INSERT_OUTBOX, outbox_row(entity_name, row_id, fields, stamp, now, base))


def outbox_row(
    entity_name: str, row_id: str, fields: dict[str, Any], stamp: str, now: str, base: dict[str, str] | None = None,
) -> tuple[str, ...]:
    """The outbox row of one change, as :func:`append_outbox` writes it (for :func:`append_outbox_rows`)."""
    return (uuid7(), entity_name, row_id, _FIELDS_JSON.encode(fields), stamp, now, json.dumps(base) if base else "{}")


def append_outbox_rows(conn: sqlite3.Connection, rows: Iterable[tuple[str, ...]]) -> None:
    """Queue the changes of :func:`outbox_row`, in their order, with one statement."""
    conn.executemany(_INSERT_OUTBOX, rows)


_FIELDS_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps(fields, ensure_ascii=False), made once
_INSERT_OUTBOX = (
    "INSERT INTO outbox(change_id, entity, row_id, fields, hlc, created_at, base) VALUES (?, ?, ?, ?, ?, ?, ?)")


@dataclass(frozen=True)
class OutboxEntry:
    seq: int
    change_id: str
    entity: str
    row_id: str
    fields: dict[str, Any]
    hlc: str
    base: dict[str, str]


def outbox_after(store: Store, seq: int, limit: int = 200) -> list[OutboxEntry]:
    """The outbox entries after ``seq``, oldest first."""
    return [
        OutboxEntry(r["seq"], r["change_id"], r["entity"], r["row_id"], json.loads(r["fields"]), r["hlc"],
                    json.loads(r["base"] or "{}"))
        for r in store.query(
            "SELECT seq, change_id, entity, row_id, fields, hlc, base FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?",
            (seq, limit),
        )
    ]


def outbox_ids(store: Store) -> list[dict[str, Any]]:
    """change_id, entity and row_id of every queued change (what is waiting to be sent)."""
    return store.query("SELECT change_id, entity, row_id FROM outbox ORDER BY seq")


def outbox_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM outbox"))


def drop_from_outbox(conn: sqlite3.Connection, change_id: str) -> None:
    """Forget a queued change (acknowledged or set aside by the server)."""
    conn.execute("DELETE FROM outbox WHERE change_id = ?", (change_id,))


def restamp_outbox(conn: sqlite3.Connection, seq: int, hlc: str, base: dict[str, str]) -> None:
    """Give a queued change a new stamp (its old one was ahead of the server's clock)."""
    conn.execute("UPDATE outbox SET hlc = ?, base = ? WHERE seq = ?", (hlc, json.dumps(base), seq))


def set_aside_unsendable(conn: sqlite3.Connection, entry: OutboxEntry, reason: str, now: str) -> None:
    """Take out of the outbox a change no server would accept (e.g. written by an older version past
    today's bounds), keeping it with the reason among the set-aside changes."""
    change = json.dumps({"change_id": entry.change_id, "entity": entry.entity, "row_id": entry.row_id,
                         "fields": entry.fields, "hlc": entry.hlc, "base": entry.base}, ensure_ascii=False)
    set_aside(conn, entry.change_id, entry.entity, entry.row_id, change, reason, now)


# -- parked changes (their parent has not arrived yet, or they are not valid) ---------------------------

# A parked change that only waits for its parent (or for its row's creation); any other reason means it
# could not be applied as received (not valid, or of a type this version does not know) and a
# coordinator should look at it (Sincronizzazione page).
WAITING_REASON = "in attesa del record collegato"


def park(conn: sqlite3.Connection, change_id: str, entity: str, row_id: str, change_json: str, reason: str,
         now: str) -> None:
    conn.execute(
        "INSERT OR IGNORE INTO sync_parked (change_id, entity, row_id, change, reason, parked_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (change_id, entity, row_id, change_json, reason, now),
    )


def parked(store: Store) -> list[tuple[int, str, str]]:
    """(seq, change JSON, reason) of the parked changes, in arrival order."""
    return [(int(r["seq"]), str(r["change"]), str(r["reason"]))
            for r in store.query("SELECT seq, change, reason FROM sync_parked ORDER BY seq")]


def set_parked_reason(conn: sqlite3.Connection, seq: int, reason: str) -> None:
    conn.execute("UPDATE sync_parked SET reason = ? WHERE seq = ?", (reason, seq))


def not_applied(store: Store) -> list[dict[str, Any]]:
    """Received changes that could not be applied (not the ones just waiting for their parent)."""
    return store.query("SELECT change_id, entity, row_id, reason, parked_at FROM sync_parked WHERE reason != ? "
                       "ORDER BY seq", (WAITING_REASON,))


def not_applied_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM sync_parked WHERE reason != ?", (WAITING_REASON,)))


def unpark(conn: sqlite3.Connection, seq: int) -> None:
    conn.execute("DELETE FROM sync_parked WHERE seq = ?", (seq,))


def parked_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM sync_parked"))


# -- changes the server rejected ---------------------------------------------------------------------


def set_aside(conn: sqlite3.Connection, change_id: str, entity: str, row_id: str, change_json: str, reason: str,
              now: str) -> None:
    """Keep a change the server rejected, with its reason, and take it out of the outbox."""
    conn.execute(
        "INSERT OR REPLACE INTO sync_rejected (change_id, entity, row_id, change, reason, rejected_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (change_id, entity, row_id, change_json, reason, now),
    )
    drop_from_outbox(conn, change_id)


def wait_for_rollback(conn: sqlite3.Connection, change_id: str, server_values: str) -> None:
    """Keep the server's values of a rejected change that could not be rolled back on its own (a
    :class:`sync.protocol.Rejected` as JSON), until a later rejection of its record lets both go back."""
    conn.execute("UPDATE sync_rejected SET pending_rollback = ? WHERE change_id = ?", (server_values, change_id))


def waiting_rollbacks(conn: sqlite3.Connection, entity: str, row_id: str) -> list[tuple[str, str, str]]:
    """The rejected changes of a record still waiting to be rolled back, oldest first: (change_id, the
    change as JSON, the server's values as JSON)."""
    return [tuple(r) for r in conn.execute(
        "SELECT change_id, change, pending_rollback FROM sync_rejected "
        "WHERE entity = ? AND row_id = ? AND pending_rollback != '' ORDER BY seq", (entity, row_id))]


def rolled_back(conn: sqlite3.Connection, change_ids: Iterable[str]) -> None:
    """Rejected changes rolled back at last: nothing of them waits any more."""
    conn.executemany("UPDATE sync_rejected SET pending_rollback = '' WHERE change_id = ?",
                     [(i,) for i in change_ids])


def rejected(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT change_id, entity, row_id, reason, rejected_at FROM sync_rejected ORDER BY seq")


def rejected_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM sync_rejected"))


# -- conflict records --------------------------------------------------------------------------------


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


def conflicts(store: Store, *, include_resolved: bool = False) -> list[Conflict]:
    """Conflict records, oldest first; ``kept_value`` is the field's value now (a later write by a third
    desk replaces the one kept when the conflict was recorded: the list never shows a stale value)."""
    where = "deleted = 0" + ("" if include_resolved else " AND resolved = 0")
    return [
        Conflict(r["id"], r["entity"], r["row_id"], r["field"],
                 _current_value(store, r["entity"], r["row_id"], r["field"], json.loads(r["kept_value"])),
                 json.loads(r["lost_value"]), r["lost_desk"], bool(r["resolved"]), r["resolution"])
        for r in store.query(f"SELECT * FROM sync_conflicts WHERE {where} ORDER BY seq")
    ]


def _current_value(store: Store, entity_name: str, row_id: str, field_name: str, recorded: Any) -> Any:
    entity = SYNC_ENTITIES.get(entity_name)
    if entity is None or field_name not in entity.fields:
        return recorded
    row = store.row(entity, row_id)
    return recorded if row is None else row[field_name]


def conflict(store: Store, conflict_id: str) -> Conflict | None:
    found = [c for c in conflicts(store, include_resolved=True) if c.id == conflict_id]
    return found[0] if found else None


def open_conflict_count(store: Store) -> int:
    return int(store.scalar("SELECT count(*) FROM sync_conflicts WHERE resolved = 0 AND deleted = 0"))


def mark_conflict_resolved(store: Store, conflict_id: str, resolution: str) -> None:
    """Settle a conflict record (a stamped write, so every desk sees it settled)."""
    store.write_fields(SYNC_ENTITIES[CONFLICT_ENTITY], conflict_id, {"resolved": 1, "resolution": resolution})


# -- sync settings -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SyncSettings:
    """What the desk remembers of its server."""

    server: str
    credential: str
    network: str
    desk_name: str
    ca_cert: str
    cursor: int
    batch_bytes: int | None
    last_ok: str | None
    last_error: str
    own_seq: int | None = None
    # While recovering its own changes (restored from an old copy): pull them after ``[0]`` up to ``[1]``.
    own_recovery: tuple[int, int] | None = None
    snapshot: str = ""

    @property
    def enrolled(self) -> bool:
        return bool(self.credential and self.server)


def sync_settings(store: Store) -> SyncSettings:
    values = {r["key"]: r["value"] for r in store.query("SELECT key, value FROM settings WHERE key LIKE 'sync_%'")}
    batch = values.get(BATCH_KEY)
    own, recovery = values.get(OWN_SEQ_KEY), (values.get(OWN_RECOVERY_KEY) or "").split(":")
    return SyncSettings(
        server=values.get(SERVER_KEY) or "", credential=values.get(CREDENTIAL_KEY) or "",
        network=values.get(NETWORK_KEY) or "", desk_name=values.get(DESK_NAME_KEY) or "",
        ca_cert=values.get(CA_KEY) or "", cursor=int(values.get(CURSOR_KEY) or 0),
        batch_bytes=int(batch) if batch else None, last_ok=values.get(LAST_OK_KEY),
        last_error=values.get(LAST_ERROR_KEY) or "",
        own_seq=int(own) if own and own.isdigit() else None,
        own_recovery=(int(recovery[0]), int(recovery[1])) if len(recovery) == 2 and all(
            p.isdigit() for p in recovery) else None,
        snapshot=values.get(SNAPSHOT_KEY) or "",
    )


def save_enrollment(store: Store, *, server: str, credential: str, network: str, desk_name: str,
                    ca_cert: str | None) -> None:
    """Remember the server and the credential it gave; the next pull starts from the beginning."""
    with store.transaction() as conn:
        write_setting(conn, SERVER_KEY, server)
        write_setting(conn, CREDENTIAL_KEY, credential)
        write_setting(conn, NETWORK_KEY, network)
        write_setting(conn, DESK_NAME_KEY, desk_name)
        write_setting(conn, CURSOR_KEY, "0")
        write_setting(conn, SNAPSHOT_KEY, "")
        if ca_cert:
            write_setting(conn, CA_KEY, ca_cert)


def set_cursor(conn: sqlite3.Connection, cursor: int) -> None:
    write_setting(conn, CURSOR_KEY, str(cursor))


def expect_own_changes_after_restore(conn: sqlite3.Connection) -> None:
    """After a restore (inside its transaction): a copy made before this desk knew its own log position
    counts from the start, so the next sync notices every own change the server logged after the copy and
    pulls them back (a copy that knows its position needs nothing: the server's answer tells the gap)."""
    if conn.execute("SELECT 1 FROM settings WHERE key = ?", (OWN_SEQ_KEY,)).fetchone() is None:
        write_setting(conn, OWN_SEQ_KEY, "0")


def set_own_progress(conn: sqlite3.Connection, own_seq: int, recovery: tuple[int, int] | None) -> None:
    """Remember the newest own change the server logged, and the recovery in progress (None: none)."""
    write_setting(conn, OWN_SEQ_KEY, str(own_seq))
    write_setting(conn, OWN_RECOVERY_KEY, f"{recovery[0]}:{recovery[1]}" if recovery else None)


def set_snapshot(conn: sqlite3.Connection, position: str) -> None:
    write_setting(conn, SNAPSHOT_KEY, position)


def set_batch_bytes(store: Store, size: int) -> None:
    store.set_setting(BATCH_KEY, str(size))


def record_success(store: Store, when: str) -> None:
    with store.transaction() as conn:
        write_setting(conn, LAST_OK_KEY, when)
        write_setting(conn, LAST_ERROR_KEY, None)


def record_failure(store: Store, message: str) -> None:
    store.set_setting(LAST_ERROR_KEY, message)
