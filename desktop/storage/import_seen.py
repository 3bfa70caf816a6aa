"""The rows an import has already written, so that importing the same file again skips them.

A row's cells (after the header's column names) hash to 64 bits; the table keeps, for each row
imported, the person it became and that person's ``updated_at`` then. A row seen before whose person
has not changed since (not edited, merged, deleted or restricted meanwhile) would be validated, matched
and merged into exactly the person it already is: it is reported unchanged without that work. Local to
this desk (never synced); an erasure removes the entries of the person erased
(:mod:`desktop.storage.erasure`): a hash of a person's data is that person's data.

``updated_at`` is kept as :func:`updated_at_sql` makes it: milliseconds since 1970 when the person's
``updated_at`` is in the form :func:`~desktop.storage.store.utc_now` writes (6 bytes instead of 29), the
text itself otherwise; the same expression on the person's column tells whether it is unchanged.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from desktop.storage.store import Store


def updated_at_sql(column: str) -> str:
    """SQL for what the table keeps of an ``updated_at`` (see the module's text): one value per text."""
    form = "[0-9]" * 4 + "-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]+00:00"
    return (f"CASE WHEN {column} GLOB '{form}' THEN coalesce(CAST(strftime('%s', {column}) AS INTEGER) * 1000 "
            f"+ CAST(substr({column}, 21, 3) AS INTEGER), {column}) ELSE {column} END")


def row_key(row: dict[str, str]) -> int:
    """The 64-bit key of an import row (column name and cell of each field)."""
    text = "\x1f".join(f"{column}\x1e{cell}" for column, cell in row.items())
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def already_imported(store: Store, key: int) -> bool:
    """True if the row was imported before and its person is unchanged, live and not restricted since."""
    return bool(already_imported_many(store, [key]))


def already_imported_many(store: Store, keys: Sequence[int]) -> set[int]:
    """Which of ``keys`` :func:`already_imported` says, from one query."""
    if not keys:
        return set()
    return {row["key"] for row in store.query(
        "SELECT s.key FROM import_seen s JOIN persons p ON p.seq = s.person_seq "
        f"WHERE s.key IN ({', '.join('?' for _ in keys)}) AND s.updated_at = {updated_at_sql('p.updated_at')} "
        "AND p.deleted = 0 "
        "AND p.restricted = 0", tuple(keys))}


def remember(store: Store, key: int, person_id: str) -> None:
    """The row ``key`` is now person ``person_id`` as it stands (inside the import's transaction)."""
    remember_many(store, [(key, person_id)])


def remember_many(store: Store, rows: Iterable[tuple[int, str]]) -> None:
    """Each row key of ``rows`` is now its person (key, person id), as :func:`remember` says."""
    with store.transaction() as conn:
        conn.executemany("INSERT OR REPLACE INTO import_seen (key, person_seq, updated_at) "
                         f"SELECT ?, seq, {updated_at_sql('updated_at')} FROM persons WHERE id = ?", rows)
