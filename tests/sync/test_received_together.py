"""Received changes of one person that fit the server's row only together are applied together
(issue 12; found by the model test, ``tests/sync/test_model_stateful.py``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from desktop.domain.models import Person
from desktop.storage import sync_tables
from desktop.storage.store import Store
from tests.helpers.people import fiscal_code
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def test_a_corrected_birth_date_and_its_codice_fiscale_reach_a_desk_that_gave_the_old_one(
    server: RunningServer, new_desk: NewDesk
) -> None:
    """C gives Piero the codice fiscale of his recorded birth date; later, offline, A corrects the date
    and gives the codice fiscale of the new one. On the server A's code wins (it is later). On C each
    of A's two changes alone contradicts C's code or C's date; together they replace both."""
    a, c = new_desk("a"), new_desk("c")
    ca, cc = server.enroll(a, "A", "rete"), server.enroll(c, "C", "rete")
    recorded, corrected = date(1950, 6, 1), date(1971, 3, 1)
    person = a.save(Person(last_name="Giachino", first_name="Piero", birth_date=recorded))
    for client in (ca, cc):
        assert client.sync().complete
    on_c = c.get(Person, person.id)
    assert on_c is not None
    c.save(Person.model_validate({**on_c.model_dump(),
                                  "fiscal_code": fiscal_code("Giachino", "Piero", "M", recorded)}))
    on_a = a.get(Person, person.id)
    assert on_a is not None
    moved = a.save(on_a.model_copy(update={"birth_date": corrected}))
    new_code = fiscal_code("Giachino", "Piero", "M", corrected)
    a.save(Person.model_validate({**moved.model_dump(), "fiscal_code": new_code}))
    assert ca.sync().complete
    report = cc.sync()
    assert report.complete and not report.rejected
    assert ca.sync().complete
    for store in (a, c):
        back = store.get(Person, person.id)
        assert back is not None and (back.birth_date, back.fiscal_code) == (corrected, new_code)
    assert snapshot(a) == snapshot(c)
    assert sync_tables.parked_count(c) == 0 and sync_tables.not_applied(c) == []
