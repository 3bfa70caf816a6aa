"""The desk's local store: generic, stamped record access on one SQLite connection.

Every write is one transaction that updates the row, stamps each changed field with a hybrid logical
clock, and queues the change in the outbox (:mod:`desktop.storage.sync_tables`) that sync drains.
Rows are never deleted: a deletion is a tombstone (``deleted = 1``) that syncs like any change.

The store knows records, not use cases: what a screen or a command does is an operation of
:mod:`desktop.operations`, and what it shows comes from :mod:`desktop.queries`. A store is opened with
:func:`desktop.storage.opening.open_store` (open, migrate, seed); the constructor only wraps a
connection that is ready.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from desktop.domain.entities import BY_NAME, CREATION_FIELDS, Entity, entity_of
from desktop.domain.models import Desk, Operator, Record, StatusChange
from desktop.ids import REFERENCE_STAMP, HybridLogicalClock
from desktop.storage import clocks as stored
from desktop.storage import sync_tables
from desktop.storage.connection import DB_FILENAME, PROGRAMMING_ERROR
from desktop.storage.errors import NotSignedInError
from desktop.storage.keys import UnlockedKeys
from desktop.storage.settings_table import write_setting

R = TypeVar("R", bound=Record)
T = TypeVar("T")

__all__ = ["DB_FILENAME", "Store", "utc_now"]
DESK_ID_KEY, OPERATOR_ID_KEY, CLOCK_KEY = "desk_id", "operator_id", "hlc_last"
_TRACKED_STATUS = ("request", "referral")


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _insert_sql(entity: Entity, columns: dict[str, Any], rows: int = 1) -> str:
    marks = f"({', '.join('?' for _ in columns)})"
    return f"INSERT INTO {entity.table} ({', '.join(columns)}) VALUES {', '.join([marks] * rows)}"


_MAX_VARIABLES = 30_000  # SQLite's least ceiling on the parameters of one statement is 32,766 (since 3.32)


class Store:
    """One desk database.

    Reads never wait for writes: a second, read-only connection serves every read made outside a write
    transaction (WAL lets it read the last committed state while another thread writes), so the window
    can open a person while the database thread is still writing to a slow disk. Reads inside a write
    transaction use the writing connection and see its own uncommitted changes.

    Attributes:
        path: the database file.
        conn: the writing connection (opened by :func:`desktop.storage.connection.open_connection`).
        desk_id: this replica's id (also the node of its clock).
        clock: the hybrid logical clock stamping this replica's writes.
        operator: the operator logged in on this store (None until :meth:`sign_in`): every record and
            status change carries them, and the operations check their role.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, reader: sqlite3.Connection | None = None) -> None:
        self.path = Path(path)
        self.conn = conn
        self._reader = reader
        self._lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._writing_thread: int | None = None  # the thread inside a write transaction, if any
        # Small writes that must not wait for a write in progress (a read's access log entry on the GUI
        # thread): they run right after it, on the writing thread (see :meth:`write_soon`).
        self._soon: list[Callable[[], object]] = []
        self._soon_lock = threading.Lock()
        # The clock's newest stamp, written to the settings once when the transaction commits (not on
        # every change it queues: an import queues thousands).
        self._unsaved_stamp: str | None = None
        self._undone_together = 0  # inside atomic(): nested transactions open no savepoint
        desk_id = self.setting(DESK_ID_KEY)
        if not desk_id:
            raise ValueError("the database has no desk identity: open it with open_store()")
        self.desk_id = desk_id
        self.clock = HybridLogicalClock(self.desk_id, self.setting(CLOCK_KEY))
        self.operator: Operator | None = None
        self.keys: UnlockedKeys | None = None  # set by open_store: the database key and its key file

    def sign_in(self, operator: Operator) -> None:
        """``operator`` works on this store from now on (authenticated by the caller)."""
        self.operator = operator

    def close(self) -> None:
        # The reader first: the writing connection, closing last, folds the WAL into the database file
        # (a read-only connection cannot), so the file is whole on its own after the app closes.
        with self._lock:
            self._run_soon()
            if self._reader is not None:
                with self._read_lock:
                    self._reader.close()
            self.conn.close()

    def is_open(self) -> bool:
        try:
            self.conn.total_changes  # noqa: B018 - raises on a closed connection
        except PROGRAMMING_ERROR:
            return False
        return True

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions and settings -------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (nested calls become savepoints); rolled back on any error."""
        with self._lock:
            if self.conn.in_transaction and self._undone_together:
                # Inside :meth:`atomic`: what fails here propagates to its savepoint, which undoes all of it.
                yield self.conn
                return
            if self.conn.in_transaction:
                # One name for every level: savepoints nest strictly here, and ROLLBACK TO / RELEASE name
                # the innermost savepoint of that name. The same three statements are prepared once.
                self.conn.execute("SAVEPOINT sp")
                try:
                    yield self.conn
                except BaseException:
                    # SQLite itself may have rolled the whole transaction back (a full disk does): then
                    # there is no savepoint left to undo, and the original error is what matters.
                    if self.conn.in_transaction:
                        self.conn.execute("ROLLBACK TO sp")
                        self.conn.execute("RELEASE sp")
                    raise
                self.conn.execute("RELEASE sp")
                return
            self.conn.execute("BEGIN IMMEDIATE")
            self._writing_thread = threading.get_ident()
            self._unsaved_stamp = None
            try:
                yield self.conn
                if self._unsaved_stamp is not None:
                    write_setting(self.conn, CLOCK_KEY, self._unsaved_stamp)
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")
            finally:
                self._writing_thread = None
                self._unsaved_stamp = None
            self._run_soon()

    @contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One savepoint inside the current transaction, in which nested transactions open none of their
        own: any error undoes all of it. For the rows of a batch (the import) whose writes catch no error
        inside: a row is written whole or not at all, at a third of the statements.
        """
        with self._lock:
            if not self.conn.in_transaction:
                raise RuntimeError("atomic() runs inside a transaction")
            with self.transaction() as conn:
                self._undone_together += 1
                try:
                    yield conn
                finally:
                    self._undone_together -= 1

    def write_soon(self, write: Callable[[], object]) -> None:
        """Run a small write now if no other thread is writing, else right after that write, on its thread.

        For the writes a read makes (an access log entry): the window reading a person while the database
        thread writes to a slow disk must not wait for the disk. ``write`` runs in its own transaction.
        """
        if self._lock.acquire(blocking=False):
            try:
                if self.conn.in_transaction and self._writing_thread != threading.get_ident():
                    raise RuntimeError("a transaction of another thread")  # cannot happen: it holds the lock
                write()
            finally:
                self._lock.release()
            return
        with self._soon_lock:
            self._soon.append(write)

    def _run_soon(self) -> None:
        """The writes deferred by :meth:`write_soon` (holding the write lock, outside any transaction)."""
        while True:
            with self._soon_lock:
                if not self._soon or self.conn.in_transaction:
                    return
                write = self._soon.pop(0)
            try:
                write()
            except Exception:
                logging.getLogger(__name__).exception("a deferred write failed")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """The connection a read uses: the reader, unless this thread is inside a write transaction."""
        if self._reader is None or self._writing_thread == threading.get_ident():
            with self._lock:
                yield self.conn
        else:
            with self._read_lock:
                yield self._reader

    def query(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> list[dict[str, Any]]:
        with self._reading() as conn:
            cursor = conn.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: tuple[Any, ...] | dict[str, Any] = ()) -> Any:
        with self._reading() as conn:
            row = conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn`` on the connection, with no other thread using it meanwhile (schema reads, backups)."""
        with self._lock:
            return fn(self.conn)

    def setting(self, key: str, default: str | None = None) -> str | None:
        value = self.scalar("SELECT value FROM settings WHERE key = ?", (key,))
        return default if value is None else str(value)

    def set_setting(self, key: str, value: str | None) -> None:
        with self.transaction() as conn:
            write_setting(conn, key, value)

    # -- generic record access ------------------------------------------------------------------

    def get(self, model: type[R], record_id: str) -> R | None:
        entity = entity_of(model)
        rows = self.query(f"SELECT * FROM {entity.table} WHERE id = ?", (record_id,))
        return entity.from_columns(rows[0]) if rows else None  # type: ignore[return-value]

    def row(self, entity: Entity, record_id: str) -> dict[str, Any] | None:
        """A record's columns as stored (clocks included), or None."""
        rows = self.query(f"SELECT * FROM {entity.table} WHERE id = ?", (record_id,))
        return rows[0] if rows else None

    def save(self, record: R, *, reason: str = "", new: bool = False) -> R:
        """Insert or update a record; only fields whose value changed are stamped and sent.

        A request or referral whose status is set or changed also gets its history row (who, when,
        from, to, ``reason``) in the same transaction: the history cannot be skipped. ``new``: the caller
        has just seen that no row has this id, so it is inserted without looking again (a row that
        appeared meanwhile is refused by the database, not overwritten).
        """
        entity = entity_of(record)
        values = entity.to_columns(record)
        with self.transaction() as conn:
            existing = None if new else self.row(entity, record.id)
            now = utc_now()
            stamp = self.clock.now()
            if existing is None:
                changed, columns, saved = self._new_row(entity, record, values, now, stamp)
                conn.execute(_insert_sql(entity, columns), tuple(columns.values()))
                old_status = None
                base: dict[str, str] = {}
            else:
                changed = {f: values[f] for f in entity.fields if values[f] != existing[f]}
                if not changed:
                    return self.get(type(record), record.id)  # type: ignore[return-value]
                clocks = stored.decode(existing["clocks"])
                # A deletion says what it saw of every field: the server tells an edit made elsewhere,
                # that this desk had not seen, and offers it for review (issue 12).
                base = dict(clocks) if changed.get("deleted") else {f: clocks[f] for f in changed if f in clocks}
                clocks.update({f: stamp for f in changed})
                assignments = ", ".join(f"{name} = ?" for name in changed)
                conn.execute(
                    f"UPDATE {entity.table} SET {assignments}, updated_at = ?, clocks = ? WHERE id = ?",
                    (*changed.values(), now, stored.encode(clocks), record.id),
                )
                old_status = existing.get("status")
            self.queue_change(entity.name, record.id, changed, stamp, now, base)
            if entity.name in _TRACKED_STATUS and "status" in changed:
                self._record_status_change(entity.name, record.id, old_status, changed["status"], reason)
        if existing is None:
            return saved
        return self.get(type(record), record.id)  # type: ignore[return-value]

    def insert_many(self, records: Sequence[R]) -> list[R]:
        """Insert new records of one entity, each as ``save(record, new=True)`` does (stamped, its change
        queued), with one statement per table: for an import's batch. Their ids are new (a taken one is
        refused by the database, not overwritten); entities with a status history are not written here.
        """
        if not records:
            return []
        entity = entity_of(records[0])
        if entity.name in _TRACKED_STATUS:
            raise ValueError(f"{entity.name}: its status history is written by save()")
        rows, changes, saved = [], [], []
        with self.transaction() as conn:
            now = utc_now()  # one time for the batch (one transaction): each row still has its own stamp
            at = datetime.fromisoformat(now)
            for record in records:
                stamp = self.clock.now()
                changed, columns, written = self._new_row(entity, record, entity.to_columns(record), now, stamp, at)
                rows.append(tuple(columns.values()))
                changes.append((record.id, changed, stamp, now))
                saved.append(written)
            # Many rows a statement, not executemany (a statement a row): the search index's trigger
            # writes them at about half the cost (measured on 2,000 persons).
            per = max(1, _MAX_VARIABLES // len(columns))
            for start in range(0, len(rows), per):
                chunk = rows[start:start + per]
                conn.execute(_insert_sql(entity, columns, len(chunk)), [v for row in chunk for v in row])
            self.queue_changes(entity.name, changes)
        return saved

    def _new_row(self, entity: Entity, record: R, values: dict[str, Any], now: str,
                 stamp: str, at: datetime | None = None) -> tuple[dict[str, Any], dict[str, Any], R]:
        """A new record's fields as sent, its columns as inserted, and the record as saved (for :meth:`save`
        and :meth:`insert_many`); ``at``: ``now`` as a datetime, when the caller has it."""
        changed = {f: values[f] for f in entity.fields}
        changed.update(origin_desk=values.get("origin_desk") or self.desk_id, created_at=now)
        columns = {"id": record.id, **changed, "updated_at": now,
                   "clocks": stored.encode_together(tuple(changed), stamp)}
        # What reading the row back would give (its values are the record's, validated when it was
        # made), without the read and a second validation: an import inserts thousands.
        written = at or datetime.fromisoformat(now)
        saved = record.model_copy(update={"origin_desk": changed["origin_desk"], "created_at": written,
                                          "updated_at": written})
        return changed, columns, saved

    def write_fields(self, entity: Entity, record_id: str, fields: dict[str, Any]) -> None:
        """Write column values of an existing row (stamped and queued like :meth:`save`).

        For rows without a domain model of their own (conflict records).
        """
        with self.transaction() as conn:
            existing = self.row(entity, record_id)
            if existing is None:
                raise KeyError(record_id)
            clocks = stored.decode(existing["clocks"])
            stamp, now = self.clock.now(), utc_now()
            base = {f: clocks[f] for f in fields if f in clocks}
            conn.execute(
                f"UPDATE {entity.table} SET {', '.join(f'{f} = ?' for f in fields)}, updated_at = ?, clocks = ? "
                "WHERE id = ?",
                (*fields.values(), now, stored.encode({**clocks, **{f: stamp for f in fields}}), record_id),
            )
            self.queue_change(entity.name, record_id, fields, stamp, now, base)

    def queue_change(
        self, entity_name: str, row_id: str, fields: dict[str, Any], stamp: str, now: str,
        base: dict[str, str] | None = None,
    ) -> None:
        """Queue a change for sync (inside the caller's transaction); the clock's stamp is persisted when
        that transaction commits."""
        sync_tables.append_outbox(self.conn, entity_name, row_id, fields, stamp, now, base)
        self._unsaved_stamp = stamp

    def queue_changes(self, entity_name: str, changes: Sequence[tuple[str, dict[str, Any], str, str]]) -> None:
        """Queue changes (row id, fields, stamp, now) of one entity in their order, as :meth:`queue_change`
        does each, with one statement."""
        if changes:
            sync_tables.append_outbox_rows(self.conn, (sync_tables.outbox_row(entity_name, *change)
                                                       for change in changes))
            self._unsaved_stamp = changes[-1][2]

    def reset_clock(self, last: str) -> None:
        """Resume the clock after ``last`` (the server's clock), forgetting stamps from a clock that was
        ahead (inside the caller's transaction)."""
        self.clock = HybridLogicalClock(self.desk_id, last)
        write_setting(self.conn, CLOCK_KEY, self.clock.last())
        self._unsaved_stamp = None  # the setting holds what was written last, as before

    def replace_stamp(self, entity: Entity, row_id: str, old: str, new: str) -> None:
        """Where a row's fields carry stamp ``old``, put ``new`` (inside the caller's transaction)."""
        row = self.row(entity, row_id)
        if row is None:
            return
        clocks = stored.decode(row["clocks"])
        if old in clocks.values():
            clocks = {f: (new if s == old else s) for f, s in clocks.items()}
            self.conn.execute(f"UPDATE {entity.table} SET clocks = ? WHERE id = ?", (stored.encode(clocks), row_id))

    def remember_stamp(self, stamp: str) -> None:
        """Remember the newest stamp seen (inside the caller's transaction), so the clock never goes back."""
        write_setting(self.conn, CLOCK_KEY, stamp)
        self._unsaved_stamp = None  # the setting holds what was written last, as before

    def merge_remote(self, entity: Entity, row_id: str, won: dict[str, Any], stamps: dict[str, str]) -> None:
        """Write the fields a received change won into an existing row (no outbox entry: not local)."""
        with self.transaction() as conn:
            row = self.row(entity, row_id)
            if row is None:
                raise KeyError(row_id)
            clocks = {**stored.decode(row["clocks"]), **stamps}
            assignments = ", ".join(f"{name} = ?" for name in won)
            conn.execute(
                f"UPDATE {entity.table} SET {assignments}, updated_at = ?, clocks = ? WHERE id = ?",
                (*won.values(), utc_now(), stored.encode(clocks), row_id),
            )

    def insert_remote(self, entity: Entity, row_id: str, fields: dict[str, Any], stamp: str) -> None:
        """Insert a row received from the server (raises sqlite3.IntegrityError if its parent is missing)."""
        columns = {"id": row_id, **fields, "updated_at": utc_now(), "clocks": stored.encode({f: stamp for f in fields})}
        with self.transaction() as conn:
            conn.execute(_insert_sql(entity, columns), tuple(columns.values()))

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
            clocks = stored.encode({f: REFERENCE_STAMP for f in fields})
            columns = {"id": record.id, **fields, "updated_at": utc_now(), "clocks": clocks}
            conn.execute(_insert_sql(entity, columns), tuple(columns.values()))
        return True

    def set_deleted(self, model: type[Record], record_id: str, deleted: bool) -> bool:
        """Tombstone (or bring back) a record; False if it already was in that state."""
        with self.transaction():
            record = self.get(model, record_id)
            if record is None:
                raise KeyError(record_id)
            if record.deleted == deleted:
                return False
            record.deleted = deleted
            self.save(record)
        return True

    def rows(self, entity_name: str, *, include_deleted: bool = False) -> Iterator[dict[str, Any]]:
        """Every row of an entity as column dicts, oldest first (streamed in pages)."""
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
        """This desk's record (created by :func:`open_store`)."""
        desk = self.get(Desk, self.desk_id)
        return desk if desk is not None else Desk(id=self.desk_id, name="Sportello WPT")

    def current_operator(self) -> Operator:
        """The operator logged in on this store.

        Raises:
            NotSignedInError: nobody is logged in (a store opened without :meth:`sign_in`).
        """
        if self.operator is None:
            raise NotSignedInError("Nessun operatore ha effettuato l'accesso.")
        return self.operator

    def _record_status_change(self, subject_type: str, subject_id: str, old: str | None, new: str, reason: str) -> None:
        self.save(
            StatusChange(
                subject_type=subject_type,
                subject_id=subject_id,
                from_status=old,
                to_status=new,
                reason=reason,
                operator_id=self.operator.id if self.operator is not None else None,
                changed_at=datetime.now(UTC),
            )
        )

