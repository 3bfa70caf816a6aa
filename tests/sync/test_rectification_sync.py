"""Rectification (GDPR art. 16) through a real server on loopback, on SQLite and on PostgreSQL: the history
of an edit reaches the other desks' timelines, a desk enrolled later (snapshot) and the network export,
the server refuses a rectification in another operator's name, and an erasure removes it from every
desk and from the server's rows, history and database file."""

from __future__ import annotations

import io
from collections.abc import Callable

from desktop.domain.models import Person, Rectification
from desktop.domain.roles import Role
from desktop.operations.operators import add_operator
from desktop.operations.persons import edit_person, register_person
from desktop.operations.rights import erase_person
from desktop.queries.person_record import person_timeline
from desktop.storage.store import Store
from desktop.sync.client import SyncClient
from sync.server.maintenance import export_network
from tests.helpers.sync_server import RunningServer

BOTH_BACKENDS = True  # every test using the `server` fixture runs on SQLite and on PostgreSQL

NewDesk = Callable[[str], Store]
NETWORK = "valli"


def _sync_all(*clients: SyncClient) -> None:
    for _ in range(2):
        for client in clients:
            assert client.sync().complete


def _server_bytes(server: RunningServer) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(server.data_dir.glob("wpt-server.db*")))


def _rectification_lines(store: Store, person_id: str) -> list[str]:
    return [e.text for e in person_timeline(store, person_id) if e.kind == "rectification"]


def test_a_rectification_reaches_every_desk_and_an_erasure_removes_it_everywhere(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "Sportello A", NETWORK), server.enroll(b, "Sportello B", NETWORK)
    person = register_person(a, Person(last_name="Bonnet", first_name="Lidia", phone="0121 44 55 66",
                                       address="Borgata Pra 2")).value
    coordinator = add_operator(a, "Ottavia Ferrero", Role.COORDINATOR).value
    _sync_all(ca, cb)
    assert _rectification_lines(b, person.id) == []

    a.sign_in(coordinator)
    edit_person(a, person.model_copy(update={"phone": "0121 77 88 99", "address": "Via Maestra 5"}))
    [rectification_id] = [r["id"] for r in a.query("SELECT id FROM rectifications")]
    rectified_at = str(a.scalar("SELECT rectified_at FROM rectifications"))
    _sync_all(ca, cb)

    line = "Dati anagrafici rettificati: indirizzo, telefono (operatore: Ottavia Ferrero)"
    assert _rectification_lines(b, person.id) == [line]
    late = new_desk("late")  # enrolled afterwards: its first sync is a snapshot of the network's rows
    cl = server.enroll(late, "Sportello C", NETWORK)
    assert cl.sync().complete
    assert _rectification_lines(late, person.id) == [line]
    engine = server.engine()
    stored = engine.storage.get_row(NETWORK, "rectification", rectification_id)
    assert stored is not None and stored.values["changed_fields"] == '["address", "phone"]'
    exported = io.StringIO()
    export_network(engine.storage, NETWORK, exported)
    assert rectification_id in exported.getvalue()
    assert "0121 44 55 66" not in exported.getvalue()  # the wrong phone is not kept in any history
    engine.storage.close()  # type: ignore[attr-defined]
    if server.database is None:
        assert rectified_at.encode() in _server_bytes(server)

    erase_person(a, person.id, "richiesta dell'interessata (art. 17)")
    _sync_all(ca, cb, cl)

    for store in (a, b, late):
        assert store.query("SELECT * FROM rectifications") == []
        assert store.get(Rectification, rectification_id) is None
    engine = server.engine()
    assert engine.storage.get_row(NETWORK, "rectification", rectification_id) is None
    assert not any(e.change.row_id == rectification_id or e.change.fields.get("person_id") == person.id
                   for e in engine.storage.read_log(NETWORK, 0, 100_000))
    exported = io.StringIO()
    export_network(engine.storage, NETWORK, exported)
    assert rectification_id not in exported.getvalue()
    engine.storage.close()  # type: ignore[attr-defined]
    if server.database is None:  # SQLite: the database file and its WAL, as raw bytes
        raw = _server_bytes(server)
        assert rectified_at.encode() not in raw and b"Via Maestra" not in raw


def test_the_server_refuses_a_rectification_in_another_operators_name(server: RunningServer,
                                                                     new_desk: NewDesk) -> None:
    a = new_desk("a")
    ca = server.enroll(a, "A", NETWORK)
    person = register_person(a, Person(last_name="Bonnet", first_name="Lidia")).value
    _sync_all(ca)
    # A tampered desk queues a rectification that names someone other than its operator.
    a.save(Rectification(person_id=person.id, rectified_at="2026-01-01T00:00:00+00:00", changed_fields=["phone"],
                         operator_id=a.current_operator().id, operator_name="Qualcun Altro"))
    report = ca.sync()
    assert [reason for _, reason in report.rejected] == ["una rettifica porta il nome del proprio operatore, "
                                                         "non un altro"]
