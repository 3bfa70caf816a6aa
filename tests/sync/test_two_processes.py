"""Two ``wpt-server serve`` processes on one PostgreSQL database, desks pushing through both at once, and a
desk pulling through both meanwhile: it receives every change, none skipped (change visibility order).

A reader moves its cursor to the last log position it got; with a plain sequence column, a position
committed after a later one would be passed over for ever. Writes take the storage's advisory lock to
their commit, so positions become visible in order whichever process assigned them.
"""

from __future__ import annotations

import threading
from pathlib import Path

from desktop.domain.models import Person
from desktop.storage import sync_tables
from desktop.sync.client import SyncClient
from sync.server.storage import open_storage
from tests.helpers.desks import open_desk
from tests.helpers.postgres import postgres_url
from tests.helpers.server_process import ServerProcess

WRITERS, PERSONS, PER_SYNC = 3, 60, 20


def test_a_reader_through_two_processes_misses_no_change(tmp_path: Path) -> None:
    url = postgres_url()
    with ServerProcess(tmp_path / "one", database=url) as one, ServerProcess(tmp_path / "two", database=url) as two:
        servers = [one.url, two.url]
        storage = open_storage(None, url)
        try:
            from sync.server.engine import SyncEngine

            engine = SyncEngine(storage)
            codes = {name: engine.create_enrollment(name, "rete") for name in
                     [f"W{i}" for i in range(WRITERS)] + ["Lettore"]}
        finally:
            storage.close()
        created: dict[str, list[str]] = {}
        errors: list[BaseException] = []
        pushing = threading.Event()

        def writer(name: str) -> None:
            store = open_desk(tmp_path / name)
            try:
                SyncClient(store, server=servers[0]).enroll(codes[name])
                assert SyncClient(store, server=servers[0]).sync().complete
                pushing.wait(60)
                ids = created.setdefault(name, [])
                for i in range(PERSONS):
                    ids.append(store.save(Person(last_name=f"{name}x{i}", first_name="Ada")).id)
                    if i % PER_SYNC == PER_SYNC - 1:
                        SyncClient(store, server=servers[i % 2]).sync()
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)
            finally:
                store.close()

        reader = open_desk(tmp_path / "lettore")
        try:
            SyncClient(reader, server=servers[1]).enroll(codes["Lettore"])
            assert SyncClient(reader, server=servers[1]).sync().complete  # before any push: no snapshot after
            threads = [threading.Thread(target=writer, args=(f"W{i}",)) for i in range(WRITERS)]
            for thread in threads:
                thread.start()
            pushing.set()
            rounds = 0
            while any(t.is_alive() for t in threads):
                SyncClient(reader, server=servers[rounds % 2]).sync()  # pulls while the others push
                rounds += 1
            for thread in threads:
                thread.join()
            assert not errors, errors
            for server in servers:
                SyncClient(reader, server=server).sync()
            assert sync_tables.sync_settings(reader).snapshot == ""
            received = {r["id"] for r in reader.query("SELECT id FROM persons")}
            expected = {i for ids in created.values() for i in ids}
            assert len(expected) == WRITERS * PERSONS and rounds > 1
            assert expected <= received, f"{len(expected - received)} changes skipped"
        finally:
            reader.close()
