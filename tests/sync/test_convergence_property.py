"""Property: desks working offline and syncing through a faulty link in any order converge, losing,
duplicating and silently overwriting nothing.

Three desks do random creates, edits, deletes, requests and duplicate registrations (the same
codice fiscale at several desks) and sync in random order through the fault-injecting proxy, which
cuts requests and responses at random points. Then the faults stop and every desk syncs twice.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.domain.models import Person, Request
from desktop.queries.persons import find_by_fiscal_code
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.sync.client import SyncClient, SyncError
from sync.entities import SYNC_ENTITIES, writable_fields
from tests.helpers.desks import open_desk
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.people import fiscal_code
from tests.helpers.replicas import SHARED, snapshot
from tests.helpers.sync_server import RunningServer

DESKS = 3
PEOPLE = [("Audisio", "Carlo", "M", date(1944, 2, 11)), ("Bonino", "Rita", "F", date(1951, 9, 30)),
          ("Cravero", "Piero", "M", date(1939, 12, 1))]
EDITS = {
    "phone": ["011 100 2000", "011 300 4000", "0122 55 66"],
    "address": ["Via Roma 1", "Piazza Castello 2", "Borgata Chiotti 5"],
    "notes": ["vive sola", "figlio a Torino", "senza auto"],
}

desk_index = st.integers(0, DESKS - 1)
pick = st.integers(0, 50)
faults = st.one_of(
    st.just(Faults()),
    st.builds(Faults, cut_request_after=st.integers(0, 3000)),
    st.builds(Faults, cut_response_after=st.integers(0, 3000)),
    st.builds(Faults, delay=st.just(0.005), rate=st.just(100_000.0)),
)
operations = st.lists(
    st.one_of(
        st.tuples(st.just("register"), desk_index, st.integers(0, len(PEOPLE) - 1)),
        st.tuples(st.just("register_no_cf"), desk_index, pick),
        st.tuples(st.just("edit"), desk_index, pick, st.sampled_from(sorted(EDITS)), st.integers(0, 2)),
        # Two desks edit the same field of the same person before either syncs.
        st.tuples(st.just("edit_both"), desk_index, pick, st.sampled_from(sorted(EDITS)), st.integers(0, 2),
                  st.integers(1, DESKS - 1)),
        st.tuples(st.just("delete"), desk_index, pick),
        st.tuples(st.just("request"), desk_index, pick),
        st.tuples(st.just("sync"), desk_index, faults),
    ),
    min_size=4, max_size=28,
)


def _live_persons(store: Store) -> list[str]:
    # By id: desks that know the same persons pick the same one for the same index.
    return [r["id"] for r in store.query("SELECT id FROM persons WHERE deleted = 0 ORDER BY id")]


def _do(store: Store, op: tuple[Any, ...]) -> None:
    kind = op[0]
    if kind == "register":
        last, first, sex, born = PEOPLE[op[2]]
        cf = fiscal_code(last, first, sex, born)
        if find_by_fiscal_code(store, cf) is None:  # the operator finds an existing one locally
            store.save(Person(fiscal_code=cf, last_name=last, first_name=first))
        return
    if kind == "register_no_cf":
        store.save(Person(last_name="Senza", first_name=f"Codice{op[2] % 3}", birth_date=date(1970, 1, 1)))
        return
    live = _live_persons(store)
    if not live:
        return
    target = live[op[2] % len(live)]
    if kind == "edit":
        person = store.get(Person, target)
        assert person is not None
        setattr(person, op[3], EDITS[op[3]][op[4]])
        store.save(person)
    elif kind == "delete":
        store.set_deleted(Person, target, True)
    elif kind == "request":
        store.save(Request(person_id=target, category="ACC", description=f"richiesta {op[2]}"))


def _server_state(server_dir: Path) -> tuple[dict[str, dict[str, dict[str, Any]]], list[dict[str, Any]]]:
    with sqlite3.connect(server_dir / "wpt-server.db") as conn:
        rows = conn.execute("SELECT entity, row_id, data, clocks FROM rows").fetchall()
        log = [json.loads(c) for (c,) in conn.execute("SELECT change FROM change_log ORDER BY seq")]
    state: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in SHARED}
    for entity, row_id, data, clocks in rows:
        if entity in state:
            values = json.loads(data)
            fields = writable_fields(SYNC_ENTITIES[entity])
            state[entity][row_id] = {**{f: values.get(f) for f in fields}, "clocks": json.loads(clocks)}
    return state, log


def _check(stores: list[Store], server_dir: Path, written: dict[str, dict[str, Any]]) -> None:
    for store in stores:
        assert sync_tables.outbox_count(store) == 0
        assert store.scalar("SELECT count(*) FROM sync_rejected") == 0
        assert store.scalar("SELECT count(*) FROM sync_parked") == 0
    replicas = [snapshot(s) for s in stores]
    # Identical replicas, and identical to the server's state.
    assert replicas[0] == replicas[1] == replicas[2]
    server_state, log = _server_state(server_dir)
    assert replicas[0] == server_state
    final = replicas[0]

    # Nothing acknowledged lost or duplicated: every change made at a desk is in the log exactly once.
    logged = [e["change_id"] for e in log]
    assert len(logged) == len(set(logged))
    assert set(written) <= set(logged)
    live_cf = [p["fiscal_code"] for p in final["person"].values() if p["fiscal_code"] and not p["deleted"]]
    assert len(live_cf) == len(set(live_cf))  # one person per codice fiscale
    for change in written.values():
        assert change["row_id"] in final[change["entity"]]

    # Every write either is the final value, was overwritten by a writer who had seen it, or lost a
    # concurrent race and its value is kept in a conflict record (possibly through an equal write that
    # absorbed it: two desks writing the same value is not a loss).
    kept_for_review: dict[tuple[str, str, str], list[Any]] = {}
    for c in final["conflict"].values():
        kept_for_review.setdefault((c["entity"], c["row_id"], c["field"]), []).append(json.loads(c["lost_value"]))
    successors = {(e["entity"], e["row_id"], f, stamp) for e in log for f, stamp in e.get("base", {}).items()}
    for entry in log:
        row = final[entry["entity"]].get(entry["row_id"]) if entry["entity"] in final else None
        if row is None:
            continue
        for name, value in entry["fields"].items():
            if row["clocks"].get(name) == entry["hlc"] or row.get(name) == value:
                continue
            if (entry["entity"], entry["row_id"], name, entry["hlc"]) in successors:
                continue
            lost = kept_for_review.get((entry["entity"], entry["row_id"], name), [])
            assert value in lost, f"write {entry['change_id']} of {name}={value!r} lost silently"


# Derandomized: CI runs the same examples every time (a random search found the case below).
@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations)
def test_desks_converge_through_a_faulty_link(ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with RunningServer(root / "server") as server, FaultProxy(server.port) as proxy:
            stores = [open_desk(root / f"desk{i}") for i in range(DESKS)]
            try:
                clients: list[SyncClient] = [server.enroll(s, f"Sportello {i}", "rete", url=proxy.url)
                                             for i, s in enumerate(stores)]
                written: dict[str, dict[str, Any]] = {}
                # A shared start, so that edits at different desks often touch the same persons.
                _do(stores[0], ("register", 0, 0))
                _do(stores[0], ("register_no_cf", 0, 0))
                for client in (*clients, clients[0]):
                    client.sync()

                def remember(store: Store) -> None:
                    for r in store.query("SELECT change_id, entity, row_id FROM outbox"):
                        written[r["change_id"]] = r

                for op in ops:
                    store = stores[op[1]]
                    if op[0] == "sync":
                        remember(store)
                        proxy.faults = op[2]
                        try:
                            clients[op[1]].sync()
                        except SyncError as exc:
                            assert exc.kind == "offline", exc.message
                    elif op[0] == "edit_both":
                        _do(store, ("edit", *op[1:5]))
                        other = (op[1] + op[5]) % DESKS
                        _do(stores[other], ("edit", other, op[2], op[3], (op[4] + 1) % 3))
                    else:
                        _do(store, op)
                proxy.faults = Faults()
                for store in stores:
                    remember(store)
                for _ in range(2):
                    for client in clients:
                        assert client.sync().complete
                _check(stores, server.data_dir, written)
            finally:
                for store in stores:
                    store.close()


# Found by the random search on 2026-11-28 (three desks, repeated registrations of one codice fiscale,
# then two rounds of concurrent address edits): one desk's losing write ends up neither in the final value
# nor in a conflict record. Known defect of the merge; this test fails until it is fixed.
KNOWN_LOST_WRITE = [('register', 0, 0), ('register', 1, 0), ('register', 0, 0), ('register', 0, 0), ('register', 0, 0),
     ('register', 0, 0), ('register', 0, 0), ('register', 0, 0), ('register', 0, 0), ('register', 1, 2),
     ('register_no_cf', 1, 32), ('register', 0, 1), ('register', 0, 0), ('register', 0, 0), ('register', 0, 0),
     ('register', 0, 0), ('edit_both', 2, 0, 'address', 0, 1), ('edit_both', 2, 14, 'address', 1, 2),
     ('register', 0, 0), ('edit_both', 0, 50, 'address', 1, 2)]


# Not strict: whether the write is lost depends on the wall clock of the stamps (it is lost in about three
# runs out of four); the merge-rule fix (issue 12) turns this into a plain test.
@pytest.mark.xfail(strict=False, reason="known: a concurrent write can be lost without a conflict record")
def test_known_case_of_a_lost_concurrent_write() -> None:
    test_desks_converge_through_a_faulty_link.hypothesis.inner_test(ops=KNOWN_LOST_WRITE)  # type: ignore[attr-defined]
