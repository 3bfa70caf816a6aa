"""Finding 8: history cannot be forged. The server sets who created a row from the credential, keeps
when each change arrived and from which desk, ignores creation fields on later writes, and refuses
an operator that is not of the network or a request filed under another desk."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import closing

from desktop.domain.models import Desk, Note, Person, Request
from desktop.storage.store import Store
from sync.entities import SYNC_ENTITIES
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _tamper(store: Store, row_id: str, **fields: object) -> None:
    """Rewrite the queued change of ``row_id`` as a tampered desk would send it."""
    row = store.query("SELECT seq, fields FROM outbox WHERE row_id = ? ORDER BY seq DESC LIMIT 1", (row_id,))[0]
    store.conn.execute("UPDATE outbox SET fields = ? WHERE seq = ?",
                       (json.dumps({**json.loads(row["fields"]), **fields}), row["seq"]))


def test_origin_and_arrival_are_the_servers_to_say(server: RunningServer, new_desk: NewDesk) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    assert ca.sync().complete and cb.sync().complete
    forged = a.save(Person(last_name="Falsa", first_name="Origine"))
    _tamper(a, forged.id, origin_desk=b.desk_id, created_at="2999-01-01T00:00:00.000+00:00")
    honest = a.save(Person(last_name="Onesta", first_name="Origine"))
    assert ca.sync().complete and cb.sync().complete
    received = b.row(SYNC_ENTITIES["person"], forged.id)
    assert received is not None and received["origin_desk"] == a.desk_id
    assert received["created_at"] < "2999"  # a creation time after arrival is the arrival time
    with closing(sqlite3.connect(server.data_dir / "wpt-server.db")) as db:
        log = db.execute("SELECT desk, received_at FROM change_log WHERE change LIKE ?", (f"%{forged.id}%",)).fetchall()
    assert [desk for desk, _ in log] == ["A"] and log[0][1]  # who sent it, and when it arrived

    # A later write cannot rewrite who created a row, nor when.
    on_a = a.get(Person, honest.id)
    assert on_a is not None
    a.save(on_a.model_copy(update={"phone": "011 000 0003"}))
    _tamper(a, honest.id, origin_desk="desk-di-comodo", created_at="2001-01-01T00:00:00+00:00")
    assert ca.sync().complete and cb.sync().complete
    on_b = b.get(Person, honest.id)
    assert on_b is not None and on_b.phone == "011 000 0003" and on_b.origin_desk == a.desk_id
    assert on_b.created_at is not None and on_b.created_at.year > 2001


def test_operators_and_desks_of_others_cannot_be_claimed(server: RunningServer, new_desk: NewDesk) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    assert ca.sync().complete and cb.sync().complete
    person = a.save(Person(last_name="Richiedente", first_name="Rino"))
    under_b = a.save(Request(person_id=person.id, category="ACC"))
    _tamper(a, under_b.id, desk_id=b.desk_id)
    ghost = a.save(Request(person_id=person.id, category="ACC"))
    _tamper(a, ghost.id, operator_id="operatore-inventato")
    fine = a.save(Request(person_id=person.id, category="DIG"))
    a.save(Note(request_id=fine.id, text="Richiamare"))
    report = ca.sync()
    reasons = sorted(reason for _, reason in report.rejected)
    assert reasons == ["lo sportello indicato non è quello che invia la modifica", "operatore sconosciuto nella rete"]
    assert cb.sync().complete
    assert b.get(Request, fine.id) is not None and b.count("note") == 1  # the rest went through
    assert b.get(Request, under_b.id) is None and b.get(Request, ghost.id) is None
    # A desk's own record is its own.
    record = a.get(Desk, b.desk_id)  # received from B
    assert record is not None
    a.save(record.model_copy(update={"name": "Sportello rinominato da A"}))
    assert [r for _, r in ca.sync().rejected] == ["uno sportello può modificare solo i propri dati"]
