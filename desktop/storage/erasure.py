"""Erasure (GDPR art. 17) on this desk: remove a person's rows for good, leaving nothing to read back.

Rows are really deleted here, not tombstoned: the person, the persons merged into them, their requests,
referrals, notes, status history, consents, rectifications and conflict records, every queued, parked or
set-aside change of those rows, and their words in the search index (FTS5 ``secure-delete``; and where
an index page's signpost, the start of its first word, named only erased words, the index is rebuilt:
:func:`_index_signposts_left`).
``secure_delete`` zeroes the freed space (a desk of an earlier version is rebuilt once, at its first
erasure) and a checkpoint empties the WAL (:func:`wipe_after_erasure`), so no page of the file still
holds them. What stays is the
erasure tombstone (:class:`~desktop.domain.models.Erasure`, no personal data), the ids of the removed rows
(a late change of one of them is dropped) and the access log (ids only).
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from desktop.storage import clocks as clocks_column
from desktop.storage.connection import DATABASE_ERROR, FREE_SPACE_ZEROED_KEY
from desktop.storage.search_words import index_words
from desktop.storage.store import Store

_CHUNK = 500


@dataclass(frozen=True)
class Purge:
    """What :func:`purge_person` removed.

    Attributes:
        row_ids: ids of every row removed (persons, requests, referrals, notes, history, consents,
            rectifications, conflicts).
        unsent: changes made on this desk to those rows that had not reached the server yet (discarded).
        edited_after: rows this desk had written after the erasure (an offline edit it overrides).
    """

    row_ids: frozenset[str]
    unsent: int
    edited_after: int = 0


def _rows(conn: sqlite3.Connection, sql: str, values: Iterable[str]) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` for ``values``, its ``{marks}`` bound a chunk of them at a time."""
    values = list(values)
    found: list[tuple[Any, ...]] = []
    for start in range(0, len(values), _CHUNK):
        chunk = values[start:start + _CHUNK]
        found += conn.execute(sql.format(marks=", ".join("?" for _ in chunk)), chunk).fetchall()
    return found


def _ids(conn: sqlite3.Connection, sql: str, values: Iterable[str]) -> list[str]:
    return [row[0] for row in _rows(conn, sql, values)]


def _delete(conn: sqlite3.Connection, sql: str, values: Iterable[str]) -> int:
    values = list(values)
    removed = 0
    for start in range(0, len(values), _CHUNK):
        chunk = values[start:start + _CHUNK]
        marks = ", ".join("?" for _ in chunk)
        removed += conn.execute(sql.format(marks=marks), chunk).rowcount
    return removed


def _index_signposts_left(conn: sqlite3.Connection, erased: set[str]) -> bool:
    """Whether the search index still names an erased word. ``secure-delete`` takes a person's entries off
    the index pages, but each page keeps a signpost (``persons_fts_idx``: the start of its first word,
    after a byte naming the index), which may be the start of an erased phone, surname or code that no
    remaining word begins with. About a thousand signposts at 100,000 persons; the index is rebuilt from
    the persons only when one of them is such a leftover."""
    if not erased:
        return False
    for (term,) in conn.execute("SELECT DISTINCT term FROM persons_fts_idx"):
        start = bytes(term)[1:].decode("utf-8", "ignore") if term else ""
        if len(start) < 2 or not any(word.startswith(start) for word in erased):
            continue  # a letter names nobody
        if conn.execute("SELECT 1 FROM persons_fts WHERE persons_fts MATCH ? LIMIT 1",
                        (f'"{start}"*',)).fetchone() is None:
            return True
    return False


def purge_person(store: Store, person_id: str, erased_stamp: str | None = None) -> Purge:
    """Remove the person and everything of theirs from this desk (inside the caller's transaction).

    ``erased_stamp``: for an erasure received from the server, its stamp: rows this desk wrote after it
    are counted (the operator is told that their edit did not survive the erasure).
    """
    with store.transaction() as conn:
        conn.execute("PRAGMA secure_delete = ON")
        persons = {person_id}
        frontier = [person_id]
        while frontier:  # persons merged into this one are the same human
            merged = set(_ids(conn, "SELECT id FROM sync_person_merges WHERE into_id IN ({marks})", frontier))
            frontier = list(merged - persons)
            persons |= merged
        requests = _ids(conn, "SELECT id FROM requests WHERE person_id IN ({marks})", persons)
        referrals = _ids(conn, "SELECT id FROM referrals WHERE request_id IN ({marks})", requests)
        notes = _ids(conn, "SELECT id FROM notes WHERE request_id IN ({marks})", requests)
        history = _ids(conn, "SELECT id FROM status_changes WHERE subject_id IN ({marks})", [*requests, *referrals])
        consents = _ids(conn, "SELECT id FROM consents WHERE person_id IN ({marks})", persons)
        rectifications = _ids(conn, "SELECT id FROM rectifications WHERE person_id IN ({marks})", persons)
        rows = {*persons, *requests, *referrals, *notes, *history, *consents, *rectifications}
        conflicts = _ids(conn, "SELECT id FROM sync_conflicts WHERE row_id IN ({marks})", rows)
        rows |= set(conflicts)
        unsent = len(_ids(conn, "SELECT change_id FROM outbox WHERE entity != 'access' AND entity != 'erasure' "
                                "AND row_id IN ({marks})", rows))
        edited_after = 0
        if erased_stamp:
            mine = f".{store.desk_id}"
            for table, ids in (("persons", persons), ("requests", requests), ("referrals", referrals),
                               ("notes", notes), ("consents", consents), ("rectifications", rectifications)):
                for clocks in _ids(conn, f"SELECT clocks FROM {table} WHERE id IN ({{marks}})", ids):
                    stamps = clocks_column.decode(clocks).values()
                    edited_after += any(s > erased_stamp and s.endswith(mine) for s in stamps)
        erased_words = {word for values in _rows(
            conn, "SELECT last_name, first_name, fiscal_code, phone FROM persons_fts_values "
                  "WHERE seq IN (SELECT seq FROM persons WHERE id IN ({marks}))", persons)
            for value in values for word in index_words(str(value or ""))}
        _delete(conn, "DELETE FROM import_seen WHERE person_seq IN (SELECT seq FROM persons WHERE id IN ({marks}))",
                persons)
        for table, ids in (("status_changes", history), ("notes", notes), ("referrals", referrals),
                           ("consents", consents), ("rectifications", rectifications), ("requests", requests),
                           ("sync_conflicts", conflicts),
                           ("persons", persons), ("sync_person_merges", persons)):
            _delete(conn, f"DELETE FROM {table} WHERE id IN ({{marks}})", ids)
        _delete(conn, "DELETE FROM outbox WHERE entity NOT IN ('access', 'erasure') AND row_id IN ({marks})", rows)
        parents = [*persons, *requests]
        for table in ("sync_parked", "sync_rejected"):
            _delete(conn, f"DELETE FROM {table} WHERE row_id IN ({{marks}})", rows)
            for parent in ("person_id", "request_id"):
                _delete(conn, f"DELETE FROM {table} WHERE json_extract(change, '$.fields.{parent}') IN ({{marks}})",
                        parents)
        conn.executemany("INSERT OR IGNORE INTO erased_rows (row_id, person_id) VALUES (?, ?)",
                         [(row_id, person_id) for row_id in sorted(rows)])
        if _index_signposts_left(conn, erased_words):
            conn.execute("INSERT INTO persons_fts(persons_fts) VALUES ('rebuild')")
    return Purge(frozenset(rows), unsent, edited_after)


def is_erased(store: Store, row_id: str) -> bool:
    """Whether ``row_id`` was removed by an erasure (its late changes are dropped)."""
    return bool(store.scalar("SELECT 1 FROM erased_rows WHERE row_id = ?", (row_id,)))


def erased_person_of(store: Store, row_id: str) -> str | None:
    value = store.scalar("SELECT person_id FROM erased_rows WHERE row_id = ?", (row_id,))
    return str(value) if value is not None else None


def wipe_after_erasure(store: Store) -> None:
    """After an erasure (its transaction committed): fold the WAL into the database and truncate it, so
    that no page of the file nor of its WAL still holds what was erased.

    The erasure's deletes are zeroed as they free space (``secure_delete``, which the desk's connection
    always runs with). A desk of an earlier version freed space without zeroing it (an acknowledged outbox
    entry, an edit), in pages still in use as in free ones: at its first erasure the whole file is
    rebuilt once (``VACUUM``, 0.6 s at 100,000 persons on the 2-core build machine), and the desk then
    records that its free space is zeros (:data:`~desktop.storage.connection.FREE_SPACE_ZEROED_KEY`; a desk
    set up since records it at set-up)."""
    if store.setting(FREE_SPACE_ZEROED_KEY) != "1":
        try:
            store.read(lambda conn: conn.execute("VACUUM"))
        except DATABASE_ERROR:  # a full disk: the erasure holds; the next one tries again
            logging.getLogger(__name__).warning("the free space of the desk database could not be zeroed")
        else:
            store.set_setting(FREE_SPACE_ZEROED_KEY, "1")

    def run(conn: sqlite3.Connection) -> None:
        if not conn.in_transaction:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()

    store.read(run)
