"""The same codice fiscale registered at two desks becomes one person whatever the clocks say: the
server's clock survives a restart, and its merge writes come after every stamp of the rows they touch."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from desktop.domain.models import Person
from desktop.ids import HybridLogicalClock
from desktop.storage.store import Store
from tests.helpers.people import fiscal_code
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]
DAY_MS = 24 * 3_600_000


def _run_ahead(store: Store, ms: int) -> None:
    now = time.time_ns() // 1_000_000
    store.clock = HybridLogicalClock(store.desk_id, HybridLogicalClock.format(now + ms, 0, store.desk_id))


def _live(store: Store, cf: str) -> list[str]:
    return [r["id"] for r in store.query("SELECT id FROM persons WHERE fiscal_code = ? AND deleted = 0", (cf,))]


def test_a_fast_desk_and_a_server_restart_still_merge_one_codice_fiscale(tmp_path: Path, new_desk: NewDesk) -> None:
    a, b = new_desk("a"), new_desk("b")
    cf = fiscal_code("Chiabrando", "Maria", "F", date(1938, 5, 14))
    with RunningServer(tmp_path / "server", clock_skew_seconds=2 * DAY_MS / 1000) as server:
        ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
        # B registers her offline first, then A, whose computer is a day fast
        # (the server allows it here), registers her too and syncs.
        b.save(Person(fiscal_code=cf, last_name="Chiabrando", first_name="Maria"))
        _run_ahead(a, DAY_MS)
        a.save(Person(fiscal_code=cf, last_name="Chiabrando", first_name="Maria"))
        assert ca.sync().complete
    with RunningServer(tmp_path / "server", clock_skew_seconds=2 * DAY_MS / 1000) as server:  # restarted
        ca.server = cb.server = server.url
        for client in (cb, ca, cb):
            assert client.sync().complete
        engine = server.engine()
        alive = [r for r in engine.storage.find_rows("rete", "person", "fiscal_code", cf) if not r.values["deleted"]]
        stamp = engine.clock.last()
    assert len(alive) == 1 and _live(a, cf) == _live(b, cf) == [alive[0].row_id]
    assert snapshot(a) == snapshot(b)
    # The restarted server resumed its clock past the fast desk's stamps.
    assert HybridLogicalClock.parse(stamp)[0] > time.time_ns() // 1_000_000 + DAY_MS // 2


def test_a_server_database_of_version_2_resumes_its_clock_from_its_log(tmp_path: Path) -> None:
    import json

    from sync.server.storage import SCHEMA_VERSION, SQLiteStorage

    storage = SQLiteStorage(tmp_path)
    newest = HybridLogicalClock.format(time.time_ns() // 1_000_000 + DAY_MS, 3, "desk")
    storage.conn.execute("INSERT INTO change_log (network, source_desk, change) VALUES ('rete', 'desk', ?)",
                         (json.dumps({"hlc": newest}),))
    storage.conn.execute("DROP TABLE server_state")
    storage.conn.execute("PRAGMA user_version = 2")
    storage.close()
    upgraded = SQLiteStorage(tmp_path)
    assert upgraded.clock_stamp() == newest
    assert upgraded.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    upgraded.close()


def test_values_only_the_merged_record_had_reach_the_survivor_and_differing_ones_are_reviewed(
    server: RunningServer, new_desk: NewDesk
) -> None:
    """Desk A registers her with names only, desk B with address, phone and e-mail: the survivor of the
    merge has all three on every desk. A phone both had, different, is a review item on every desk."""
    from desktop.operations.review import resolve_conflict
    from desktop.sync.review import list_conflicts

    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    cf = fiscal_code("Chiabrando", "Maria", "F", date(1938, 5, 14))
    first = a.save(Person(fiscal_code=cf, last_name="Chiabrando", first_name="Maria", phone="011 111 1111"))
    second = b.save(Person(fiscal_code=cf, last_name="Chiabrando", first_name="Maria", phone="011 222 2222",
                           address="Borgata Chiotti 5", email="maria@example.invalid", notes="vive sola"))
    for client in (ca, cb, ca, cb):
        assert client.sync().complete
    survivor_id = first.id  # A's reached the server first
    kept_phone = (first if first.id == survivor_id else second).phone
    other_phone = (second if first.id == survivor_id else first).phone
    for store in (a, b):
        assert _live(store, cf) == [survivor_id]
        survivor = store.get(Person, survivor_id)
        assert survivor is not None
        assert (survivor.address, survivor.email, survivor.notes) == (
            "Borgata Chiotti 5", "maria@example.invalid", "vive sola")
        assert survivor.phone == kept_phone
        phones = [c for c in list_conflicts(store) if c.row_id == survivor_id and c.field == "phone"]
        assert len(phones) == 1 and other_phone in phones[0].lost_value
    assert snapshot(a) == snapshot(b)
    # The coordinator keeps the other phone: it is the survivor's on every desk.
    conflict = next(c for c in list_conflicts(b) if c.row_id == survivor_id and c.field == "phone")
    resolve_conflict(b, conflict.id, restore_lost=True)
    for client in (cb, ca):
        assert client.sync().complete
    on_a = a.get(Person, survivor_id)
    assert on_a is not None and on_a.phone == other_phone


def test_a_desk_a_year_behind_does_not_make_its_offline_record_the_survivor(
    server: RunningServer, new_desk: NewDesk
) -> None:
    """The real record (the one the server saw first, with its requests and edits) survives, although the
    late desk's record has the older stamp and the smaller id (both come from its clock, a year behind)."""
    from desktop.domain.models import Request

    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    cf = fiscal_code("Chiabrando", "Maria", "F", date(1938, 5, 14))
    real = a.save(Person(fiscal_code=cf, last_name="Chiabrando", first_name="Maria", phone="011 111 1111"))
    a.save(Request(person_id=real.id, category="ACC", description="pasti a domicilio"))
    assert ca.sync().complete
    _run_ahead(b, -365 * DAY_MS)
    year_ago = HybridLogicalClock.parse(b.clock.now())[0]
    offline_id = f"{year_ago:012x}"[:8] + "-0000-7000-8000-000000000000"  # a UUIDv7 of a year ago
    assert offline_id < real.id
    b.save(Person(id=offline_id, fiscal_code=cf, last_name="Chiabrando", first_name="Maria",
                  address="Borgata Chiotti 5"))
    for client in (cb, ca, cb):
        assert client.sync().complete
    for store in (a, b):
        assert _live(store, cf) == [real.id]
        survivor = store.get(Person, real.id)
        assert survivor is not None and survivor.address == "Borgata Chiotti 5"
        assert [r["person_id"] for r in store.query("SELECT person_id FROM requests")] == [real.id]
    assert snapshot(a) == snapshot(b)
