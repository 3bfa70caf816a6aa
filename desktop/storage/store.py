"""The desk's local store: every read and write of the application, the CLI and sync goes through here.

Every write is one transaction that updates the row, stamps each changed field with a hybrid logical
clock, and appends the change to the outbox (what sync sends to the central server). Rows are never
deleted: a deletion is a tombstone (``deleted = 1``) that syncs like any change.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

from desktop.domain.enums import (
    CLOSING_REFERRAL_STATUSES,
    CLOSING_REQUEST_STATUSES,
    REFERRAL_TRANSITIONS,
    REQUEST_TRANSITIONS,
    ReferralStatus,
    RequestStatus,
)
from desktop.domain.models import Desk, Operator, Person, Record, Referral, Request, StatusChange
from desktop.ids import HybridLogicalClock, uuid7
from desktop.storage import migrations
from desktop.storage.connection import open_connection
from desktop.storage.entities import BY_NAME, CREATION_FIELDS, entity_of
from desktop.storage.errors import StorageError

R = TypeVar("R", bound=Record)

DB_FILENAME = "wpt-desk.db"
# Stamp of reference data seeded identically on every replica: any real edit is newer.
REFERENCE_STAMP = HybridLogicalClock.format(0, 0, "reference")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


_TRACKED_STATUS = ("request", "referral")


class TransitionError(ValueError):
    """A status change the lifecycle does not allow, or a closing one without a reason."""


class Store:
    """One desk database.

    Attributes:
        path: the database file.
        db: the sqlite-utils view of the connection.
        desk_id: this replica's id (also the node of its clock).
        clock: the hybrid logical clock stamping this replica's writes.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        conn = open_connection(self.path, latest_version=migrations.LATEST_VERSION)
        try:
            migrations.migrate(conn)
        except BaseException:
            conn.close()
            raise
        self.conn = conn
        self.db = sqlite_utils.Database(conn, execute_plugins=False)
        self._lock = threading.RLock()
        self.desk_id = self._ensure_identity()
        self.clock = HybridLogicalClock(self.desk_id, self.setting("hlc_last"))
        from desktop.reference.seed import seed_reference  # noqa: PLC0415 (reference imports the store)

        seed_reference(self)

    @classmethod
    def in_folder(cls, folder: Path) -> Store:
        return cls(Path(folder) / DB_FILENAME)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and settings -------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls become savepoints); rolled back on any error."""
        with self._lock:
            if self.conn.in_transaction:
                name = f"sp_{uuid7().replace('-', '')}"
                self.conn.execute(f"SAVEPOINT {name}")
                try:
                    yield self.conn
                except BaseException:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                    raise
                self.conn.execute(f"RELEASE {name}")
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cursor = self.conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        with self._lock:
            row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def setting(self, key: str, default: str | None = None) -> str | None:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO settings(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def _ensure_identity(self) -> str:
        desk_id = self.setting("desk_id")
        if desk_id:
            return desk_id
        desk_id = uuid7()
        with self.transaction():
            self.set_setting("desk_id", desk_id)
        return desk_id

    # -- generic record access ------------------------------------------------------------------

    def get(self, model: type[R], record_id: str) -> R | None:
        entity = entity_of(model)
        rows = self.query(f"SELECT * FROM {entity.table} WHERE id = ?", (record_id,))
        return entity.from_columns(rows[0]) if rows else None  # type: ignore[return-value]

    def save(self, record: R, *, reason: str = "") -> R:
        """Insert or update a record; only fields whose value changed are stamped and sent.

        A request or referral whose status is set or changed also gets its history row (who, when,
        from, to, ``reason``) in the same transaction: the history cannot be skipped.
        """
        entity = entity_of(record)
        values = entity.to_columns(record)
        with self.transaction() as conn:
            existing = self.query(f"SELECT * FROM {entity.table} WHERE id = ?", (record.id,))
            now = utc_now()
            stamp = self.clock.now()
            if not existing:
                changed = {f: values[f] for f in entity.fields}
                changed.update(origin_desk=values.get("origin_desk") or self.desk_id, created_at=now)
                clocks = {f: stamp for f in changed}
                columns = {"id": record.id, **changed, "updated_at": now, "clocks": json.dumps(clocks)}
                names = ", ".join(columns)
                marks = ", ".join("?" for _ in columns)
                conn.execute(f"INSERT INTO {entity.table} ({names}) VALUES ({marks})", tuple(columns.values()))
                old_status = None
                base: dict[str, str] = {}
            else:
                row = existing[0]
                changed = {f: values[f] for f in entity.fields if values[f] != row[f]}
                if not changed:
                    return self.get(type(record), record.id)  # type: ignore[return-value]
                clocks = json.loads(row["clocks"])
                base = {f: clocks[f] for f in changed if f in clocks}
                clocks.update({f: stamp for f in changed})
                assignments = ", ".join(f"{name} = ?" for name in changed)
                conn.execute(
                    f"UPDATE {entity.table} SET {assignments}, updated_at = ?, clocks = ? WHERE id = ?",
                    (*changed.values(), now, json.dumps(clocks), record.id),
                )
                old_status = row.get("status")
            self.append_outbox(entity.name, record.id, changed, stamp, now, base)
            if entity.name in _TRACKED_STATUS and "status" in changed:
                self._record_status_change(entity.name, record.id, old_status, changed["status"], reason)
        return self.get(type(record), record.id)  # type: ignore[return-value]

    def append_outbox(
        self, entity_name: str, row_id: str, fields: dict[str, Any], stamp: str, now: str,
        base: dict[str, str] | None = None,
    ) -> None:
        """Queue a change for sync (inside the caller's transaction) and persist the clock's stamp.

        ``base``: the stamps this write overwrote, so the server can tell a sequential edit from a
        concurrent one.
        """
        self.conn.execute(
            "INSERT INTO outbox(change_id, entity, row_id, fields, hlc, created_at, base) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uuid7(), entity_name, row_id, json.dumps(fields, ensure_ascii=False), stamp, now,
             json.dumps(base or {})),
        )
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES ('hlc_last', ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (stamp,),
        )

    def seed(self, record: Record) -> bool:
        """Insert reference data shipped with every replica, if absent: no outbox entry, oldest stamp.

        Returns True if the row was inserted.
        """
        entity = entity_of(record)
        values = entity.to_columns(record)
        with self.transaction() as conn:
            if self.scalar(f"SELECT 1 FROM {entity.table} WHERE id = ?", (record.id,)):
                return False
            fields = {f: values[f] for f in (*entity.fields, *CREATION_FIELDS)}
            fields["origin_desk"] = None
            clocks = json.dumps({f: REFERENCE_STAMP for f in fields})
            columns = {"id": record.id, **fields, "updated_at": utc_now(), "clocks": clocks}
            conn.execute(
                f"INSERT INTO {entity.table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                tuple(columns.values()),
            )
        return True

    def delete(self, model: type[Record], record_id: str) -> None:
        """Soft-delete (tombstone) a record; :meth:`restore` undoes it."""
        self._set_deleted(model, record_id, True)

    def restore(self, model: type[Record], record_id: str) -> None:
        self._set_deleted(model, record_id, False)

    def _set_deleted(self, model: type[Record], record_id: str, deleted: bool) -> None:
        with self.transaction():
            record = self.get(model, record_id)
            if record is None:
                raise KeyError(record_id)
            record.deleted = deleted
            self.save(record)

    def rows(self, entity_name: str, *, include_deleted: bool = False) -> Iterator[dict[str, Any]]:
        """Every row of an entity as column dicts, oldest first (for export; streamed in pages)."""
        entity = BY_NAME[entity_name]
        where = "" if include_deleted else "WHERE deleted = 0"
        last = 0
        while True:
            page = self.query(
                f"SELECT * FROM {entity.table} {where} {'AND' if where else 'WHERE'} seq > ? "
                "ORDER BY seq LIMIT 1000",
                (last,),
            )
            if not page:
                return
            yield from page
            last = page[-1]["seq"]

    def count(self, entity_name: str) -> int:
        return int(self.scalar(f"SELECT count(*) FROM {BY_NAME[entity_name].table} WHERE deleted = 0"))

    # -- identity -------------------------------------------------------------------------------

    def desk(self) -> Desk:
        desk = self.get(Desk, self.desk_id)
        if desk is None:
            desk = self.save(Desk(id=self.desk_id, name="Sportello WPT"))
        return desk

    def current_operator(self) -> Operator:
        """The operator working at this desk now (created on first use)."""
        operator_id = self.setting("operator_id")
        operator = self.get(Operator, operator_id) if operator_id else None
        if operator is None:
            with self.transaction():
                operator = self.save(Operator(name="Operatore", desk_id=self.desk_id))
                self.set_setting("operator_id", operator.id)
        return operator

    # -- persons --------------------------------------------------------------------------------

    def search_persons(self, text: str, limit: int = 50) -> list[dict[str, Any]]:
        """Persons whose surname, name, codice fiscale or phone start with the typed words."""
        tokens = [t for t in re.split(r"[^\w]+", text.strip()) if t]
        if not tokens:
            return []
        match = " ".join(f'"{t}"*' for t in tokens)
        return self.query(
            "SELECT p.* FROM persons_fts JOIN persons p ON p.seq = persons_fts.rowid "
            "WHERE persons_fts MATCH ? AND p.deleted = 0 "
            "ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE LIMIT ?",
            (match, limit),
        )

    def find_by_fiscal_code(self, code: str) -> Person | None:
        rows = self.query(
            "SELECT id FROM persons WHERE fiscal_code = ? AND deleted = 0 ORDER BY seq LIMIT 1", (code,)
        )
        return self.get(Person, rows[0]["id"]) if rows else None

    def possible_duplicates(self, person: Person) -> list[Person]:
        """Other live persons with the same codice fiscale, or the same surname, name and birth date."""
        rows = self.query(
            "SELECT id FROM persons WHERE deleted = 0 AND id != :id AND ("
            " (:cf IS NOT NULL AND fiscal_code = :cf) OR"
            " (:birth IS NOT NULL AND last_name = :last COLLATE NOCASE AND first_name = :first COLLATE NOCASE"
            "  AND birth_date = :birth)) ORDER BY seq",
            {
                "id": person.id,
                "cf": person.fiscal_code,
                "last": person.last_name,
                "first": person.first_name,
                "birth": person.birth_date.isoformat() if person.birth_date else None,
            },
        )
        return [p for r in rows if (p := self.get(Person, r["id"])) is not None]

    # -- requests and referrals -----------------------------------------------------------------

    def change_request_status(self, request_id: str, to: RequestStatus, reason: str = "") -> Request:
        request = self.get(Request, request_id)
        if request is None:
            raise KeyError(request_id)
        current = RequestStatus(request.status)
        self._check_transition(current, RequestStatus(to), REQUEST_TRANSITIONS, CLOSING_REQUEST_STATUSES, reason)
        request.status = to
        return self.save(request, reason=reason)

    def change_referral_status(self, referral_id: str, to: ReferralStatus, reason: str = "") -> Referral:
        referral = self.get(Referral, referral_id)
        if referral is None:
            raise KeyError(referral_id)
        current = ReferralStatus(referral.status)
        self._check_transition(
            current, ReferralStatus(to), REFERRAL_TRANSITIONS, CLOSING_REFERRAL_STATUSES, reason
        )
        referral.status = to
        return self.save(referral, reason=reason)

    @staticmethod
    def _check_transition(
        current: Any, to: Any, transitions: dict[Any, frozenset[Any]], closing: frozenset[Any], reason: str
    ) -> None:
        if to not in transitions[current]:
            raise TransitionError(f"Non si può passare dallo stato «{current}» allo stato «{to}».")
        if to in closing and not reason.strip():
            raise TransitionError(f"Per passare allo stato «{to}» serve il motivo.")

    def _record_status_change(self, subject_type: str, subject_id: str, old: str | None, new: str, reason: str) -> None:
        self.save(
            StatusChange(
                subject_type=subject_type,
                subject_id=subject_id,
                from_status=old,
                to_status=new,
                reason=reason,
                operator_id=self.setting("operator_id"),
                changed_at=datetime.now(UTC),
            )
        )

    def services_covering(self, category: str | None, municipality_code: str | None) -> list[dict[str, Any]]:
        """Live services of a category (any if None) that cover a municipality (any if None)."""
        return self.query(
            "SELECT s.*, p.name AS provider_name, p.kind AS provider_kind FROM services s "
            "JOIN providers p ON p.id = s.provider_id "
            "WHERE s.deleted = 0 AND (:cat IS NULL OR s.category = :cat) AND (:mun IS NULL OR EXISTS "
            "(SELECT 1 FROM json_each(s.municipality_codes) WHERE value = :mun)) "
            "ORDER BY s.name COLLATE NOCASE",
            {"cat": category, "mun": municipality_code},
        )

    def follow_ups_due(self, on: date) -> list[dict[str, Any]]:
        """Open referrals whose follow-up date is today or past, most overdue first."""
        closing = tuple(s.value for s in CLOSING_REFERRAL_STATUSES)
        marks = ", ".join("?" for _ in closing)
        return self.query(
            "SELECT r.*, q.person_id, q.desk_id FROM referrals r JOIN requests q ON q.id = r.request_id "
            f"WHERE r.deleted = 0 AND r.follow_up_on <= ? AND r.status NOT IN ({marks}) "
            "ORDER BY r.follow_up_on",
            (on.isoformat(), *closing),
        )

    # -- outbox -----------------------------------------------------------------------------------

    def outbox_count(self) -> int:
        return int(self.scalar("SELECT count(*) FROM outbox"))

    # -- maintenance ------------------------------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """What is wrong with the database (empty when sound): SQLite pages, foreign keys, search index."""
        problems = [r["integrity_check"] for r in self.query("PRAGMA integrity_check")]
        problems = [p for p in problems if p != "ok"]
        for row in self.query("PRAGMA foreign_key_check"):
            problems.append(f"riferimento mancante in {row['table']} (riga {row['rowid']}) verso {row['parent']}")
        # Read-only comparison of the search index with the persons (FTS5's own 'integrity-check'
        # needs the write lock, and would report a busy database as a damaged one).
        indexed = self.scalar("SELECT count(*) FROM persons_fts")
        stored = self.scalar("SELECT count(*) FROM persons")
        if indexed != stored:
            problems.append(f"l'indice di ricerca ha {indexed} persone, il database {stored}")
        drifted = self.scalar(
            "SELECT count(*) FROM persons p LEFT JOIN persons_fts f ON f.rowid = p.seq "
            "WHERE f.rowid IS NULL OR f.last_name IS NOT p.last_name OR f.first_name IS NOT p.first_name "
            "OR f.fiscal_code IS NOT coalesce(p.fiscal_code, '')"
        )
        if drifted:
            problems.append(f"l'indice di ricerca non corrisponde ai dati di {drifted} persone")
        return problems

    def backup(self, destination: Path) -> None:
        """Copy the database to ``destination`` with SQLite's online backup (safe while in use).

        The copy is written beside the destination and renamed into place, so a failed backup never
        leaves a half-written file under the requested name.
        """
        destination = Path(destination)
        own = {self.path.resolve(), *(Path(f"{self.path.resolve()}{suffix}") for suffix in ("-wal", "-shm"))}
        if destination.resolve() in own:
            raise StorageError("La copia di sicurezza non può sostituire il database in uso: scegliere un altro file.")
        if destination.exists() and not destination.is_file():
            raise StorageError(f"{destination} non è un file normale: scegliere un altro nome per la copia.")
        partial = destination.with_name(destination.name + ".partial")
        partial.unlink(missing_ok=True)
        target = sqlite3.connect(partial)
        try:
            with self._lock:
                self.conn.backup(target)
            target.execute("PRAGMA journal_mode = DELETE")
            target.close()
            partial.replace(destination)
        except BaseException:
            target.close()
            partial.unlink(missing_ok=True)
            raise
