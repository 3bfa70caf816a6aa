"""Desks for tests: real encrypted desk databases, set up as ``wpt-desk init`` does.

Argon2id runs with a light cost here (tests make hundreds of desks); the cost of a real desk is the
default of :class:`desktop.storage.keys.KdfParams`, measured in the README.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import sqlcipher3

from desktop.storage.keys import KdfParams, KeyFile, unwrap
from desktop.storage.maintenance import key_file_of_backup
from desktop.storage.opening import DeskState, Password, desk_state, open_store, set_up_desk
from desktop.storage.store import Store

ADMIN, PASSWORD = "Amministratore", "password-di-prova"
FAST_KDF = KdfParams(time_cost=1, memory_kib=64, parallelism=1)


def set_up(folder: Path) -> None:
    """Set the desk in ``folder`` up (first administrator :data:`ADMIN`) unless it already is."""
    if desk_state(folder) is not DeskState.READY:
        set_up_desk(folder, ADMIN, PASSWORD, kdf=FAST_KDF)


def database_key(folder: Path) -> bytes:
    """The desk's database key, unwrapped with the administrator's password (to tamper in tests)."""
    wrap = KeyFile.load(KeyFile.path_in(folder)).operator_wrap(ADMIN)
    assert wrap is not None
    key = unwrap(wrap, PASSWORD)
    assert key is not None
    return key


def raw_connection(folder: Path) -> sqlite3.Connection:
    """A bare SQLCipher connection to the desk's database, keyed, with no checks (to tamper in tests)."""
    conn: sqlite3.Connection = sqlcipher3.connect(str(folder / "wpt-desk.db"), isolation_level=None,
                                                  check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{database_key(folder).hex()}'\"")
    return conn


def unkeyed_connection(path: Path) -> sqlite3.Connection:
    """A plain (unencrypted) database file on the desk's own SQLite, SQLCipher's, in autocommit: an older
    schema to migrate (the schema needs that SQLite; Python's own may be older)."""
    conn: sqlite3.Connection = sqlcipher3.connect(str(path), isolation_level=None)
    return conn


def restore_backup(backup_file: Path, folder: Path) -> Path:
    """Put a backup and its key file in a new data folder, as IT restores one; return the folder."""
    folder.mkdir(parents=True)
    shutil.copyfile(backup_file, folder / "wpt-desk.db")
    shutil.copyfile(key_file_of_backup(backup_file), KeyFile.path_in(folder))
    return folder


def open_desk(folder: Path) -> Store:
    """The desk in ``folder`` (set up on first use), opened by its administrator."""
    set_up(folder)
    return open_store(folder, Password(ADMIN, PASSWORD))


# The commands that open the desk database (the others never touch the data folder).
OPENING_COMMANDS = frozenset({"demo", "import", "export", "backup", "check", "enroll", "sync", "conflicts", "audit",
                              "operator", "unattended", "person", "backups", "restore", "retention", "slip"})


def cli_env(data_dir: Path, args: tuple[object, ...]) -> dict[str, str]:
    """What a command run by a test needs: the administrator's login, and the desk set up if new."""
    if args and str(args[0]) in OPENING_COMMANDS and not (data_dir / "wpt-desk.db").exists():
        set_up(data_dir)
    return {"WPT_OPERATOR": ADMIN, "WPT_PASSWORD": PASSWORD}
