"""A desk put back from an old copy of its own file (same desk id) gets its later changes back from the
server at the next sync, and nothing is duplicated (issue 12, defect 6)."""

from __future__ import annotations

import shutil
from pathlib import Path

from desktop.domain.models import Person, Request
from desktop.storage import sync_tables
from desktop.sync.client import SyncClient
from tests.helpers.desks import open_desk
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer


def test_a_desk_restored_from_an_old_copy_pulls_its_own_later_changes_again(
    tmp_path: Path, server: RunningServer
) -> None:
    folder, copy = tmp_path / "a", tmp_path / "a-copy"
    a, b = open_desk(folder), open_desk(tmp_path / "b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    early = a.save(Person(last_name="Audisio", first_name="Carlo"))
    assert ca.sync().complete
    a.close()
    shutil.copytree(folder, copy)  # the old copy (a backup)
    a = open_desk(folder)
    ca = SyncClient(a, timeout=10)
    # Later changes of A, acknowledged by the server; B changes things too.
    late = a.save(Person(last_name="Bonino", first_name="Rita", phone="011 100 2000"))
    a.save(Request(person_id=late.id, category="ACC", description="Pasti a domicilio"))
    edited = a.get(Person, early.id)
    assert edited is not None
    a.save(edited.model_copy(update={"address": "Via Roma 1"}))
    b.save(Person(last_name="Cravero", first_name="Piero"))
    for client in (ca, cb):
        assert client.sync().complete
    a.close()
    shutil.rmtree(folder)
    shutil.copytree(copy, folder)  # put back: A's later changes are no longer in its file
    a = open_desk(folder)
    try:
        assert a.get(Person, late.id) is None
        report = SyncClient(a, timeout=10).sync()
        assert report.complete and report.recovered_own
        restored = a.get(Person, late.id)
        assert restored is not None and restored.phone == "011 100 2000"
        after = a.get(Person, early.id)
        assert after is not None and after.address == "Via Roma 1"
        assert sync_tables.sync_settings(a).own_recovery is None
        # Nothing twice, and the same data as B and the server's other desks.
        assert cb.sync().complete
        second = SyncClient(a, timeout=10).sync()
        assert second.complete and not second.recovered_own
        assert snapshot(a) == snapshot(b)
        assert len(a.query("SELECT id FROM requests WHERE person_id = ?", (late.id,))) == 1
        assert len(a.query("SELECT id FROM persons WHERE last_name = 'Bonino'")) == 1
    finally:
        a.close()
        b.close()
