"""A desk whose clock ran ahead: its pending changes get stamps the server accepts, once the computer's
clock is right again.

The server refuses a batch stamped further ahead of its clock than the allowed skew (a stamp from
the future would win every later edit of its fields), answering with its own clock. If this
computer's clock is now within the skew — the operator corrected it — the queued changes stamped
ahead are stamped again after the server's clock, in their order, and the rows' field stamps with
them; the clock resumes from there. If the computer's clock is still ahead, nothing changes and the
operator is told to correct it: nothing is lost, nothing wrong reaches the network.
"""

from __future__ import annotations

import time

from desktop.ids import HybridLogicalClock
from desktop.storage import sync_tables
from desktop.storage.store import Store
from sync.entities import SYNC_ENTITIES

# This computer's clock counts as right when within this much of the server's.
TOLERANCE_MS = 60_000


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


def clock_ahead_ms(server_clock: str) -> int:
    """How far this computer's clock is ahead of the server's (negative: behind)."""
    return _now_ms() - HybridLogicalClock.parse(server_clock)[0]


def restamp_ahead(store: Store, server_clock: str) -> int:
    """Stamp again the queued changes stamped after ``server_clock``; return how many (0 when this
    computer's clock is still ahead, or the server's clock is not a stamp)."""
    if not HybridLogicalClock.is_valid(server_clock) or clock_ahead_ms(server_clock) > TOLERANCE_MS:
        return 0
    server_wall = HybridLogicalClock.parse(server_clock)[0]
    restamped = 0
    with store.transaction() as conn:
        ahead = []
        last = 0
        while entries := sync_tables.outbox_after(store, last, 500):
            ahead += [e for e in entries if HybridLogicalClock.is_valid(e.hlc)
                      and HybridLogicalClock.parse(e.hlc)[0] > server_wall]
            last = entries[-1].seq
        if not ahead:
            return 0
        store.reset_clock(server_clock)
        renamed: dict[str, str] = {}
        for entry in ahead:
            new = renamed.setdefault(entry.hlc, store.clock.now())
            base = {f: renamed.get(s, s) for f, s in entry.base.items()}
            sync_tables.restamp_outbox(conn, entry.seq, new, base)
            entity = SYNC_ENTITIES.get(entry.entity)
            if entity is not None:
                store.replace_stamp(entity, entry.row_id, entry.hlc, new)
            restamped += 1
        store.remember_stamp(store.clock.last())
    return restamped
