"""Compaction: the change log forgets the writes that no desk can still need.

An entry is dropped when every field it wrote has since been overwritten by a write with a newer stamp
(the row's current stamp of that field is after the entry's), and that newer write is older than the
horizon (default 30 days): the row's current state no longer holds anything of it, and desks have
had the horizon to pull it. Never dropped: an erasure (GDPR art. 17 must reach every desk), an access
log entry, a row's first entry (it creates the row whole on a desk pulling from before it, and names
which of two persons arrived first), each desk's newest entry (the position it checks for a restore
from an old copy), anything of a row the server no longer has.

What a desk needs is still delivered: the entry holding each field's current value stays in the log.
The highest position dropped is kept as the *compaction floor*: a desk whose cursor is below it gets
the snapshot first sync (the network's current rows), not the thinned history.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass

from desktop.ids import HybridLogicalClock
from sync.audit import ACCESS_ENTITY
from sync.entities import SYNC_ENTITIES
from sync.server.storage import Storage

DEFAULT_HORIZON_DAYS = 30
FLOOR_SETTING = "log_compacted_through"
PAGE = 500
KEPT_ENTITIES = frozenset({ACCESS_ENTITY, "erasure"})
CREATION_FIELD = "created_at"


@dataclass(frozen=True)
class Compacted:
    """What one compaction did: entries dropped, entries kept, the floor after it."""

    dropped: int
    kept: int
    floor: int


def compaction_floor(storage: Storage) -> int:
    """The highest log position compaction has dropped (0: never compacted)."""
    value = storage.setting(FLOOR_SETTING)
    return int(value) if value and value.isdigit() else 0


def _stamp(value: object) -> tuple[int, int, str] | None:
    return HybridLogicalClock.parse(value) if isinstance(value, str) and HybridLogicalClock.is_valid(value) else None


def compact(storage: Storage, horizon_days: float = DEFAULT_HORIZON_DAYS, *, now_ms: int | None = None) -> Compacted:
    """Drop the superseded entries of every network's log (a page per transaction: syncs go on between).

    Raises:
        ValueError: a negative horizon (one Italian sentence).
    """
    if horizon_days < 0:
        raise ValueError("--horizon-days non può essere negativo.")
    cutoff = (time.time_ns() // 1_000_000 if now_ms is None else now_ms) - int(horizon_days * 86_400_000)
    through = storage.last_seq()
    newest = storage.newest_of_sources()
    after = dropped = kept = 0
    floor = compaction_floor(storage)
    while True:
        with storage.transaction():
            page = storage.log_entries(after, through, PAGE)
            if not page:
                break
            gone: list[int] = []
            for seq, network, entry in page:
                after = seq
                change = entry.change
                # A row's first entry is the one the server stamped with its creation time (created_at is
                # set once, on arrival): known without remembering every row seen (millions, province-wide).
                first = CREATION_FIELD in change.fields
                if first or seq in newest or change.entity in KEPT_ENTITIES or change.entity not in SYNC_ENTITIES:
                    kept += 1
                    continue
                if _superseded(storage, network, change.entity, change.row_id, change.fields, change.hlc, cutoff):
                    gone.append(seq)
                else:
                    kept += 1
            if gone:
                storage.drop_log(gone)
                dropped += len(gone)
                floor = max(floor, gone[-1])
                storage.save_setting(FLOOR_SETTING, str(floor))
    return Compacted(dropped=dropped, kept=kept, floor=floor)


def _superseded(storage: Storage, network: str, entity: str, row_id: str, fields: Iterable[str], hlc: str,
                cutoff_ms: int) -> bool:
    written = _stamp(hlc)
    row = storage.get_row(network, entity, row_id)
    names = list(fields)
    if written is None or row is None or not names:
        return False
    for name in names:
        current = _stamp(row.clocks.get(name))
        if current is None or current <= written or current[0] >= cutoff_ms:
            return False
    return True
