"""The desk's key/value settings table, written inside the caller's transaction."""

from __future__ import annotations

import sqlite3


def write_setting(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    """Upsert a setting (None stores NULL, read back as absent)."""
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
