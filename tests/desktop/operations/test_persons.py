"""Persons as operations: register, edit, privacy notice, deletion with its cascade and undo."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.models import Note, Person, Referral, Request
from desktop.operations.deletion import delete_person, delete_request, undo_deletion
from desktop.operations.errors import NotFoundError, OperationError
from desktop.operations.persons import edit_person, person_from, record_privacy_notice, register_person, save_person
from desktop.operations.requests import NewRequest, add_note, record_request
from desktop.queries.catalog import services_covering
from desktop.queries.persons import search_persons
from desktop.storage.store import Store
from tests.helpers.people import fiscal_code


def _deleted(store: Store, model: type[Person | Request | Referral | Note], record_id: str) -> bool:
    record = store.get(model, record_id)
    assert record is not None
    return record.deleted


def test_register_then_edit_sends_only_what_changed(store: Store) -> None:
    person = register_person(store, Person(last_name="Bonino", first_name="Rita")).value
    with pytest.raises(OperationError, match="già registrata"):
        register_person(store, person)
    person.phone = "000 123 4567"
    done = edit_person(store, person)
    assert done.changes.persons
    last = store.query("SELECT fields FROM outbox WHERE entity = 'person' ORDER BY seq DESC LIMIT 1")[0]["fields"]
    assert last == '{"phone": "000 123 4567"}'
    assert save_person(store, person).value.phone == "000 123 4567"


def test_person_from_gives_one_sentence_for_bad_values() -> None:
    with pytest.raises(OperationError, match=r"^La data di nascita è nel futuro\.$"):
        person_from({"last_name": "Bonino", "first_name": "Rita", "birth_date": date(2999, 1, 1)})
    code = fiscal_code("Bonino", "Rita", "F", date(1951, 9, 30))
    with pytest.raises(OperationError, match=r"\.$"):
        person_from({"last_name": "Bonino", "first_name": "Rita", "fiscal_code": code[:-1] + "Z"})


def test_privacy_notice_is_recorded(store: Store) -> None:
    person = register_person(store, Person(last_name="Bonino", first_name="Rita")).value
    assert record_privacy_notice(store, person.id, date(2026, 3, 2)).value.privacy_notice_on == date(2026, 3, 2)


def test_deleting_a_person_takes_their_requests_along_and_undo_brings_back_exactly_those(store: Store) -> None:
    person = register_person(store, Person(last_name="Gribaudo", first_name="Teresa", municipality_code="Ceres")).value
    service = services_covering(store, "TRA", person.municipality_code)[0]["id"]
    kept = record_request(store, NewRequest(person.id, "TRA", service_ids=[service])).value
    note = add_note(store, kept.request_id, "Telefonata").value
    gone = record_request(store, NewRequest(person.id, "DIG")).value
    delete_request(store, gone.request_id)  # deleted before: undoing the person's deletion leaves it deleted

    deletion = delete_person(store, person.id)
    assert deletion.changes.persons and deletion.changes.requests and deletion.changes.referrals
    assert search_persons(store, "Gribaudo") == []
    assert _deleted(store, Request, kept.request_id) and _deleted(store, Referral, kept.referral_ids[0])
    assert _deleted(store, Note, note.id)
    with pytest.raises(NotFoundError):
        delete_person(store, person.id)

    undo_deletion(store, deletion.value)
    assert [p["id"] for p in search_persons(store, "Gribaudo")] == [person.id]
    assert not _deleted(store, Request, kept.request_id) and not _deleted(store, Referral, kept.referral_ids[0])
    assert not _deleted(store, Note, note.id)
    assert _deleted(store, Request, gone.request_id)


def test_a_failed_deletion_changes_nothing(store: Store) -> None:
    with pytest.raises(NotFoundError):
        delete_person(store, "nobody")
    with pytest.raises(NotFoundError):
        edit_person(store, Person(last_name="Mai", first_name="Vista"))
