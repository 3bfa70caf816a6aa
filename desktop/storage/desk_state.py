"""Which state a data folder is in before anything is opened: new, holding an earlier plain database,
or ready for a login. Light on purpose (no driver, no store): the app asks it before its first window."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from desktop.storage.errors import NotADeskDatabaseError, StorageError
from desktop.storage.files import APPLICATION_ID, DB_FILENAME, KEYS_FILENAME, plain_header


class DeskState(Enum):
    NEW = "new"  # nothing in the folder: set it up
    PLAIN = "plain"  # a database of an earlier version, not encrypted: set it up (encrypts it in place)
    READY = "ready"  # an encrypted database with its key file: log in


def desk_state(folder: Path) -> DeskState:
    database = Path(folder) / DB_FILENAME
    if (Path(folder) / KEYS_FILENAME).exists():
        return DeskState.READY
    header = plain_header(database)
    if header is not None:
        version, app_id = header
        if version > 0 and app_id != APPLICATION_ID:
            raise NotADeskDatabaseError(f"Il file {database} non è un database di WPT Desk.")
        return DeskState.PLAIN
    if database.exists() and database.stat().st_size > 0:
        raise StorageError(f"Nella cartella {folder} c'è un database cifrato ma manca il suo file delle chiavi "
                           f"{KEYS_FILENAME}: ripristinarlo dalla copia di sicurezza.")
    return DeskState.NEW
