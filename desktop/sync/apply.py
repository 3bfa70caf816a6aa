"""Apply changes received from the server to a desk database (no outbox entries: they are not local).

Each field is merged last-writer-wins on its stamp (:mod:`sync.merge`), so every replica converges
whatever order changes arrive in. A change that cannot be applied yet — a referral or note whose
request has not arrived, an update of a row not created here yet — is parked and retried after each
batch, in arrival order, until its parent arrives. Runs inside the caller's transaction.

Nothing received is trusted: every change is validated with the same models as a local write (a
value of the wrong type, a garbage stamp, a surname that is not text), and one that does not
validate is parked with its reason — listed on the Sincronizzazione page — instead of being stored
or stopping sync: the pull cursor moves on and the rest of the answer is applied.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from desktop.queries.persons import forget_search_words
from desktop.storage import clocks as clocks_column
from desktop.storage import sync_tables
from desktop.storage.connection import INTEGRITY_ERROR
from desktop.storage.erasure import is_erased, purge_person
from desktop.storage.store import CLOCK_KEY, Store, utc_now
from desktop.storage.sync_tables import WAITING_REASON
from sync.entities import SYNC_ENTITIES, check_row, writable_fields
from sync.merge import merge_fields
from sync.protocol import Change

INVALID_REASON = "modifica ricevuta non valida"
ERASURE_ENTITY = "erasure"
_KEPT_CHARS = 64 * 1024  # of a change that is not even readable, kept for whoever investigates
_TOGETHER_AT_MOST = 16  # parked changes of one row tried together


@dataclass
class ApplyReport:
    applied: int = 0
    parked: int = 0
    unparked: int = 0
    invalid: int = 0  # parked because not valid (not just waiting for a parent)
    # Entity names of the changes applied: what the screens must reload.
    entities: set[str] = field(default_factory=set)
    erased: int = 0  # persons erased (art. 17) by another desk, removed here
    # Of those, how many this desk had edited offline or not yet sent: the erasure won over the edit.
    erased_edits: int = 0


def apply_changes(store: Store, changes: Sequence[Change | Any]) -> ApplyReport:
    """Apply received changes, then retry parked ones; all in one transaction.

    Items that are not a valid :class:`Change` (as :class:`~sync.protocol.ReceivedAnswer` keeps them)
    are parked as received.
    """
    report = ApplyReport()
    newest = store.setting(CLOCK_KEY) or ""
    # A compact snapshot row stands for a few plain changes (Change.expanded): applied as those.
    plain = [one for change in changes for one in (change.expanded() if isinstance(change, Change) else [change])]
    with store.transaction() as conn:
        for change in plain:
            if not isinstance(change, Change):
                _park_unreadable(conn, change)
                report.parked += 1
                report.invalid += 1
                continue
            if change.hlc > newest:
                newest = change.hlc
            store.clock.observe(change.hlc)
            problem = _apply_one(store, change)
            if problem is None:
                report.applied += 1
                report.entities.add(change.entity)
                if change.entity == ERASURE_ENTITY:
                    purge = purge_person(store, change.row_id, change.hlc)
                    forget_search_words(store)
                    report.erased += 1
                    report.erased_edits += bool(purge.unsent or purge.edited_after)
            else:
                sync_tables.park(conn, change.change_id, change.entity, change.row_id, change.model_dump_json(),
                                 problem, utc_now())
                report.parked += 1
                report.invalid += problem != WAITING_REASON
        if report.parked or plain:
            touched = frozenset(c.row_id for c in plain if isinstance(c, Change))
            report.unparked = retry_parked(store, report.entities, together=touched)
        if newest:
            store.remember_stamp(newest)
    return report


def roll_back_rejected(store: Store, rejected: Sequence[tuple[Change, Mapping[str, Any], Mapping[str, str]]]) -> bool:
    """Undo on this desk changes of its own to one record that the server set aside, each given with the
    server's values and stamps of the fields it wrote: each such field, unless written again here since,
    goes back to the server's value and stamp, so this replica holds what every other one holds (the
    changes themselves stay in the review list). Runs inside the caller's transaction.

    All at once: two rejected changes of a record may each contradict the server's row alone and fit it
    together (a corrected birth date, then the codice fiscale of that date, where another desk had
    given the codice fiscale of the old one): rolled back one by one, neither would validate and the
    desk would keep a person no other replica has.

    What the server sends is checked like any received change: only the fields of the changes, with
    valid stamps, and only if the row then validates; otherwise nothing is rolled back. A field the
    server has no value for (the row is not on the server) is left as it is.

    Returns:
        whether anything was rolled back.
    """
    if not rejected:
        return False
    first = rejected[0][0]
    entity = SYNC_ENTITIES.get(first.entity)
    if entity is None or any((c.entity, c.row_id) != (first.entity, first.row_id) for c, _, _ in rejected):
        return False
    row = store.row(entity, first.row_id)
    if row is None:
        return False
    clocks = clocks_column.decode(row["clocks"])
    allowed = writable_fields(entity)
    back: dict[str, Any] = {}
    back_stamps: dict[str, str] = {}
    for change, current, stamps in rejected:
        for name in change.fields:
            if name in allowed and name in current and name in stamps and clocks.get(name) == change.hlc:
                back[name], back_stamps[name] = current[name], stamps[name]
    if not back or check_row(entity, {**row, **back}) is not None:
        return False
    store.merge_remote(entity, first.row_id, back, back_stamps)
    return True


def retry_parked(store: Store, entities: set[str] | None = None, *, rows: frozenset[str] = frozenset(),
                 together: frozenset[str] = frozenset()) -> int:
    """Apply parked changes whose parents have arrived, in arrival order, until nothing moves.

    Changes parked as not valid stay parked (the next change of their row is checked on its own),
    except those of ``rows``: rows a rolled-back change of this desk made them invalid with. Then, on
    ``rows`` and ``together`` (the rows a batch just brought changes for), changes parked as not valid
    are tried together (:func:`_retry_together`).
    """
    unparked = 0
    with store.transaction() as conn:
        progress = True
        while progress:
            progress = False
            for seq, text, reason in sync_tables.parked(store):
                try:
                    change = Change.model_validate_json(text)
                except ValidationError:
                    continue
                if reason.startswith(INVALID_REASON) and change.row_id not in rows:
                    continue
                problem = _apply_one(store, change)
                if problem is None:
                    sync_tables.unpark(conn, seq)
                    unparked += 1
                    progress = True
                    if entities is not None:
                        entities.add(change.entity)
                elif problem != reason:
                    sync_tables.set_parked_reason(conn, seq, problem)
        unparked += _retry_together(store, conn, rows | together, entities)
    return unparked


def _retry_together(store: Store, conn: sqlite3.Connection, rows: frozenset[str], entities: set[str] | None) -> int:
    """Apply, as one write, runs of received changes of one row that do not validate one by one.

    The server's row went through valid states only, but this replica may hold values the server's row
    never had together with them (its own edit that lost there, not yet overwritten here): a corrected
    birth date, then the codice fiscale of that date, each meets here the codice fiscale of the old date
    and is parked. Together they validate, as on the server. Runs of consecutive parked changes of a
    row, in arrival order, are tried (one alone too: it may fit once a run is in); the first one whose
    merged row validates is applied, and the search starts again on that row. Only the row's last
    ``_TOGETHER_AT_MOST`` parked changes are tried: a server sending thousands of invalid changes of one
    row costs a bounded search, not one that grows with them.
    """
    by_row: dict[tuple[str, str], list[tuple[int, Change]]] = {}
    for seq, text, reason in sync_tables.parked(store):
        if not reason.startswith(INVALID_REASON):
            continue
        try:
            change = Change.model_validate_json(text)
        except ValidationError:
            continue
        if change.row_id in rows:
            by_row.setdefault((change.entity, change.row_id), []).append((seq, change))
    unparked = 0
    for group in by_row.values():
        group = group[-_TOGETHER_AT_MOST:]
        while group:
            run = next(((i, j) for i in range(len(group)) for j in range(i, len(group))
                        if _apply_run(store, [change for _, change in group[i:j + 1]])), None)
            if run is None:
                break
            for seq, change in group[run[0]:run[1] + 1]:
                sync_tables.unpark(conn, seq)
                unparked += 1
                if entities is not None:
                    entities.add(change.entity)
            del group[run[0]:run[1] + 1]
    return unparked


def _apply_run(store: Store, run: list[Change]) -> bool:
    """Merge changes of one existing row in order and write them, if the row then validates."""
    entity = SYNC_ENTITIES.get(run[0].entity)
    row = store.row(entity, run[0].row_id) if entity is not None else None
    if entity is None or row is None:
        return False
    allowed = writable_fields(entity)
    values, clocks = dict(row), clocks_column.decode(row["clocks"])
    won: dict[str, Any] = {}
    stamps: dict[str, str] = {}
    for change in run:
        result = merge_fields(values, clocks, {k: v for k, v in change.fields.items() if k in allowed}, change.hlc)
        values.update(result.won)
        clocks.update(result.stamps)
        won.update(result.won)
        stamps.update(result.stamps)
    if not won or check_row(entity, values) is not None:
        return False
    store.merge_remote(entity, run[0].row_id, won, stamps)
    return True


def _apply_one(store: Store, change: Change) -> str | None:
    """Apply one change; None when done, else why it must wait (WAITING_REASON) or cannot be applied."""
    entity = SYNC_ENTITIES.get(change.entity)
    if entity is None:
        # From a newer server: kept, not lost, until this desk is updated.
        return f"tipo di dato sconosciuto «{change.entity}»: aggiornare l'applicazione"
    allowed = writable_fields(entity)
    fields = {k: v for k, v in change.fields.items() if k in allowed}
    if change.entity != ERASURE_ENTITY and _of_erased(store, change.row_id, fields):
        return None  # a late change of an erased person's row: dropped, never stored
    row = store.row(entity, change.row_id)
    try:
        if row is not None:
            result = merge_fields(row, clocks_column.decode(row["clocks"]), fields, change.hlc)
            if result.won:
                problem = check_row(entity, {**row, **result.won})
                if problem is not None:
                    return f"{INVALID_REASON}: {problem.reason}"
                store.merge_remote(entity, change.row_id, result.won, result.stamps)
        else:
            problem = check_row(entity, {**fields, "id": change.row_id})
            if problem is not None:
                # Only required fields missing: an update that came before its row's creation.
                return WAITING_REASON if problem.missing_only else f"{INVALID_REASON}: {problem.reason}"
            store.insert_remote(entity, change.row_id, fields, change.hlc)
    except INTEGRITY_ERROR:
        return WAITING_REASON  # a missing parent (foreign key)
    return None


def _of_erased(store: Store, row_id: str, fields: dict[str, Any]) -> bool:
    parents = [v for k, v in fields.items()
               if k in ("person_id", "request_id", "subject_id", "row_id", "into_id") and isinstance(v, str)]
    return any(is_erased(store, i) for i in (row_id, *parents))


def _park_unreadable(conn: sqlite3.Connection, item: Any) -> None:
    """Keep a received item that is not a valid change, with where it is wrong (field names only)."""
    try:
        Change.model_validate(item)
        where = ""
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        where = ", ".join(sorted({".".join(str(p) for p in e.get("loc", ())[:2]) for e in errors}))[:200]
    try:
        text = json.dumps(item, ensure_ascii=False)[:_KEPT_CHARS]
    except (TypeError, ValueError, RecursionError):
        text = "null"
    data = item if isinstance(item, dict) else {}

    def short(key: str, default: str) -> str:
        value = data.get(key)
        return value if isinstance(value, str) and 0 < len(value) <= 64 else default

    digest = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:32]
    change_id = short("change_id", f"non-valida-{digest}")
    sync_tables.park(conn, change_id, short("entity", "?"), short("row_id", "?"), text,
                     f"{INVALID_REASON}: {where or 'formato'}", utc_now())
