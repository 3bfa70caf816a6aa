"""Finding 7: networks do not leak into each other through ids. Change ids are scoped to the desk that
sends them, every row and merge lookup to the network; no answer reveals another network's data or
that a row of another network exists."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

from desktop.domain.models import Person, Request
from desktop.storage.store import Store
from tests.helpers.people import fiscal_code
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _change_ids(store: Store) -> list[str]:
    return [r["change_id"] for r in store.query("SELECT change_id FROM outbox ORDER BY seq")]


def test_a_replayed_or_squatted_change_id_reveals_and_blocks_nothing(
    server: RunningServer, new_desk: NewDesk
) -> None:
    a, b, spy = new_desk("a"), new_desk("b"), new_desk("spy")
    ca, cb = server.enroll(a, "A", "valle-1"), server.enroll(b, "B", "valle-1")
    cs = server.enroll(spy, "S", "valle-2")
    for client in (ca, cb, cs):
        assert client.sync().complete
    # A change of network 1 that the server rejects (its reason would describe network 1's data).
    broken = a.save(Person(last_name="Riservata", first_name="Rita"))
    a.conn.execute("UPDATE outbox SET fields = ? WHERE row_id = ?", (json.dumps({"email": "non-valida"}), broken.id))
    victim_id = _change_ids(a)[-1]
    assert [cid for cid, _ in ca.sync().rejected] == [victim_id]
    # The spy replays that change id with a change of its own: it gets its own outcome, not A's reason.
    mine = spy.save(Person(last_name="Spia", first_name="Sara"))
    spy.conn.execute("UPDATE outbox SET change_id = ? WHERE row_id = ?", (victim_id, mine.id))
    report = cs.sync()
    assert report.complete and report.rejected == []
    # An id squatted first by the spy does not make B's real change look acknowledged but lost.
    future = b.save(Person(last_name="Vera", first_name="Vittoria"))
    squatted = _change_ids(b)[-1]
    decoy = spy.save(Person(last_name="Esca", first_name="Ezio"))
    spy.conn.execute("UPDATE outbox SET change_id = ? WHERE row_id = ?", (squatted, decoy.id))
    assert cs.sync().complete
    assert cb.sync().complete and ca.sync().complete
    assert a.get(Person, future.id) is not None  # stored and delivered
    assert spy.get(Person, future.id) is None and spy.count("person") == 2


def test_row_ids_and_merges_of_another_network_are_invisible(server: RunningServer, new_desk: NewDesk) -> None:
    b1, b2, spy = new_desk("b1"), new_desk("b2"), new_desk("spy")
    c1, c2 = server.enroll(b1, "B1", "valle-1"), server.enroll(b2, "B2", "valle-1")
    cs = server.enroll(spy, "S", "valle-2")
    code = fiscal_code("Bianco", "Anna", "F", date(1950, 4, 1))
    first = b1.save(Person(fiscal_code=code, last_name="Bianco", first_name="Anna"))
    second = b2.save(Person(fiscal_code=code, last_name="Bianco", first_name="Anna"))
    for client in (c1, c2, c1, c2, cs):
        assert client.sync().complete
    merged_away, survivor = max(first.id, second.id), min(first.id, second.id)
    assert b1.scalar("SELECT count(*) FROM sync_person_merges") == 1

    # The spy names network 1's merged-away person in a request of its own: not re-pointed to network 1's
    # survivor, and the existence of either person is not confirmed.
    stub = spy.save(Person(id=merged_away, last_name="Finta", first_name="Fiona"))
    request = spy.save(Request(person_id=stub.id, category="ACC"))
    overwrite = spy.save(Person(id=survivor, last_name="Sovrascritta", first_name="Sofia"))
    report = cs.sync()
    assert report.complete and report.rejected == []
    assert cs.sync().complete
    kept = spy.get(Request, request.id)
    assert kept is not None and kept.person_id == merged_away
    assert not spy.query("SELECT 1 FROM persons WHERE last_name = 'Bianco'")
    assert spy.scalar("SELECT count(*) FROM sync_person_merges") == 0
    # Network 1 is untouched and keeps syncing.
    for client in (c1, c2):
        assert client.sync().complete
    on_1 = b1.get(Person, survivor)
    assert on_1 is not None and on_1.last_name == "Bianco" and overwrite.last_name == "Sovrascritta"
    rows = server.engine().storage
    assert rows.get_row("valle-1", "person", survivor) is not None
    assert rows.get_row("valle-2", "person", survivor) is not None  # two rows, one per network
