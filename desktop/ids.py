"""Identifiers and clocks shared by every replica: UUIDv7 row ids and hybrid logical clock stamps."""

from __future__ import annotations

import os
import re
import threading
import time
import uuid

_uuid_lock = threading.Lock()
_last_uuid_ms = 0
_uuid_seq = 0
# Random bytes for the ids, drawn from os.urandom a few kilobytes at a time (a call each cost an import
# more than the rest of the id); a forked child draws its own (see _forget_random_bytes).
_random = b""
_random_at = 0


def _random_bytes(count: int) -> bytes:
    """``count`` bytes of os.urandom (inside ``_uuid_lock``)."""
    global _random, _random_at
    if _random_at + count > len(_random):
        _random, _random_at = os.urandom(4096), 0
    _random_at += count
    return _random[_random_at - count:_random_at]


def _forget_random_bytes() -> None:
    global _random, _random_at
    _random, _random_at = b"", 0


if hasattr(os, "register_at_fork"):  # not on Windows, which has no fork
    os.register_at_fork(after_in_child=_forget_random_bytes)  # a child never repeats its parent's ids


def uuid7() -> str:
    """Return a new RFC 9562 UUIDv7 as a string, monotonic within this process.

    Python 3.11 has no ``uuid.uuid7``; the layout is 48 bits of Unix milliseconds, the version,
    a 12-bit sequence that orders ids made in the same millisecond, the variant, 62 random bits.
    """
    global _last_uuid_ms, _uuid_seq
    with _uuid_lock:
        ms = time.time_ns() // 1_000_000
        if ms > _last_uuid_ms:
            _last_uuid_ms, _uuid_seq = ms, int.from_bytes(_random_bytes(2), "big") & 0x3FF
        else:
            _uuid_seq += 1
            if _uuid_seq > 0xFFF:
                _last_uuid_ms, _uuid_seq = _last_uuid_ms + 1, 0
            ms = _last_uuid_ms
        rand = int.from_bytes(_random_bytes(8), "big") & ((1 << 62) - 1)
        value = (ms << 80) | (0x7 << 76) | (_uuid_seq << 64) | (0b10 << 62) | rand
    # str(uuid.UUID(int=value)), without building the object (an import makes four ids a row).
    digits = f"{value:032x}"
    return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


# Fixed namespace for ids derived from stable keys (reference data shipped with every replica).
REFERENCE_NAMESPACE = uuid.UUID("6f1c7a52-9c1e-4b7e-8f0a-3d2b5e1c9a40")


def reference_id(kind: str, key: str) -> str:
    """Return the id every replica gives to reference row ``key`` of ``kind`` (same everywhere)."""
    return str(uuid.uuid5(REFERENCE_NAMESPACE, f"{kind}:{key}"))


# A stamp: 15 digits of Unix milliseconds, 5 of counter, the node. Fixed widths, so that comparing two
# stamps as strings compares wall time, then counter, then node (a 6-digit counter would sort lower).
STAMP_PATTERN = r"^[0-9]{15}\.[0-9]{5}\.[A-Za-z0-9_-]{1,64}$"
_STAMP = re.compile(STAMP_PATTERN)
MAX_COUNTER = 99_999


class HybridLogicalClock:
    """Hybrid logical clock (Kulkarni et al.): stamps that order writes across desks.

    A stamp is the string ``"{wall_ms:015d}.{counter:05d}.{node}"``: comparing two stamps as strings
    compares wall time, then counter, then node id, so every replica picks the same winner. The
    counter never takes a sixth digit: past 99,999 events in one millisecond the clock moves on to the
    next millisecond instead, so the order of stamps is the order of strings.

    Attributes:
        node: the replica's id (the desk id), breaking ties between equal wall time and counter.
    """

    def __init__(self, node: str, last: str | None = None) -> None:
        self.node = node
        self._wall, self._counter = (0, 0) if not last else _resume(last)
        self._lock = threading.Lock()

    @staticmethod
    def parse(stamp: str) -> tuple[int, int, str]:
        """(wall ms, counter, node) of a well-formed stamp.

        Raises:
            ValueError: not a stamp of the fixed format (e.g. a sixth counter digit).
        """
        if not isinstance(stamp, str) or not _STAMP.match(stamp):
            raise ValueError("marca temporale non valida")
        wall, counter, node = stamp.split(".", 2)
        return int(wall), int(counter), node

    @staticmethod
    def is_valid(stamp: object) -> bool:
        return isinstance(stamp, str) and _STAMP.match(stamp) is not None

    @staticmethod
    def format(wall: int, counter: int, node: str) -> str:
        if not 0 <= counter <= MAX_COUNTER or not 0 <= wall < 10**15:
            raise ValueError("marca temporale fuori intervallo")
        return f"{wall:015d}.{counter:05d}.{node}"

    def _carry(self) -> None:
        """A counter that would take a sixth digit moves the clock to the next millisecond instead."""
        if self._counter > MAX_COUNTER:
            self._wall, self._counter = self._wall + 1, 0

    def now(self) -> str:
        """Return a stamp for a local event, greater than every stamp seen so far."""
        with self._lock:
            physical = time.time_ns() // 1_000_000
            if physical > self._wall:
                self._wall, self._counter = physical, 0
            else:
                self._counter += 1
            self._carry()
            return self.format(self._wall, self._counter, self.node)

    def observe(self, stamp: str) -> None:
        """Advance past a stamp received from another replica."""
        wall, counter, _ = self.parse(stamp)
        with self._lock:
            physical = time.time_ns() // 1_000_000
            if physical > self._wall and physical > wall:
                self._wall, self._counter = physical, 0
            elif wall > self._wall:
                self._wall, self._counter = wall, counter + 1
            elif wall == self._wall:
                self._counter = max(self._counter, counter) + 1
            else:
                self._counter += 1
            self._carry()

    def last(self) -> str:
        """The newest stamp this clock has given or seen (what a desk keeps between runs)."""
        with self._lock:
            return self.format(self._wall, self._counter, self.node)


def _resume(last: str) -> tuple[int, int]:
    """Where a clock resumes from its last stamp, also one written before stamps were checked (a
    six-digit counter counts as the next millisecond)."""
    try:
        wall, counter, _ = HybridLogicalClock.parse(last)
        return wall, counter
    except ValueError:
        wall_text, _, rest = last.partition(".")
        counter_text = rest.partition(".")[0]
        wall = int(wall_text) if wall_text.isdigit() else 0
        counter = int(counter_text) if counter_text.isdigit() else 0
        return (wall + 1, 0) if counter > MAX_COUNTER else (wall, counter)


# Stamp of reference data seeded identically on every replica and on the server: any real edit is newer.
REFERENCE_STAMP = HybridLogicalClock.format(0, 0, "reference")
