"""Field-level last-writer-wins merge, the same on the server and on every desk.

Every field of a row carries the hybrid logical clock stamp of its last write; stamps compare as
strings, so every replica picks the same winner (value and stamp: the newest write) whatever order
changes arrive in.

The server also tells a sequential overwrite (the writer had seen the value it replaced) from a
concurrent one, and keeps the losing value of a concurrent one. A change's ``base`` names the one
write it replaced on its replica. When several desks write the same value concurrently, the newest
stamp absorbs the others on every replica; the server, and only the server, remembers the
**holders** of the current value: every write of that value not yet replaced, in arrival order. An
overwrite with another value replaces all of them, and has seen a holder only when

- the holder is its base (the write it replaced on its replica),
- the holder is an earlier write of the same desk (a desk sees its own writes), or
- its base reached the writer through the change log (another desk's or the server's write) and the
  holder was logged before the base: desks receive the log in order, so it had that holder too.

Every other holder lost a concurrent race and is reported in ``lost``, one per write, even though
the field's stamp no longer shows it. (Before, only the field's stamp was compared with the base, so
an overwrite based on one equal write silently dropped the others: issue 12.) Desks merge without
``base`` or holders; their values and stamps are unaffected by this bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.ids import HybridLogicalClock


@dataclass(frozen=True)
class LostWrite:
    """A concurrent write that lost: the value kept and the value lost, with their stamps."""

    field: str
    kept_value: Any
    kept_stamp: str
    lost_value: Any
    lost_stamp: str

    @property
    def lost_desk(self) -> str:
        return _node(self.lost_stamp)


@dataclass
class MergeResult:
    """What a change does to a row: the fields it wins (value and stamp), the writes that lost, and
    the new holders of each field whose holders changed (see :func:`merge_fields`)."""

    won: dict[str, Any]
    stamps: dict[str, str]
    lost: list[LostWrite]
    holders: dict[str, list[str]]


def merge_fields(
    values: dict[str, Any],
    clocks: dict[str, str],
    fields: dict[str, Any],
    stamp: str,
    base: dict[str, str] | None = None,
    holders: dict[str, list[str]] | None = None,
) -> MergeResult:
    """Merge a change (``fields`` written at ``stamp``) into a row's ``values`` and ``clocks``.

    Args:
        values: the row's current values (empty for a new row).
        clocks: the row's current stamp per field.
        fields: the values the change writes.
        stamp: the change's stamp.
        base: per field, the stamp the writer overwrote; an overwrite that had not seen every write
            holding the current value was concurrent, and each unseen one is reported in ``lost``.
        holders: per field, the stamps of the writes holding the current value, in arrival order
            (absent: just the field's stamp). The server keeps them from ``MergeResult.holders``.
    """
    base = base or {}
    holders = holders or {}
    result = MergeResult(won={}, stamps={}, lost=[], holders={})
    for name, value in fields.items():
        current = clocks.get(name)
        if current is None:
            result.won[name], result.stamps[name], result.holders[name] = value, stamp, [stamp]
            continue
        if stamp == current:
            continue  # the same write again
        held = list(holders.get(name) or [])
        if current not in held:
            held = [current]  # none kept, or kept before the field's stamp changed: just the stamp
        if values.get(name) == value:
            # The same value written concurrently: nothing lost; one more holder of the value.
            if stamp > current:
                result.won[name], result.stamps[name] = value, stamp
            if stamp not in held:
                result.holders[name] = [*held, stamp]
        elif stamp > current:
            result.won[name], result.stamps[name], result.holders[name] = value, stamp, [stamp]
            seen = base.get(name, "")
            for holder in held:
                if not had_seen(holder, held, seen, current, stamp):
                    result.lost.append(LostWrite(name, value, stamp, values.get(name), holder))
        else:
            # The writer had not seen the current value (else its stamp would be newer): concurrent.
            result.lost.append(LostWrite(name, values.get(name), current, value, stamp))
    return result


def field_holders(clocks: dict[str, str], holders: dict[str, list[str]] | None, name: str) -> list[str]:
    """The writes holding a field's current value, in arrival order (just its stamp when none are kept)."""
    current = clocks.get(name)
    held = list((holders or {}).get(name) or [])
    return held if current in held else ([current] if current else [])


def had_seen(holder: str, held: list[str], base: str, current: str, stamp: str) -> bool:
    """Whether the writer of ``stamp``, which replaced ``base`` on its replica, had seen ``holder`` (one
    of ``held``, the holders of the field's ``current`` value). The server also asks it of a deletion,
    which replaces every field of its record (``tests/sync/test_edit_meets_deletion.py``)."""
    if base not in held:
        # It replaced an older value (it had seen none of the holders), or a write newer than every
        # holder that the server refused and the desk kept (trusted, as before).
        return base > current
    writer = _node(stamp)
    if holder == base or _node(holder) == writer:
        return True
    return _node(base) != writer and held.index(holder) < held.index(base)


def _node(stamp: str) -> str:
    return HybridLogicalClock.parse(stamp)[2]
