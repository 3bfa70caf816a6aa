"""The conflict list shows a field's current value, also after a third desk wrote it (issue 12, defect 5)."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.models import Person
from desktop.storage.store import Store
from desktop.sync.review import list_conflicts
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def test_the_kept_value_of_an_older_conflict_is_the_current_one(server: RunningServer, new_desk: NewDesk) -> None:
    a, b, c = new_desk("a"), new_desk("b"), new_desk("c")
    clients = [server.enroll(s, n, "rete") for s, n in ((a, "A"), (b, "B"), (c, "C"))]
    person = a.save(Person(last_name="Perotti", first_name="Luigi"))
    for client in clients * 2:
        assert client.sync().complete
    for store, phone in ((a, "011 111 1111"), (b, "011 222 2222")):
        edited = store.get(Person, person.id)
        assert edited is not None
        store.save(edited.model_copy(update={"phone": phone}))
    for client in clients * 2:
        assert client.sync().complete
    on_c = c.get(Person, person.id)
    assert on_c is not None and len(list_conflicts(c)) == 1
    c.save(on_c.model_copy(update={"phone": "011 333 3333"}))  # a third writer, after seeing both
    for client in [clients[2], *clients]:
        assert client.sync().complete
    for store in (a, b, c):
        [conflict] = list_conflicts(store)
        assert conflict.field == "phone" and conflict.kept_value == "011 333 3333"
        assert conflict.lost_value in ("011 111 1111", "011 222 2222")
