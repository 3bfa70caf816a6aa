"""Links and servers worse than a cut: one that drops every transfer past a size, and a server that
answers 200 in another protocol version (or replays an old answer)."""

from __future__ import annotations

import gzip
import http.server
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from desktop.domain.models import Person
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import BATCH_KEY, CURSOR_KEY
from desktop.sync.client import SyncClient, SyncError
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def test_a_line_that_drops_every_big_transfer_still_syncs_in_smaller_batches(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    with FaultProxy(server.port) as proxy:
        client_a = server.enroll(a, "A", "rete", url=proxy.url)
        client_b = server.enroll(b, "B", "rete", url=proxy.url)
        for i in range(400):
            a.save(Person(last_name=f"Ferrero{i}", first_name="Anna", address=f"Via Lunga {i}"))
        # Every connection dies after 12 kB each way: more than a small batch, less than a default one.
        proxy.faults = Faults(cut_request_after=12_000, cut_response_after=12_000)
        report = client_a.sync()
        assert report.complete and sync_tables.outbox_count(a) == 0
        assert proxy.cuts >= 1 and int(a.setting(BATCH_KEY) or 0) < 128 * 1024  # learnt for the next cycle
        pulled = client_b.sync()
        assert pulled.complete
    assert b.count("person") == a.count("person") >= 400


@contextmanager
def _fake_server(version: str, body: dict[str, object]) -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            payload = gzip.compress(json.dumps(body).encode())
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header(PROTOCOL_HEADER, version)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: object) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}"
        finally:
            httpd.shutdown()


@pytest.mark.parametrize(
    ("version", "body", "kind"),
    [
        ("99", {"cursor": 0, "acked_all": True}, "protocol"),                     # another version
        (str(PROTOCOL_VERSION), {"cursor": 0, "acked_all": True, "batch": "stale"}, "response"),  # replayed
        (str(PROTOCOL_VERSION), {"cursor": 0}, "response"),                       # acknowledges nothing
    ],
)
def test_an_answer_that_is_not_for_this_batch_deletes_nothing(
    new_desk: NewDesk, version: str, body: dict[str, object], kind: str
) -> None:
    desk = new_desk("a")
    for i in range(5):
        desk.save(Person(last_name=f"Intatto{i}", first_name="Leo"))
    before = (desk.query("SELECT change_id FROM outbox ORDER BY seq"), int(desk.setting(CURSOR_KEY) or 0))
    with _fake_server(version, body) as url:
        desk.set_setting("sync_server", url)
        desk.set_setting("sync_credential", "wpt1.whatever")
        with pytest.raises(SyncError) as caught:
            SyncClient(desk, timeout=10).sync()
    assert caught.value.kind == kind
    assert (desk.query("SELECT change_id FROM outbox ORDER BY seq"), int(desk.setting(CURSOR_KEY) or 0)) == before


def test_a_server_that_trickles_its_answer_is_abandoned(new_desk: NewDesk) -> None:
    """httpx's timeout restarts with every byte; a whole request still has a deadline (cron must end)."""
    import socket
    import time

    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            conn.sendall(b"HTTP/1.1 200 OK\r\n")
            while not stop.wait(0.2):
                try:
                    conn.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    return

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    desk = new_desk("a")
    desk.save(Person(last_name="Paziente", first_name="Pia"))
    desk.set_setting("sync_server", f"http://127.0.0.1:{listener.getsockname()[1]}")
    desk.set_setting("sync_credential", "wpt1.whatever")
    started = time.monotonic()
    try:
        with pytest.raises(SyncError, match="entro") as caught:
            SyncClient(desk, timeout=10, request_deadline=1.5).sync()
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
    assert caught.value.kind == "offline" and time.monotonic() - started < 10
    assert sync_tables.outbox_count(desk) > 0


def test_the_batch_grows_back_after_each_clean_round_trip(server: RunningServer, new_desk: NewDesk) -> None:
    """Five cuts halve the batch to its 4 KiB floor; once the line recovers it grows back round trip by
    round trip (additive increase), not only after a whole clean cycle: a big first sync over a line that
    recovers takes tens of round trips, not one per 4 KiB."""
    a = new_desk("a")
    with FaultProxy(server.port) as proxy:
        client = server.enroll(a, "A", "rete", url=proxy.url)
        assert client.sync().complete
        for i in range(1000):
            a.save(Person(last_name=f"Ferrero{i}", first_name="Anna", address=f"Via Lunga {i}", notes="x" * 300))
        waiting = sync_tables.outbox_count(a)
        cuts = iter(range(5))
        proxy.plan = lambda: Faults(cut_request_after=100) if next(cuts, None) is not None else Faults()
        proxy.reset_counters()
        report = client.sync()
    assert proxy.cuts == 5 and report.complete and sync_tables.outbox_count(a) == 0
    at_floor = waiting * 600 // (4 * 1024)  # round trips it would take at the floor (about 600 bytes each)
    assert report.rounds < 40 < at_floor
    assert client.batch_bytes == int(a.setting(BATCH_KEY) or 0) > 64 * 1024  # grown far past the floor, remembered
