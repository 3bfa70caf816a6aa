"""Sliding-window counters for the server's rate limits (enrollment attempts, changes per desk).

In memory, per server process: a restart forgets them, which only ever lets a desk or a client start
afresh. The number of keys is bounded too (oldest forgotten first), so a flood of new keys cannot
grow the server's memory.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque


class SlidingWindow:
    """How much each key spent in the last ``seconds``, against a ``limit``."""

    def __init__(self, limit: int, seconds: float, *, max_keys: int = 10_000) -> None:
        self.limit, self.seconds, self.max_keys = limit, seconds, max_keys
        self._spent: OrderedDict[str, deque[tuple[float, int]]] = OrderedDict()
        self._lock = threading.Lock()

    def _window(self, key: str, now: float) -> deque[tuple[float, int]]:
        spent = self._spent.get(key)
        if spent is None:
            spent = self._spent[key] = deque()
            while len(self._spent) > self.max_keys:
                self._spent.popitem(last=False)
        self._spent.move_to_end(key)
        while spent and spent[0][0] <= now - self.seconds:
            spent.popleft()
        return spent

    def used(self, key: str) -> int:
        with self._lock:
            return sum(n for _, n in self._window(key, time.monotonic()))

    def allows(self, key: str, amount: int = 1) -> bool:
        """Whether spending ``amount`` more stays within the limit (nothing is spent)."""
        return self.used(key) + amount <= self.limit

    def spend(self, key: str, amount: int = 1) -> None:
        with self._lock:
            self._window(key, time.monotonic()).append((time.monotonic(), amount))

    def retry_after(self, key: str) -> int:
        """Seconds until the oldest spending of ``key`` leaves the window."""
        with self._lock:
            spent = self._window(key, time.monotonic())
            return max(1, int(spent[0][0] + self.seconds - time.monotonic()) + 1) if spent else 1
