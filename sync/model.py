"""What "nothing lost" means, as an executable model: pure functions over the server's log of writes.

The rules the desks and the server implement (:mod:`sync.merge`, :mod:`sync.server.engine`,
:mod:`desktop.sync`), stated once and without their machinery, so that a test can hold the real
system to them (``tests/sync/test_model_stateful.py``). No I/O, no clock, no database.

The input is the log the server keeps: every accepted write, desks' and the server's own, in the
order the server accepted it, each with what its writer had seen (``seen``: the log position its
desk had pulled when it wrote; the server, every earlier entry). Changes the server set aside are
not in the log: they are review items of the desk that made them.

The rules:

1. **Last writer wins, per field.** A field's value is the one of its write with the greatest stamp,
   whatever order writes arrive in; every replica holds that state (:func:`replay`).
2. **Nothing is overwritten silently.** A write whose value is not the field's value was either
   replaced by a writer that had seen it (its own desk later, or a desk that had pulled it), or is
   kept in a conflict record of that field: its value and stamp (:func:`silently_lost`).
3. **One person per codice fiscale.** Of live persons sharing a codice fiscale exactly one survives:
   the one whose first write reached the server first, never the one a clock or an id would pick
   (:func:`fiscal_code_problems`); the others are tombstones with a merge record.
4. **An edit that meets a deletion is reviewed.** An edit of a record that no deletion of it had seen
   (every deletion was made without it) leaves a conflict record on the
   ``deleted`` field of that record, unless the edit already lost to another edit and is in a
   conflict record of its own (:func:`unreviewed_deleted_edits`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SERVER = "server"
CREATION = frozenset({"origin_desk", "created_at"})


@dataclass(frozen=True)
class Write:
    """One accepted write, as the server logged it.

    Attributes:
        seq: its position in the log.
        entity, row_id: the record written.
        fields: the values it wrote.
        stamp: its hybrid logical clock stamp (stamps compare as strings).
        desk: who wrote it (a desk's id, or :data:`SERVER`).
        seen: the log position its writer had pulled when it wrote (the server: ``seq - 1``).
    """

    seq: int
    entity: str
    row_id: str
    fields: Mapping[str, Any]
    stamp: str
    desk: str
    seen: int


@dataclass(frozen=True)
class Reviewed:
    """A conflict record: a value of a field of a record that lost (or was kept), with its stamp."""

    entity: str
    row_id: str
    field: str
    value: Any
    stamp: str


@dataclass
class Row:
    values: dict[str, Any] = field(default_factory=dict)
    stamps: dict[str, str] = field(default_factory=dict)


State = dict[tuple[str, str], Row]


def replay(log: Iterable[Write]) -> State:
    """Rule 1: each field of each record holds the value of its write with the greatest stamp."""
    state: State = {}
    for write in log:
        row = state.setdefault((write.entity, write.row_id), Row())
        for name, value in write.fields.items():
            if write.stamp > row.stamps.get(name, ""):
                row.values[name], row.stamps[name] = value, write.stamp
    return state


def had_seen(later: Write, earlier: Write) -> bool:
    """Whether the writer of ``later`` had seen ``earlier`` when it wrote (ground truth, not a guess)."""
    if later.desk == earlier.desk and later.stamp > earlier.stamp:
        return True
    return earlier.seq <= later.seen


def silently_lost(log: Sequence[Write], state: State, reviewed: Iterable[Reviewed]) -> list[tuple[Write, str]]:
    """Rule 2: the (write, field) pairs whose value vanished: not the field's value, not replaced by a
    writer that had seen it, and not in a conflict record. Empty when nothing was lost."""
    kept = {(r.entity, r.row_id, r.field, r.stamp) for r in reviewed}
    by_field: dict[tuple[str, str, str], list[Write]] = {}
    for write in log:
        for name in write.fields:
            by_field.setdefault((write.entity, write.row_id, name), []).append(write)
    lost = []
    for write in log:
        row = state.get((write.entity, write.row_id))
        if row is None:
            continue
        for name, value in write.fields.items():
            if row.stamps.get(name) == write.stamp or row.values.get(name) == value:
                continue
            if any(other is not write and had_seen(other, write)
                   for other in by_field[(write.entity, write.row_id, name)]):
                continue
            if (write.entity, write.row_id, name, write.stamp) not in kept:
                lost.append((write, name))
    return lost


def first_arrival(log: Iterable[Write], entity: str) -> dict[str, int]:
    """The log position of the first write of every record of ``entity``."""
    first: dict[str, int] = {}
    for write in log:
        if write.entity == entity:
            first.setdefault(write.row_id, write.seq)
    return first


def fiscal_code_problems(log: Sequence[Write], state: State, merged_into: Mapping[str, str]) -> list[str]:
    """Rule 3: what breaks "one person per codice fiscale, the first that arrived" (empty when none).

    ``merged_into``: the merges of persons sharing a codice fiscale (merged person → survivor); at the
    time of each, both were live, so the survivor is the one that had arrived first.
    """
    arrival = first_arrival(log, "person")
    by_code: dict[str, list[str]] = {}
    for (entity, row_id), row in state.items():
        code = row.values.get("fiscal_code")
        if entity == "person" and code:
            by_code.setdefault(code, []).append(row_id)
    problems = []
    for ids in by_code.values():
        alive = [i for i in ids if not state[("person", i)].values.get("deleted")]
        if len(alive) > 1:
            problems.append(f"{len(alive)} live persons share a codice fiscale")
    for merged, into in merged_into.items():
        if arrival.get(into, 1 << 62) > arrival.get(merged, 1 << 62):
            problems.append("the survivor of a merge is not the person that reached the server first")
    return problems


def unreviewed_deleted_edits(log: Sequence[Write], state: State, reviewed: Iterable[Reviewed],
                             merged_into: Mapping[str, str],
                             entities: frozenset[str] = frozenset({"person", "request", "referral", "note"}),
                             ) -> list[Write]:
    """Rule 4: the edits of deleted records that met the deletion without a review item of that record.

    Only desks' edits and deletions count (the server's writes are merges and re-pointings), and
    merged persons are not deleted ones."""
    reviewed = list(reviewed)
    reviewed_rows = {(r.entity, r.row_id) for r in reviewed if r.field == "deleted"}
    own_records = {(r.entity, r.row_id, r.stamp) for r in reviewed}
    missing = []
    for key, row in state.items():
        if key[0] not in entities or not row.values.get("deleted") or key[1] in merged_into:
            continue
        if key in reviewed_rows:
            continue
        writes = [w for w in log if (w.entity, w.row_id) == key and w.desk != SERVER]
        deletions = [w for w in writes if w.fields.get("deleted")]
        edits = [w for w in writes if not set(w.fields) <= {"deleted", *CREATION} and "deleted" not in w.fields]
        for edit in edits:
            if (*key, edit.stamp) in own_records:
                continue  # it lost a race with another edit first: in a conflict record of its own
            if any(had_seen(d, edit) for d in deletions):
                continue  # deleted by a writer that had the edit: knowingly
            if any(not had_seen(edit, d) for d in deletions):
                missing.append(edit)
                break
    return missing
