"""The one place where SQLite connections are opened.

Encryption at rest (SQLCipher through ``sqlcipher3``) will be added here: every connection of the
application, the CLI and sync comes from :func:`open_connection`.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.errors import describe_os_error
from desktop.permissions import private_dir, private_file, tighten
from desktop.storage.errors import NotADeskDatabaseError, SchemaTooNewError, StorageError

# "WPTD" — marks a file as ours, so another program's SQLite file is never migrated by mistake.
APPLICATION_ID = 0x57505444
BUSY_TIMEOUT_MS = 10_000


def open_connection(path: Path, *, latest_version: int, readonly: bool = False) -> sqlite3.Connection:
    """Open the desk database at ``path`` with the project's settings.

    The schema version is read before anything is written, so a file from a newer version or from
    another program is refused untouched.

    Raises:
        SchemaTooNewError: the file was written by a newer version of WPT Desk.
        NotADeskDatabaseError: the file is corrupt or not a WPT Desk database.
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
    uri = f"{path.resolve().as_uri()}?mode={'ro' if readonly else 'rwc'}"
    try:
        # isolation_level=None: no implicit transactions; writes go through Store.transaction().
        conn = sqlite3.connect(
            uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False, isolation_level=None
        )
    except sqlite3.Error as exc:
        raise StorageError(f"Impossibile aprire il database {path}: {exc}.") from exc
    try:
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
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
    except BaseException:
        conn.close()
        raise
    return conn


def _read_header(conn: sqlite3.Connection, path: Path) -> tuple[int, int]:
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        # user_version is in the header and can look fine on a damaged file; touch the schema too.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as exc:
        raise NotADeskDatabaseError(
            f"Il file {path} è danneggiato o non è un database di WPT Desk ({exc})."
        ) from exc
    return int(version), int(app_id)
