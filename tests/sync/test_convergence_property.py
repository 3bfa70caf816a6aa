"""Property: desks working offline and syncing through a faulty link in any order converge, losing,
duplicating and silently overwriting nothing.

Three desks do random creates, edits, deletes, requests and duplicate registrations (the same
codice fiscale at several desks) and sync in random order through the fault-injecting proxy, which
cuts requests and responses at random points. Then the faults stop and every desk syncs twice.
Edits draw from small pools of values, and two desks often write the same value concurrently: the
case where an equal write used to absorb another silently (issue 12).

Randomized: every run searches new examples (WPT_SYNC_EXAMPLES=200 for a longer search).
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop.domain.models import Person, Request
from desktop.queries.persons import find_by_fiscal_code
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import CURSOR_KEY
from desktop.sync.client import SyncClient, SyncError
from sync.entities import SYNC_ENTITIES, writable_fields
from sync.server.engine import SERVER_NODE
from tests.helpers.desks import open_desk
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.people import fiscal_code
from tests.helpers.postgres import BACKENDS, database_for
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
shared = st.integers(0, 1)  # one of the oldest live persons: usually the shared start, known everywhere
faults = st.one_of(
    st.just(Faults()),
    st.builds(Faults, cut_request_after=st.integers(0, 3000)),
    st.builds(Faults, cut_response_after=st.integers(0, 3000)),
    st.builds(Faults, delay=st.just(0.005), rate=st.just(100_000.0)),
)
edit_run = st.tuples(st.just("edit_run"), desk_index, shared, st.sampled_from(sorted(EDITS)),
                     st.lists(st.integers(0, 2), min_size=2, max_size=3), st.integers(1, DESKS - 1),
                     st.integers(0, 2), st.integers(0, 3))
operations = st.lists(
    st.one_of(
        st.tuples(st.just("register"), desk_index, st.integers(0, len(PEOPLE) - 1)),
        st.tuples(st.just("register_no_cf"), desk_index, pick),
        st.tuples(st.just("edit"), desk_index, pick, st.sampled_from(sorted(EDITS)), st.integers(0, 2)),
        # Two desks edit the same field of the same person before either syncs.
        st.tuples(st.just("edit_both"), desk_index, pick, st.sampled_from(sorted(EDITS)), st.integers(0, 2),
                  st.integers(1, DESKS - 1)),
        # Two desks write the same value to the same field before either syncs.
        st.tuples(st.just("edit_same"), desk_index, shared, st.sampled_from(sorted(EDITS)), st.integers(0, 2),
                  st.integers(1, DESKS - 1)),
        # A desk writes a field several times in a row while another desk writes it once, in between:
        # values repeat, so the other desk's value is often one of the run's (issue 12). Weighted.
        *[edit_run] * 3,
        st.tuples(st.just("delete"), desk_index, pick),
        st.tuples(st.just("request"), desk_index, pick),
        st.tuples(st.just("sync"), desk_index, faults),
    ),
    min_size=4, max_size=28,
)


_NOTHING = object()
EXAMPLES = int(os.environ.get("WPT_SYNC_EXAMPLES", "25"))


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


def _server_state(server: RunningServer) -> tuple[dict[str, dict[str, dict[str, Any]]], list[dict[str, Any]]]:
    storage = server.engine().storage
    log = [{**e.change.model_dump(), "seq": e.seq} for e in storage.read_log("rete", 0, 10**9)]
    state: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in SHARED}
    for entity in state:
        for row in storage.rows_in(entity, None):
            fields = writable_fields(SYNC_ENTITIES[entity])
            state[entity][row.row_id] = {**{f: row.values.get(f) for f in fields}, "clocks": row.clocks}
    return state, log


def _check(stores: list[Store], server: RunningServer, written: dict[str, dict[str, Any]],
           pulled: dict[str, int]) -> None:
    """``written``: every change made at a desk; ``pulled``: for each, the desk's cursor when it was made."""
    for store in stores:
        assert sync_tables.outbox_count(store) == 0
        assert store.scalar("SELECT count(*) FROM sync_rejected") == 0
        assert store.scalar("SELECT count(*) FROM sync_parked") == 0
    replicas = [snapshot(s) for s in stores]
    # Identical replicas, and identical to the server's state.
    assert replicas[0] == replicas[1] == replicas[2]
    server_state, log = _server_state(server)
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

    # Every write either is the final value (or equal to it), was overwritten by a writer who had seen
    # it, or lost a concurrent race and is kept in a conflict record of its own (its stamp). "Seen" is
    # the ground truth, not the server's guess: a writer had seen its own desk's earlier writes and
    # the log entries its desk had pulled when it wrote (the server, every earlier entry); it replaced
    # a write it had seen if the value it overwrote (its base) was that write's value.
    recorded = {(c["entity"], c["row_id"], c["field"], c["lost_stamp"]) for c in final["conflict"].values()}
    value_at = {(e["entity"], e["row_id"], f, e["hlc"]): v for e in log for f, v in e["fields"].items()}
    # The server's own writes (merges, redirects, conflict records) had seen every earlier entry.
    cursor_of = {e["change_id"]: e["seq"] - 1 if e["origin_desk"] == SERVER_NODE else pulled[e["change_id"]]
                 for e in log}
    writes_of: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for entry in log:
        for name in entry["fields"]:
            writes_of.setdefault((entry["entity"], entry["row_id"], name), []).append(entry)

    def knowingly_replaced(entry: dict[str, Any], name: str, value: Any) -> bool:
        key = (entry["entity"], entry["row_id"], name)
        for later in writes_of[key]:
            saw = (later["origin_desk"] == entry["origin_desk"] and later["hlc"] > entry["hlc"]) \
                or entry["seq"] <= cursor_of[later["change_id"]]
            base = later.get("base", {}).get(name)
            if later is not entry and saw and base is not None and value_at.get((*key, base), _NOTHING) == value:
                return True
        return False

    for entry in log:
        row = final[entry["entity"]].get(entry["row_id"]) if entry["entity"] in final else None
        if row is None:
            continue
        for name, value in entry["fields"].items():
            if row["clocks"].get(name) == entry["hlc"] or row.get(name) == value:
                continue
            if knowingly_replaced(entry, name, value):
                continue
            assert (entry["entity"], entry["row_id"], name, entry["hlc"]) in recorded, \
                f"write {entry['change_id']} of {name}={value!r} lost silently"


# Found by the random search on 2026-11-28 (three desks, repeated registrations of one codice fiscale,
# then two rounds of concurrent address edits): an equal write absorbed another one's stamp, so a later
# overwrite counted as sequential and one desk's write vanished without a conflict record (issue 12).
KNOWN_LOST_WRITE = [('register', 0, 0), ('register', 1, 0), ('register', 0, 0), ('register', 0, 0), ('register', 0, 0),
     ('register', 0, 0), ('register', 0, 0), ('register', 0, 0), ('register', 0, 0), ('register', 1, 2),
     ('register_no_cf', 1, 32), ('register', 0, 1), ('register', 0, 0), ('register', 0, 0), ('register', 0, 0),
     ('register', 0, 0), ('edit_both', 2, 0, 'address', 0, 1), ('edit_both', 2, 14, 'address', 1, 2),
     ('register', 0, 0), ('edit_both', 0, 50, 'address', 1, 2)]


@pytest.mark.parametrize("backend", BACKENDS)
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ops=operations)
@example(ops=KNOWN_LOST_WRITE)
def test_desks_converge_through_a_faulty_link(backend: str, ops: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        with RunningServer(root / "server", database=database_for(backend)) as server, \
                FaultProxy(server.port) as proxy:
            stores = [open_desk(root / f"desk{i}") for i in range(DESKS)]
            try:
                clients: list[SyncClient] = [server.enroll(s, f"Sportello {i}", "rete", url=proxy.url)
                                             for i, s in enumerate(stores)]
                written: dict[str, dict[str, Any]] = {}
                pulled: dict[str, int] = {}

                def note_cursors() -> None:
                    """After every write: what its desk had pulled when it was made."""
                    for store in stores:
                        cursor = int(store.setting(CURSOR_KEY) or 0)
                        for r in store.query("SELECT change_id FROM outbox"):
                            pulled.setdefault(r["change_id"], cursor)

                # A shared start, so that edits at different desks often touch the same persons.
                note_cursors()
                _do(stores[0], ("register", 0, 0))
                _do(stores[0], ("register_no_cf", 0, 0))
                note_cursors()
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
                    elif op[0] in ("edit_both", "edit_same"):
                        _do(store, ("edit", *op[1:5]))
                        other = (op[1] + op[5]) % DESKS
                        value = op[4] if op[0] == "edit_same" else (op[4] + 1) % 3
                        _do(stores[other], ("edit", other, op[2], op[3], value))
                    elif op[0] == "edit_run":
                        _, desk, target, name, run, offset, value, at = op
                        other = (desk + offset) % DESKS
                        for each in [*run[:at], None, *run[at:]]:
                            if each is None:
                                _do(stores[other], ("edit", other, target, name, value))
                            else:
                                _do(store, ("edit", desk, target, name, each))
                    else:
                        _do(store, op)
                    note_cursors()
                proxy.faults = Faults()
                for store in stores:
                    remember(store)
                for _ in range(2):
                    for client in clients:
                        assert client.sync().complete
                _check(stores, server, written, pulled)
            finally:
                for store in stores:
                    store.close()


# Its outcome used to depend on the wall clock of the stamps (lost in about three runs out of four); it
# must pass every time. The same orders with hand-made stamps: tests/sync/test_merge_rule.py.
@pytest.mark.parametrize("backend", BACKENDS)
def test_known_case_of_a_lost_concurrent_write(backend: str) -> None:
    test_desks_converge_through_a_faulty_link.hypothesis.inner_test(backend=backend, ops=KNOWN_LOST_WRITE)  # type: ignore[attr-defined]
