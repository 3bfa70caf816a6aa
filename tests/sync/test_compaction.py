"""Compaction (``wpt-server compact``): the change log drops the writes superseded for longer than the
horizon; a desk whose cursor is below what was dropped gets the snapshot first sync and converges, a desk
past it follows the log, a new desk converges, and a change waiting in a desk's outbox still arrives."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from desktop.domain.models import Person, Request
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.sync.client import SyncClient
from sync.server.compaction import compact, compaction_floor
from tests.helpers.cli import wpt_server
from tests.helpers.postgres import database_for
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer

BOTH_BACKENDS = True  # every test using the `server` fixture runs on SQLite and on PostgreSQL

NewDesk = Callable[[str], Store]
PERSONS, EDITS = 12, 4


def _network_rows(store: Store) -> dict[str, dict[str, dict[str, object]]]:
    return {name: rows for name, rows in snapshot(store).items() if name not in ("desk", "operator")}


def test_after_compaction_every_desk_converges_and_nothing_needed_is_lost(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, late, current = new_desk("a"), new_desk("late"), new_desk("current")
    client_a = server.enroll(a, "A", "rete")
    persons = [a.save(Person(last_name=f"Gili{i}", first_name="Ada")) for i in range(PERSONS)]
    for person in persons:
        a.save(Request(person_id=person.id, category="COM", description="Compagnia"))
    assert client_a.sync().complete
    client_late = server.enroll(late, "Late", "rete")
    assert client_late.sync().complete  # its cursor stays here while A edits every person
    for edit in range(EDITS):
        for number, person in enumerate(persons):
            a.save(person.model_copy(update={"phone": f"011 55{edit}{number:03d}", "notes": f"giro {edit}"}))
        assert client_a.sync().complete
    client_current = server.enroll(current, "Current", "rete")
    assert client_current.sync().complete
    # Offline on the late desk: a change of its own waits in its outbox across the compaction.
    first = next(iter(late.rows("person")))
    late.save(Person.model_validate({**first, "address": "Via del Colle 3"}))

    # In this process: a second process writing a SQLite file whose locks this process's other handles
    # (opened by the test) may have released would break it (POSIX locks go with any close of the file).
    storage = server.engine().storage
    before = len(storage.read_log("rete", 0, 100_000))
    assert compact(storage).dropped == 0 and compaction_floor(storage) == 0  # recent: inside the 30 days
    done = compact(storage, 0)
    after = len(storage.read_log("rete", 0, 100_000))
    assert done.dropped == before - after >= PERSONS * (EDITS - 1), (before, after)
    floor = compaction_floor(storage)
    assert sync_tables.sync_settings(late).cursor < floor <= sync_tables.sync_settings(current).cursor

    # The late desk's cursor is below the floor: the snapshot, then the log; its own change goes up.
    report = client_late.sync()
    assert report.complete and report.acked == 1
    assert sync_tables.sync_settings(late).snapshot == ""
    assert sync_tables.sync_settings(late).cursor >= floor
    assert client_a.sync().complete and client_current.sync().complete
    assert {r["id"]: r for r in a.rows("person")}[first["id"]]["address"] == "Via del Colle 3"
    assert _network_rows(late) == _network_rows(a) == _network_rows(current)
    # A desk past the floor follows the log as before; a new desk converges too.
    a.save(persons[0].model_copy(update={"notes": "dopo la compattazione"}))
    assert client_a.sync().complete and client_current.sync().complete and client_late.sync().complete
    fresh = new_desk("fresh")
    assert server.enroll(fresh, "Fresh", "rete").sync().complete
    assert _network_rows(late) == _network_rows(a) == _network_rows(current) == _network_rows(fresh)


def _phoned_three_times(desk: Store, client: SyncClient) -> Person:
    """Lia Ferrero registered, then her phone changed three times, each synced: three superseded writes."""
    person = desk.save(Person(last_name="Ferrero", first_name="Lia"))
    assert client.sync().complete
    for edit in range(3):
        person = desk.save(person.model_copy(update={"phone": f"011 555100{edit}"}))
        assert client.sync().complete
    return person


def test_compaction_keeps_first_entries_current_values_and_erasures(server: RunningServer, new_desk: NewDesk) -> None:
    a = new_desk("a")
    person = _phoned_three_times(a, server.enroll(a, "A", "rete"))
    storage = server.engine().storage
    done = compact(storage, 0)
    assert done.dropped >= 1 and done.floor == compaction_floor(storage)
    left = [e.change for e in storage.read_log("rete", 0, 1000) if e.change.row_id == person.id]
    assert left[0].fields.get("last_name") == "Ferrero"  # the row's first entry
    assert left[-1].fields.get("phone") == "011 5551002"  # the current value
    assert all("phone" not in c.fields or c.fields["phone"] in ("", "011 5551002") for c in left)
    assert compact(storage, 0).dropped == 0  # nothing more to drop


def test_the_compact_command_thins_the_log_and_the_server_goes_on(tmp_path: Path, backend: str,
                                                                 new_desk: NewDesk) -> None:
    database = database_for(backend)
    option = ("--database", database) if database else ("--data-dir", str(tmp_path / "server"))
    a = new_desk("a")
    with RunningServer(tmp_path / "server", database=database) as server:
        person = _phoned_three_times(a, server.enroll(a, "A", "rete"))
    recent = wpt_server("compact", *option)
    assert recent.returncode == 0, recent.stderr
    assert recent.stdout.startswith("Registro delle modifiche compattato: 0 modifiche superate eliminate")
    done = wpt_server("compact", "--horizon-days", "0", *option)
    assert done.returncode == 0, done.stderr
    assert re.match(r"Registro delle modifiche compattato: [1-9][0-9]* modifich[ae] superat[ae] eliminat[ae], "
                    r"[0-9]+ conservate\.$", done.stdout.strip()), done.stdout
    negative = wpt_server("compact", "--horizon-days", "-1", *option)
    assert negative.returncode == 2 and "--horizon-days: serve un numero intero da 0 a 36500" in negative.stderr
    late = new_desk("late")
    with RunningServer(tmp_path / "server", database=database) as server:
        a.save(person.model_copy(update={"notes": "dopo"}))
        assert SyncClient(a, server=server.url, timeout=10).sync().complete
        assert server.enroll(late, "Late", "rete").sync().complete
    assert _network_rows(late) == _network_rows(a)
