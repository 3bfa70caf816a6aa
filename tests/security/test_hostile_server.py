"""Finding 6: a hostile server or a man in the middle cannot crash or wedge a desk. The desk reads an
answer only up to a byte cap (streamed, it stops reading past it), validates every received change
with the same models as a local write, parks what does not validate — listed on the
Sincronizzazione page — and goes on: the pull cursor always moves."""

from __future__ import annotations

import gzip
import http.server
import json
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.queries.persons import person_names
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import CURSOR_KEY
from desktop.sync.client import SyncClient, SyncError
from desktop.sync.review import load_review, review_count
from sync.limits import MAX_ANSWER_BYTES
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.helpers.sync_server import RunningServer
from tests.ui.conftest import window
from ui.main_window import MainWindow

__all__ = ["window"]

NewDesk = Callable[[str], Store]
GIB = 1024**3


class Hostile:
    """What the hostile server does; ``sent`` counts the bytes the desk accepted from it."""

    def __init__(self) -> None:
        self.answer: Callable[[http.server.BaseHTTPRequestHandler], None] = lambda handler: None
        self.sent = 0


@contextmanager
def hostile_server() -> Iterator[tuple[str, Hostile]]:
    plan = Hostile()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            try:
                plan.answer(self)
            except OSError:
                pass  # the desk hung up: what it is expected to do
            self.close_connection = True

        def log_message(self, *args: object) -> None:
            pass

    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{httpd.server_address[1]}", plan
        finally:
            httpd.shutdown()


def _headers(handler: http.server.BaseHTTPRequestHandler, length: int, gzipped: bool = True) -> None:
    handler.send_response(200)
    handler.send_header(PROTOCOL_HEADER, str(PROTOCOL_VERSION))
    if gzipped:
        handler.send_header("Content-Encoding", "gzip")
    handler.send_header("Content-Length", str(length))
    handler.end_headers()


def _json_answer(body: dict[str, Any]) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    payload = gzip.compress(json.dumps(body).encode())

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        _headers(handler, len(payload))
        handler.wfile.write(payload)

    return answer


def _pointed_at(desk: Store, url: str) -> None:
    desk.set_setting(sync_tables.SERVER_KEY, url)
    desk.set_setting(sync_tables.CREDENTIAL_KEY, "wpt1.whatever")


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


@pytest.mark.parametrize("kind", ["plain", "gzip bomb"])
def test_a_huge_answer_is_not_read_past_the_cap(new_desk: NewDesk, kind: str) -> None:
    desk = new_desk("a")
    desk.save(Person(last_name="Intatta", first_name="Ida"))
    before = (desk.query("SELECT change_id FROM outbox"), desk.setting(CURSOR_KEY))
    with hostile_server() as (url, plan):
        if kind == "plain":
            def answer(handler: http.server.BaseHTTPRequestHandler) -> None:  # a 1 GiB answer
                _headers(handler, GIB, gzipped=False)
                chunk = b" " * 65536
                for _ in range(GIB // len(chunk)):
                    handler.wfile.write(chunk)
                    plan.sent += len(chunk)
        else:
            inflater = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
            bomb = inflater.compress(b"[" + b" " * (GIB // 4)) + inflater.flush()  # 256 MiB in ~250 KB

            def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
                _headers(handler, len(bomb))
                handler.wfile.write(bomb)
                plan.sent += len(bomb)

        plan.answer = answer
        _pointed_at(desk, url)
        rss = _rss_mb()
        started = time.monotonic()
        with pytest.raises(SyncError) as caught:
            SyncClient(desk, timeout=10).sync()
        assert time.monotonic() - started < 30 and _rss_mb() - rss < 100
    assert caught.value.kind == "response" and "troppo grande" in caught.value.message
    assert plan.sent < MAX_ANSWER_BYTES + 16 * 1024 * 1024  # the desk stopped reading (socket buffers aside)
    assert (desk.query("SELECT change_id FROM outbox"), desk.setting(CURSOR_KEY)) == before


def test_invalid_changes_are_parked_and_the_cursor_moves_on(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    person = a.save(Person(last_name="Visibile", first_name="Vera"))
    assert ca.sync().complete and cb.sync().complete
    stamp = b.clock.now().replace(b.desk_id, "server")
    good = {"change_id": "ok-1", "entity": "person", "row_id": "0190a000-0000-7000-8000-000000000001",
            "fields": {"last_name": "Nuova", "first_name": "Nina", "deleted": 0}, "hlc": stamp, "origin_desk": "x"}
    answer = {"cursor": 987, "acked_all": True, "changes": [
        {**good, "change_id": "garbage-stamp", "hlc": "not-a-stamp"},
        {**good, "change_id": "wrong-type", "row_id": person.id, "fields": {"last_name": 123}},
        {**good, "change_id": "vanish", "row_id": person.id, "fields": {"last_name": None, "deleted": "sì"}},
        "not even an object",
        {**good, "change_id": "huge-int", "fields": {"consent_sms": 10**30}},
        good,
    ]}
    with hostile_server() as (url, plan):
        plan.answer = _json_answer(answer)
        b.set_setting(sync_tables.SERVER_KEY, url)
        report = SyncClient(b, timeout=10).sync()
    assert report.complete and report.received == 6
    assert int(b.setting(CURSOR_KEY) or 0) == 987  # moved on
    assert b.count("person") == 2 and b.get(Person, "0190a000-0000-7000-8000-000000000001") is not None
    kept = b.get(Person, person.id)
    assert kept is not None and kept.last_name == "Visibile" and not kept.deleted  # did not vanish
    assert person_names(b, [person.id]) == {person.id: "Visibile Vera"}
    review = load_review(b)
    assert len(review.not_applied) == 5 and review_count(b) >= 5
    reasons = " ".join(r["reason"] for r in review.not_applied)
    assert "hlc" in reasons and "last_name" in reasons and "123" not in reasons

    # Back on the real server the desk syncs again (from the cursor the real server knows).
    b.set_setting(sync_tables.SERVER_KEY, server.url)
    b.set_setting(CURSOR_KEY, "0")  # (a server that lied about the cursor: start again; nothing is duplicated)
    a.save(Person(last_name="Ancora", first_name="Qui"))
    assert ca.sync().complete and cb.sync().complete and b.count("person") == 3


def test_the_sincronizzazione_page_lists_what_was_not_applied(
    qtbot: QtBot, window: MainWindow, store: Store
) -> None:
    bad = {"change_id": "bad-1", "entity": "person", "row_id": "r-1", "fields": {"last_name": 5},
           "hlc": store.clock.now().replace(store.desk_id, "server"), "origin_desk": "x"}
    with hostile_server() as (url, plan):
        plan.answer = _json_answer({"cursor": 3, "acked_all": True, "changes": [bad]})
        _pointed_at(store, url)
        store.conn.execute("DELETE FROM outbox")  # nothing to send: this server acknowledges nothing
        assert SyncClient(store, timeout=10).sync().complete
    window.show_page("sync")
    page = window.pages["sync"]
    page.reload()
    qtbot.waitUntil(lambda: page.not_applied_table.rowCount() == 1)
    assert "non valida" in page.not_applied_table.item(0, 1).text()
    assert "(1)" in page.tabs.tabText(3)
