"""The files of a desk's data folder, by name, and what can be told of them without opening them.

Imports nothing but the standard library: the first window (the login) asks which state the desk is in
before the database driver, the key derivation or the store are imported.
"""

from __future__ import annotations

from pathlib import Path

# "WPTD" — marks a file as ours, so another program's SQLite file is never migrated by mistake.
APPLICATION_ID = 0x57505444
DB_FILENAME = "wpt-desk.db"  # the desk database in its data folder
KEYS_FILENAME = "wpt-desk.keys"  # its wrapped database key (desktop.storage.keys)
_PLAIN_HEADER = b"SQLite format 3\x00"


def plain_header(path: Path) -> tuple[int, int] | None:
    """(schema version, application id) of an unencrypted SQLite file, read from its header; None for
    any other file (an encrypted one looks like random bytes)."""
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return None
    if len(header) < 100 or not header.startswith(_PLAIN_HEADER):
        return None
    return int.from_bytes(header[60:64], "big"), int.from_bytes(header[68:72], "big")
