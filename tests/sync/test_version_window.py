"""The version window: the server's administrator refuses desks older than a minimum (they keep their
outbox and say to update) and announces the latest version (older desks say an update is available)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from desktop import __version__
from desktop.domain.models import Person
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.sync.client import SyncClient, SyncError
from sync.protocol import version_tuple
from sync.server.app import create_app
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk
from tests.helpers.sync_server import RunningServer


def _enrolled(server: RunningServer, store: Store) -> SyncClient:
    return server.enroll(store, "Sportello di Usseglio", "valli-di-lanzo")


def test_a_desk_below_the_minimum_is_refused_and_keeps_its_changes(tmp_path: Path, store: Store) -> None:
    with RunningServer(tmp_path / "server") as server:
        client = _enrolled(server, store)
        assert client.sync().complete
    store.save(Person(last_name="Girardi", first_name="Anna"))
    waiting = sync_tables.outbox_count(store)
    with RunningServer(tmp_path / "server", min_app_version="99.0") as stricter:
        with pytest.raises(SyncError) as refused:
            SyncClient(store, server=stricter.url, timeout=10).sync()
        assert refused.value.kind == "protocol"
        assert "aggiornare l'applicazione alla 99.0" in refused.value.message
        assert sync_tables.outbox_count(store) == waiting  # nothing lost: it goes once the desk is updated
        health = httpx.get(f"{stricter.url}/v1/health").json()
        assert health["min_app_version"] == "99.0"
    with RunningServer(tmp_path / "server", min_app_version=__version__) as same:
        assert SyncClient(store, server=same.url, timeout=10).sync().complete  # the minimum itself is accepted
    assert sync_tables.outbox_count(store) == 0


def test_a_newer_version_announced_by_the_server_is_said_by_the_desk(tmp_path: Path, store: Store) -> None:
    with RunningServer(tmp_path / "server", latest_app_version="99.1") as server:
        report = _enrolled(server, store).sync()
        assert report.complete and report.update == "99.1"
    with RunningServer(tmp_path / "server", latest_app_version=__version__) as server:
        assert SyncClient(store, server=server.url, timeout=10).sync().update == ""  # up to date: nothing said


def test_the_cli_says_an_update_is_available(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    with RunningServer(tmp_path / "server", latest_app_version="99.1") as server:
        with open_desk(desk) as store:
            server.enroll(store, "Sportello di Lemie", "valli-di-lanzo")
        done = wpt_desk(desk, "sync")
        assert done.returncode == 0, done.stderr
        assert "Aggiornamento disponibile: WPT Desk 99.1" in done.stdout


@pytest.mark.parametrize("text", ["", "1.2.x", "1" * 30, "1..2", "v1.2", "1.2.3.4.5", "١.٢", " 1.2"])
def test_a_version_is_digits_and_dots_only(text: str) -> None:
    assert version_tuple(text) is None or text.strip() == "1.2"
    assert version_tuple("1.2.0") == version_tuple("1.2") < version_tuple("1.10")  # type: ignore[operator]


def test_the_server_refuses_a_malformed_version_option(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="versione non valida"):
        create_app(tmp_path / "server", min_app_version="domani")
