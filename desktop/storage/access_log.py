"""The desk's access log: who did what to whose record, append-only and hash-chained, synced.

Every read of a person's record (:mod:`desktop.queries.person_record`), every write of one
(:mod:`desktop.operations`), logins, locks and exports append one entry here, in the caller's
transaction when there is one. Each entry is queued for sync like any change; the server checks the
chain and keeps it (``wpt-server audit``). The entry format and the chain are in :mod:`sync.audit`.

The stored form is compact (migration 13), the entries read back are the ones written, field for field:
ids and hashes are bytes (16 and 32) when they are a UUID and a SHA-256 in their usual text; ``at`` is
milliseconds since 1970 when it is in the form :func:`~desktop.storage.store.utc_now` writes; who, at
which desk, did which action on which kind of record is one row of ``access_log_contexts`` (a few dozen
on a desk), shared by the entries; ``record_id`` is NULL when it is the ``person_id``, ``person_id`` NULL
when there is none; ``prev_hash`` is NULL when it is the hash of entry ``n - 1`` (:data:`GENESIS_HASH`
for the first), which is always so for what :func:`append` writes. Any other value is kept as written.
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any

from desktop.ids import uuid7
from desktop.storage.store import Store, utc_now
from sync.audit import (
    ACCESS_ENTITY,
    ACTIONS,
    GENESIS_HASH,
    AccessEntry,
    chain_problem,
    entry_hash,
    sequence_problem,
)

_UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_HASH_TEXT = re.compile(r"[0-9a-f]{64}")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MILLISECOND = timedelta(milliseconds=1)
CONTEXT_FIELDS = ("desk_id", "operator_id", "operator_name", "action", "record_kind")

# ``at`` as the entry's text, in SQL (the ``since`` filter compares it).
AT_TEXT = ("CASE WHEN typeof(a.at) = 'integer' THEN strftime('%Y-%m-%dT%H:%M:%S', a.at / 1000, 'unixepoch') "
           "|| printf('.%03d+00:00', a.at % 1000) ELSE a.at END")
# The stored rows with their context's fields and the hash of the entry before (for :func:`entry_of`).
SELECT = ("SELECT a.n, a.id, a.at, a.record_id, a.person_id, a.prev_hash, a.hash, "
           "c.desk_id, c.operator_id, c.operator_name, c.action, c.record_kind, "
           "(SELECT p.hash FROM access_log p WHERE p.n = a.n - 1) AS prior_hash "
           "FROM access_log a JOIN access_log_contexts c ON c.k = a.context")


def append(store: Store, action: str, *, record_kind: str = "", record_id: str = "", person_id: str = "",
           operator_id: str | None = None, operator_name: str | None = None, at: str | None = None) -> AccessEntry:
    """Log one access by the logged-in operator (or the one named, for a failed login), made ``at`` (now)."""
    with store.transaction() as conn:
        last = conn.execute("SELECT n, hash FROM access_log ORDER BY n DESC LIMIT 1").fetchone()
        entry, row = _entry(store, last, action, record_kind=record_kind, record_id=record_id, person_id=person_id,
                            operator_id=operator_id, operator_name=operator_name, at=at)
        conn.execute(INSERT, stored_row(conn, row, entry.prev_hash))
        # Not a row the server merges: the stamp only orders it among the desk's changes.
        store.queue_change(ACCESS_ENTITY, entry.id, row, store.clock.now(), entry.at)
    return entry


INSERT = ("INSERT INTO access_log (n, id, at, context, record_id, person_id, prev_hash, hash) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


def stored_row(conn: sqlite3.Connection, entry: Mapping[str, Any], prior_hash: str | None,
               contexts: dict[tuple[Any, ...], int] | None = None) -> tuple[Any, ...]:
    """The values of :data:`INSERT` for an entry's fields (as the wire and the hash have them); ``contexts``:
    the context rows already looked up, by their fields (a batch's entries share theirs)."""
    return (entry["n"], pack_id(entry["id"]), pack_at(entry["at"]), _context(conn, entry, contexts),
            None if entry["record_id"] == entry["person_id"] else pack_id(entry["record_id"]),
            pack_id(entry["person_id"]) if entry["person_id"] else None,
            None if entry["prev_hash"] == prior_hash else pack_hash(entry["prev_hash"]), pack_hash(entry["hash"]))


def _context(conn: sqlite3.Connection, entry: Mapping[str, Any], known: dict[tuple[Any, ...], int] | None) -> int:
    """The ``access_log_contexts`` row of the entry's context fields, added if new; ``known``: the rows
    already looked up, by their fields (kept up to date here)."""
    values = tuple(entry[name] for name in CONTEXT_FIELDS)
    if known is not None and values in known:
        return known[values]
    where = " AND ".join(f"{name} = ?" for name in CONTEXT_FIELDS)
    found = conn.execute(f"SELECT k FROM access_log_contexts WHERE {where}", values).fetchone()
    if found:
        k = int(found[0])
    else:
        k = int(conn.execute(f"INSERT INTO access_log_contexts ({', '.join(CONTEXT_FIELDS)}) "
                             "VALUES (?, ?, ?, ?, ?)", values).lastrowid or 0)
    if known is not None:
        known[values] = k
    return k


def pack_id(text: str) -> str | bytes:
    """A UUID in its canonical text as its 16 bytes; anything else as it is."""
    return bytes.fromhex(text.replace("-", "")) if _UUID_TEXT.fullmatch(text) else text  # = uuid.UUID(text).bytes


def unpack_id(value: str | bytes) -> str:
    return str(uuid.UUID(bytes=value)) if isinstance(value, bytes) else value


def pack_hash(text: str) -> str | bytes:
    """A SHA-256 in lowercase hex as its 32 bytes; anything else as it is."""
    return bytes.fromhex(text) if _HASH_TEXT.fullmatch(text) else text


def unpack_hash(value: str | bytes) -> str:
    return value.hex() if isinstance(value, bytes) else value


@lru_cache(maxsize=64)  # a batch's entries share their time
def pack_at(text: str) -> str | int:
    """A UTC time as :func:`utc_now` writes it as milliseconds since 1970 (the same text read back); else the text."""
    try:
        ms = (datetime.fromisoformat(text) - _EPOCH) // _MILLISECOND
    except (ValueError, TypeError):  # not a time, or one without its offset
        return text
    return ms if ms >= 0 and unpack_at(ms) == text else text


def unpack_at(value: str | int) -> str:
    return (_EPOCH + value * _MILLISECOND).isoformat(timespec="milliseconds") if isinstance(value, int) else value


def entry_of(row: dict[str, Any] | sqlite3.Row, prior_hash: str | bytes | None) -> AccessEntry:
    """The entry a stored row (with its context's fields) holds; ``prior_hash`` that of entry ``n - 1``."""
    person_id = unpack_id(row["person_id"]) if row["person_id"] is not None else ""
    if row["prev_hash"] is not None:
        prev_hash = unpack_hash(row["prev_hash"])
    elif row["n"] == 1 or prior_hash is None:  # (entry n - 1 missing: the chain's check says so first)
        prev_hash = GENESIS_HASH
    else:
        prev_hash = unpack_hash(prior_hash)
    return AccessEntry.model_validate({
        **{name: row[name] for name in CONTEXT_FIELDS}, "n": row["n"], "id": unpack_id(row["id"]),
        "at": unpack_at(row["at"]), "person_id": person_id,
        "record_id": person_id if row["record_id"] is None else unpack_id(row["record_id"]),
        "prev_hash": prev_hash, "hash": unpack_hash(row["hash"])})


def entries(store: Store, *, person_id: str | None = None, operator_name: str | None = None,
            since: str | None = None, limit: int | None = None, newest_first: bool = False) -> list[AccessEntry]:
    """The log's entries (oldest first unless ``newest_first``), filtered."""
    where: list[str] = []
    params: list[object] = []
    if person_id:
        where.append("a.person_id = ?")
        params.append(pack_id(person_id))
    if operator_name:
        where.append("c.operator_name = ? COLLATE NOCASE")
        params.append(operator_name)
    if since:
        where.append(f"{AT_TEXT} >= ?")
        params.append(since)
    sql = SELECT + (f" WHERE {' AND '.join(where)}" if where else "")
    sql += f" ORDER BY a.n {'DESC' if newest_first else 'ASC'}" + (f" LIMIT {int(limit)}" if limit else "")
    return [entry_of(r, r["prior_hash"]) for r in store.query(sql, tuple(params))]


@dataclass(frozen=True)
class Verification:
    """The result of :func:`verify`: how many entries were checked, and the first problem ("" if none)."""

    checked: int
    problem: str
    broken_at: int | None = None


def verify(store: Store) -> Verification:
    """Walk the whole chain; stop at the first entry that is altered, missing or out of place."""
    return verify_entries(_all(store))


def verify_entries(chain: Iterable[AccessEntry]) -> Verification:
    """:func:`verify` of the entries of a desk's log, in their order."""
    previous: AccessEntry | None = None
    checked = 0
    for entry in chain:
        # A missing entry first: the hash of the one after it covers the missing one's hash.
        problem = sequence_problem(entry, previous) or chain_problem(entry, previous)
        if problem:
            return Verification(checked, problem, entry.n)
        previous, checked = entry, checked + 1
    return Verification(checked, "")


def _all(store: Store) -> Iterator[AccessEntry]:
    last = 0
    while True:
        page = store.query(f"{SELECT} WHERE a.n > ? ORDER BY a.n LIMIT 1000", (last,))
        if not page:
            return
        for row in page:
            yield entry_of(row, row["prior_hash"])
        last = page[-1]["n"]


def _entry(store: Store, last: tuple[int, str | bytes] | None, action: str, *, record_kind: str, record_id: str,
           person_id: str, operator_id: str | None, operator_name: str | None,
           at: str | None) -> tuple[AccessEntry, dict[str, object]]:
    """The entry following ``last`` (n and hash of the log's last entry, None if empty), and its row."""
    if action not in ACTIONS:
        raise ValueError(action)
    operator = store.operator
    values: dict[str, object] = {
        "id": uuid7(), "n": (last[0] + 1) if last else 1, "at": at or utc_now(), "desk_id": store.desk_id,
        "operator_id": operator_id if operator_id is not None else (operator.id if operator else ""),
        "operator_name": operator_name if operator_name is not None else (operator.name if operator else ""),
        "action": action, "record_kind": record_kind, "record_id": record_id, "person_id": person_id,
        "prev_hash": unpack_hash(last[1]) if last else GENESIS_HASH,
    }
    entry = AccessEntry.model_validate({**values, "hash": entry_hash(values)})
    return entry, entry.model_dump()


def append_many(store: Store, action: str, records: Sequence[tuple[str, str, str]]) -> list[AccessEntry]:
    """Log one access of the logged-in operator to each of ``records`` (record kind, record id, person id),
    in their order: the entries :func:`append` would log one by one, with one statement (an import's batch)."""
    with store.transaction() as conn:
        last = conn.execute("SELECT n, hash FROM access_log ORDER BY n DESC LIMIT 1").fetchone()
        logged, rows, stored = [], [], []
        contexts: dict[tuple[Any, ...], int] = {}
        at = utc_now()  # one time for the batch, written in one transaction
        for record_kind, record_id, person_id in records:
            entry, row = _entry(store, last, action, record_kind=record_kind, record_id=record_id,
                                person_id=person_id, operator_id=None, operator_name=None, at=at)
            logged.append(entry)
            rows.append(row)
            stored.append(stored_row(conn, row, entry.prev_hash, contexts))
            last = (entry.n, entry.hash)
        conn.executemany(INSERT, stored)
        store.queue_changes(ACCESS_ENTITY, [(entry.id, row, store.clock.now(), entry.at)
                                            for entry, row in zip(logged, rows, strict=True)])
    return logged
