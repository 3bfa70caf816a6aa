"""The merge rule (sync.merge.merge_fields) when equal values are written concurrently (issue 12).

Mostly without a server: a replica here is what the server engine or a desk keeps of one field;
the server passes each change's ``base`` and its holders, a desk neither (sync.apply). Stamps are
made by hand, so the orders that depend on the wall clock in the end-to-end tests are all covered
every run. At the end, the same case through the server engine and its SQLite storage (no HTTP).
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from desktop.domain.models import Person
from desktop.ids import HybridLogicalClock
from sync.merge import LostWrite, merge_fields
from sync.protocol import Change, SyncRequest
from sync.server.engine import SyncEngine
from sync.server.storage import SERVER_DB, SQLiteStorage
from tests.helpers.desks import open_desk

F = "address"
S0 = HybridLogicalClock.format(1, 0, "creator")  # the person's creation, seen by every desk


def stamp(wall: int, node: str) -> str:
    return HybridLogicalClock.format(wall, 0, node)


@dataclass(frozen=True)
class Write:
    value: Any
    stamp: str
    base: str


@dataclass
class Server:
    """One field as the server engine keeps it: value, stamp, holders; conflict records in ``lost``."""

    value: Any = "Via Po 3"
    clock: str = S0
    holders: dict[str, list[str]] = field(default_factory=dict)
    lost: list[LostWrite] = field(default_factory=list)

    def apply(self, write: Write) -> None:
        result = merge_fields({F: self.value}, {F: self.clock}, {F: write.value}, write.stamp,
                              {F: write.base}, self.holders)
        self.value, self.clock = result.won.get(F, self.value), result.stamps.get(F, self.clock)
        self.holders = {**self.holders, **result.holders}
        self.lost += result.lost


@dataclass
class Desk:
    """One field as a desk keeps it (sync.apply: no base, no holders)."""

    value: Any = "Via Po 3"
    clock: str = S0

    def apply(self, write: Write) -> None:
        result = merge_fields({F: self.value}, {F: self.clock}, {F: write.value}, write.stamp)
        self.value, self.clock = result.won.get(F, self.value), result.stamps.get(F, self.clock)


def interleavings(*queues: list[Write]) -> list[list[Write]]:
    """Every arrival order that keeps each desk's own writes in order (as its outbox sends them)."""
    slots = [i for i, queue in enumerate(queues) for _ in queue]
    orders = []
    for pattern in sorted(set(itertools.permutations(slots))):
        taken = [0] * len(queues)
        order = []
        for i in pattern:
            order.append(queues[i][taken[i]])
            taken[i] += 1
        orders.append(order)
    return orders


def lost_stamps(server: Server) -> set[str]:
    return {lost.lost_stamp for lost in server.lost}


# -- issue 12: equal-value absorption --------------------------------------------------------------

# Desk 2 writes three addresses in a row, offline; desk 0 writes the second of them concurrently.
B1 = stamp(10, "desk2")
B2 = stamp(30, "desk2")
B3 = stamp(50, "desk2")
DESK2 = [Write("Via Roma 1", B1, S0), Write("Piazza Castello 2", B2, B1), Write("Borgata Chiotti 5", B3, B2)]


@pytest.mark.parametrize("wall", [5, 20, 40, 60], ids=["before-all", "between-1-2", "between-2-3", "after-all"])
def test_a_concurrent_equal_write_is_never_absorbed_silently(wall: int) -> None:
    a = stamp(wall, "desk0")
    desk0 = Write("Piazza Castello 2", a, S0)
    finals = set()
    for order in interleavings([desk0], DESK2):
        server, desk = Server(), Desk()
        for write in order:
            server.apply(write)
            desk.apply(write)
        finals.add((server.value, server.clock, desk.value, desk.clock))
        # Desk 0's write is the final value or is kept in a conflict record.
        assert server.clock == a or a in lost_stamps(server), (order, server.lost)
    # Every order, server and desk alike: the newest write wins, with its stamp.
    newest = max((desk0, *DESK2), key=lambda w: w.stamp)
    assert finals == {(newest.value, newest.stamp, newest.value, newest.stamp)}


def test_the_reported_order_records_desk0s_write() -> None:
    """The order the team reproduced: desk 0's write arrives first, desk 2's equal write absorbs it."""
    a = stamp(20, "desk0")
    server = Server()
    server.apply(Write("Piazza Castello 2", a, S0))
    for write in DESK2:
        server.apply(write)
    assert (server.value, server.clock) == ("Borgata Chiotti 5", B3)
    assert [(lost.lost_value, lost.lost_desk, lost.kept_value) for lost in server.lost] == [
        ("Via Roma 1", "desk2", "Piazza Castello 2"),  # desk 2's first write lost to desk 0's newer one
        ("Piazza Castello 2", "desk0", "Borgata Chiotti 5"),  # desk 2 never saw desk 0's write
    ]
    assert server.holders[F] == [B3]


# -- what each kind of base has seen ---------------------------------------------------------------

A = stamp(20, "desk0")
B = stamp(30, "desk1")


def _two_equal_writes() -> Server:
    server = Server()
    server.apply(Write("vive sola", A, S0))
    server.apply(Write("vive sola", B, S0))
    assert server.lost == [] and (server.value, server.clock) == ("vive sola", B)
    assert server.holders[F] == [A, B]
    return server


def test_the_same_value_written_at_two_desks_is_no_conflict_in_either_order() -> None:
    _two_equal_writes()
    server = Server()
    server.apply(Write("vive sola", B, S0))
    server.apply(Write("vive sola", A, S0))  # older: it does not win, but it holds the value too
    assert server.lost == [] and (server.value, server.clock) == ("vive sola", B)
    assert server.holders[F] == [B, A]


def test_a_desk_that_received_both_equal_writes_replaces_them_without_conflict() -> None:
    # Desk 3 pulled the log up to B (logged after A): it had received A too.
    server = _two_equal_writes()
    server.apply(Write("figlio a Torino", stamp(40, "desk3"), B))
    assert server.lost == [] and server.value == "figlio a Torino"


def test_one_of_the_equal_writers_saw_its_own_write() -> None:
    # Desk 0 pulled B (newer: its replica took B's stamp) and writes again: it had seen A, its own.
    server = _two_equal_writes()
    server.apply(Write("figlio a Torino", stamp(40, "desk0"), B))
    assert server.lost == []


def test_an_equal_writer_based_on_its_own_write_had_not_necessarily_seen_the_other() -> None:
    # Desk 1 replaced its own B; whether it had pulled A is unknown, so A is recorded (issue 12).
    server = _two_equal_writes()
    server.apply(Write("figlio a Torino", stamp(40, "desk1"), B))
    assert [(lost.lost_value, lost.lost_stamp) for lost in server.lost] == [("vive sola", A)]


def test_a_holder_logged_after_the_base_was_not_seen() -> None:
    # Desk 3 pulled the log up to A, before B was logged.
    server = _two_equal_writes()
    server.apply(Write("figlio a Torino", stamp(40, "desk3"), A))
    assert [(lost.lost_value, lost.lost_stamp) for lost in server.lost] == [("vive sola", B)]


def test_an_overwrite_that_saw_none_of_the_holders_records_each_of_them() -> None:
    server = _two_equal_writes()
    c = stamp(40, "desk3")
    server.apply(Write("figlio a Torino", c, S0))
    assert [(lost.kept_value, lost.kept_stamp, lost.lost_value, lost.lost_stamp) for lost in server.lost] == [
        ("figlio a Torino", c, "vive sola", A), ("figlio a Torino", c, "vive sola", B)]
    assert server.holders[F] == [c]


def test_a_base_newer_than_the_field_is_trusted_as_before() -> None:
    # The desk's replica was ahead: its previous write was refused by the server and kept at the desk.
    server = Server()
    server.apply(Write("vive sola", A, S0))
    server.apply(Write("senza auto", stamp(50, "desk0"), stamp(40, "desk0")))
    assert server.lost == []


def test_holders_that_do_not_include_the_fields_stamp_are_ignored() -> None:
    c = stamp(40, "desk3")
    result = merge_fields({F: "vive sola"}, {F: B}, {F: "senza auto"}, c, {F: B}, {F: [A, stamp(35, "desk2")]})
    assert result.lost == [] and result.holders == {F: [c]}


def test_desks_merge_last_writer_wins_whatever_the_holders() -> None:
    desk = Desk()
    for write in (Write("vive sola", B, S0), Write("vive sola", A, S0), Write("senza auto", stamp(25, "d"), S0)):
        desk.apply(write)
    assert (desk.value, desk.clock) == ("vive sola", B)


# -- a model of the whole protocol on one field ----------------------------------------------------

VALUES = ["vive sola", "figlio a Torino", "senza auto"]
DESKS = 3


@dataclass
class _ModelDesk:
    name: str
    skew: int
    value: Any = VALUES[0]
    clock: str = S0
    wall: int = 0
    counter: int = 0
    cursor: int = 0
    outbox: list[Write] = field(default_factory=list)

    def now(self, physical: int) -> str:
        if physical + self.skew > self.wall:
            self.wall, self.counter = physical + self.skew, 0
        else:
            self.counter += 1
        return HybridLogicalClock.format(self.wall, self.counter, self.name)

    def observe(self, received: str) -> None:
        wall, counter, _ = HybridLogicalClock.parse(received)
        if wall > self.wall:
            self.wall, self.counter = wall, counter + 1
        elif wall == self.wall:
            self.counter = max(self.counter, counter) + 1


operations = st.lists(
    st.tuples(st.sampled_from(["write", "write", "push", "sync"]), st.integers(0, DESKS - 1),
              st.integers(0, len(VALUES) - 1), st.integers(0, 20)),
    min_size=8, max_size=50,
)


# WPT_MODEL_EXAMPLES=20000 for a longer search (300 take about a second).
@settings(max_examples=int(os.environ.get("WPT_MODEL_EXAMPLES", "300")), deadline=None)
@given(ops=operations, skews=st.lists(st.integers(0, 30), min_size=DESKS, max_size=DESKS))
def test_model_every_replica_converges_and_every_unseen_loss_is_recorded(
    ops: list[tuple[str, int, int, int]], skews: list[int]
) -> None:
    """Desks write offline (small value pool, so equal values are common), push some or all of their
    outbox, and pull the log in order; the server merges as the engine does. Then everyone syncs.

    Ground truth for "seen": a write had seen every earlier write of its own desk and every log
    entry the desk had pulled when it was made. A write that is not the final value must be recorded
    as lost unless a later writer had seen it and still had its value when overwriting.
    """
    server = Server(value=VALUES[0])
    desks = [_ModelDesk(f"desk{i}", skew) for i, skew in enumerate(skews)]
    log: list[Write] = []
    made: dict[str, tuple[str, int]] = {}  # stamp -> (desk, log entries it had pulled)
    physical = 100

    held_counts = [[S0]]

    def push(desk: _ModelDesk, count: int) -> None:
        for write in desk.outbox[:count]:
            server.apply(write)
            log.append(write)
            held_counts.append(server.holders.get(F, []))
        del desk.outbox[:count]

    def pull(desk: _ModelDesk) -> None:
        for write in log[desk.cursor:]:
            if made[write.stamp][0] != desk.name:
                desk.observe(write.stamp)
                replica = Desk(desk.value, desk.clock)
                replica.apply(write)
                desk.value, desk.clock = replica.value, replica.clock
        desk.cursor = len(log)

    for kind, index, value, tick in ops:
        physical += tick
        desk = desks[index]
        if kind == "write" and VALUES[value] != desk.value:
            write = Write(VALUES[value], desk.now(physical), desk.clock)
            made[write.stamp] = (desk.name, desk.cursor)
            desk.value, desk.clock = write.value, write.stamp
            desk.outbox.append(write)
        elif kind == "push":
            push(desk, 1 + value)
        elif kind == "sync":
            push(desk, len(desk.outbox))
            pull(desk)
    for _ in range(2):
        for desk in desks:
            push(desk, len(desk.outbox))
            pull(desk)

    assert all((d.value, d.clock) == (server.value, server.clock) for d in desks)
    position = {w.stamp: i for i, w in enumerate(log)}
    value_of = {S0: VALUES[0], **{w.stamp: w.value for w in log}}

    def knowingly_replaced(write: Write) -> bool:
        for later in log:
            desk, pulled = made[later.stamp]
            saw = (made[write.stamp][0] == desk and write.stamp < later.stamp) or position[write.stamp] < pulled
            if saw and value_of[later.base] == write.value:
                return True
        return False

    event(f"holders of one value at once: up to {max(len(h) for h in held_counts)}")
    for write in log:
        if write.stamp == server.clock or write.value == server.value or knowingly_replaced(write):
            continue
        assert write.stamp in lost_stamps(server), f"{write} lost silently"


# -- through the server engine ---------------------------------------------------------------------


def test_the_engine_keeps_the_holders_and_records_the_absorbed_write(tmp_path: Path) -> None:
    engine = SyncEngine(SQLiteStorage(tmp_path / "server"))
    desks = []
    for i in range(3):
        code = engine.create_enrollment(f"Sportello {i}", "rete")
        desks.append(engine.authenticate(engine.redeem(code, f"desk{i}").credential))
    origin = open_desk(tmp_path / "origin")
    person = origin.save(Person(last_name="Audisio", first_name="Carlo", address="Via Po 3"))
    created = origin.query("SELECT change_id, fields, hlc FROM outbox WHERE row_id = ?", (person.id,))[0]
    origin.close()
    wall = HybridLogicalClock.parse(created["hlc"])[0]
    created_hlc = stamp(wall, "desk1")  # desk 1 registered the person (a desk stamps with its own id)

    def change(desk: int, value: str, at: int, base: str) -> Change:
        return Change(change_id=f"c{desk}-{at}", entity="person", row_id=person.id, fields={F: value},
                      hlc=stamp(wall + at, f"desk{desk}"), origin_desk=f"desk{desk}", base={F: base})

    def push(desk: int, *changes: Change) -> None:
        assert engine.sync(desks[desk], SyncRequest(changes=list(changes))).rejected == []

    push(1, Change(change_id=created["change_id"], entity="person", row_id=person.id,
                   fields=json.loads(created["fields"]), hlc=created_hlc, origin_desk="desk1"))
    a, b1, b2, b3 = (stamp(wall + at, node) for at, node in ((20, "desk0"), (10, "desk2"), (30, "desk2"),
                                                             (50, "desk2")))
    push(0, change(0, "Piazza Castello 2", 20, created_hlc))
    push(2, change(2, "Via Roma 1", 10, created_hlc), change(2, "Piazza Castello 2", 30, b1))
    row = engine.storage.get_row("rete", "person", person.id)
    assert row is not None and row.clocks[F] == b2 and row.holders == {F: [a, b2]}
    push(2, change(2, "Borgata Chiotti 5", 50, b2))

    row = engine.storage.get_row("rete", "person", person.id)
    assert row is not None and (row.values[F], row.clocks[F], row.holders) == ("Borgata Chiotti 5", b3, {})
    with sqlite3.connect(tmp_path / "server" / SERVER_DB) as conn:
        conflicts = [json.loads(d) for (d,) in conn.execute("SELECT data FROM rows WHERE entity = 'conflict'")]
    assert sorted((json.loads(c["lost_value"]), c["lost_desk"], c["lost_stamp"]) for c in conflicts) == [
        ("Piazza Castello 2", "desk0", a), ("Via Roma 1", "desk2", b1)]


def test_a_first_version_server_database_keeps_its_rows_and_holders(tmp_path: Path) -> None:
    from tests.sync.test_server_upgrade import V1

    with sqlite3.connect(tmp_path / SERVER_DB) as conn:
        conn.executescript(V1)
        conn.execute("ALTER TABLE rows ADD COLUMN holders TEXT NOT NULL DEFAULT '{}'")  # kept by the merge rule
        conn.execute("INSERT INTO rows VALUES ('person', 'p1', 'rete', '{\"address\": \"Via Po 3\"}', ?, ?)",
                     (json.dumps({F: S0}), json.dumps({F: [S0, "x"]})))
        conn.execute("INSERT INTO rows (entity, row_id, network, data, clocks) VALUES ('person', 'p2', 'rete', "
                     "'{}', '{}')")
    storage = SQLiteStorage(tmp_path)
    row = storage.get_row("rete", "person", "p1")
    assert row is not None and (row.values, row.clocks, row.holders) == ({F: "Via Po 3"}, {F: S0}, {F: [S0, "x"]})
    other = storage.get_row("rete", "person", "p2")
    assert other is not None and other.holders == {}
    storage.close()
