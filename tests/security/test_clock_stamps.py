"""Finding 4: one forged or runaway clock stamp cannot freeze a field or split the replicas. Stamps have
a fixed, validated width (a counter never takes a sixth digit); a batch stamped ahead of the server's
clock by more than the skew is refused whole; the desk is told, and once its clock is right its
pending changes are stamped again and go through."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

import desktop.sync.clock
from desktop.domain.models import Person
from desktop.ids import MAX_COUNTER, HybridLogicalClock
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import CREDENTIAL_KEY
from desktop.sync.client import SyncError
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, Change, SyncRequest, encode
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]
HOUR_MS = 3_600_000


def _run_ahead(store: Store, ms: int) -> None:
    """The desk's clock as if its computer had run ``ms`` ahead (its stamps are in the future)."""
    now = time.time_ns() // 1_000_000
    store.clock = HybridLogicalClock(store.desk_id, HybridLogicalClock.format(now + ms, 0, store.desk_id))


def test_a_desk_whose_clock_runs_ahead_is_told_and_poisons_nothing(
    server: RunningServer, new_desk: NewDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    person = b.save(Person(last_name="Orologio", first_name="Dario"))
    assert cb.sync().complete and ca.sync().complete

    _run_ahead(a, 24 * HOUR_MS)  # its computer thinks it is tomorrow
    monkeypatch.setattr(desktop.sync.clock, "_now_ms", lambda: time.time_ns() // 1_000_000 + 24 * HOUR_MS)
    on_a = a.get(Person, person.id)
    assert on_a is not None
    a.save(on_a.model_copy(update={"phone": "011 000 0001"}))
    waiting = a.query("SELECT change_id FROM outbox")
    with pytest.raises(SyncError, match="avanti di circa 1440 minuti") as caught:
        ca.sync()
    assert caught.value.kind == "clock" and a.query("SELECT change_id FROM outbox") == waiting  # nothing lost
    assert cb.sync().complete  # nothing reached the network

    # The operator corrects the clock: the pending change is stamped again and goes through ...
    monkeypatch.setattr(desktop.sync.clock, "_now_ms", lambda: time.time_ns() // 1_000_000)
    assert ca.sync().complete and sync_tables.outbox_count(a) == 0
    assert HybridLogicalClock.parse(a.clock.now())[0] < time.time_ns() // 1_000_000 + 60_000
    # ... and a later edit elsewhere still wins: the field is not frozen.
    assert cb.sync().complete
    on_b = b.get(Person, person.id)
    assert on_b is not None and on_b.phone == "011 000 0001"
    b.save(on_b.model_copy(update={"phone": "011 000 0002"}))
    assert cb.sync().complete and ca.sync().complete
    final = a.get(Person, person.id)
    assert final is not None and final.phone == "011 000 0002"


def test_the_allowed_skew_is_configurable(tmp_path: Path, new_desk: NewDesk) -> None:
    with RunningServer(tmp_path / "strict", clock_skew_seconds=5) as strict:
        a = new_desk("a")
        ca = strict.enroll(a, "A", "rete")
        _run_ahead(a, 60_000)  # one minute ahead: fine for the default skew, not for 5 seconds
        a.save(Person(last_name="Un", first_name="Minuto"))
        assert ca.sync().complete  # restamped (this computer's clock is right) and accepted
        row = strict.engine().storage.rows_of("rete", "person")[0]
        assert max(HybridLogicalClock.parse(s)[0] for s in row.clocks.values()) < time.time_ns() // 1e6 + 5_000


def test_malformed_stamps_are_refused_before_anything_is_applied(server: RunningServer, new_desk: NewDesk) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    person = a.save(Person(last_name="Fisso", first_name="Mai"))
    assert ca.sync().complete and cb.sync().complete
    credential = a.setting(CREDENTIAL_KEY)
    now = time.time_ns() // 1_000_000
    for stamp in (f"{now:015d}.100000.{a.desk_id}",  # a sixth counter digit would sort lower
                  f"{now:016d}.00000.{a.desk_id}", "9" * 30, f"{now:015d}.00000.", "0.0.x"):
        body = {"changes": [{"change_id": f"forged-{len(stamp)}", "entity": "person", "row_id": person.id,
                             "fields": {"last_name": "Congelato"}, "hlc": stamp, "origin_desk": a.desk_id}]}
        answer = httpx.post(f"{server.url}/v1/sync", content=gzip.compress(json.dumps(body).encode()),
                            headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Content-Encoding": "gzip",
                                     "Authorization": f"Bearer {credential}"})
        assert answer.status_code == 400 and "Congelato" not in answer.text and len(answer.content) < 300
    # A well-formed stamp of another desk's clock is set aside too.
    other_node = Change(change_id="forged-node", entity="person", row_id=person.id, fields={"last_name": "Altro"},
                        hlc=HybridLogicalClock.format(now, 0, b.desk_id), origin_desk=a.desk_id)
    answer = httpx.post(f"{server.url}/v1/sync", content=encode(SyncRequest(changes=[other_node])),
                        headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Content-Encoding": "gzip",
                                 "Authorization": f"Bearer {credential}"})
    assert answer.status_code == 200 and "marca temporale di un altro sportello" in answer.content.decode()
    on_b = b.get(Person, person.id)
    assert on_b is not None
    b.save(on_b.model_copy(update={"last_name": "Modificabile"}))
    assert cb.sync().complete and ca.sync().complete
    final = a.get(Person, person.id)
    assert final is not None and final.last_name == "Modificabile"


def test_a_counter_never_takes_a_sixth_digit() -> None:
    clock = HybridLogicalClock("n", HybridLogicalClock.format(10**13, MAX_COUNTER - 1, "n"))
    stamps = [clock.now() for _ in range(3)]
    assert stamps == sorted(stamps) and all(HybridLogicalClock.is_valid(s) for s in stamps)
    clock.observe(HybridLogicalClock.format(10**13 + 5, MAX_COUNTER, "m"))
    assert HybridLogicalClock.is_valid(clock.now())
    # A clock resumed from a stamp an older version wrote with six counter digits moves on.
    legacy = HybridLogicalClock("n", f"{10**13:015d}.100000.n")
    assert legacy.now() > HybridLogicalClock.format(10**13, MAX_COUNTER, "n")
