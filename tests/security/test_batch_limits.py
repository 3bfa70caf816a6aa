"""Finding 9: bounds on batch size, row count and field length, per request, per field and per desk
per hour (sync/limits.py, README "Security"). A request past them is refused whole with a short
answer; a field past them never reaches another desk; a desk past its hourly budget waits."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from pydantic import ValidationError

from desktop.domain.models import MAX_NAME_CHARS, Person
from desktop.ids import HybridLogicalClock
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import CREDENTIAL_KEY
from desktop.sync.client import SyncError
from desktop.sync.review import rejected_changes
from sync.limits import MAX_CHANGES_PER_REQUEST
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _post(server: RunningServer, credential: str, changes: list[dict[str, object]]) -> httpx.Response:
    body = gzip.compress(json.dumps({"changes": changes}).encode(), compresslevel=9)
    return httpx.post(f"{server.url}/v1/sync", content=body, timeout=30,
                      headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Content-Encoding": "gzip",
                               "Authorization": f"Bearer {credential}"})


def test_too_many_changes_in_one_request_are_refused_quickly(server: RunningServer, new_desk: NewDesk) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    assert ca.sync().complete
    credential = a.setting(CREDENTIAL_KEY)
    assert credential
    stamp = HybridLogicalClock(a.desk_id).now()
    change = {"change_id": "c", "entity": "person", "row_id": "r", "fields": {}, "hlc": stamp}
    for count, status in ((MAX_CHANGES_PER_REQUEST + 1, 400), (55_000, 413)):
        started = time.monotonic()
        answer = _post(server, credential, [{**change, "change_id": f"c{i}", "row_id": f"r{i}"} for i in range(count)])
        assert answer.status_code == status and len(answer.content) < 300, answer.text
        assert time.monotonic() - started < 5
    b.save(Person(last_name="Non", first_name="Bloccato"))
    assert cb.sync().complete and ca.sync().complete and a.count("person") == 1


def test_an_oversized_field_never_reaches_another_desk(server: RunningServer, new_desk: NewDesk) -> None:
    with pytest.raises(ValidationError):
        Person(last_name="x" * (MAX_NAME_CHARS + 1), first_name="Troppo")
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    seven_mb, long_name, fine = (a.save(Person(last_name=f"Lungo{i}", first_name="Leo")) for i in range(3))
    # Written by a tampered (or older) desk: a 7 MB surname, and one of 20,000 characters.
    for person, size in ((seven_mb, 7 * 1024 * 1024), (long_name, 20_000)):
        a.conn.execute("UPDATE outbox SET fields = ? WHERE row_id = ?",
                       (json.dumps({"last_name": "R" * size, "first_name": "Leo"}), person.id))
    report = ca.sync()
    assert report.complete and sync_tables.outbox_count(a) == 0
    reasons = {r["row_id"]: r["reason"] for r in rejected_changes(a)}
    assert "limiti del protocollo" in reasons[seven_mb.id]  # never sent
    assert "last_name" in reasons[long_name.id] and "RRR" not in reasons[long_name.id]  # refused by the server
    assert cb.sync().complete
    assert b.get(Person, fine.id) is not None
    assert b.get(Person, seven_mb.id) is None and b.get(Person, long_name.id) is None


def test_a_desk_past_its_hourly_budget_waits_and_loses_nothing(tmp_path: Path, new_desk: NewDesk) -> None:
    with RunningServer(tmp_path / "server", max_changes_per_hour=60) as server:
        a, b = new_desk("a"), new_desk("b")
        ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
        for i in range(20):
            a.save(Person(last_name=f"Primo{i}", first_name="Lotto"))
        assert ca.sync().complete
        for i in range(60):
            a.save(Person(last_name=f"Secondo{i}", first_name="Lotto"))
        with pytest.raises(SyncError, match="troppe modifiche") as caught:
            ca.sync()
        assert caught.value.kind == "busy" and sync_tables.outbox_count(a) == 60
        b.save(Person(last_name="Altro", first_name="Sportello"))
        assert cb.sync().complete and b.count("person") == 21  # other desks keep their budget
