"""The words of a typed search as the persons' search index reads them, by the index's own tokenizer.

The index keeps no word positions (migration 14), so each word searched must be one word of the index:
a phrase («a_b», which the tokenizer reads as two words) cannot be searched. Splitting the text in
Python would disagree with SQLite's tables of letters here and there; the tokenizer itself cannot.
It runs on an in-memory table of one row, inserted and rolled back (about 40 µs), one per thread.
"""

from __future__ import annotations

import sqlite3
import threading

from desktop.storage.connection import scratch_connection
from desktop.storage.migrations import PERSONS_FTS_TOKENIZER

_local = threading.local()


def _connection() -> sqlite3.Connection:
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = scratch_connection()
        conn.execute(f"CREATE VIRTUAL TABLE temp.typed USING fts5(text, tokenize = '{PERSONS_FTS_TOKENIZER}')")
        conn.execute("CREATE VIRTUAL TABLE temp.typed_words USING fts5vocab(temp, typed, instance)")
        _local.conn = conn
    return conn


def index_words(text: str) -> list[str]:
    """The words of ``text`` in order, folded as the index stores them (lower case, no accents). The
    whole text: a caller holding typed text bounds it first (desktop.queries.persons.MAX_TYPED)."""
    conn = _connection()
    conn.execute("BEGIN")
    try:
        # A lone surrogate (text from elsewhere than a keyboard) cannot be bound: it becomes a separator.
        typed = text.encode("utf-8", "replace").decode("utf-8")
        conn.execute("INSERT INTO temp.typed(rowid, text) VALUES (1, ?)", (typed,))
        return [str(row[0]) for row in conn.execute("SELECT term FROM temp.typed_words ORDER BY offset")]
    finally:
        conn.execute("ROLLBACK")
