"""Finding 1: a revoked credential never works again, also after ``enroll-desk`` of the same name for the
replacement PC; the new code gives a new credential only to whoever redeems it; revocation is
recorded with who and when. Issuing a new code is also how a credential is rotated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from desktop.domain.models import Person
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import CREDENTIAL_KEY
from desktop.sync.client import SyncClient, SyncError
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, SyncRequest, encode
from sync.server.cli import main as wpt_server
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _pull_everything(server: RunningServer, credential: str) -> httpx.Response:
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Content-Encoding": "gzip",
               "Authorization": f"Bearer {credential}"}
    return httpx.post(f"{server.url}/v1/sync", content=encode(SyncRequest(cursor=0)), headers=headers)


def test_a_revoked_credential_stays_revoked_after_the_desk_is_enrolled_again(
    server: RunningServer, new_desk: NewDesk
) -> None:
    stolen, replacement, b = new_desk("stolen"), new_desk("replacement"), new_desk("b")
    c_stolen, cb = server.enroll(stolen, "Sportello A", "rete"), server.enroll(b, "Sportello B", "rete")
    kept = b.save(Person(last_name="Bosio", first_name="Nella"))
    assert cb.sync().complete and c_stolen.sync().complete
    old_credential = stolen.setting(CREDENTIAL_KEY)
    assert old_credential

    assert server.engine().revoke("Sportello A", by="mario.rossi", reason="portatile rubato") == 1
    code = server.engine().create_enrollment("Sportello A", "rete")  # for the replacement PC

    # The old credential gets nothing, now or ever (not even a pull from cursor 0).
    refused = _pull_everything(server, old_credential)
    assert refused.status_code == 403 and len(refused.content) < 400 and "Bosio" not in refused.text
    with pytest.raises(SyncError) as caught:
        c_stolen.sync()
    assert caught.value.kind == "revoked"

    # The new code works for the new PC (not "already used"), which receives the network.
    new_client = SyncClient(replacement, server=server.url)
    new_client.enroll(code)
    assert new_client.sync().complete and replacement.get(Person, kept.id) is not None
    assert _pull_everything(server, old_credential).status_code == 403
    # The stolen PC cannot take the new code either, once the new PC has redeemed it.
    with pytest.raises(SyncError, match="non valido, scaduto o già usato"):
        SyncClient(stolen, server=server.url).enroll(code)

    # Nothing else changed: the network keeps syncing both ways.
    replacement.save(Person(last_name="Nuovo", first_name="Portatile"))
    assert new_client.sync().complete and cb.sync().complete
    assert b.count("person") == replacement.count("person") == 2

    # Recorded with who and when.
    storage = server.engine().storage
    desk = storage.desk_by_name("Sportello A")
    assert desk is not None
    revoked = [c for c in storage.credentials_of(desk.id) if c.revoked_at]
    assert [(c.revoked_by, c.revoked_reason) for c in revoked] == [("mario.rossi", "portatile rubato")]
    assert any(e.kind == "revocato" and e.actor == "mario.rossi" for e in storage.events(50))


def test_a_new_code_rotates_the_credential_when_it_is_redeemed(server: RunningServer, new_desk: NewDesk) -> None:
    old_pc, new_pc = new_desk("old"), new_desk("new")
    c_old = server.enroll(old_pc, "Sportello", "rete")
    old_pc.save(Person(last_name="Prima", first_name="Della"))
    assert c_old.sync().complete
    code = server.engine().create_enrollment("Sportello", "rete")
    assert c_old.sync().complete  # still valid until the new code is used
    c_new = SyncClient(new_pc, server=server.url)
    c_new.enroll(code)
    old_pc.save(Person(last_name="Dopo", first_name="Rotazione"))
    with pytest.raises(SyncError) as caught:
        c_old.sync()
    assert caught.value.kind == "revoked" and sync_tables.outbox_count(old_pc) == 1  # kept, not lost
    assert c_new.sync().complete and new_pc.count("person") == 1


def test_revoke_desk_from_the_command_line_names_who_and_when(
    server: RunningServer, new_desk: NewDesk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    client = server.enroll(new_desk("a"), "Sportello di Susa", "val-susa")
    assert client.sync().complete
    assert wpt_server(["revoke-desk", "--data-dir", str(server.data_dir), "--by", "it.comune",
                       "--reason", "PC dismesso", "Sportello di Susa"]) == 0
    assert wpt_server(["desks", "--data-dir", str(server.data_dir)]) == 0
    out = capsys.readouterr().out
    assert "revocato" in out and "da it.comune" in out
    assert wpt_server(["events", "--data-dir", str(server.data_dir)]) == 0
    assert "PC dismesso" in capsys.readouterr().out
    with pytest.raises(SyncError):
        client.sync()
