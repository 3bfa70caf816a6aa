"""Rectification (GDPR art. 16): an edit of a person's own data keeps its history (when, who, which fields,
never the old or the new values), shown on the timeline and in the access export, and erased with the
person."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.models import Person, Rectification
from desktop.domain.roles import Role
from desktop.operations.deletion import delete_person
from desktop.operations.errors import NotFoundError
from desktop.operations.operators import add_operator
from desktop.operations.persons import edit_person, record_privacy_notice, register_person
from desktop.operations.restriction import RestrictedError
from desktop.operations.review import merge_persons
from desktop.operations.rights import erase_person, save_person_with_consents, set_restriction
from desktop.queries.person_record import person_timeline
from desktop.services.access_export import write_access_export
from desktop.storage.store import Store
from tests.helpers.pdf_text import words
from tests.helpers.people import fiscal_code

CF = fiscal_code("Peyrot", "Albina", "F", date(1941, 2, 3))


def _rectifications(store: Store, person_id: str) -> list[Rectification]:
    rows = store.query("SELECT id FROM rectifications WHERE person_id = ? ORDER BY seq", (person_id,))
    found = [store.get(Rectification, r["id"]) for r in rows]
    return [r for r in found if r is not None]


def _register(store: Store) -> Person:
    return register_person(store, Person(fiscal_code=CF, last_name="Peyrot", first_name="Albina",
                                         phone="0121 11 22 33", address="Borgata Ciabot 3")).value


def test_an_edit_records_which_fields_changed_by_whom_and_never_their_values(store: Store) -> None:
    person = _register(store)
    assert _rectifications(store, person.id) == []  # creating a person is not a rectification
    anna = add_operator(store, "Anna Coordinatrice", Role.COORDINATOR).value
    store.sign_in(anna)

    edit_person(store, person.model_copy(update={"phone": "0121 99 88 77", "address": "Via Roma 1"}))

    [rectification] = _rectifications(store, person.id)
    assert rectification.changed_fields == ["address", "phone"]  # in the form's order
    assert (rectification.operator_id, rectification.operator_name) == (anna.id, "Anna Coordinatrice")
    assert rectification.rectified_at.date() == date.today()
    # The wrong values are nowhere in the rectification's row nor in the change queued for sync.
    stored = json.dumps(store.query("SELECT * FROM rectifications"), default=repr)  # the stamps are bytes
    queued = json.dumps(store.query("SELECT * FROM outbox WHERE entity = 'rectification'"))
    assert len(store.query("SELECT 1 FROM outbox WHERE entity = 'rectification'")) == 1
    for value in ("0121 11 22 33", "Borgata Ciabot", "0121 99 88 77", "Via Roma"):
        assert value not in stored and value not in queued


def test_the_timeline_shows_one_line_per_rectification_with_the_form_labels_and_the_operator(store: Store) -> None:
    person = _register(store)
    edit_person(store, person.model_copy(update={"phone": "0121 99 88 77", "address": "Via Roma 1"}))
    current = store.get(Person, person.id)
    assert current is not None
    edit_person(store, current.model_copy(update={"notes": "Nipote a Torino"}))

    lines = [e for e in person_timeline(store, person.id) if e.kind == "rectification"]

    operator = store.current_operator().name
    assert [e.text for e in lines] == [
        f"Dati anagrafici rettificati: note (nucleo, fragilità) (operatore: {operator})",
        f"Dati anagrafici rettificati: indirizzo, telefono (operatore: {operator})",
    ]


def test_an_edit_that_changes_no_data_of_the_person_is_not_a_rectification(store: Store) -> None:
    person = _register(store)
    edit_person(store, person)  # saved unchanged
    record_privacy_notice(store, person.id)  # the notice given is not a correction of the person's data
    current = store.get(Person, person.id)
    assert current is not None
    save_person_with_consents(store, current.model_copy(update={"legal_basis": "vital_interest"}), {})
    assert _rectifications(store, person.id) == []


def test_a_refused_edit_leaves_no_rectification(store: Store) -> None:
    person = _register(store)
    set_restriction(store, person.id, True)  # art. 18: not editable
    with pytest.raises(RestrictedError):
        edit_person(store, person.model_copy(update={"phone": "0121 99 88 77"}))
    set_restriction(store, person.id, False)
    delete_person(store, person.id)
    with pytest.raises(NotFoundError):
        edit_person(store, person.model_copy(update={"phone": "0121 99 88 77"}))
    assert _rectifications(store, person.id) == []


def test_a_merge_of_duplicates_is_not_a_rectification(store: Store) -> None:
    person = _register(store)
    other = register_person(store, Person(last_name="Peyrot", first_name="Albina", birth_date=date(1941, 2, 3))).value
    merge_persons(store, other.id, person.id)
    assert _rectifications(store, person.id) == [] and _rectifications(store, other.id) == []


def test_the_access_export_lists_the_rectifications(store: Store, tmp_path: Path) -> None:
    person = _register(store)
    edit_person(store, person.model_copy(update={"phone": "0121 99 88 77"}))

    written = write_access_export(store, person.id, tmp_path / "accesso")

    data = json.loads(written.json.read_text(encoding="utf-8"))
    [item] = data["rectifications"]
    assert item["fields"] == ["phone"] and item["field_labels"] == ["Telefono"]
    assert item["operator"] == store.current_operator().name and item["desk"] == store.desk().name
    assert "0121 11 22 33" not in json.dumps(data["rectifications"])
    text = " ".join(words(written.pdf).split())
    assert "Rettifiche dei dati (art. 16 GDPR)" in text
    assert "dati rettificati: telefono" in text


def test_an_erasure_removes_the_rectifications(store: Store) -> None:
    person = _register(store)
    edit_person(store, person.model_copy(update={"phone": "0121 99 88 77"}))
    [rectification] = _rectifications(store, person.id)

    erase_person(store, person.id, "richiesta dell'interessata")

    assert store.query("SELECT * FROM rectifications") == []
    assert store.query("SELECT 1 FROM outbox WHERE row_id = ?", (rectification.id,)) == []
    assert store.scalar("SELECT person_id FROM erased_rows WHERE row_id = ?", (rectification.id,)) == person.id


def test_a_rectified_surname_is_on_no_page_of_the_file_once_the_outbox_is_trimmed(data_dir: Path) -> None:
    """The desk's writing connection zeroes what a write frees (SECURE_DELETE): once the sync has trimmed
    the outbox (a change at a time, as the server acknowledges them) and the WAL is checkpointed, no
    decrypted page of the file holds a rectified surname. With FAST, a trimmed outbox page freed whole
    keeps the old surname (checked here too, so the test reads the pages it means to)."""
    from desktop.storage.connection import SECURE_DELETE
    from tests.helpers.decrypted_pages import MARKED, pages_holding, registered_and_sent
    from tests.helpers.desks import database_key, open_desk

    def left_behind(mode: str) -> list[int]:
        folder = data_dir / mode
        with open_desk(folder) as store:
            assert store.read(lambda conn: conn.execute("PRAGMA secure_delete").fetchone()[0]) == 1  # ON
            store.read(lambda conn: conn.execute(f"PRAGMA secure_delete = {mode}"))
            target = registered_and_sent(store)  # a day's registrations, one of them rectified now
            edit_person(store, target.model_copy(update={"last_name": "Bianchi"}))
            store.read(lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall())
        return pages_holding(database_key(folder), folder / "wpt-desk.db", MARKED.encode())[0]

    assert SECURE_DELETE == "ON"
    assert left_behind("FAST")
    assert left_behind(SECURE_DELETE) == []
