"""Ids and clocks (pure): UUIDv7 ordering, hybrid logical clock stamps that order writes across desks."""

from __future__ import annotations

import os
import uuid

import pytest

from desktop.ids import REFERENCE_STAMP, HybridLogicalClock, reference_id, uuid7


def test_uuid7_are_version_7_and_ordered_within_the_process() -> None:
    ids = [uuid7() for _ in range(2000)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_reference_ids_are_the_same_everywhere() -> None:
    assert reference_id("category", "DIG") == reference_id("category", "DIG") != reference_id("category", "ACC")


def test_stamps_are_monotonic_and_compare_as_text() -> None:
    clock = HybridLogicalClock("desk-a")
    stamps = [clock.now() for _ in range(500)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    assert all(s > REFERENCE_STAMP for s in stamps)
    assert HybridLogicalClock.parse(stamps[0])[2] == "desk-a"


def test_observing_a_stamp_from_the_future_moves_past_it() -> None:
    ahead = HybridLogicalClock.format(10**14, 7, "desk-b")  # a desk whose clock runs far ahead
    clock = HybridLogicalClock("desk-a")
    clock.observe(ahead)
    after = clock.now()
    assert after > ahead
    wall, counter, node = HybridLogicalClock.parse(after)
    assert (wall, node) == (10**14, "desk-a") and counter > 7


def test_a_clock_resumes_after_its_last_stamp() -> None:
    last = HybridLogicalClock.format(10**14, 3, "desk-a")
    assert HybridLogicalClock("desk-a", last).now() > last


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system (Windows)")
def test_a_forked_child_draws_random_bits_of_its_own() -> None:
    """The ids' random bits come from a buffer of os.urandom: a child process forked after the parent
    drew some must not make the parent's next ids."""
    uuid7()  # the buffer is filled
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next ids, to the parent
        os.close(read)
        os.write(write, " ".join(uuid7() for _ in range(20)).encode())
        os._exit(0)
    os.close(write)
    theirs = b""
    while chunk := os.read(read, 65536):
        theirs += chunk
    os.close(read)
    os.waitpid(pid, 0)
    ours = [uuid7() for _ in range(20)]
    child = theirs.decode().split(" ")
    assert len(child) == 20
    assert {i[-16:] for i in ours}.isdisjoint(i[-16:] for i in child)  # the random tails differ
