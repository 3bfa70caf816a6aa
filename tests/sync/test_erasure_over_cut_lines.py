"""Erasure (art. 17) over a bad line: three desks and the server behind the fault-injecting proxy. Cuts
mid-request and mid-response lose nothing and apply nothing twice; in the end no desk (decrypted) and no
byte of the server's database or WAL holds the person, an offline edit does not bring them back, and a
desk enrolled afterwards never sees them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.models import Erasure, Person
from desktop.operations.persons import edit_person, register_person
from desktop.operations.requests import NewRequest, add_note, record_request
from desktop.operations.rights import erase_person
from desktop.storage.store import Store
from desktop.sync.client import SyncError
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.people import fiscal_code
from tests.helpers.sync_server import RunningServer
from tests.sync.test_erasure import _desk_text, _exported, _server_bytes

NewDesk = Callable[[str], Store]
CF = fiscal_code("Ghigo", "Ermelinda", "F", date(1950, 2, 11))
SECRETS = ("Ghigo", CF, "0121 77 66 55", "Figlio emigrato a Lione", "Affitto non pagato da tre mesi",
           "Via del Forte 2")


def _erasure_copies(server: RunningServer, person_id: str) -> int:
    engine = server.engine()
    try:
        return sum(1 for n, p, _, _ in engine.storage.erasure_changes() if p == person_id)  # type: ignore[attr-defined]
    finally:
        engine.storage.close()  # type: ignore[attr-defined]


def test_an_erasure_reaches_every_replica_over_a_cut_line(server: RunningServer, proxy: FaultProxy,
                                                          new_desk: NewDesk, tmp_path: Path) -> None:
    a, b, c = new_desk("a"), new_desk("b"), new_desk("c")
    ca, cb, cc = (server.enroll(s, f"Sportello {n}", "pinerolese", url=proxy.url)
                  for s, n in ((a, "A"), (b, "B"), (c, "C")))
    person = register_person(a, Person(fiscal_code=CF, last_name="Ghigo", first_name="Ermelinda",
                                       phone="0121 77 66 55", notes="Figlio emigrato a Lione")).value
    request = record_request(a, NewRequest(person.id, "ECO", "Affitto non pagato da tre mesi")).value
    add_note(a, request.request_id, "Portato il contratto")
    for client in (ca, cb, cc, ca, cb, cc):
        assert client.sync().complete
    assert CF.encode() in _server_bytes(server.data_dir)

    offline = b.get(Person, person.id)
    assert offline is not None
    erase_person(a, person.id, "richiesta dell'interessata (art. 17)")
    edit_person(b, offline.model_copy(update={"address": "Via del Forte 2"}))  # B, offline, edits her

    proxy.faults = Faults(cut_request_after=400)  # A's push never reaches the server whole
    with pytest.raises(SyncError):
        ca.sync()
    assert _erasure_copies(server, person.id) == 0
    assert a.scalar("SELECT count(*) FROM outbox WHERE entity = 'erasure'") == 1
    proxy.faults = Faults(cut_response_after=150)  # the server applies it; A never hears back
    with pytest.raises(SyncError):
        ca.sync()
    assert _erasure_copies(server, person.id) == 1
    proxy.faults = Faults(cut_response_after=300)  # B's edit goes up, the erasure's answer is cut
    with pytest.raises(SyncError):
        cb.sync()

    proxy.faults = Faults()
    for client in (ca, cb, cc, ca, cb, cc):
        assert client.sync().complete
    assert _erasure_copies(server, person.id) == 1  # resent, applied once
    late = new_desk("d")
    cd = server.enroll(late, "Sportello D", "pinerolese", url=proxy.url)
    assert cd.sync().complete

    for store in (a, b, c, late):
        assert store.get(Person, person.id) is None, store.desk_id
        tombstone = store.get(Erasure, person.id)
        assert tombstone is not None and tombstone.reason == "richiesta dell'interessata (art. 17)"
        text, exported = _desk_text(store), _exported(store, tmp_path)
        for secret in (*SECRETS, "Portato il contratto"):
            assert secret not in text and secret not in exported, (store.desk_id, secret)
    raw = _server_bytes(server.data_dir)  # the server's database and WAL, as raw bytes
    for secret in (*SECRETS, "Portato il contratto"):
        assert secret.encode() not in raw, secret
