"""Server storage behind one small interface, and its SQLite implementation.

The server keeps, per network: the current state of every row (values and per-field stamps), an
append-only change log that desks pull from by sequence number, the outcome of every change id it
received (so a resent batch gets the same answer), and the desks with their credential hashes.
The catalog and taxonomy rows have no network: every desk receives them.

Visibility order (why no reader can skip a change): a desk pulls "every log entry with seq > my
cursor" and then moves its cursor to the last seq it got. If entry 8 could become visible before
entry 7 (two writers, 8 committing first), a reader could see 8, move its cursor to 8 and never see 7.
SQLite has one writer at a time: the whole push (state, log append, outcome) runs in one
``BEGIN IMMEDIATE`` transaction that takes the write lock before the sequence is assigned, so
sequence numbers are committed in order. A PostgreSQL backend must do the same explicitly: either
serialize log appends (``pg_advisory_xact_lock`` or ``LOCK TABLE change_log IN EXCLUSIVE MODE`` taken
before ``nextval``, held to commit), or let readers stop below the oldest in-flight writer
(``pg_snapshot_xmin(pg_current_snapshot())`` with an ``xid8`` column on the log). A bare ``SERIAL``
or identity column is NOT enough: sequence values commit out of order.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.audit import AccessEntry
from sync.protocol import Change

SERVER_DB = "wpt-server.db"


@dataclass(frozen=True)
class DeskInfo:
    id: str
    name: str
    network: str
    desk_id: str | None  # the desk's own id, bound at enrollment
    code_hash: str | None
    code_expires_at: str | None
    code_consumed: bool
    credential_hash: str | None
    revoked_at: str | None
    last_sync_at: str | None
    created_at: str


@dataclass
class StoredRow:
    entity: str
    row_id: str
    network: str | None
    values: dict[str, Any]
    clocks: dict[str, str]


@dataclass(frozen=True)
class AuditRecord:
    """An access log entry as the server keeps it: which desk of which network sent it, and whether it
    broke that desk's chain (``problem``, "" when it follows the entry before)."""

    network: str
    desk_name: str
    entry: AccessEntry
    problem: str


@dataclass(frozen=True)
class LogEntry:
    seq: int
    source_desk: str | None
    change: Change


class Storage(ABC):
    """What the server needs from a database. Every method but :meth:`transaction` runs inside one."""

    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One serialized write transaction (see the module docstring on visibility order)."""

    # desks
    @abstractmethod
    def desk_by_name(self, name: str) -> DeskInfo | None: ...
    @abstractmethod
    def desk_by_code(self, code_hash: str) -> DeskInfo | None: ...
    @abstractmethod
    def desk_by_credential(self, credential_hash: str) -> DeskInfo | None: ...
    @abstractmethod
    def save_desk(self, desk: DeskInfo) -> None: ...
    @abstractmethod
    def list_desks(self) -> list[DeskInfo]: ...

    # rows and log
    @abstractmethod
    def get_row(self, entity: str, row_id: str) -> StoredRow | None: ...
    @abstractmethod
    def put_row(self, row: StoredRow) -> None: ...
    @abstractmethod
    def find_rows(self, network: str, entity: str, field: str, value: Any) -> list[StoredRow]: ...
    @abstractmethod
    def append_log(self, network: str | None, source_desk: str | None, change: Change) -> int: ...
    @abstractmethod
    def read_log(self, network: str, after: int, limit: int) -> list[LogEntry]: ...
    @abstractmethod
    def outcome(self, change_id: str) -> str | None:
        """"" for an acknowledged change, the reason for a rejected one, None if never received."""
    @abstractmethod
    def record_outcome(self, change_id: str, desk: str, reason: str) -> None: ...

    # the access log (sync/server/audit.py): kept, never deleted
    @abstractmethod
    def last_audit_entry(self, desk_id: str) -> AccessEntry | None:
        """The newest entry received from desk ``desk_id`` (by its place ``n`` in the desk's chain)."""
    @abstractmethod
    def append_audit(self, network: str, desk_name: str, entry: AccessEntry, problem: str) -> None: ...
    @abstractmethod
    def audit_entries(self, *, person_id: str | None = None, operator_name: str | None = None,
                      desk_name: str | None = None, since: str | None = None) -> list[AuditRecord]: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS desks (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, network TEXT NOT NULL, desk_id TEXT,
    code_hash TEXT UNIQUE, code_expires_at TEXT, code_consumed INTEGER NOT NULL DEFAULT 0,
    credential_hash TEXT UNIQUE, revoked_at TEXT, last_sync_at TEXT, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS rows (
    entity TEXT NOT NULL, row_id TEXT NOT NULL, network TEXT, data TEXT NOT NULL, clocks TEXT NOT NULL,
    PRIMARY KEY (entity, row_id)
);
CREATE INDEX IF NOT EXISTS rows_cf ON rows(network, entity, json_extract(data, '$.fiscal_code'));
CREATE INDEX IF NOT EXISTS rows_person ON rows(network, entity, json_extract(data, '$.person_id'));
CREATE TABLE IF NOT EXISTS change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, network TEXT, source_desk TEXT, change TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS change_log_network ON change_log(network, seq);
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, network TEXT NOT NULL, desk_name TEXT NOT NULL, desk_id TEXT NOT NULL,
    n INTEGER NOT NULL, at TEXT NOT NULL, operator_name TEXT NOT NULL, person_id TEXT NOT NULL,
    entry TEXT NOT NULL, problem TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_log_desk ON audit_log(desk_id, n);
CREATE INDEX IF NOT EXISTS audit_log_person ON audit_log(person_id, at);
CREATE TABLE IF NOT EXISTS received (
    change_id TEXT PRIMARY KEY, desk TEXT NOT NULL, reason TEXT NOT NULL
) WITHOUT ROWID;
"""

_INDEXED = {"fiscal_code", "person_id"}


class SQLiteStorage(Storage):
    """The default backend: one SQLite file in the server's data folder (WAL, synchronous=FULL)."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.path = data_dir / SERVER_DB
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self._lock = threading.RLock()
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
            self.conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self.conn.in_transaction:
                yield
                return
            # IMMEDIATE: take the write lock before any sequence number is assigned.
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self.conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())

    # -- desks ----------------------------------------------------------------------------------

    @staticmethod
    def _desk(row: sqlite3.Row) -> DeskInfo:
        data = dict(row)
        data["code_consumed"] = bool(data["code_consumed"])
        return DeskInfo(**data)

    def _one_desk(self, column: str, value: str) -> DeskInfo | None:
        rows = self._rows(f"SELECT * FROM desks WHERE {column} = ?", (value,))
        return self._desk(rows[0]) if rows else None

    def desk_by_name(self, name: str) -> DeskInfo | None:
        return self._one_desk("name", name)

    def desk_by_code(self, code_hash: str) -> DeskInfo | None:
        return self._one_desk("code_hash", code_hash)

    def desk_by_credential(self, credential_hash: str) -> DeskInfo | None:
        return self._one_desk("credential_hash", credential_hash)

    def save_desk(self, desk: DeskInfo) -> None:
        values = dict(desk.__dict__)
        values["code_consumed"] = int(desk.code_consumed)
        names = ", ".join(values)
        with self._lock:
            self.conn.execute(
                f"INSERT OR REPLACE INTO desks ({names}) VALUES ({', '.join('?' for _ in values)})",
                tuple(values.values()),
            )

    def list_desks(self) -> list[DeskInfo]:
        return [self._desk(r) for r in self._rows("SELECT * FROM desks ORDER BY network, name")]

    # -- rows and log ---------------------------------------------------------------------------

    @staticmethod
    def _row(row: sqlite3.Row) -> StoredRow:
        return StoredRow(row["entity"], row["row_id"], row["network"], json.loads(row["data"]),
                         json.loads(row["clocks"]))

    def get_row(self, entity: str, row_id: str) -> StoredRow | None:
        rows = self._rows("SELECT * FROM rows WHERE entity = ? AND row_id = ?", (entity, row_id))
        return self._row(rows[0]) if rows else None

    def put_row(self, row: StoredRow) -> None:
        with self._lock:
            self.conn.execute(
                "INSERT INTO rows (entity, row_id, network, data, clocks) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (entity, row_id) DO UPDATE SET data = excluded.data, clocks = excluded.clocks",
                (row.entity, row.row_id, row.network, json.dumps(row.values, ensure_ascii=False),
                 json.dumps(row.clocks)),
            )

    def find_rows(self, network: str, entity: str, field: str, value: Any) -> list[StoredRow]:
        if field not in _INDEXED:
            raise ValueError(field)
        return [self._row(r) for r in self._rows(
            f"SELECT * FROM rows WHERE network = ? AND entity = ? AND json_extract(data, '$.{field}') = ? "
            "ORDER BY row_id",
            (network, entity, value),
        )]

    def append_log(self, network: str | None, source_desk: str | None, change: Change) -> int:
        with self._lock:
            cursor = self.conn.execute(
                "INSERT INTO change_log (network, source_desk, change) VALUES (?, ?, ?)",
                (network, source_desk, change.model_dump_json()),
            )
            return int(cursor.lastrowid or 0)

    def read_log(self, network: str, after: int, limit: int) -> list[LogEntry]:
        rows = self._rows(
            "SELECT * FROM change_log WHERE seq > ? AND (network = ? OR network IS NULL) ORDER BY seq LIMIT ?",
            (after, network, limit),
        )
        return [LogEntry(r["seq"], r["source_desk"], Change.model_validate_json(r["change"])) for r in rows]

    def outcome(self, change_id: str) -> str | None:
        rows = self._rows("SELECT reason FROM received WHERE change_id = ?", (change_id,))
        return str(rows[0]["reason"]) if rows else None

    def record_outcome(self, change_id: str, desk: str, reason: str) -> None:
        with self._lock:
            self.conn.execute(
                "INSERT OR IGNORE INTO received (change_id, desk, reason) VALUES (?, ?, ?)", (change_id, desk, reason)
            )

    # -- access log -----------------------------------------------------------------------------

    def last_audit_entry(self, desk_id: str) -> AccessEntry | None:
        rows = self._rows("SELECT entry FROM audit_log WHERE desk_id = ? ORDER BY n DESC, seq DESC LIMIT 1",
                          (desk_id,))
        return AccessEntry.model_validate_json(rows[0]["entry"]) if rows else None

    def append_audit(self, network: str, desk_name: str, entry: AccessEntry, problem: str) -> None:
        with self._lock:
            self.conn.execute(
                "INSERT INTO audit_log (network, desk_name, desk_id, n, at, operator_name, person_id, entry, problem) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (network, desk_name, entry.desk_id, entry.n, entry.at, entry.operator_name, entry.person_id,
                 entry.model_dump_json(), problem),
            )

    def audit_entries(self, *, person_id: str | None = None, operator_name: str | None = None,
                      desk_name: str | None = None, since: str | None = None) -> list[AuditRecord]:
        where, params = [], []
        for column, value in (("person_id", person_id), ("operator_name", operator_name), ("desk_name", desk_name)):
            if value:
                where.append(f"{column} = ? COLLATE NOCASE")
                params.append(value)
        if since:
            where.append("at >= ?")
            params.append(since)
        sql = "SELECT * FROM audit_log" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY at, seq"
        return [AuditRecord(r["network"], r["desk_name"], AccessEntry.model_validate_json(r["entry"]), r["problem"])
                for r in self._rows(sql, tuple(params))]
