"""The PostgreSQL backend of the server's storage (``wpt-server … --database postgresql://…``).

The same queries as the SQLite default (:class:`~sync.server.storage.SQLStorage`), the same tables
(``holders`` in ``rows``, ``erased_rows``, ``audit_log``, ``server_state`` included), so several
``wpt-server`` processes can serve one database behind a load balancer.

Visibility order across processes (the storage module's docstring says why it matters): every write
transaction takes one transaction-level advisory lock first and holds it to its commit, so log
sequence numbers are assigned and committed in order by whichever process writes: a reader never sees
entry 8 before entry 7 is committed. It serializes writes as SQLite's ``BEGIN IMMEDIATE`` does; reads
(pulls, snapshots, lookups) run without it.

One connection per process, used by one thread at a time. A connection PostgreSQL dropped (a restart,
a failover, an administrator's ``pg_terminate_backend``) is opened again: a read outside a transaction
and the start of a transaction retry once on a new connection (nothing was done on the old one); a
transaction cut midway fails (rolled back by PostgreSQL) and the next request reconnects. While the
database cannot be reached, requests get :class:`~sync.server.storage.StorageUnavailable` (503).

Schema versions are kept in ``server_state`` (``schema_version``); a database of a newer version is
refused. psycopg comes with the ``server`` extra only: the desk never imports this module.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import psycopg
import psycopg.conninfo
from psycopg.rows import dict_row

from sync.server.storage import PROVIDER_SCHEMA, SQLStorage, StorageUnavailable

T = TypeVar("T")
_CUT = "La connessione al database PostgreSQL si è interrotta: riprovare tra poco."
PG_SCHEMA_VERSION = 2
# Any constant: the one lock every write transaction of every process takes (pg_advisory_xact_lock).
WRITE_LOCK = 0x575054  # "WPT"

_C = 'COLLATE "C"'  # byte order, as SQLite compares: the same row order (and snapshot positions) on both
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS server_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS desks (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, network TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS enrollment_codes (
    id TEXT PRIMARY KEY, desk TEXT NOT NULL REFERENCES desks(id), role TEXT NOT NULL,
    selector TEXT NOT NULL UNIQUE, code_hash TEXT NOT NULL, created_at TEXT NOT NULL, created_by TEXT NOT NULL,
    expires_at TEXT NOT NULL, redeemed_by TEXT, redeemed_at TEXT, closed_at TEXT, closed_reason TEXT
);
CREATE INDEX IF NOT EXISTS enrollment_codes_desk ON enrollment_codes(desk);
CREATE TABLE IF NOT EXISTS credentials (
    id TEXT PRIMARY KEY, desk TEXT NOT NULL REFERENCES desks(id), role TEXT NOT NULL, hash TEXT NOT NULL UNIQUE,
    desk_id TEXT NOT NULL, code TEXT, issued_at TEXT NOT NULL, first_sync_at TEXT, last_sync_at TEXT,
    revoked_at TEXT, revoked_by TEXT, revoked_reason TEXT
);
CREATE INDEX IF NOT EXISTS credentials_desk ON credentials(desk);
CREATE TABLE IF NOT EXISTS events (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, kind TEXT NOT NULL,
    desk TEXT NOT NULL, actor TEXT NOT NULL, detail TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS rows (
    network TEXT {_C} NOT NULL, entity TEXT {_C} NOT NULL, row_id TEXT {_C} NOT NULL, data TEXT NOT NULL,
    clocks TEXT NOT NULL, holders TEXT NOT NULL DEFAULT '{{}}',
    PRIMARY KEY (network, entity, row_id)
);
CREATE INDEX IF NOT EXISTS rows_cf ON rows(network, entity, (data::jsonb ->> 'fiscal_code'));
CREATE INDEX IF NOT EXISTS rows_person ON rows(network, entity, (data::jsonb ->> 'person_id'));
CREATE INDEX IF NOT EXISTS rows_request ON rows(network, entity, (data::jsonb ->> 'request_id'));
CREATE INDEX IF NOT EXISTS rows_subject ON rows(network, entity, (data::jsonb ->> 'subject_id'));
CREATE TABLE IF NOT EXISTS change_log (
    seq BIGSERIAL PRIMARY KEY, network TEXT, source_desk TEXT, change TEXT NOT NULL,
    desk TEXT NOT NULL DEFAULT '', received_at TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS change_log_network ON change_log(network, seq);
CREATE INDEX IF NOT EXISTS change_log_source ON change_log(network, source_desk, seq);
CREATE TABLE IF NOT EXISTS received (
    desk TEXT NOT NULL, change_id TEXT NOT NULL, reason TEXT NOT NULL, PRIMARY KEY (desk, change_id)
);
CREATE TABLE IF NOT EXISTS audit_log (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, network TEXT NOT NULL, desk_name TEXT NOT NULL,
    desk_id TEXT NOT NULL, n BIGINT NOT NULL, at TEXT NOT NULL, operator_name TEXT NOT NULL,
    person_id TEXT NOT NULL, entry TEXT NOT NULL, problem TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS audit_log_desk ON audit_log(desk_id, n);
CREATE INDEX IF NOT EXISTS audit_log_person ON audit_log(person_id, at);
CREATE TABLE IF NOT EXISTS erased_rows (
    network TEXT NOT NULL, row_id TEXT NOT NULL, person_id TEXT NOT NULL, PRIMARY KEY (network, row_id)
)
"""
_TABLES = ("provider_sessions", "provider_accesses",
           "erased_rows", "audit_log", "received", "change_log", "rows", "events", "credentials",
           "enrollment_codes", "desks", "server_state")


# What psycopg's (English) text says, in Italian; the first that matches wins.
_CONNECTION_REASONS = (
    ("password authentication failed", "utente o password non accettati"),
    ("no password supplied", "manca la password (nell'indirizzo o in ~/.pgpass)"),
    ("does not exist", "l'utente o il database non esiste"),
    ("connection refused", "connessione rifiutata: PostgreSQL non è in ascolto a quell'indirizzo"),
    ("failed to resolve host", "il nome del server non si trova"),
    ("name or service not known", "il nome del server non si trova"),
    ("timeout", "tempo scaduto: il server non risponde"),
    ("no pg_hba.conf entry", "il server non accetta connessioni da questo computer (pg_hba.conf)"),
    ("ssl", "la connessione cifrata (SSL) non è riuscita"),
    ("invalid", "l'indirizzo non è valido"),
)


def describe_connection_error(url: str, exc: Exception) -> str:
    """One Italian sentence for a failed connection: the host and database, never the password nor
    psycopg's own text."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(url)
    except psycopg.Error:
        return "L'indirizzo del database PostgreSQL non è valido: usare postgresql://utente:password@host:porta/database."
    host, port, name = parts.get("host") or "localhost", parts.get("port"), parts.get("dbname") or "?"
    where = f"{host}:{port}" if port else str(host)
    text = str(exc).lower()
    reason = next((said for found, said in _CONNECTION_REASONS if found in text), "connessione non riuscita")
    return f"Il database PostgreSQL «{name}» su {where} non è raggiungibile: {reason}."


class PostgresStorage(SQLStorage):
    """The server's storage in a PostgreSQL database (one connection per process, used by one thread at
    a time; transactions serialized across processes by an advisory lock)."""

    _GREATEST = "greatest"
    kind = "postgresql"

    def __init__(self, url: str, *, reset: bool = False) -> None:
        self._url = url
        try:
            self.conn = self._connect()
        except psycopg.Error as exc:
            raise ValueError(describe_connection_error(url, exc)) from None
        self._lock = threading.RLock()
        self._depth = 0
        with self.transaction():
            if reset:  # tests and benchmarks only
                self.conn.execute(f"DROP TABLE IF EXISTS {', '.join(_TABLES)} CASCADE")
            self._migrate()

    def _connect(self) -> psycopg.Connection[dict[str, Any]]:
        return psycopg.connect(self._url, autocommit=True, row_factory=dict_row, connect_timeout=15)

    def _reconnect(self) -> None:
        """A new connection in place of one PostgreSQL dropped."""
        try:
            self.conn.close()
        except psycopg.Error:
            pass
        try:
            self.conn = self._connect()
        except psycopg.Error as exc:
            raise StorageUnavailable(describe_connection_error(self._url, exc)) from None

    def _live(self) -> psycopg.Connection[dict[str, Any]]:
        if self.conn.closed or self.conn.broken:
            self._reconnect()
        return self.conn

    def _retrying(self, work: Callable[[psycopg.Connection[dict[str, Any]]], T]) -> T:
        """``work`` on the connection; outside a transaction, once more on a new connection if it was dropped."""
        with self._lock:
            if self._depth:  # inside a transaction: its connection or nothing
                try:
                    return work(self.conn)
                except psycopg.OperationalError as exc:
                    if self.conn.broken:
                        raise StorageUnavailable(_CUT) from exc
                    raise
            for attempt in range(2):
                try:
                    return work(self._live())
                except psycopg.OperationalError as exc:
                    if not self.conn.broken:
                        raise
                    if attempt:
                        raise StorageUnavailable(_CUT) from exc
                    self._reconnect()
            raise AssertionError("unreachable")

    def _migrate(self) -> None:
        exists = self.conn.execute("SELECT to_regclass('server_state') AS t").fetchone()
        version = 0
        if exists and exists["t"]:
            found = self.conn.execute("SELECT value FROM server_state WHERE key = 'schema_version'").fetchone()
            version = int(found["value"]) if found else 0
        if version > PG_SCHEMA_VERSION:
            raise ValueError("Il database PostgreSQL è di una versione più recente del server: aggiornarlo.")
        if version == PG_SCHEMA_VERSION:
            return
        # Version 1: the tables of the SQLite default at its version 3. Later versions: append steps here.
        if version < 1:
            for statement in (s.strip() for s in _SCHEMA.split(";")):
                if statement:
                    self.conn.execute(statement)
        # Version 2: providers' accesses and sessions (the same SQL as SQLite's version 4).
        for statement in (s.strip() for s in PROVIDER_SCHEMA.split(";")):
            if statement:
                self.conn.execute(statement)
        self.conn.execute("INSERT INTO server_state (key, value) VALUES ('schema_version', %s) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(PG_SCHEMA_VERSION),))

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            self._depth = 1
            try:
                for attempt in range(2):
                    conn = self._live()
                    started = False
                    try:
                        with conn.transaction():
                            # Held to commit: every process's writes, and so the log's sequence numbers, in one order.
                            conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                            started = True
                            yield
                        return
                    except psycopg.OperationalError as exc:
                        if not conn.broken:
                            raise
                        if started or attempt:
                            raise StorageUnavailable(_CUT) from exc
                        self._reconnect()  # dropped before anything was done: once more, on a new connection
            finally:
                self._depth = 0

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return self._retrying(lambda conn: list(conn.execute(self._sql(sql), params).fetchall()))

    def _exec(self, sql: str, params: tuple[Any, ...] = ()) -> None:
        self._retrying(lambda conn: conn.execute(self._sql(sql), params))

    def _exec_many(self, sql: str, params: list[tuple[Any, ...]]) -> None:
        if not params:
            return

        def run(conn: psycopg.Connection[dict[str, Any]]) -> None:
            with conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), params)

        self._retrying(run)

    def _insert_seq(self, sql: str, params: tuple[Any, ...]) -> int:
        found = self._retrying(lambda conn: conn.execute(self._sql(sql) + " RETURNING seq", params).fetchone())
        return int(found["seq"]) if found else 0

    @staticmethod
    def _json(column: str, path: str) -> str:
        *parents, last = path.split(".")
        return f"({column}::jsonb{''.join(f' -> {p!r}' for p in parents)} ->> '{last}')"

    def after_erasure(self) -> None:
        """Dead row versions holding the erased data are reclaimed now, not at the next autovacuum."""
        with self._lock:
            if not self._depth:
                for table in ("rows", "change_log"):
                    self._exec(f"VACUUM {table}")
