"""A ``wpt-server serve`` process on PostgreSQL survives its connection being dropped (a PostgreSQL restart,
a failover): after ``pg_terminate_backend`` on the server's backends the next sync succeeds.

Only the backends of this test's own database are terminated, never the cluster restarted."""

from __future__ import annotations

from pathlib import Path

import psycopg
import psycopg.conninfo

from desktop.domain.models import Person
from tests.helpers.desks import open_desk
from tests.helpers.postgres import postgres_url
from tests.helpers.server_process import ServerProcess


def _drop_server_connections(url: str) -> int:
    """Terminate every other backend on the test database; how many there were."""
    name = psycopg.conninfo.conninfo_to_dict(url)["dbname"]
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = %s "
                             "AND pid <> pg_backend_pid()", (name,)).fetchone()
    return int(found[0]) if found else 0


def test_the_next_sync_after_the_connection_is_dropped_succeeds(tmp_path: Path) -> None:
    url = postgres_url()
    with ServerProcess(tmp_path / "server", database=url) as server:
        store = open_desk(tmp_path / "desk")
        try:
            client = server.enroll(store, "Sportello di Lemie", "valli-di-lanzo")
            assert client.sync().complete
            for round_number in range(3):
                assert _drop_server_connections(url) >= 1
                store.save(Person(last_name=f"Gili{round_number}", first_name="Ada"))
                report = client.sync()
                assert report.complete and report.acked >= 1, round_number
        finally:
            store.close()
        engine = server.engine()
        try:
            names = {row.values["last_name"] for row in engine.storage.rows_of("valli-di-lanzo", "person")}
        finally:
            engine.storage.close()
        assert names == {"Gili0", "Gili1", "Gili2"}
        assert not [line for line in server.log_lines() if line.get("status") == 500]
