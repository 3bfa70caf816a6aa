"""The one place where desk database connections are opened: SQLCipher, encrypted at rest.

Every connection of the application, the CLI and sync comes from :func:`open_connection`, keyed with
the desk's 256-bit database key (unwrapped from the key file by :mod:`desktop.storage.keys`). SQLCipher
encrypts every page of the database and of its WAL; temporary tables and indices stay in memory
(``TEMP_STORE=2`` in the bundled SQLCipher, ``temp_store = MEMORY`` here). The driver is ``sqlcipher3``,
the standard ``sqlite3`` module built on SQLCipher: the same DB-API, typed here as ``sqlite3``'s.
Its exceptions are its own classes: catch :data:`DB_ERROR`, :data:`INTEGRITY_ERROR` and the like.

A database written by an earlier version of WPT Desk is plain SQLite: :func:`is_plain_sqlite` tells it,
and :func:`encrypt_in_place` turns it into an encrypted one, keeping every record.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlcipher3.dbapi2 as driver

from desktop.messages import describe_os_error, describe_sqlite_error
from desktop.permissions import private_dir, private_file, tighten
from desktop.storage.errors import NotADeskDatabaseError, SchemaTooNewError, StorageError
from desktop.storage.files import APPLICATION_ID as APPLICATION_ID
from desktop.storage.files import DB_FILENAME as DB_FILENAME
from desktop.storage.files import plain_header as plain_header

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 64 * 1024
# What a write frees is zeroed, in the page it leaves and in the pages it frees whole (FAST would leave
# those as they were): a rectified surname, a deleted note, a trimmed outbox entry does not stay in the
# file's free space until it is reused.
SECURE_DELETE = "ON"
# The setting saying the desk's free space is all zeros: set up since SECURE_DELETE, or rebuilt once (an
# earlier version did not zero what it freed: desktop/storage/erasure.py rebuilds such a desk at its first
# erasure).
FREE_SPACE_ZEROED_KEY = "free_space_zeroed"

# The driver's exceptions, with the standard module's (the server and the schema check use it).
DB_ERROR: tuple[type[Exception], ...] = (driver.Error, sqlite3.Error)
DATABASE_ERROR: tuple[type[Exception], ...] = (driver.DatabaseError, sqlite3.DatabaseError)
INTEGRITY_ERROR: tuple[type[Exception], ...] = (driver.IntegrityError, sqlite3.IntegrityError)
OPERATIONAL_ERROR: tuple[type[Exception], ...] = (driver.OperationalError, sqlite3.OperationalError)
PROGRAMMING_ERROR: tuple[type[Exception], ...] = (driver.ProgrammingError, sqlite3.ProgrammingError)


def open_connection(path: Path, *, latest_version: int, key: bytes, readonly: bool = False) -> sqlite3.Connection:
    """Open the encrypted desk database at ``path`` with its ``key`` and the project's settings.

    The schema version is read before anything is written, so a file from a newer version or from
    another program is refused untouched.

    Raises:
        SchemaTooNewError: the file was written by a newer version of WPT Desk.
        NotADeskDatabaseError: the file is corrupt, not a WPT Desk database, or not encrypted with ``key``.
        StorageError: the folder cannot be written.
    """
    if path.is_file() and path.stat().st_size == 0 and not Path(f"{path}-wal").exists():
        # SQLite would take an empty file for a new database: a desk whose file was emptied by a disk
        # fault would silently start again, with a new identity.
        raise NotADeskDatabaseError(
            f"Il database {path} è vuoto (0 byte): ripristinare una copia di sicurezza, oppure spostarlo "
            "altrove per iniziare uno sportello nuovo."
        )
    if not readonly:
        try:
            private_dir(path.parent)
            # Owner-only before SQLite opens it: the WAL and shared-memory files take the same mode.
            private_file(path)
            for suffix in ("-wal", "-shm"):
                tighten(Path(f"{path}{suffix}"))
        except OSError as exc:
            raise StorageError(f"Impossibile creare la cartella dei dati: {describe_os_error(exc)}") from exc
    conn = _connect(path, readonly=readonly)
    try:
        _key(conn, key)
        version, app_id = _read_header(conn, path)
        if version > latest_version:
            raise SchemaTooNewError(
                f"Il database {path} è stato creato da una versione più recente di WPT Desk "
                f"(schema {version}, questa versione gestisce fino allo schema {latest_version}): "
                "aggiornare l'applicazione. Il database non è stato modificato."
            )
        if version > 0 and app_id != APPLICATION_ID:
            raise NotADeskDatabaseError(f"Il file {path} non è un database di WPT Desk.")
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        # SQLCipher decrypts (and checks the HMAC of) each page it reads into its cache: a cache that holds
        # the desk's working set (64 MiB: 100,000 persons' tables and indexes) pays that once, not per query.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute(f"PRAGMA secure_delete = {SECURE_DELETE}")
    except BaseException:
        conn.close()
        raise
    return conn


def scratch_connection() -> sqlite3.Connection:
    """An in-memory database of the bundled SQLCipher: the desk's own SQLite, whose features the schema
    needs (Python's sqlite3 may be older)."""
    conn: sqlite3.Connection = driver.connect(":memory:", isolation_level=None)
    return conn


def open_copy_target(path: Path, key: bytes) -> sqlite3.Connection:
    """A new, empty database file encrypted with ``key``: where a backup is copied."""
    conn = _connect(path, readonly=False)
    _key(conn, key)
    return conn


def desk_of(path: Path, key: bytes) -> str | None:
    """The desk id in a WPT Desk database file encrypted with ``key`` (None for any other file)."""
    try:
        conn = _connect(path, readonly=True)
    except StorageError:
        return None
    try:
        _key(conn, key)
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return None
        row = conn.execute("SELECT value FROM settings WHERE key = 'desk_id'").fetchone()
        return str(row[0]) if row else None
    except DB_ERROR:
        return None
    finally:
        conn.close()


def is_plain_sqlite(path: Path) -> bool:
    """True for an unencrypted SQLite file (a desk database of an earlier version, or another program's)."""
    return plain_header(path) is not None


def encrypt_in_place(path: Path, key: bytes) -> None:
    """Encrypt the plain SQLite database at ``path`` with ``key``, keeping every record.

    The encrypted copy is written beside it, checked, and renamed over it; the plain WAL and shared
    memory files are folded in first and removed. Raises StorageError if the file is busy.
    """
    partial = path.with_name(path.name + ".encrypting")
    partial.unlink(missing_ok=True)
    conn = driver.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0].lower() != "delete":
            raise StorageError(f"Il database {path} è in uso da un altro programma: chiuderlo e riprovare.")
        conn.execute("ATTACH DATABASE ? AS encrypted KEY ?", (str(partial), _key_literal(key)))
        conn.execute("SELECT sqlcipher_export('encrypted')")
        conn.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        conn.execute(f"PRAGMA encrypted.application_id = {int(app_id)}")
        conn.execute("DETACH DATABASE encrypted")
    except driver.Error as exc:
        partial.unlink(missing_ok=True)
        raise StorageError(f"Impossibile cifrare il database {path}: {describe_sqlite_error(exc)}") from exc
    finally:
        conn.close()
    check = open_copy_target(partial, key)
    try:
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StorageError(f"La copia cifrata di {path} non è integra: il database non è stato modificato.")
    finally:
        check.close()
    with open(partial, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(partial, path)
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
    try:
        # isolation_level=None: no implicit transactions; writes go through Store.transaction().
        conn: sqlite3.Connection = driver.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
        )
    except driver.Error as exc:
        raise StorageError(f"Impossibile aprire il database {path}: controllare che il file e la sua cartella "
                           "esistano e siano accessibili.") from exc
    # A wrong key is our error to report in one sentence, not SQLCipher's lines on stderr.
    conn.execute("PRAGMA cipher_log_level = NONE")
    return conn


def _key_literal(key: bytes) -> str:
    return f"x'{key.hex()}'"


def _key(conn: sqlite3.Connection, key: bytes) -> None:
    if len(key) != 32:
        raise ValueError("the database key has 32 bytes")
    # A raw key (no passphrase derivation): the key is already random, derived once when unwrapped.
    conn.execute(f"PRAGMA key = \"{_key_literal(key)}\"")


def _read_header(conn: sqlite3.Connection, path: Path) -> tuple[int, int]:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        # user_version is in the header and can look fine on a damaged file; touch the schema too.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except driver.DatabaseError as exc:
        raise NotADeskDatabaseError(
            f"Il file {path} è danneggiato, non è un database di WPT Desk o non corrisponde al suo file delle "
            "chiavi: ripristinare una copia di sicurezza (wpt-desk restore --latest)."
        ) from exc
    return int(version), int(app_id)
