"""An edit that meets a deletion of the same record, in either order, becomes a review item on every
desk («modificato altrove dopo l'eliminazione») that brings the record back with the edit (issue 12,
defect 4)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from desktop.domain.models import Person, Request
from desktop.operations.deletion import delete_person
from desktop.operations.review import restore_deleted
from desktop.storage.store import Store
from desktop.sync.client import SyncClient
from desktop.sync.review import list_conflicts, review_count
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _setup(server: RunningServer, new_desk: NewDesk) -> tuple[Store, Store, SyncClient, SyncClient, Person]:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    person = a.save(Person(last_name="Chiabrando", first_name="Maria"))
    for client in (ca, cb):
        assert client.sync().complete
    return a, b, ca, cb, person


@pytest.mark.parametrize("deletion_first", [True, False], ids=["deletion-arrives-first", "edit-arrives-first"])
def test_an_edit_meeting_a_deletion_is_a_review_item_that_restores_the_record(
    server: RunningServer, new_desk: NewDesk, deletion_first: bool
) -> None:
    a, b, ca, cb, person = _setup(server, new_desk)
    delete_person(a, person.id)
    on_b = b.get(Person, person.id)
    assert on_b is not None
    b.save(on_b.model_copy(update={"phone": "011 100 2000"}))
    for client in ((ca, cb, ca, cb) if deletion_first else (cb, ca, cb, ca)):
        assert client.sync().complete
    for store in (a, b):
        [item] = [c for c in list_conflicts(store) if c.row_id == person.id]
        assert item.field == "deleted" and review_count(store) >= 1
    assert snapshot(a) == snapshot(b)
    # The coordinator at A brings her back: alive with B's phone on every desk, nothing left to review.
    [item] = list_conflicts(a)
    restore_deleted(a, item.id)
    for client in (ca, cb):
        assert client.sync().complete
    for store in (a, b):
        back = store.get(Person, person.id)
        assert back is not None and not back.deleted and back.phone == "011 100 2000"
        assert list_conflicts(store) == []
    assert snapshot(a) == snapshot(b)


def test_a_deletion_after_seeing_the_edit_is_no_review_item(server: RunningServer, new_desk: NewDesk) -> None:
    a, b, ca, cb, person = _setup(server, new_desk)
    on_b = b.get(Person, person.id)
    assert on_b is not None
    b.save(on_b.model_copy(update={"phone": "011 100 2000"}))
    for client in (cb, ca):
        assert client.sync().complete
    delete_person(a, person.id)
    for client in (ca, cb):
        assert client.sync().complete
    assert list_conflicts(a) == list_conflicts(b) == []


def test_restoring_an_edited_request_brings_back_its_deleted_person(server: RunningServer, new_desk: NewDesk) -> None:
    a, b, ca, cb, person = _setup(server, new_desk)
    request = a.save(Request(person_id=person.id, category="ACC", description="pasti"))
    for client in (ca, cb):
        assert client.sync().complete
    delete_person(a, person.id)  # with its request
    on_b = b.get(Request, request.id)
    assert on_b is not None
    b.save(on_b.model_copy(update={"description": "pasti a domicilio"}))
    for client in (ca, cb, ca):
        assert client.sync().complete
    [item] = list_conflicts(a)
    assert item.entity == "request"
    restore_deleted(a, item.id)
    for client in (ca, cb):
        assert client.sync().complete
    for store in (a, b):
        alive, owner = store.get(Request, request.id), store.get(Person, person.id)
        assert alive is not None and not alive.deleted and alive.description == "pasti a domicilio"
        assert owner is not None and not owner.deleted
    assert snapshot(a) == snapshot(b)


@pytest.mark.parametrize("deletion_first", [True, False], ids=["deletion-arrives-first", "edit-arrives-first"])
def test_an_edit_meeting_a_deletion_is_reviewed_even_when_the_deleting_desk_wrote_the_same_value(
    server: RunningServer, new_desk: NewDesk, deletion_first: bool
) -> None:
    """B and C give her the same phone offline, then C deletes her: C had seen its own write, not B's
    (found by the model test, ``tests/sync/test_model_stateful.py``: an equal value is no proof of it)."""
    a, b, ca, cb, person = _setup(server, new_desk)
    c = new_desk("c")
    cc = server.enroll(c, "C", "rete")
    assert cc.sync().complete
    for store in (b, c):
        here = store.get(Person, person.id)
        assert here is not None
        store.save(here.model_copy(update={"phone": "011 100 2000"}))
    delete_person(c, person.id)
    for client in ((cc, cb, ca, cb, cc) if deletion_first else (cb, cc, ca, cb, cc)):
        assert client.sync().complete
    for store in (a, b, c):
        [item] = [i for i in list_conflicts(store) if i.row_id == person.id]
        assert item.field == "deleted"
    assert snapshot(a) == snapshot(b) == snapshot(c)
