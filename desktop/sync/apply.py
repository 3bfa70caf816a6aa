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
                    report.erased += 1
                    report.erased_edits += bool(purge.unsent or purge.edited_after)
            else:
                sync_tables.park(conn, change.change_id, change.entity, change.row_id, change.model_dump_json(),
                                 problem, utc_now())
                report.parked += 1
                report.invalid += problem != WAITING_REASON
        if report.parked or plain:
            report.unparked = retry_parked(store, report.entities)
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


def retry_parked(store: Store, entities: set[str] | None = None, *, rows: frozenset[str] = frozenset()) -> int:
    """Apply parked changes whose parents have arrived, in arrival order, until nothing moves.

    Changes parked as not valid stay parked (the next change of their row is checked on its own),
    except those of ``rows``: rows a rolled-back change of this desk made them invalid with.
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
    return unparked


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
