"""Merging through a real server: convergence, tombstones, conflicts, duplicate persons, parked children."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from desktop.domain.models import Note, Person, Referral, Request
from desktop.operations.review import merge_persons, resolve_conflict
from desktop.storage import clocks as stored_clocks
from desktop.storage.maintenance import integrity_problems
from desktop.storage.store import Store
from desktop.storage.sync_tables import parked_count
from desktop.sync.apply import apply_changes
from desktop.sync.review import list_conflicts, possible_duplicate_groups
from sync.protocol import Change
from tests.helpers.people import fiscal_code
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer

BOTH_BACKENDS = True  # every test using the `server` fixture runs on SQLite and on PostgreSQL

NewDesk = Callable[[str], Store]


def _sync_all(*clients: object) -> None:
    for _ in range(2):
        for client in clients:
            assert client.sync().complete  # type: ignore[attr-defined]


def test_records_and_tombstones_reach_every_desk_of_the_network(server: RunningServer, new_desk: NewDesk) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "Sportello A", "val-susa"), server.enroll(b, "Sportello B", "val-susa")
    person = a.save(Person(last_name="Rostagno", first_name="Elda", birth_date=date(1941, 3, 2)))
    request = a.save(Request(person_id=person.id, category="TRA", description="Visita a Susa"))
    service_id = a.query("SELECT id FROM services ORDER BY id LIMIT 1")[0]["id"]
    referral = a.save(Referral(request_id=request.id, service_id=service_id))
    a.save(Note(request_id=request.id, text="Richiamare giovedì"))
    _sync_all(ca, cb)
    assert b.get(Referral, referral.id) is not None
    assert snapshot(a) == snapshot(b)

    b.set_deleted(Note, a.query("SELECT id FROM notes")[0]["id"], True)
    _sync_all(cb, ca)
    assert a.count("note") == 0 and a.scalar("SELECT count(*) FROM notes WHERE deleted = 1") == 1
    assert snapshot(a) == snapshot(b)


def test_concurrent_edits_of_one_field_keep_the_loser_in_a_conflict_record(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    person = a.save(Person(last_name="Perotti", first_name="Luigi"))
    _sync_all(ca, cb)

    on_a, on_b = a.get(Person, person.id), b.get(Person, person.id)
    assert on_a is not None and on_b is not None
    on_a.phone, on_b.phone = "011 111 1111", "011 222 2222"
    on_b.address = "Via Roma 1"  # a different field: merged, no conflict
    a.save(on_a)
    b.save(on_b)
    written = {s.desk_id: (stored_clocks.decode(s.scalar("SELECT clocks FROM persons WHERE id = ?", (person.id,)))
                           ["phone"], p.phone) for s, p in ((a, on_a), (b, on_b))}
    _sync_all(ca, cb)

    (_, loser), (_, winner) = sorted(written.values())
    for store in (a, b):
        final = store.get(Person, person.id)
        assert final is not None and final.phone == winner and final.address == "Via Roma 1"
        conflicts = list_conflicts(store)
        assert [(c.field, c.kept_value, c.lost_value) for c in conflicts] == [("phone", winner, loser)]
    assert snapshot(a) == snapshot(b)

    # A coordinator restores the lost value at desk B; the resolution reaches A.
    conflict = list_conflicts(b)[0]
    resolve_conflict(b, conflict.id, restore_lost=True)
    _sync_all(cb, ca)
    assert list_conflicts(a) == [] and list_conflicts(b) == []
    restored = a.get(Person, person.id)
    assert restored is not None and restored.phone == conflict.lost_value
    assert snapshot(a) == snapshot(b)


def test_same_fiscal_code_at_two_desks_becomes_one_person(server: RunningServer, new_desk: NewDesk) -> None:
    a, b, c = new_desk("a"), new_desk("b"), new_desk("c")
    ca, cb, cc = (server.enroll(s, n, "rete") for s, n in ((a, "A"), (b, "B"), (c, "C")))
    cf = fiscal_code("Chiabrando", "Maria", "F", date(1938, 5, 14))
    pa = a.save(Person(fiscal_code=cf, last_name="Chiabrando", first_name="Maria"))
    pb = b.save(Person(fiscal_code=cf, last_name="Chiabrando", first_name="Maria"))
    ra = a.save(Request(person_id=pa.id, category="DOM"))
    rb = b.save(Request(person_id=pb.id, category="ECO"))
    _sync_all(ca, cb, cc)

    survivor, merged = sorted([pa.id, pb.id])
    late = c.save(Request(person_id=merged, category="ALT"))  # made at C with a stale id: redirected
    _sync_all(cc, ca, cb)
    for store in (a, b, c):
        live = store.query("SELECT id FROM persons WHERE fiscal_code = ? AND deleted = 0", (cf,))
        assert [r["id"] for r in live] == [survivor]
        owners = {r["id"]: r["person_id"] for r in store.query("SELECT id, person_id FROM requests")}
        assert owners[ra.id] == owners[rb.id] == owners[late.id] == survivor
        merges = store.query("SELECT id, into_id FROM sync_person_merges")
        assert merges == [{"id": merged, "into_id": survivor}]
    assert snapshot(a) == snapshot(b) == snapshot(c)


def test_possible_duplicates_without_fiscal_code_are_listed_and_merged(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    pa = a.save(Person(last_name="Okafor", first_name="Grace", birth_date=date(1990, 7, 1)))
    pb = b.save(Person(last_name="OKAFOR", first_name="grace", birth_date=date(1990, 7, 1)))
    other = b.save(Person(last_name="Okafor", first_name="Grace", birth_date=date(1991, 7, 1)))
    rb = b.save(Request(person_id=pb.id, category="LAV"))
    _sync_all(ca, cb)
    groups = possible_duplicate_groups(a)
    assert [sorted(p.id for p in g) for g in groups] == [sorted([pa.id, pb.id])]
    assert other.id not in {p.id for g in groups for p in g}

    merge_persons(a, pb.id, pa.id)
    _sync_all(ca, cb)
    for store in (a, b):
        assert possible_duplicate_groups(store) == []
        assert store.query("SELECT person_id FROM requests WHERE id = ?", (rb.id,)) == [{"person_id": pa.id}]
    assert snapshot(a) == snapshot(b)


def test_a_child_arriving_before_its_parent_is_parked_then_applied(new_desk: NewDesk) -> None:
    origin, replica = new_desk("origin"), new_desk("replica")
    person = origin.save(Person(last_name="Gili", first_name="Carla"))
    request = origin.save(Request(person_id=person.id, category="ACC"))
    note = origin.save(Note(request_id=request.id, text="Documenti consegnati"))
    rows = origin.query("SELECT * FROM outbox ORDER BY seq")
    changes = [Change(change_id=r["change_id"], entity=r["entity"], row_id=r["row_id"],
                      fields=json.loads(r["fields"]), hlc=r["hlc"], origin_desk=origin.desk_id) for r in rows]
    by_entity = {c.entity: c for c in changes}

    report = apply_changes(replica, [by_entity["note"]])
    assert (report.applied, report.parked) == (0, 1)
    apply_changes(replica, [by_entity["request"]])
    assert parked_count(replica) == 2 and replica.count("note") == 0  # the request waits for its person too
    apply_changes(replica, [by_entity["person"]])
    assert parked_count(replica) == 0
    received = replica.get(Note, note.id)
    assert received is not None and received.text == "Documenti consegnati"
    assert integrity_problems(replica) == []
