"""The desk's access log: who did what to whose record, append-only and hash-chained, synced.

Every read of a person's record (:mod:`desktop.queries.person_record`), every write of one
(:mod:`desktop.operations`), logins, locks and exports append one entry here, in the caller's
transaction when there is one. Each entry is queued for sync like any change; the server checks the
chain and keeps it (``wpt-server audit``). The entry format and the chain are in :mod:`sync.audit`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from desktop.ids import uuid7
from desktop.storage.store import Store, utc_now
from sync.audit import ACCESS_ENTITY, ACTIONS, GENESIS_HASH, AccessEntry, chain_problem, entry_hash


def append(store: Store, action: str, *, record_kind: str = "", record_id: str = "", person_id: str = "",
           operator_id: str | None = None, operator_name: str | None = None, at: str | None = None) -> AccessEntry:
    """Log one access by the logged-in operator (or the one named, for a failed login), made ``at`` (now)."""
    with store.transaction() as conn:
        last = conn.execute("SELECT n, hash FROM access_log ORDER BY n DESC LIMIT 1").fetchone()
        entry, row = _entry(store, last, action, record_kind=record_kind, record_id=record_id, person_id=person_id,
                            operator_id=operator_id, operator_name=operator_name, at=at)
        conn.execute(_insert_sql(row), tuple(row.values()))
        # Not a row the server merges: the stamp only orders it among the desk's changes.
        store.queue_change(ACCESS_ENTITY, entry.id, row, store.clock.now(), entry.at)
    return entry


def entries(store: Store, *, person_id: str | None = None, operator_name: str | None = None,
            since: str | None = None, limit: int | None = None, newest_first: bool = False) -> list[AccessEntry]:
    """The log's entries (oldest first unless ``newest_first``), filtered."""
    where, params = [], []
    if person_id:
        where.append("person_id = ?")
        params.append(person_id)
    if operator_name:
        where.append("operator_name = ? COLLATE NOCASE")
        params.append(operator_name)
    if since:
        where.append("at >= ?")
        params.append(since)
    sql = "SELECT * FROM access_log" + (f" WHERE {' AND '.join(where)}" if where else "")
    sql += f" ORDER BY n {'DESC' if newest_first else 'ASC'}" + (f" LIMIT {int(limit)}" if limit else "")
    return [AccessEntry.model_validate(r) for r in store.query(sql, tuple(params))]


@dataclass(frozen=True)
class Verification:
    """The result of :func:`verify`: how many entries were checked, and the first problem ("" if none)."""

    checked: int
    problem: str
    broken_at: int | None = None


def verify(store: Store) -> Verification:
    """Walk the whole chain; stop at the first entry that is altered, missing or out of place."""
    previous: AccessEntry | None = None
    checked = 0
    for entry in _all(store):
        problem = chain_problem(entry, previous)
        if problem:
            return Verification(checked, problem, entry.n)
        previous, checked = entry, checked + 1
    return Verification(checked, "")


def _all(store: Store) -> Iterator[AccessEntry]:
    last = 0
    while True:
        page = store.query("SELECT * FROM access_log WHERE n > ? ORDER BY n LIMIT 1000", (last,))
        if not page:
            return
        for row in page:
            yield AccessEntry.model_validate(row)
        last = page[-1]["n"]


def _entry(store: Store, last: tuple[int, str] | None, action: str, *, record_kind: str, record_id: str,
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
        "prev_hash": last[1] if last else GENESIS_HASH,
    }
    entry = AccessEntry.model_validate({**values, "hash": entry_hash(values)})
    return entry, entry.model_dump()


def _insert_sql(row: dict[str, object]) -> str:
    return f"INSERT INTO access_log ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"


def append_many(store: Store, action: str, records: Sequence[tuple[str, str, str]]) -> list[AccessEntry]:
    """Log one access of the logged-in operator to each of ``records`` (record kind, record id, person id),
    in their order: the entries :func:`append` would log one by one, with one statement (an import's batch)."""
    with store.transaction() as conn:
        last = conn.execute("SELECT n, hash FROM access_log ORDER BY n DESC LIMIT 1").fetchone()
        logged, rows = [], []
        for record_kind, record_id, person_id in records:
            entry, row = _entry(store, last, action, record_kind=record_kind, record_id=record_id,
                                person_id=person_id, operator_id=None, operator_name=None, at=None)
            logged.append(entry)
            rows.append(row)
            last = (entry.n, entry.hash)
        if rows:
            conn.executemany(_insert_sql(rows[0]), [tuple(row.values()) for row in rows])
        store.queue_changes(ACCESS_ENTITY, [(entry.id, row, store.clock.now(), entry.at)
                                            for entry, row in zip(logged, rows, strict=True)])
    return logged
