"""``wpt-server export --network`` (a network's current records as one unit, sorted JSON lines) and
``wpt-server backup FILE`` (an online copy of the SQLite default), over a real server on loopback."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.models import Person
from desktop.operations.requests import NewRequest, record_request
from desktop.storage.store import Store
from desktop.sync.client import SyncClient
from sync.server.cli import main as server_main
from tests.helpers.people import fiscal_code
from tests.helpers.postgres import postgres_url
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def test_a_network_exports_as_one_unit_and_the_server_backs_up_while_serving(
    server: RunningServer, new_desk: NewDesk, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WPT_SERVER_DATABASE", raising=False)
    susa, ivrea = new_desk("susa"), new_desk("ivrea")
    clients = [server.enroll(susa, "Susa", "val-susa"), server.enroll(ivrea, "Ivrea", "canavese")]
    elda = susa.save(Person(fiscal_code=fiscal_code("Rostagno", "Elda", "F", date(1941, 3, 2)),
                            last_name="Rostagno", first_name="Elda"))
    record_request(susa, NewRequest(person_id=elda.id, category="TRA"))
    gianni = ivrea.save(Person(last_name="Bertola", first_name="Gianni"))
    for client in clients:
        assert client.sync().complete
    data = ["--data-dir", str(server.data_dir)]

    out = tmp_path / "val-susa.jsonl"
    assert server_main(["export", *data, "--network", "val-susa", "--out", str(out)]) == 0
    assert "esportati" in capsys.readouterr().out
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    ids = {(r["entity"], r["id"]) for r in records}
    assert ("person", elda.id) in ids and ("person", gianni.id) not in ids  # another network's person
    assert {r["entity"] for r in records} >= {"person", "request"} and "service" not in {r["entity"] for r in records}
    assert lines == sorted(lines, key=lambda line: (json.loads(line)["entity"], json.loads(line)["id"]))
    person = next(r for r in records if r["id"] == elda.id)
    assert person["values"]["last_name"] == "Rostagno" and person["clocks"]
    # The same data, exported again (to the screen this time), is the same bytes.
    assert server_main(["export", *data, "--network", "val-susa"]) == 0
    again = capsys.readouterr()
    assert again.out.splitlines() == lines and f"Record esportati: {len(lines)}" in again.err
    with_catalog = tmp_path / "with-catalog.jsonl"
    assert server_main(["export", *data, "--network", "val-susa", "--with-catalog", "--out", str(with_catalog)]) == 0
    assert "service" in {json.loads(line)["entity"] for line in with_catalog.read_text(encoding="utf-8").splitlines()}
    capsys.readouterr()

    assert server_main(["export", *data, "--network", "val-suza", "--out", str(tmp_path / "typo.jsonl")]) == 2
    assert "Nessuno sportello del server è nella rete «val-suza»" in capsys.readouterr().err
    assert not (tmp_path / "typo.jsonl").exists() and not (tmp_path / "typo.jsonl.partial").exists()
    assert server_main(["export", *data, "--network", "val-susa", "--out", str(out)]) == 2  # never overwritten
    assert "esiste già" in capsys.readouterr().err

    # The backup is taken while the server serves; it opens, holds the network's rows, and is owner-only.
    copy = tmp_path / "server-copy.db"
    assert server_main(["backup", *data, str(copy)]) == 0
    assert str(copy) in capsys.readouterr().out
    assert copy.stat().st_mode & 0o077 == 0 and not copy.with_name(copy.name + ".partial").exists()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute("SELECT count(*) FROM rows WHERE network = 'val-susa'").fetchone()[0]
    assert rows == len(lines)
    assert server_main(["backup", *data, str(copy)]) == 2 and "esiste già" in capsys.readouterr().err
    assert clients[0].sync().complete  # the server went on serving


def test_the_sqlite_server_moves_to_postgresql_and_its_desks_sync_on(
    tmp_path: Path, new_desk: NewDesk, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WPT_SERVER_DATABASE", raising=False)
    url = postgres_url()
    susa, oulx = new_desk("susa"), new_desk("oulx")
    with RunningServer(tmp_path / "server") as sqlite_server:
        clients = [sqlite_server.enroll(susa, "Susa", "val-susa"), sqlite_server.enroll(oulx, "Oulx", "val-susa")]
        elda = susa.save(Person(last_name="Rostagno", first_name="Elda"))
        record_request(susa, NewRequest(person_id=elda.id, category="TRA"))
        for client in clients * 2:
            assert client.sync().complete
        data_dir = sqlite_server.data_dir
        data = ["--data-dir", str(data_dir)]

    assert server_main(["migrate-to", url, *data]) == 0, capsys.readouterr().err
    assert "le esportazioni di ogni rete coincidono" in capsys.readouterr().out
    assert server_main(["migrate-to", url, *data]) == 2  # the target is no longer empty: refused
    assert "non è vuoto" in capsys.readouterr().err
    exports = []
    for database in (["--data-dir", str(data_dir)], ["--database", url]):
        assert server_main(["export", *database, "--network", "val-susa", "--with-catalog"]) == 0
        exports.append(capsys.readouterr().out)
    assert exports[0] == exports[1] and elda.id in exports[1]

    # The same desks, with the credentials they had, now against PostgreSQL: they go on syncing.
    with RunningServer(tmp_path / "unused", database=url) as pg_server:
        bruno = oulx.save(Person(last_name="Perotto", first_name="Bruno"))
        moved = [SyncClient(store, server=pg_server.url, timeout=10) for store in (susa, oulx)]
        for client in moved * 2:
            assert client.sync().complete
        assert susa.get(Person, bruno.id) is not None and oulx.get(Person, elda.id) is not None


def test_migrate_to_refuses_what_is_not_a_postgresql_target(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert server_main(["enroll-desk", "--data-dir", str(tmp_path / "srv"), "--name", "A", "--network", "n"]) == 0
    capsys.readouterr()
    assert server_main(["migrate-to", "mysql://x@y/z", "--data-dir", str(tmp_path / "srv")]) == 2
    assert "La destinazione deve essere un indirizzo postgresql://" in capsys.readouterr().err
    assert server_main(["migrate-to", "postgresql://x@y/z", "--data-dir", str(tmp_path / "nothere")]) == 2
    assert "non esiste" in capsys.readouterr().err and not (tmp_path / "nothere").exists()
