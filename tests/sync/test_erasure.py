"""Erasure (GDPR art. 17) through a real server on loopback: it reaches every desk and the server's own
state and history, a desk enrolled later never sees the person, an offline edit does not bring them back,
and a withdrawn consent reaches every desk."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop.domain.enums import ConsentPurpose
from desktop.domain.models import Erasure, Person
from desktop.domain.roles import Role
from desktop.operations.operators import add_operator
from desktop.operations.persons import edit_person, register_person
from desktop.operations.requests import NewRequest, add_note, record_request
from desktop.operations.rights import active_consent, erase_person, record_consent, withdraw_consent
from desktop.queries.catalog import services_covering
from desktop.services.export import write_jsonl
from desktop.storage.store import Store
from tests.helpers.people import fiscal_code
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]
CF = fiscal_code("Chiabrando", "Teresio", "M", date(1944, 9, 30))
SECRETS = ("Chiabrando", CF, "0121 55 44 33", "ricoverata a Pinerolo", "Bolletta del gas arretrata")


def _sync_all(*clients: object) -> None:
    for _ in range(2):
        for client in clients:
            assert client.sync().complete  # type: ignore[attr-defined]


def _exported(store: Store, tmp: Path) -> str:
    out = tmp / f"{store.desk_id}.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        write_jsonl(store, handle, include_deleted=True)
    return out.read_text(encoding="utf-8")


def _desk_text(store: Store) -> str:
    tables = [r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    values = []
    for table in tables:
        for row in store.query(f'SELECT * FROM "{table}"'):
            values += [v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in row.values()]
    return "\n".join(values)


def _server_bytes(server_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(server_dir.glob("wpt-server.db*")))


def test_an_erasure_reaches_every_desk_and_the_server_and_wins_over_an_offline_edit(
    server: RunningServer, new_desk: NewDesk, tmp_path: Path
) -> None:
    a, b, c = new_desk("a"), new_desk("b"), new_desk("c")
    clients = [server.enroll(s, f"Sportello {n}", "pinerolese") for s, n in ((a, "A"), (b, "B"), (c, "C"))]
    person = register_person(a, Person(fiscal_code=CF, last_name="Chiabrando", first_name="Teresio",
                                       phone="0121 55 44 33", notes="Moglie ricoverata a Pinerolo")).value
    service = services_covering(a, "ECO", None)[0]
    request = record_request(a, NewRequest(person.id, "ECO", "Bolletta del gas arretrata",
                                           service_ids=[service["id"]])).value
    add_note(a, request.request_id, "Portato l'ISEE")
    record_consent(a, person.id, ConsentPurpose.SMS_REMINDERS)
    _sync_all(*clients)
    assert c.get(Person, person.id) is not None
    raw = _server_bytes(server.data_dir)
    assert CF.encode() in raw and b"Chiabrando" in raw

    # Desk B edits the person while offline; meanwhile desk A erases them.
    offline = b.get(Person, person.id)
    assert offline is not None
    erase_person(a, person.id, "richiesta dell'interessato (art. 17)")
    offline.address = "Via Nuova 4"
    edit_person(b, offline)
    ca, cb, cc = clients
    assert ca.sync().complete
    report_b = cb.sync()
    assert report_b.complete and report_b.erased == 1 and report_b.erased_edits == 1
    _sync_all(ca, cb, cc)

    late = new_desk("d")
    cd = server.enroll(late, "Sportello D", "pinerolese")
    assert cd.sync().complete

    for store in (a, b, c, late):
        assert store.get(Person, person.id) is None
        tombstone = store.get(Erasure, person.id)
        assert tombstone is not None and tombstone.reason == "richiesta dell'interessato (art. 17)"
        text, exported = _desk_text(store), _exported(store, tmp_path)
        for secret in (*SECRETS, "Via Nuova 4", "Portato l'ISEE"):
            assert secret not in text and secret not in exported, (store.desk_id, secret)
    engine = server.engine()
    assert engine.storage.get_row("pinerolese", "person", person.id) is None
    assert engine.storage.get_row("pinerolese", "erasure", person.id) is not None
    assert [e for e in engine.storage.events(100) if e.kind == "persona cancellata"]
    engine.storage.close()  # type: ignore[attr-defined]
    # The server's database and its WAL, as raw bytes: nothing of the person is left.
    raw = _server_bytes(server.data_dir)
    for secret in (*SECRETS, "Via Nuova 4", "Portato l'ISEE"):
        assert secret.encode() not in raw, secret


def test_a_withdrawn_consent_reaches_every_desk(server: RunningServer, new_desk: NewDesk) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    person = register_person(a, Person(last_name="Bruno", first_name="Ines")).value
    record_consent(a, person.id, ConsentPurpose.SMS_REMINDERS)
    _sync_all(ca, cb)
    assert active_consent(b, person.id, ConsentPurpose.SMS_REMINDERS) is not None
    withdraw_consent(a, person.id, ConsentPurpose.SMS_REMINDERS)
    _sync_all(ca, cb)
    assert active_consent(b, person.id, ConsentPurpose.SMS_REMINDERS) is None
    on_b = b.get(Person, person.id)
    assert on_b is not None and not on_b.consent_sms


def test_the_server_refuses_an_erasure_by_an_operator_without_the_role(server: RunningServer,
                                                                        new_desk: NewDesk) -> None:
    a = new_desk("a")
    ca = server.enroll(a, "A", "rete")
    person = register_person(a, Person(last_name="Bruno", first_name="Ines")).value
    ugo = add_operator(a, "Ugo", Role.OPERATOR).value
    _sync_all(ca)
    # A tampered desk queues an erasure signed by a plain operator: the server sets it aside.
    a.save(Erasure(id=person.id, erased_at="2025-01-01T00:00:00+00:00", operator_id=ugo.id, reason="prova"))
    report = ca.sync()
    assert [reason for _, reason in report.rejected] == ["solo un coordinatore o un amministratore dello sportello "
                                                         "può cancellare una persona"]
    engine = server.engine()
    assert engine.storage.get_row("rete", "person", person.id) is not None
