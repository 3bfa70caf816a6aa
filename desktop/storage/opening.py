"""Opening a desk database: open the file, bring its schema up to date, give it an identity and seed it.

Every program that works on a desk (the app, the CLI, sync, the self-test) opens it here::

    with open_store(data_dir) as store:
        ...
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.domain.models import Desk, Operator
from desktop.domain.roles import Role
from desktop.ids import uuid7
from desktop.storage import migrations
from desktop.storage.connection import open_connection
from desktop.storage.seed import seed_reference
from desktop.storage.settings_table import write_setting
from desktop.storage.store import DB_FILENAME, DESK_ID_KEY, OPERATOR_ID_KEY, Store


def open_store(folder: Path) -> Store:
    """The desk database in a data folder (created on first use)."""
    return open_store_file(Path(folder) / DB_FILENAME)


def open_store_file(path: Path) -> Store:
    """The desk database at ``path``: opened, migrated, with its identity and the reference data.

    Raises:
        SchemaTooNewError, NotADeskDatabaseError, StorageError: see :func:`open_connection`.
    """
    conn = open_connection(Path(path), latest_version=migrations.LATEST_VERSION)
    try:
        migrations.migrate(conn)
        _ensure_identity(conn)
        store = Store(conn, Path(path))
    except BaseException:
        conn.close()
        raise
    try:
        _ensure_desk_and_operator(store)
        seed_reference(store)
        operator = store.get(Operator, store.setting(OPERATOR_ID_KEY) or "")
        if operator is not None:
            store.sign_in(operator)
    except BaseException:
        store.close()
        raise
    return store


def _ensure_identity(conn: sqlite3.Connection) -> None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (DESK_ID_KEY,)).fetchone()
    if row and row[0]:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not conn.execute("SELECT value FROM settings WHERE key = ?", (DESK_ID_KEY,)).fetchone():
            write_setting(conn, DESK_ID_KEY, uuid7())
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _ensure_desk_and_operator(store: Store) -> None:
    """The desk's own record and the operator working at it, made on first opening."""
    if store.get(Desk, store.desk_id) is not None and store.setting(OPERATOR_ID_KEY):
        return
    with store.transaction() as conn:
        if store.get(Desk, store.desk_id) is None:
            store.save(Desk(id=store.desk_id, name="Sportello WPT"))
        if not store.setting(OPERATOR_ID_KEY):
            operator = store.save(Operator(name="Operatore", desk_id=store.desk_id, role=Role.ADMINISTRATOR))
            write_setting(conn, OPERATOR_ID_KEY, operator.id)
