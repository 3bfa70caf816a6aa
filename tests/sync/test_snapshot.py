"""Snapshot first sync: a desk joining a network receives its current rows, not its whole change history,
resumes where a cut connection stopped it, then pulls the log from the position the snapshot matches."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import ValidationError

from desktop.domain.models import Person, Request
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.sync.client import SyncClient, SyncError
from sync.protocol import SNAPSHOT_START, SyncRequest, SyncResponse
from sync.server.engine import SyncEngine
from sync.server.storage import SQLiteStorage
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer

BOTH_BACKENDS = True  # every test using the `server` fixture runs on SQLite and on PostgreSQL

NewDesk = Callable[[str], Store]


def _network_rows(store: Store) -> dict[str, dict[str, dict[str, object]]]:
    """What every desk of the network holds identically (each desk's own desk and operator rows reach the
    others at their next sync)."""
    return {name: rows for name, rows in snapshot(store).items() if name not in ("desk", "operator")}
PERSONS, EDITS = 40, 4


def _busy_network(server: RunningServer, a: Store, url: str) -> SyncClient:
    """Desk A registers persons with requests and edits each person several times, syncing each time."""
    client = server.enroll(a, "A", "rete", url=url)
    persons = [a.save(Person(last_name=f"Gili{i}", first_name="Ada", notes="x" * 200)) for i in range(PERSONS)]
    for person in persons:
        a.save(Request(person_id=person.id, category="COM", description="Compagnia " * 10))
    assert client.sync().complete
    for edit in range(EDITS):
        for person in persons:
            a.save(person.model_copy(update={"phone": f"011 55{edit}{persons.index(person):03d}"}))
        assert client.sync().complete
    return client


def test_a_new_desk_receives_the_current_rows_not_the_history_then_follows_the_log(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    client_a = _busy_network(server, a, server.url)
    history = len(server.engine().storage.read_log("rete", 0, 100_000))
    client_b = server.enroll(b, "B", "rete")
    report = client_b.sync()
    assert report.complete
    assert _network_rows(b) == _network_rows(a)
    # One or two changes per row (its creation, its newest phone), not every edit of it.
    assert report.received < history - PERSONS * (EDITS - 1)
    settings = sync_tables.sync_settings(b)
    assert settings.snapshot == "" and settings.cursor == server.engine().storage.last_seq()
    # After the snapshot, B follows the log like any desk.
    person = a.rows("person")
    a.save(Person.model_validate({**next(iter(person)), "notes": "dopo"}))
    assert client_a.sync().complete and client_b.sync().complete
    assert _network_rows(b) == _network_rows(a)


def test_a_cut_snapshot_resumes_where_it_stopped(server: RunningServer, new_desk: NewDesk, tmp_path: Path) -> None:
    a, b, c = new_desk("a"), new_desk("b"), new_desk("c")
    client_a = _busy_network(server, a, server.url)
    # Enough rows for many pages (compact snapshot pages hold four batches of rows).
    for i in range(160):
        a.save(Person(last_name=f"Bertola{i}", first_name="Ugo", notes="y" * 200))
    assert client_a.sync().complete
    with FaultProxy(server.port) as proxy:
        # The whole snapshot, without faults, for comparison.
        whole = SyncClient(c, server=proxy.url, batch_bytes=4 * 1024)
        whole.enroll(server.engine().create_enrollment("C", "rete"))
        proxy.reset_counters()
        assert whole.sync().complete
        full = proxy.bytes_down
        # B: the first connection is cut once a few pages got through; the server then looks down.
        client = SyncClient(b, server=proxy.url, batch_bytes=4 * 1024)
        client.enroll(server.engine().create_enrollment("B", "rete"))
        connections = iter([Faults(cut_response_after=full // 2)])
        proxy.plan = lambda: next(connections, Faults(refuse=True))
        proxy.reset_counters()
        with pytest.raises(SyncError) as stopped_by:
            client.sync()
        assert stopped_by.value.kind == "offline"
        stopped = sync_tables.sync_settings(b)
        assert stopped.snapshot not in ("", SNAPSHOT_START) and stopped.cursor == 0
        proxy.plan = None
        proxy.reset_counters()
        assert client.sync().complete
        assert proxy.bytes_down < full * 0.75  # went on from where it stopped, not from the start
    assert _network_rows(b) == _network_rows(a) == _network_rows(c)


def test_the_server_bounds_and_checks_snapshot_positions(tmp_path: Path) -> None:
    engine = SyncEngine(SQLiteStorage(tmp_path / "server"))
    engine.seed_reference()
    desk = engine.authenticate(engine.redeem(engine.create_enrollment("A", "rete"), "deska").credential)
    # A position past the log's end is brought back to it; one of another shape is refused by the model.
    answer: SyncResponse = engine.sync(desk, SyncRequest(snapshot="999999999/0/"))
    assert answer.snapshot == "" and answer.cursor == engine.storage.last_seq()
    for bad in ("1/0/x y", "-1/0/", "1/0/" + "a" * 65, "abc"):
        with pytest.raises(ValidationError):
            SyncRequest(snapshot=bad)
    # A desk that pulled already is not sent a snapshot when it asks for one: it goes on with the log.
    later = engine.sync(desk, SyncRequest(cursor=1, snapshot=SNAPSHOT_START))
    assert later.snapshot == ""
