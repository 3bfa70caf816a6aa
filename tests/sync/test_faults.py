"""Sync through the fault-injecting proxy: cuts mid-request and mid-response, delay, throttling."""

from __future__ import annotations

import gzip
import http.server
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.models import Person, Request
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import CURSOR_KEY
from desktop.sync.client import SyncClient, SyncError
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _server_copies(server: RunningServer, change_id: str) -> int:
    with sqlite3.connect(server.data_dir / "wpt-server.db") as conn:
        return int(conn.execute(
            "SELECT count(*) FROM change_log WHERE json_extract(change, '$.change_id') = ?", (change_id,)
        ).fetchone()[0])


def _work(store: Store, n: int) -> None:
    for i in range(n):
        person = store.save(Person(last_name=f"Garrone{i}", first_name="Ada", notes="x" * 300))
        store.save(Request(person_id=person.id, category="COM", description="Compagnia " * 20))


def test_cut_mid_request_loses_nothing_and_the_next_sync_completes(
    server: RunningServer, proxy: FaultProxy, new_desk: NewDesk
) -> None:
    a = new_desk("a")
    client = server.enroll(a, "A", "rete", url=proxy.url)
    assert client.sync().complete
    _work(a, 20)
    waiting = a.query("SELECT change_id FROM outbox ORDER BY seq")
    proxy.faults = Faults(cut_request_after=700)
    with pytest.raises(SyncError, match="raggiungibile|interrotta") as caught:
        client.sync()
    assert caught.value.kind == "offline"
    assert a.query("SELECT change_id FROM outbox ORDER BY seq") == waiting
    assert all(_server_copies(server, r["change_id"]) == 0 for r in waiting)
    proxy.faults = Faults()
    assert client.sync().complete and sync_tables.outbox_count(a) == 0


def test_cut_mid_response_then_resend_is_idempotent(
    server: RunningServer, proxy: FaultProxy, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca = server.enroll(a, "A", "rete", url=proxy.url)
    cb = server.enroll(b, "B", "rete", url=proxy.url)
    assert ca.sync().complete and cb.sync().complete
    _work(a, 10)
    sent = a.query("SELECT change_id FROM outbox ORDER BY seq")
    cursor = a.setting(CURSOR_KEY)
    proxy.faults = Faults(cut_response_after=150)  # the server applied the batch; the answer is lost
    with pytest.raises(SyncError):
        ca.sync()
    assert a.query("SELECT change_id FROM outbox ORDER BY seq") == sent
    assert a.setting(CURSOR_KEY) == cursor
    assert all(_server_copies(server, r["change_id"]) == 1 for r in sent)

    proxy.faults = Faults()
    report = ca.sync()
    assert report.complete and report.acked == len(sent) and sync_tables.outbox_count(a) == 0
    assert all(_server_copies(server, r["change_id"]) == 1 for r in sent)
    assert cb.sync().complete and ca.sync().complete
    assert b.count("person") == 10 and b.count("request") == 10
    assert snapshot(a) == snapshot(b)


def test_slow_high_latency_link_still_syncs_in_bounded_batches(
    server: RunningServer, proxy: FaultProxy, new_desk: NewDesk
) -> None:
    a = new_desk("a")
    client = server.enroll(a, "A", "rete", url=proxy.url)
    client.batch_bytes = client.max_batch_bytes = 8 * 1024  # an explicit size: it never grows past it
    _work(a, 30)
    proxy.faults = Faults(delay=0.02, rate=200_000)
    report = client.sync()
    assert report.complete and sync_tables.outbox_count(a) == 0
    assert report.rounds > 3  # the outbox went in several small batches, not one big body


def test_server_down_is_reported_as_offline(server: RunningServer, proxy: FaultProxy, new_desk: NewDesk) -> None:
    a = new_desk("a")
    client = server.enroll(a, "A", "rete", url=proxy.url)
    pending = sync_tables.outbox_count(a)  # the desk's own record and operator, made at its first opening
    a.save(Person(last_name="Offline", first_name="Ugo"))
    proxy.faults = Faults(refuse=True)
    with pytest.raises(SyncError, match="raggiungibile") as caught:
        client.sync()
    assert caught.value.kind == "offline" and sync_tables.outbox_count(a) == pending + 1


def test_a_garbled_server_answer_changes_nothing(tmp_path: Path, new_desk: NewDesk) -> None:
    """A server (or a middlebox) answering 200 with a body that is not the protocol: one sentence, nothing done."""

    class Garbled(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = gzip.compress(b'{"cursor": "not a number", "acked_all": tr')
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Garbled) as garbled:
        thread = threading.Thread(target=garbled.serve_forever, daemon=True)
        thread.start()
        try:
            a = new_desk("a")
            a.set_setting("sync_server", f"http://127.0.0.1:{garbled.server_address[1]}")
            a.set_setting("sync_credential", "wpt1.whatever")
            a.save(Person(last_name="Intatto", first_name="Leo"))
            before = (a.query("SELECT change_id FROM outbox"), a.setting(CURSOR_KEY))
            with pytest.raises(SyncError, match="non valida") as caught:
                SyncClient(a).sync()
            assert caught.value.kind == "response"
            assert (a.query("SELECT change_id FROM outbox"), a.setting(CURSOR_KEY)) == before
        finally:
            garbled.shutdown()
            thread.join()


def test_enrollment_whose_answer_is_cut_can_be_retried(
    server: RunningServer, proxy: FaultProxy, new_desk: NewDesk
) -> None:
    a, other = new_desk("a"), new_desk("other")
    code = server.engine().create_enrollment("A", "rete")
    proxy.faults = Faults(cut_response_after=20)
    with pytest.raises(SyncError):
        SyncClient(a, server=proxy.url).enroll(code)
    assert a.setting("sync_credential") is None
    proxy.faults = Faults()
    SyncClient(a, server=proxy.url).enroll(code)
    assert SyncClient(a).sync().complete
    with pytest.raises(SyncError, match="già usato"):
        SyncClient(other, server=proxy.url).enroll(code)
