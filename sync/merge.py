"""Field-level last-writer-wins merge, the same on the server and on every desk.

Every field of a row carries the hybrid logical clock stamp of its last write; stamps compare as
strings, so every replica picks the same winner whatever order changes arrive in. The server also
tells a sequential overwrite (the writer had seen the value it replaced: its ``base`` stamp equals
the current one) from a concurrent one, and keeps the losing value of a concurrent one.
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
        return HybridLogicalClock.parse(self.lost_stamp)[2]


@dataclass
class MergeResult:
    """What a change does to a row: the fields it wins (value and stamp) and the writes that lost."""

    won: dict[str, Any]
    stamps: dict[str, str]
    lost: list[LostWrite]


def merge_fields(
    values: dict[str, Any],
    clocks: dict[str, str],
    fields: dict[str, Any],
    stamp: str,
    base: dict[str, str] | None = None,
) -> MergeResult:
    """Merge a change (``fields`` written at ``stamp``) into a row's ``values`` and ``clocks``.

    Args:
        values: the row's current values (empty for a new row).
        clocks: the row's current stamp per field.
        fields: the values the change writes.
        stamp: the change's stamp.
        base: per field, the stamp the writer overwrote; a field whose current stamp is newer than
            its base was written concurrently, and the loser is reported in ``lost``.
    """
    base = base or {}
    result = MergeResult(won={}, stamps={}, lost=[])
    for name, value in fields.items():
        current = clocks.get(name)
        if current is None or stamp > current:
            result.won[name] = value
            result.stamps[name] = stamp
            seen = base.get(name, "")
            if current is not None and seen < current and values.get(name) != value:
                result.lost.append(LostWrite(name, value, stamp, values.get(name), current))
        elif stamp < current and values.get(name) != value:
            # The writer had not seen the current value (else its stamp would be newer): concurrent.
            result.lost.append(LostWrite(name, values.get(name), current, value, stamp))
    return result
