"""Server storage behind one small interface, and its SQLite implementation.

The server keeps, per network: the current state of every row (values, per-field stamps and, where
several concurrent writes of one value hold a field, their stamps: see :mod:`sync.merge`), an
append-only change log that desks pull from by sequence number (with who sent each change and when it
arrived), the outcome of every change id each desk sent (so a resent batch gets the same answer), the
desks with their enrollment codes and credentials (hashes only), and an event log of enrollments,
revocations and refusals. The catalog and taxonomy rows are shared (network ``""``): every desk
receives them. Every lookup of a row is scoped to a network: a row id of one network says nothing
about another network, which may hold the same id for a different row.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.permissions import private_dir, private_file, tighten
from sync.audit import AccessEntry
from sync.protocol import Change

SERVER_DB = "wpt-server.db"


SCHEMA_VERSION = 4
SHARED = ""  # the network of the catalog and taxonomy rows
ROLE_DESK, ROLE_COORDINATOR = "desk", "coordinator"
ROLES = (ROLE_DESK, ROLE_COORDINATOR)


class StorageUnavailable(Exception):
    """The database cannot be reached now (PostgreSQL restarting, the network to it down): try again
    later. Its text is one Italian sentence naming no password."""


@dataclass(frozen=True)
class DeskInfo:
    """A desk by name (one help desk, whichever PC it runs on)."""

    id: str
    name: str
    network: str
    created_at: str


@dataclass(frozen=True)
class EnrollmentCode:
    """A one-time code: ``selector`` (its first group, stored as is) finds it, ``code_hash`` proves it.

    Attributes:
        redeemed_by: the desk installation (its own id) that traded it for a credential.
        closed_at, closed_reason: when and why it can no longer be used (superseded, revoked).
    """

    id: str
    desk: str
    role: str
    selector: str
    code_hash: str
    created_at: str
    created_by: str
    expires_at: str
    redeemed_by: str | None = None
    redeemed_at: str | None = None
    closed_at: str | None = None
    closed_reason: str | None = None


@dataclass(frozen=True)
class Credential:
    """What one installation of a desk authenticates with (the server keeps only its hash)."""

    id: str
    desk: str
    role: str
    hash: str
    desk_id: str
    code: str | None
    issued_at: str
    first_sync_at: str | None = None
    last_sync_at: str | None = None
    revoked_at: str | None = None
    revoked_by: str | None = None
    revoked_reason: str | None = None


@dataclass(frozen=True)
class ProviderAccess:
    """A provider's (Ente's) access to the server's page, for the referrals to its services in one network.

    Attributes:
        login: the name it logs in with (short, printed on the page after the invitation).
        password_hash: Argon2id, None until the invitation is used.
        invite_hash: SHA-256 of the one-time invitation token (random, 192 bits), None once used.
    """

    id: str
    provider_id: str
    network: str
    name: str
    login: str
    created_at: str
    created_by: str
    password_hash: str | None = None
    invite_hash: str | None = None
    invite_expires_at: str | None = None
    revoked_at: str | None = None
    last_login_at: str | None = None


@dataclass(frozen=True)
class ProviderSession:
    """A logged-in provider page: the cookie's token is kept hashed."""

    token_hash: str
    access_id: str
    created_at: str
    expires_at: str


@dataclass(frozen=True)
class Event:
    seq: int
    at: str
    kind: str
    desk: str
    actor: str
    detail: str


@dataclass
class StoredRow:
    entity: str
    row_id: str
    network: str  # SHARED for the catalog and taxonomy
    values: dict[str, Any]
    clocks: dict[str, str]
    # Per field, the writes holding its current value when more than one does (sync.merge): the
    # server's own bookkeeping, never sent to desks.
    holders: dict[str, list[str]] = field(default_factory=dict)


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

    kind = ""  # "sqlite" or "postgresql" (reported by /v1/health)

    @abstractmethod
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One serialized write transaction (see the module docstring on visibility order)."""

    @abstractmethod
    def close(self) -> None: ...

    # desks, codes, credentials, events
    @abstractmethod
    def desk_by_name(self, name: str) -> DeskInfo | None: ...
    @abstractmethod
    def desk_by_id(self, desk: str) -> DeskInfo | None: ...
    @abstractmethod
    def save_desk(self, desk: DeskInfo) -> None: ...
    @abstractmethod
    def list_desks(self) -> list[DeskInfo]: ...
    @abstractmethod
    def code_by_selector(self, selector: str) -> EnrollmentCode | None: ...
    @abstractmethod
    def codes_of(self, desk: str) -> list[EnrollmentCode]: ...
    @abstractmethod
    def save_code(self, code: EnrollmentCode) -> None: ...
    @abstractmethod
    def credential_by_hash(self, credential_hash: str) -> Credential | None: ...
    @abstractmethod
    def credential_by_id(self, credential: str) -> Credential | None: ...
    @abstractmethod
    def credentials_of(self, desk: str) -> list[Credential]: ...
    @abstractmethod
    def save_credential(self, credential: Credential) -> None: ...
    @abstractmethod
    def add_event(self, at: str, kind: str, desk: str, actor: str, detail: str = "") -> None: ...

    # server settings, providers' accesses and their sessions (sync/server/providers.py)
    @abstractmethod
    def setting(self, key: str) -> str | None: ...
    @abstractmethod
    def save_setting(self, key: str, value: str) -> None: ...
    @abstractmethod
    def save_provider_access(self, access: ProviderAccess) -> None: ...
    @abstractmethod
    def provider_access(self, *, access_id: str | None = None, login: str | None = None,
                        invite_hash: str | None = None) -> ProviderAccess | None: ...
    @abstractmethod
    def provider_accesses(self, provider_id: str | None = None, network: str | None = None) -> list[ProviderAccess]: ...
    @abstractmethod
    def save_provider_session(self, session: ProviderSession) -> None: ...
    @abstractmethod
    def provider_session(self, token_hash: str) -> ProviderSession | None: ...
    @abstractmethod
    def end_provider_sessions(self, *, access_id: str | None = None, token_hash: str | None = None,
                              expired_before: str | None = None) -> None: ...
    @abstractmethod
    def events(self, limit: int) -> list[Event]: ...

    # rows and log
    @abstractmethod
    def get_row(self, network: str, entity: str, row_id: str) -> StoredRow | None: ...
    @abstractmethod
    def put_row(self, row: StoredRow) -> None: ...
    @abstractmethod
    def find_rows(self, network: str, entity: str, field: str, value: Any) -> list[StoredRow]: ...
    @abstractmethod
    def rows_of(self, network: str, entity: str) -> list[StoredRow]: ...
    @abstractmethod
    def log_entries(self, after: int, through: int, limit: int) -> list[tuple[int, str, LogEntry]]:
        """(seq, network, entry) of every network's log after ``after`` up to ``through``, oldest first
        (the catalog's entries with network ``SHARED``)."""

    @abstractmethod
    def newest_of_sources(self) -> set[int]:
        """The position of each desk's newest change in the log, per network (what
        :meth:`last_acked_seq` answers: compaction keeps them)."""

    @abstractmethod
    def drop_log(self, seqs: list[int]) -> None:
        """Remove these positions from the change log (compaction)."""

    @abstractmethod
    def rows_in(self, entity: str, networks: list[str] | None) -> list[StoredRow]:
        """Every row of ``entity`` in ``networks`` (None: in every network)."""
    @abstractmethod
    def snapshot_rows(self, network: str, entity: str, after_row_id: str, limit: int) -> list[StoredRow]:
        """Rows of ``entity`` in ``network`` after ``after_row_id``, by row id: a stable cursor."""
    @abstractmethod
    def last_seq(self) -> int:
        """The newest change log position (0 when empty)."""
    @abstractmethod
    def append_log(self, network: str | None, source_desk: str | None, change: Change, *, desk: str = "",
                   received_at: str = "") -> int: ...
    @abstractmethod
    def read_log(self, network: str, after: int, limit: int) -> list[LogEntry]: ...

    @abstractmethod
    def first_logged(self, network: str, entity: str, row_id: str) -> int | None:
        """The log position of the first change of a row that reached the server (None: never logged)."""

    @abstractmethod
    def last_acked_seq(self, network: str, source_desk: str) -> int:
        """The log position of the newest change accepted from installation ``source_desk`` (0: none)."""
    @abstractmethod
    def outcome(self, desk: str, change_id: str) -> str | None:
        """"" for an acknowledged change, the reason for a rejected one, None if this desk never sent it."""
    @abstractmethod
    def record_outcome(self, desk: str, change_id: str, reason: str) -> None: ...

    # the server's clock: resumed after a restart, never behind a stamp it has seen or given
    @abstractmethod
    def clock_stamp(self) -> str | None: ...
    @abstractmethod
    def save_clock(self, stamp: str) -> None: ...

    # the access log (sync/server/audit.py): kept, never deleted
    @abstractmethod
    def last_audit_entry(self, desk_id: str) -> AccessEntry | None:
        """The newest entry received from desk ``desk_id`` (by its place ``n`` in the desk's chain)."""
    @abstractmethod
    def append_audit(self, network: str, desk_name: str, entry: AccessEntry, problem: str) -> None: ...
    @abstractmethod
    def audit_entries(self, *, person_id: str | None = None, operator_name: str | None = None,
                      desk_name: str | None = None, since: str | None = None) -> list[AuditRecord]: ...

    # erasure (GDPR art. 17)
    @abstractmethod
    def erase_person(self, network: str, person_id: str) -> set[str]:
        """Delete the person, the persons merged into them, their requests, referrals, notes, status
        history, consents, rectifications and conflict records of ``network``: their rows and every change
        of them in the log (the erasure tombstone stays). Returns the ids removed; they are remembered as
        erased."""
    @abstractmethod
    def is_erased(self, network: str, row_id: str) -> bool: ...
    @abstractmethod
    def after_erasure(self) -> None:
        """Outside any transaction: leave no freed page nor old WAL frame holding the erased data."""


_SCHEMA = """
CREATE TABLE desks (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, network TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE enrollment_codes (
    id TEXT PRIMARY KEY, desk TEXT NOT NULL REFERENCES desks(id), role TEXT NOT NULL,
    selector TEXT NOT NULL UNIQUE, code_hash TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
    expires_at TEXT NOT NULL, redeemed_by TEXT, redeemed_at TEXT, closed_at TEXT, closed_reason TEXT
);
CREATE INDEX enrollment_codes_desk ON enrollment_codes(desk);
CREATE TABLE credentials (
    id TEXT PRIMARY KEY, desk TEXT NOT NULL REFERENCES desks(id), role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
    desk_id TEXT NOT NULL, code TEXT, issued_at TEXT NOT NULL, first_sync_at TEXT, last_sync_at TEXT,
    revoked_at TEXT, revoked_by TEXT, revoked_reason TEXT
);
CREATE INDEX credentials_desk ON credentials(desk);
CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, kind TEXT NOT NULL, desk TEXT NOT NULL,
    actor TEXT NOT NULL, detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE rows (
    network TEXT NOT NULL, entity TEXT NOT NULL, row_id TEXT NOT NULL, data TEXT NOT NULL, clocks TEXT NOT NULL,
    holders TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (network, entity, row_id)
);
CREATE INDEX rows_cf ON rows(network, entity, json_extract(data, '$.fiscal_code'));
CREATE INDEX rows_person ON rows(network, entity, json_extract(data, '$.person_id'));
CREATE TABLE IF NOT EXISTS change_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, network TEXT, source_desk TEXT, change TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS change_log_network ON change_log(network, seq);
ALTER TABLE change_log ADD COLUMN desk TEXT NOT NULL DEFAULT '';
ALTER TABLE change_log ADD COLUMN received_at TEXT NOT NULL DEFAULT '';
CREATE TABLE received (
    desk TEXT NOT NULL, change_id TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (desk, change_id)
) WITHOUT ROWID;
"""

# The desks' access logs (sync/server/audit.py), on every database whatever its version: kept for ever.
_AUDIT_SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, network TEXT NOT NULL, desk_name TEXT NOT NULL, desk_id TEXT NOT NULL,
    n INTEGER NOT NULL, at TEXT NOT NULL, operator_name TEXT NOT NULL, person_id TEXT NOT NULL,
    entry TEXT NOT NULL, problem TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_log_desk ON audit_log(desk_id, n);
CREATE INDEX IF NOT EXISTS audit_log_person ON audit_log(person_id, at);
CREATE TABLE IF NOT EXISTS erased_rows (
    network TEXT NOT NULL, row_id TEXT NOT NULL, person_id TEXT NOT NULL, PRIMARY KEY (network, row_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS rows_request ON rows(network, entity, json_extract(data, '$.request_id'));
CREATE INDEX IF NOT EXISTS rows_subject ON rows(network, entity, json_extract(data, '$.subject_id'));
CREATE INDEX IF NOT EXISTS change_log_source ON change_log(network, source_desk, seq);
"""

# A server database of the first version (one row per desk with its code and credential, rows and
# change ids not scoped): kept rows, log and outcomes move over; credentials keep working unless
# revoked; codes not redeemed yet are dropped (their selector was never stored): issue new ones.
_FROM_V1 = """
ALTER TABLE desks RENAME TO desks_v1;
ALTER TABLE rows RENAME TO rows_v1;
ALTER TABLE received RENAME TO received_v1;
DROP INDEX IF EXISTS rows_cf;
DROP INDEX IF EXISTS rows_person;
"""
_COPY_V1 = """
INSERT INTO desks (id, name, network, created_at) SELECT id, name, network, created_at FROM desks_v1;
INSERT INTO credentials (id, desk, role, hash, desk_id, code, issued_at, first_sync_at, last_sync_at, revoked_at,
                         revoked_by, revoked_reason)
    SELECT 'v1-' || id, id, 'desk', credential_hash, coalesce(desk_id, ''), NULL, created_at,
           CASE WHEN code_consumed THEN coalesce(last_sync_at, created_at) END, last_sync_at, revoked_at,
           CASE WHEN revoked_at IS NOT NULL THEN 'versione precedente' END,
           CASE WHEN revoked_at IS NOT NULL THEN 'revocata prima dell''aggiornamento' END
    FROM desks_v1 WHERE credential_hash IS NOT NULL;
INSERT INTO rows (network, entity, row_id, data, clocks)
    SELECT coalesce(network, ''), entity, row_id, data, clocks FROM rows_v1;
INSERT INTO received (desk, change_id, reason) SELECT desk, change_id, reason FROM received_v1;
DROP TABLE desks_v1;
DROP TABLE rows_v1;
DROP TABLE received_v1;
"""

# Version 3: the server's clock is kept (a restart used to forget the stamps it had seen, so its own
# writes, e.g. the tombstone of a codice fiscale merge, could lose against a desk whose clock was fast).
# An older database resumes from the newest stamp of its log.
_TO_V3 = """
CREATE TABLE server_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO server_state (key, value)
    SELECT 'clock', max(json_extract(change, '$.hlc')) FROM change_log WHERE json_extract(change, '$.hlc') IS NOT NULL
    HAVING count(*) > 0;
"""

# Version 4: providers' accesses to the server's page and their sessions (issue 18).
PROVIDER_SCHEMA = """
CREATE TABLE IF NOT EXISTS provider_accesses (
    id TEXT PRIMARY KEY, provider_id TEXT NOT NULL, network TEXT NOT NULL, name TEXT NOT NULL,
    login TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, created_by TEXT NOT NULL, password_hash TEXT,
    invite_hash TEXT UNIQUE, invite_expires_at TEXT, revoked_at TEXT, last_login_at TEXT
);
CREATE INDEX IF NOT EXISTS provider_accesses_provider ON provider_accesses(provider_id, network);
CREATE TABLE IF NOT EXISTS provider_sessions (
    token_hash TEXT PRIMARY KEY, access_id TEXT NOT NULL REFERENCES provider_accesses(id),
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS provider_sessions_access ON provider_sessions(access_id)
"""

_INDEXED = {"fiscal_code", "person_id"}


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


class SQLStorage(Storage):
    """Every query of the server, written once for SQLite and PostgreSQL (the dialects differ in a few
    hooks: how a statement runs, how JSON is read, how a new ``seq`` comes back)."""

    # What a dialect provides: ``?`` placeholders in every statement, rows as mappings of column names.
    @abstractmethod
    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]: ...
    @abstractmethod
    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> None: ...
    @abstractmethod
    def _exec_many(self, sql: str, params: list[tuple[Any, ...]]) -> None: ...
    @abstractmethod
    def _insert_seq(self, sql: str, params: tuple[Any, ...]) -> int:
        """Run an INSERT into a table keyed by ``seq`` and return the new row's ``seq``."""
    @staticmethod
    @abstractmethod
    def _json(column: str, path: str) -> str:
        """SQL of the text at ``path`` ("fields.row_id") of the JSON text in ``column``."""
    _GREATEST = "max"

    def _put(self, table: str, values: dict[str, Any]) -> None:
        names = ", ".join(values)
        updates = ", ".join(f"{name} = excluded.{name}" for name in values if name != "id")
        self._exec(f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' for _ in values)}) "
                   f"ON CONFLICT (id) DO UPDATE SET {updates}", tuple(values.values()))

    # -- desks, codes, credentials, events ------------------------------------------------------------

    def desk_by_name(self, name: str) -> DeskInfo | None:
        rows = self._rows("SELECT * FROM desks WHERE name = ?", (name,))
        return DeskInfo(**dict(rows[0])) if rows else None

    def desk_by_id(self, desk: str) -> DeskInfo | None:
        rows = self._rows("SELECT * FROM desks WHERE id = ?", (desk,))
        return DeskInfo(**dict(rows[0])) if rows else None

    def save_desk(self, desk: DeskInfo) -> None:
        self._put("desks", dict(desk.__dict__))

    def list_desks(self) -> list[DeskInfo]:
        return [DeskInfo(**dict(r)) for r in self._rows("SELECT * FROM desks ORDER BY network, name")]

    def code_by_selector(self, selector: str) -> EnrollmentCode | None:
        rows = self._rows("SELECT * FROM enrollment_codes WHERE selector = ?", (selector,))
        return EnrollmentCode(**dict(rows[0])) if rows else None

    def codes_of(self, desk: str) -> list[EnrollmentCode]:
        return [EnrollmentCode(**dict(r)) for r in
                self._rows("SELECT * FROM enrollment_codes WHERE desk = ? ORDER BY created_at", (desk,))]

    def save_code(self, code: EnrollmentCode) -> None:
        self._put("enrollment_codes", dict(code.__dict__))

    def credential_by_hash(self, credential_hash: str) -> Credential | None:
        rows = self._rows("SELECT * FROM credentials WHERE hash = ?", (credential_hash,))
        return Credential(**dict(rows[0])) if rows else None

    def credential_by_id(self, credential: str) -> Credential | None:
        rows = self._rows("SELECT * FROM credentials WHERE id = ?", (credential,))
        return Credential(**dict(rows[0])) if rows else None

    def credentials_of(self, desk: str) -> list[Credential]:
        return [Credential(**dict(r)) for r in
                self._rows("SELECT * FROM credentials WHERE desk = ? ORDER BY issued_at", (desk,))]

    def save_credential(self, credential: Credential) -> None:
        self._put("credentials", dict(credential.__dict__))

    def add_event(self, at: str, kind: str, desk: str, actor: str, detail: str = "") -> None:
        self._exec("INSERT INTO events (at, kind, desk, actor, detail) VALUES (?, ?, ?, ?, ?)",
                   (at, kind, desk, actor, detail))

    def events(self, limit: int) -> list[Event]:
        rows = self._rows("SELECT * FROM events ORDER BY seq DESC LIMIT ?", (limit,))
        return [Event(**dict(r)) for r in reversed(rows)]

    # -- settings, providers' accesses and sessions ---------------------------------------------------

    def setting(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM server_state WHERE key = ?", (f"setting:{key}",))
        return str(rows[0]["value"]) if rows else None

    def save_setting(self, key: str, value: str) -> None:
        self._exec("INSERT INTO server_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE "
                   "SET value = excluded.value", (f"setting:{key}", value))

    def save_provider_access(self, access: ProviderAccess) -> None:
        self._put("provider_accesses", dict(access.__dict__))

    def provider_access(self, *, access_id: str | None = None, login: str | None = None,
                        invite_hash: str | None = None) -> ProviderAccess | None:
        column, value = next((c, v) for c, v in (("id", access_id), ("login", login), ("invite_hash", invite_hash))
                             if v is not None)
        rows = self._rows(f"SELECT * FROM provider_accesses WHERE {column} = ?", (value,))
        return ProviderAccess(**dict(rows[0])) if rows else None

    def provider_accesses(self, provider_id: str | None = None, network: str | None = None) -> list[ProviderAccess]:
        sql, params = "SELECT * FROM provider_accesses WHERE 1 = 1", []
        for column, value in (("provider_id", provider_id), ("network", network)):
            if value is not None:
                sql += f" AND {column} = ?"
                params.append(value)
        return [ProviderAccess(**dict(r)) for r in self._rows(sql + " ORDER BY created_at", tuple(params))]

    def save_provider_session(self, session: ProviderSession) -> None:
        self._exec("INSERT INTO provider_sessions (token_hash, access_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                   (session.token_hash, session.access_id, session.created_at, session.expires_at))

    def provider_session(self, token_hash: str) -> ProviderSession | None:
        rows = self._rows("SELECT * FROM provider_sessions WHERE token_hash = ?", (token_hash,))
        return ProviderSession(**dict(rows[0])) if rows else None

    def end_provider_sessions(self, *, access_id: str | None = None, token_hash: str | None = None,
                              expired_before: str | None = None) -> None:
        if access_id is not None:
            self._exec("DELETE FROM provider_sessions WHERE access_id = ?", (access_id,))
        if token_hash is not None:
            self._exec("DELETE FROM provider_sessions WHERE token_hash = ?", (token_hash,))
        if expired_before is not None:
            self._exec("DELETE FROM provider_sessions WHERE expires_at < ?", (expired_before,))

    # -- rows and log ---------------------------------------------------------------------------

    @staticmethod
    def _row(row: Any) -> StoredRow:
        return StoredRow(row["entity"], row["row_id"], row["network"], json.loads(row["data"]),
                         json.loads(row["clocks"]), json.loads(row["holders"]))

    def get_row(self, network: str, entity: str, row_id: str) -> StoredRow | None:
        rows = self._rows("SELECT * FROM rows WHERE network = ? AND entity = ? AND row_id = ?",
                          (network, entity, row_id))
        return self._row(rows[0]) if rows else None

    def put_row(self, row: StoredRow) -> None:
        self._exec(
            "INSERT INTO rows (network, entity, row_id, data, clocks, holders) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (network, entity, row_id) DO UPDATE SET data = excluded.data, "
            "clocks = excluded.clocks, holders = excluded.holders",
            (row.network, row.entity, row.row_id, json.dumps(row.values, ensure_ascii=False),
             json.dumps(row.clocks), json.dumps(row.holders)),
        )

    def find_rows(self, network: str, entity: str, field: str, value: Any) -> list[StoredRow]:
        if field not in _INDEXED:
            raise ValueError(field)
        # Sorted here, not by ORDER BY: with it SQLite walks the primary key over every row of the entity
        # (52 ms at 14,000 persons) instead of the expression index (a few rows, microseconds).
        return sorted((self._row(r) for r in self._rows(
            f"SELECT * FROM rows WHERE network = ? AND entity = ? AND {self._json('data', field)} = ?",
            (network, entity, value),
        )), key=lambda row: row.row_id)

    def rows_of(self, network: str, entity: str) -> list[StoredRow]:
        return [self._row(r) for r in self._rows(
            "SELECT * FROM rows WHERE network = ? AND entity = ? ORDER BY row_id", (network, entity))]

    def append_log(self, network: str | None, source_desk: str | None, change: Change, *, desk: str = "",
                   received_at: str = "") -> int:
        return self._insert_seq(
            "INSERT INTO change_log (network, source_desk, change, desk, received_at) VALUES (?, ?, ?, ?, ?)",
            (network, source_desk, change.model_dump_json(exclude={"stamps"}), desk, received_at),
        )

    def read_log(self, network: str, after: int, limit: int) -> list[LogEntry]:
        # Two ordered range scans of the (network, seq) index, each stopping at ``limit``: with an OR the
        # planner collects every later entry of the network and sorts them, whatever the limit.
        rows = self._rows(
            "SELECT * FROM (SELECT seq, source_desk, change FROM change_log WHERE network = ? AND seq > ? "
            "ORDER BY seq LIMIT ?) AS own UNION ALL SELECT * FROM (SELECT seq, source_desk, change FROM change_log "
            "WHERE network IS NULL AND seq > ? ORDER BY seq LIMIT ?) AS shared ORDER BY seq LIMIT ?",
            (network, after, limit, after, limit, limit),
        )
        return [LogEntry(r["seq"], r["source_desk"], Change.model_validate_json(r["change"])) for r in rows]

    def first_logged(self, network: str, entity: str, row_id: str) -> int | None:
        # Scans the network's log: run only when two live persons share a codice fiscale (rare).
        rows = self._rows(
            f"SELECT min(seq) AS seq FROM change_log WHERE network = ? AND {self._json('change', 'entity')} = ? "
            f"AND {self._json('change', 'row_id')} = ?", (network, entity, row_id))
        return int(rows[0]["seq"]) if rows and rows[0]["seq"] is not None else None

    def last_acked_seq(self, network: str, source_desk: str) -> int:
        rows = self._rows("SELECT max(seq) AS seq FROM change_log WHERE source_desk = ? AND (network = ? OR "
                          "network IS NULL)", (source_desk, network))
        return int(rows[0]["seq"] or 0) if rows else 0

    def outcome(self, desk: str, change_id: str) -> str | None:
        rows = self._rows("SELECT reason FROM received WHERE desk = ? AND change_id = ?", (desk, change_id))
        return str(rows[0]["reason"]) if rows else None

    def record_outcome(self, desk: str, change_id: str, reason: str) -> None:
        self._exec("INSERT INTO received (desk, change_id, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                   (desk, change_id, reason))

    def clock_stamp(self) -> str | None:
        rows = self._rows("SELECT value FROM server_state WHERE key = 'clock'")
        return str(rows[0]["value"]) if rows else None

    def save_clock(self, stamp: str) -> None:
        self._exec("INSERT INTO server_state (key, value) VALUES ('clock', ?) ON CONFLICT (key) DO UPDATE "
                   f"SET value = {self._GREATEST}(server_state.value, excluded.value)", (stamp,))

    # -- register of processing (wpt-server gdpr report) ----------------------------------------------

    def last_sync_by_desk(self) -> dict[str, str]:
        """Desk id → when a live credential of that desk last synced."""
        return {str(r["desk"]): str(r["last"]) for r in self._rows(
            "SELECT desk, max(last_sync_at) AS last FROM credentials WHERE revoked_at IS NULL "
            "AND last_sync_at IS NOT NULL GROUP BY desk")}

    def erasure_changes(self) -> list[tuple[str, str, str, str]]:
        """(network, person id, erased at, received at) of every erasure the server applied, oldest first."""
        return [(str(r["network"]), str(r["person_id"]), str(r["erased_at"] or r["received_at"]), str(r["received_at"]))
                for r in self._rows(
                    f"SELECT network, {self._json('change', 'row_id')} AS person_id, received_at, "
                    f"{self._json('change', 'fields.erased_at')} AS erased_at FROM change_log "
                    f"WHERE {self._json('change', 'entity')} = 'erasure' ORDER BY seq")]

    # -- access log -----------------------------------------------------------------------------

    def last_audit_entry(self, desk_id: str) -> AccessEntry | None:
        rows = self._rows("SELECT entry FROM audit_log WHERE desk_id = ? ORDER BY n DESC, seq DESC LIMIT 1",
                          (desk_id,))
        return AccessEntry.model_validate_json(rows[0]["entry"]) if rows else None

    def append_audit(self, network: str, desk_name: str, entry: AccessEntry, problem: str) -> None:
        self._exec(
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
                where.append(f"lower({column}) = lower(?)")
                params.append(value)
        if since:
            where.append("at >= ?")
            params.append(since)
        sql = "SELECT * FROM audit_log" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY at, seq"
        return [AuditRecord(r["network"], r["desk_name"], AccessEntry.model_validate_json(r["entry"]), r["problem"])
                for r in self._rows(sql, tuple(params))]

    # -- erasure --------------------------------------------------------------------------------

    def _ids(self, sql: str, params: tuple[Any, ...], values: set[str] | list[str]) -> set[str]:
        values = sorted(values)
        out: set[str] = set()
        for start in range(0, len(values), 500):
            chunk = values[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            out |= {r["row_id"] for r in self._rows(sql.format(marks=marks), (*params, *chunk))}
        return out

    def _delete(self, sql: str, params: tuple[Any, ...], values: set[str]) -> None:
        ordered = sorted(values)
        for start in range(0, len(ordered), 500):
            chunk = ordered[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            self._exec(sql.format(marks=marks), (*params, *chunk))

    def erase_person(self, network: str, person_id: str) -> set[str]:
        children = ("SELECT row_id FROM rows WHERE network = ? AND entity = ? "
                    "AND " + self._json("data", "{field}") + " IN ({{marks}})")
        persons, frontier = {person_id}, {person_id}
        while frontier:
            merged = self._ids(children.format(field="into_id"), (network, "person_merge"), frontier)
            frontier = merged - persons
            persons |= merged
        requests = self._ids(children.format(field="person_id"), (network, "request"), persons)
        referrals = self._ids(children.format(field="request_id"), (network, "referral"), requests)
        notes = self._ids(children.format(field="request_id"), (network, "note"), requests)
        history = self._ids(children.format(field="subject_id"), (network, "status_change"), requests | referrals)
        consents = self._ids(children.format(field="person_id"), (network, "consent"), persons)
        rectifications = self._ids(children.format(field="person_id"), (network, "rectification"), persons)
        ids = persons | requests | referrals | notes | history | consents | rectifications
        ids |= self._ids(children.format(field="row_id"), (network, "conflict"), ids)
        self._delete("DELETE FROM rows WHERE network = ? AND entity != 'erasure' AND row_id IN ({marks})",
                     (network,), ids)
        for path in ("row_id", "fields.row_id", "fields.into_id", "fields.person_id",
                     "fields.request_id", "fields.subject_id"):
            self._delete(f"DELETE FROM change_log WHERE network = ? AND {self._json('change', 'entity')} != 'erasure' "
                         f"AND {self._json('change', path)} IN ({{marks}})", (network,), ids)
        self._exec_many("INSERT INTO erased_rows (network, row_id, person_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        [(network, row_id, person_id) for row_id in sorted(ids)])
        return ids

    def is_erased(self, network: str, row_id: str) -> bool:
        return bool(self._rows("SELECT 1 FROM erased_rows WHERE network = ? AND row_id = ?", (network, row_id)))

    def snapshot_rows(self, network: str, entity: str, after_row_id: str, limit: int) -> list[StoredRow]:
        return [self._row(r) for r in self._rows(
            "SELECT * FROM rows WHERE network = ? AND entity = ? AND row_id > ? ORDER BY network, entity, row_id "
            "LIMIT ?", (network, entity, after_row_id, limit))]

    def last_seq(self) -> int:
        rows = self._rows("SELECT max(seq) AS seq FROM change_log")
        return int(rows[0]["seq"] or 0) if rows else 0

    def log_entries(self, after: int, through: int, limit: int) -> list[tuple[int, str, LogEntry]]:
        rows = self._rows("SELECT seq, network, source_desk, change FROM change_log WHERE seq > ? AND seq <= ? "
                          "ORDER BY seq LIMIT ?", (after, through, limit))
        return [(int(r["seq"]), str(r["network"] or SHARED),
                 LogEntry(int(r["seq"]), r["source_desk"], Change.model_validate_json(r["change"]))) for r in rows]

    def newest_of_sources(self) -> set[int]:
        return {int(r["seq"]) for r in self._rows(
            "SELECT max(seq) AS seq FROM change_log WHERE source_desk IS NOT NULL GROUP BY source_desk, network")}

    def drop_log(self, seqs: list[int]) -> None:
        self._exec_many("DELETE FROM change_log WHERE seq = ?", [(seq,) for seq in seqs])

    def rows_in(self, entity: str, networks: list[str] | None) -> list[StoredRow]:
        sql, params = "SELECT * FROM rows WHERE entity = ?", [entity]
        if networks is not None:
            sql += f" AND network IN ({', '.join('?' for _ in networks)})"
            params += networks
        return [self._row(r) for r in self._rows(sql + " ORDER BY network, row_id", tuple(params))]


class SQLiteStorage(SQLStorage):
    """The default backend: one SQLite file in the server's data folder (WAL, synchronous=FULL)."""

    kind = "sqlite"

    def __init__(self, data_dir: Path) -> None:
        private_dir(data_dir)
        self.path = private_file(data_dir / SERVER_DB)  # owner-only: its WAL files inherit the mode
        for suffix in ("-wal", "-shm"):
            tighten(Path(f"{self.path}{suffix}"))
        self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        # Deleted content is overwritten with zeros (an erased person leaves no readable bytes behind).
        self.conn.execute("PRAGMA secure_delete = ON")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self._lock = threading.RLock()
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self._migrate()
                for statement in _statements(_AUDIT_SCHEMA):
                    self.conn.execute(statement)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"{self.path} è di una versione più recente del server: aggiornarlo")
        if version < 2:
            self._to_v2()
        if version < 3:
            for statement in _statements(_TO_V3):
                self.conn.execute(statement)
        for statement in _statements(PROVIDER_SCHEMA):
            self.conn.execute(statement)
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _to_v2(self) -> None:
        tables = {r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        from_v1 = "desks" in tables
        if from_v1:
            for statement in _statements(_FROM_V1):
                self.conn.execute(statement)
        for statement in _statements(_SCHEMA):
            self.conn.execute(statement)
        if from_v1:
            # A first-version server may already keep the equal-value holders (sync.merge): keep them.
            holders = "holders" in {r[1] for r in self.conn.execute("PRAGMA table_info(rows_v1)")}
            for statement in _statements(_COPY_V1):
                if holders and statement.startswith("INSERT INTO rows "):
                    statement = ("INSERT INTO rows (network, entity, row_id, data, clocks, holders) "
                                 "SELECT coalesce(network, ''), entity, row_id, data, clocks, holders FROM rows_v1")
                self.conn.execute(statement)

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

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            cursor = self.conn.execute(sql, params)
            cursor.row_factory = sqlite3.Row
            return list(cursor.fetchall())

    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        with self._lock:
            self.conn.execute(sql, params)

    def _exec_many(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        with self._lock:
            self.conn.executemany(sql, params)

    def _insert_seq(self, sql: str, params: tuple[Any, ...]) -> int:
        with self._lock:
            return int(self.conn.execute(sql, params).lastrowid or 0)

    @staticmethod
    def _json(column: str, path: str) -> str:
        return f"json_extract({column}, '$.{path}')"

    def after_erasure(self) -> None:
        with self._lock:
            if not self.conn.in_transaction:
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def open_storage(data_dir: Path | None, database: str | None = None, *, reset: bool = False) -> Storage:
    """The server's storage: PostgreSQL when ``database`` is a ``postgresql://`` URL, else the SQLite file
    in ``data_dir``. ``reset`` (tests and benchmarks only) empties a PostgreSQL database first.

    Raises:
        ValueError: neither is given, or ``database`` is not a PostgreSQL URL (one Italian sentence).
    """
    if database:
        if not database.startswith(POSTGRES_SCHEMES):
            raise ValueError("--database deve essere un indirizzo postgresql://utente@host/database.")
        from sync.server.pg_storage import PostgresStorage  # psycopg comes with the "server" extra only

        return PostgresStorage(database, reset=reset)
    if data_dir is None:
        raise ValueError("Indicare --data-dir (SQLite) oppure --database postgresql://… (PostgreSQL).")
    return SQLiteStorage(data_dir)

