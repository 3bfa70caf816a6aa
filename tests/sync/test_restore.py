"""A desk restored from an old backup gets back, at its next sync, everything the server acknowledged after
the backup (its own changes too), and nothing is applied twice."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop.domain.models import Person
from desktop.storage import backups, sync_tables
from desktop.storage.maintenance import integrity_problems
from desktop.storage.store import Store
from desktop.sync.client import SyncClient
from tests.helpers.desks import database_key, open_desk
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _log_size(server: RunningServer) -> int:
    with sqlite3.connect(server.data_dir / "wpt-server.db") as conn:
        return int(conn.execute("SELECT count(*) FROM change_log").fetchone()[0])


def _duplicated_change_ids(server: RunningServer) -> int:
    with sqlite3.connect(server.data_dir / "wpt-server.db") as conn:
        return int(conn.execute(
            "SELECT count(*) FROM (SELECT json_extract(change, '$.change_id') AS c FROM change_log "
            "GROUP BY c HAVING count(*) > 1)").fetchone()[0])


def test_restored_desk_gets_back_its_acknowledged_changes(server: RunningServer, new_desk: NewDesk,
                                                          tmp_path: Path) -> None:
    a = new_desk("a")
    b = new_desk("b")
    client_a = server.enroll(a, "A", "valle")
    client_b = server.enroll(b, "B", "valle")
    ada = a.save(Person(last_name="Garrone", first_name="Ada", address="Via Roma 1"))
    client_a.sync()
    made = backups.automatic_backup(a)
    assert made is not None
    # After the backup: an unsent change in the backup's outbox goes out, new records, an edit, B's work.
    a.save(Person(last_name="Bertola", first_name="Luca"))
    a.save(ada.model_copy(update={"address": "Piazza Castello 2"}))
    client_a.sync()
    b.save(Person(last_name="Chiotti", first_name="Rosa"))
    client_b.sync()
    folder, desk_id = a.path.parent, a.desk_id
    a.close()
    log_before = _log_size(server)

    backups.restore(folder, made.path, database_key(folder), desk_id=desk_id)
    with open_desk(folder) as restored:
        assert restored.scalar("SELECT count(*) FROM persons") == 1
        SyncClient(restored, timeout=10).sync()
        names = sorted(r["last_name"] for r in restored.query("SELECT last_name FROM persons WHERE deleted = 0"))
        assert names == ["Bertola", "Chiotti", "Garrone"]
        assert restored.scalar("SELECT address FROM persons WHERE id = ?", (ada.id,)) == "Piazza Castello 2"
        assert integrity_problems(restored) == []
        assert sync_tables.sync_settings(restored).own_recovery is None  # caught up: back to the usual pulls
        assert sync_tables.outbox_count(restored) == 0
    # The server applied nothing twice: the restored outbox re-sent only changes it already had.
    assert _duplicated_change_ids(server) == 0
    assert _log_size(server) <= log_before + 2  # at most the restored desk's login entries
