"""Checking and copying a desk database: ``wpt-desk check`` and ``wpt-desk backup``.

The schema check compares the file's tables and columns with the ones the migrations create, read
through sqlite-utils' introspection (``Database.tables``, ``Table.columns_dict``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from desktop.messages import os_reason
from desktop.permissions import private_file
from desktop.storage import migrations
from desktop.storage.connection import desk_of, open_connection, open_copy_target, scratch_connection
from desktop.storage.errors import StorageError
from desktop.storage.row_validation import row_problems
from desktop.storage.store import Store

# The persons the search index holds (one size row each; a count of persons_fts itself would count the
# rows of its content, the persons).
INDEXED_PERSONS = "SELECT count(*) FROM persons_fts_docsize"


def _schema(conn: sqlite3.Connection) -> dict[str, set[str]]:
    db = sqlite_utils.Database(conn, execute_plugins=False)
    # FTS5 shadow tables belong to the virtual table; the virtual table itself is checked.
    return {t.name: set(t.columns_dict) for t in db.tables if not t.name.startswith("persons_fts_")}


def expected_schema() -> dict[str, set[str]]:
    """Tables and columns of a database at the latest schema version."""
    conn = scratch_connection()
    try:
        migrations.migrate(conn)
        return _schema(conn)
    finally:
        conn.close()


def integrity_problems(store: Store) -> list[str]:
    """What is wrong with the database (empty when sound): pages, schema, foreign keys, search index."""
    problems = [r["integrity_check"] for r in store.query("PRAGMA integrity_check")]
    problems = [p for p in problems if p != "ok"]
    found = store.read(_schema)
    for table, columns in expected_schema().items():
        if table not in found:
            problems.append(f"manca la tabella {table}")
        elif missing := sorted(columns - found[table]):
            problems.append(f"nella tabella {table} mancano le colonne {', '.join(missing)}")
    for row in store.query("PRAGMA foreign_key_check"):
        problems.append(f"riferimento mancante in {row['table']} (riga {row['rowid']}) verso {row['parent']}")
    # Read-only comparison of the search index with the persons (FTS5's own 'integrity-check'
    # needs the write lock, and would report a busy database as a damaged one).
    indexed = store.scalar(INDEXED_PERSONS)
    stored = store.scalar("SELECT count(*) FROM persons")
    if indexed != stored:
        problems.append(f"l'indice di ricerca ha {indexed} persone, il database {stored}")
    drifted = store.read(_search_index_drift)
    if drifted:
        problems.append(f"l'indice di ricerca non corrisponde ai dati di {drifted} persone")
    return problems + row_problems(store)


def _search_index_drift(conn: sqlite3.Connection) -> int:
    """Persons whose words in the search index are not those of their columns. The index keeps no copy of
    the columns (its content is a view of the persons): its words are compared with those of an index built
    afresh from the persons, in memory (``fts5vocab``: one row per word and person). That one keeps only
    its words: no content, no prefix indexes."""
    columns = migrations.PERSONS_FTS_COLUMNS
    try:
        conn.execute(f"CREATE VIRTUAL TABLE temp.check_fts USING fts5({columns}, "
                     f"tokenize = '{migrations.PERSONS_FTS_TOKENIZER}', content = '', detail = none)")
        conn.execute(f"INSERT INTO temp.check_fts(rowid, {columns}) SELECT seq, {columns} FROM persons_fts_values")
        conn.execute("CREATE VIRTUAL TABLE temp.check_expected USING fts5vocab(temp, check_fts, instance)")
        conn.execute("CREATE VIRTUAL TABLE temp.check_found USING fts5vocab(main, persons_fts, instance)")
        return int(conn.execute(
            "SELECT count(DISTINCT doc) FROM ("
            "SELECT * FROM (SELECT term, doc FROM temp.check_found EXCEPT SELECT term, doc FROM temp.check_expected) "
            "UNION ALL "
            "SELECT * FROM (SELECT term, doc FROM temp.check_expected EXCEPT SELECT term, doc FROM temp.check_found))"
        ).fetchone()[0])
    finally:
        for table in ("check_found", "check_expected", "check_fts"):
            conn.execute(f"DROP TABLE IF EXISTS temp.{table}")


class BackupCancelled(StorageError):
    """The operator stopped the copy."""


# The moment a copy was made, written in the copy itself (its file's name and date may change on the way).
TAKEN_AT_KEY = "backup_taken_at"


def backup(store: Store, destination: Path, progress: Callable[[int, int], bool] | None = None) -> None:
    """Copy the database to ``destination`` with SQLite's online backup (safe while in use), encrypted with
    the same key, and its key file to ``destination.keys``.

    The copy is written beside the destination and renamed into place, so a failed backup never
    leaves a half-written file under the requested name. An existing file is replaced only if it is an
    earlier copy of this same desk (a nightly job reuses one name); anything else is refused.
    ``progress(done, total)`` (pages) is called as the copy goes; False stops it (no file is left).
    """
    destination = Path(destination)
    own = {store.path.resolve(), *(Path(f"{store.path.resolve()}{suffix}") for suffix in ("-wal", "-shm"))}
    if destination.resolve() in own:
        raise StorageError("La copia di sicurezza non può sostituire il database in uso: scegliere un altro file.")
    if destination.is_symlink() or (destination.exists() and not destination.is_file()):
        raise StorageError(f"{destination} non è un file normale: scegliere un altro nome per la copia.")
    ours = store.keys is not None and desk_of(destination, store.keys.key) == store.desk_id
    if destination.exists() and destination.stat().st_size and not ours:
        raise StorageError(f"{destination} esiste e non è una copia di questo sportello: scegliere un altro nome "
                           "per la copia (una copia precedente dello stesso sportello si può sostituire).")
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    if store.keys is None:
        raise StorageError("Il database non è stato aperto con la sua chiave: la copia non si può fare.")
    try:
        private_file(partial)  # owner-only from the first byte (the rename keeps the mode)
    except OSError as exc:  # named as the user gave it: the temporary name is ours
        raise StorageError(f"La copia non si può scrivere in {destination}: {os_reason(exc)}.") from None
    target = open_copy_target(partial, store.keys.key)
    # A connection of its own: the copy (seconds for a large desk) holds none of the store's locks, so the
    # window's reads and writes go on meanwhile (WAL: the copy reads one consistent snapshot).
    source: sqlite3.Connection | None = None
    try:
        source = open_connection(store.path, latest_version=migrations.LATEST_VERSION, key=store.keys.key,
                                 readonly=True)
        if progress is None:
            source.backup(target)
        else:
            def step(_status: int, remaining: int, total: int) -> None:
                if not progress(total - remaining, total):
                    raise BackupCancelled("Copia di sicurezza annullata: nessun file è stato scritto.")

            source.backup(target, pages=64, progress=step)
        source.close()
        target.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                       (TAKEN_AT_KEY, datetime.now(UTC).isoformat(timespec="seconds")))
        target.execute("PRAGMA journal_mode = DELETE")
        target.close()
        partial.replace(destination)
        # The copy opens with the same passwords and recovery key: its key file goes beside it.
        store.keys.load().save(key_file_of_backup(destination))
    except BaseException:
        if source is not None:
            source.close()
        target.close()
        partial.unlink(missing_ok=True)
        raise


def key_file_of_backup(backup_file: Path) -> Path:
    """Where :func:`backup` writes the key file of a copy (``FILE.keys``): both are needed to restore it."""
    return backup_file.with_name(backup_file.name + ".keys")


def startup_problems(store: Store) -> list[str]:
    """The quick check the app makes at start (empty when sound): SQLite's ``quick_check`` of the pages,
    the schema version, and the search index against the persons (a second or less at 100,000 persons)."""
    problems = [str(r["quick_check"]) for r in store.query("PRAGMA quick_check") if r["quick_check"] != "ok"]
    version = store.scalar("PRAGMA user_version")
    if version != migrations.LATEST_VERSION:
        problems.append(f"lo schema è alla versione {version}, atteso {migrations.LATEST_VERSION}")
    indexed = store.scalar(INDEXED_PERSONS)
    stored = store.scalar("SELECT count(*) FROM persons")
    if indexed != stored:
        problems.append(f"l'indice di ricerca ha {indexed} persone, il database {stored}")
    return problems[:5]
