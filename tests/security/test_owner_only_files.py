"""Finding 12: the data folder, the database with its WAL, backups, exports and ``wpt-server.db`` are
owner-only (0700 folders, 0600 files) on POSIX; Windows' per-user folder ACLs do the same there."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.models import Person
from desktop.permissions import private_file
from desktop.services.export import write_csv_folder
from desktop.storage.maintenance import backup
from desktop.storage.store import DB_FILENAME, Store
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk
from tests.helpers.sync_server import RunningServer

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX modes (Windows: per-user ACLs)")

NewDesk = Callable[[str], Store]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_file_with_personal_data_is_owner_only(
    server: RunningServer, new_desk: NewDesk, tmp_path: Path
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    person = a.save(Person(last_name="Riservato", first_name="Ugo"))
    assert ca.sync().complete and cb.sync().complete
    assert b.get(Person, person.id) is not None  # sync is unaffected

    for store in (a, b):
        assert _mode(store.path.parent) == 0o700
        for suffix in ("", "-wal", "-shm"):
            assert _mode(Path(f"{store.path}{suffix}")) == 0o600, suffix
    assert _mode(server.data_dir) == 0o700
    for suffix in ("", "-wal", "-shm"):
        assert _mode(server.data_dir / f"wpt-server.db{suffix}") == 0o600, suffix

    backup(a, tmp_path / "copia.db")
    assert _mode(tmp_path / "copia.db") == 0o600
    written = write_csv_folder(a, tmp_path / "export")
    assert _mode(tmp_path / "export") == 0o700
    assert {_mode(tmp_path / "export" / name) for name in written} == {0o600}


def test_a_folder_and_database_left_readable_by_an_older_version_are_tightened(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    with open_desk(folder) as store:
        store.save(Person(last_name="Vecchio", first_name="Permesso"))
    os.chmod(folder, 0o755)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{folder / DB_FILENAME}{suffix}").exists():
            os.chmod(f"{folder / DB_FILENAME}{suffix}", 0o644)
    with open_desk(folder) as store:
        assert store.count("person") == 1  # nothing lost
    assert _mode(folder) == 0o700 and _mode(folder / DB_FILENAME) == 0o600


def test_the_command_line_export_and_backup_are_owner_only(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    with open_desk(desk) as store:
        store.save(Person(last_name="Esportato", first_name="Ivo"))
    assert wpt_desk(desk, "export", "--format", "jsonl", "--out", tmp_path / "tutto.jsonl").returncode == 0
    assert wpt_desk(desk, "backup", tmp_path / "copia.db").returncode == 0
    assert _mode(tmp_path / "tutto.jsonl") == 0o600 and _mode(tmp_path / "copia.db") == 0o600
    assert "Esportato" in (tmp_path / "tutto.jsonl").read_text(encoding="utf-8")


def test_private_file_never_truncates(tmp_path: Path) -> None:
    target = tmp_path / "dati.txt"
    target.write_text("contenuto", encoding="utf-8")
    os.chmod(target, 0o644)
    private_file(target)
    assert target.read_text(encoding="utf-8") == "contenuto" and _mode(target) == 0o600


def test_private_file_keeps_the_locks_this_process_holds_on_a_database(tmp_path: Path) -> None:
    """On POSIX, closing any descriptor of a file drops every lock the process holds on it: making sure
    an open database is owner-only must not open it, or another process could write under a transaction."""
    target = tmp_path / "dati.db"
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO t VALUES (1)")
    private_file(target)
    other = subprocess.run(
        [sys.executable, "-c", "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=0); "
                               "c.execute('INSERT INTO t VALUES (2)'); c.commit()", str(target)],
        capture_output=True, text=True, check=False)
    assert other.returncode != 0 and "locked" in other.stderr
    holder.execute("COMMIT")
    assert holder.execute("SELECT x FROM t").fetchall() == [(1,)]
    holder.close()


def test_private_file_refuses_a_folder(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError):
        private_file(tmp_path)
