"""Who gets what: enrollment codes, credentials, revocation, networks, protocol versions, rejected changes."""

from __future__ import annotations

import json
from collections.abc import Callable

import httpx
import pytest

import desktop.sync.client
from desktop.domain.models import Person, Request
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import CREDENTIAL_KEY
from desktop.sync.client import SyncClient, SyncError
from desktop.sync.review import rejected_changes
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SyncRequest, SyncResponse, encode
from tests.helpers.sync_server import RunningServer

BOTH_BACKENDS = True  # every test using the `server` fixture runs on SQLite and on PostgreSQL

NewDesk = Callable[[str], Store]


def _raw_sync(server: RunningServer, credential: str | None) -> httpx.Response:
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Content-Encoding": "gzip"}
    if credential is not None:
        headers["Authorization"] = f"Bearer {credential}"
    return httpx.post(f"{server.url}/v1/sync", content=encode(SyncRequest(cursor=0)), headers=headers)


def test_no_wrong_or_revoked_credential_gets_nothing(server: RunningServer, new_desk: NewDesk) -> None:
    a = new_desk("a")
    client = server.enroll(a, "A", "rete")
    a.save(Person(last_name="Bertola", first_name="Gino"))
    assert client.sync().complete
    credential = a.setting(CREDENTIAL_KEY)
    assert credential is not None
    ok = _raw_sync(server, credential)
    assert ok.status_code == 200 and SyncResponse.model_validate_json(ok.content).changes

    for bad in (None, "wpt1.not-the-credential", credential + "x"):
        refused = _raw_sync(server, bad)
        assert refused.status_code == 401
        assert "Bertola" not in refused.text

    server.engine().revoke("A")
    refused = _raw_sync(server, credential)
    assert refused.status_code == 403 and "Bertola" not in refused.text
    a.save(Person(last_name="Dopo", first_name="Revoca"))
    with pytest.raises(SyncError, match="revocato") as caught:
        client.sync()
    assert caught.value.kind == "revoked"
    assert sync_tables.outbox_count(a) == 1  # kept


def test_a_desk_of_another_network_gets_nothing_of_this_one(server: RunningServer, new_desk: NewDesk) -> None:
    a, b, other = new_desk("a"), new_desk("b"), new_desk("other")
    ca, cb = server.enroll(a, "A", "valle-1"), server.enroll(b, "B", "valle-1")
    co = server.enroll(other, "O", "valle-2")
    person = a.save(Person(last_name="Segreto", first_name="Tino"))
    a.save(Request(person_id=person.id, category="SAN"))
    assert ca.sync().complete and cb.sync().complete and co.sync().complete
    assert b.get(Person, person.id) is not None
    assert other.get(Person, person.id) is None and other.count("request") == 0
    # The catalog is shared by every network.
    assert other.count("service") == a.count("service") > 0
    # A desk of another network cannot write into this network's rows either: the same id there is a
    # row of its own network (accepted, and telling nothing about this one).
    intruder = other.save(Person(id=person.id, last_name="Intruso", first_name="X"))
    report = co.sync()
    assert report.complete and report.rejected == []
    assert cb.sync().complete
    kept = b.get(Person, person.id)
    assert kept is not None and kept.last_name == "Segreto" and intruder.last_name == "Intruso"


def test_enrollment_code_is_one_time_retryable_by_the_same_desk(server: RunningServer, new_desk: NewDesk) -> None:
    first, second = new_desk("first"), new_desk("second")
    code = server.engine().create_enrollment("Sportello", "rete")
    SyncClient(first, server=server.url).enroll(code)
    lost_credential = first.setting(CREDENTIAL_KEY)
    # The answer was lost on a cut connection: the same desk retries with the same code.
    SyncClient(first, server=server.url).enroll(code)
    assert first.setting(CREDENTIAL_KEY) != lost_credential
    with pytest.raises(SyncError, match="già usato"):
        SyncClient(second, server=server.url).enroll(code)
    assert SyncClient(first).sync().complete
    # After the desk's first sync the code is spent, even for the same desk.
    with pytest.raises(SyncError, match="già usato"):
        SyncClient(first, server=server.url).enroll(code)


def test_an_expired_code_enrolls_nothing(server: RunningServer, new_desk: NewDesk) -> None:
    code = server.engine().create_enrollment("Tardi", "rete", hours=1e-9)
    with pytest.raises(SyncError, match="scaduto"):
        SyncClient(new_desk("late"), server=server.url).enroll(code)


@pytest.mark.parametrize(("version", "advice"), [(0, "aggiornare l'applicazione"), (99, "aggiornare il server")])
def test_protocol_refusal_keeps_unsent_changes(
    server: RunningServer, new_desk: NewDesk, monkeypatch: pytest.MonkeyPatch, version: int, advice: str
) -> None:
    a = new_desk("a")
    client = server.enroll(a, "A", "rete")
    a.save(Person(last_name="Vecchia", first_name="Versione"))
    waiting = a.query("SELECT change_id FROM outbox")
    monkeypatch.setattr(desktop.sync.client, "PROTOCOL_VERSION", version)
    with pytest.raises(SyncError, match=advice) as caught:
        client.sync()
    assert caught.value.kind == "protocol"
    assert a.query("SELECT change_id FROM outbox") == waiting


def test_a_rejected_change_is_set_aside_and_does_not_block_the_rest(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    before = a.save(Person(last_name="Prima", first_name="Ok"))
    broken = a.save(Request(person_id=before.id, category="ACC"))
    after = a.save(Person(last_name="Dopo", first_name="Ok"))
    # Damage one outbox entry as a buggy or tampered desk would send it.
    a.conn.execute("UPDATE outbox SET fields = ? WHERE row_id = ?",
                   (json.dumps({"category": "NON-ESISTE", "urgency": "boh"}), broken.id))
    report = ca.sync()
    assert [change_id for change_id, _ in report.rejected] == [
        r["change_id"] for r in a.query("SELECT change_id FROM sync_rejected")
    ]
    assert len(report.rejected) == 1 and "dati non validi" in report.rejected[0][1]
    assert report.complete and sync_tables.outbox_count(a) == 0
    assert [r["row_id"] for r in rejected_changes(a)] == [broken.id]
    assert cb.sync().complete
    assert b.get(Person, before.id) is not None and b.get(Person, after.id) is not None
    assert b.get(Request, broken.id) is None
