"""Operators and roles: each role may do its own work and the work of the roles below, and no more.

The checks live in the operations, so these tests call them as the window and the CLI do.
"""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.enums import RequestStatus
from desktop.domain.models import Person, StatusChange
from desktop.domain.roles import Role
from desktop.operations.authorization import NotAllowedError, may
from desktop.operations.deletion import delete_person, undo_deletion
from desktop.operations.operators import add_operator, disable_operator, list_operators
from desktop.operations.persons import register_person
from desktop.operations.requests import NewRequest, add_note, change_request_status, record_request
from desktop.operations.review import merge_duplicates
from desktop.operations.settings import DeskSettings, desk_settings, save_desk_settings
from desktop.storage.store import Store


def _person(store: Store, last: str = "Bonino") -> str:
    return register_person(store, Person(last_name=last, first_name="Margherita", birth_date=date(1939, 7, 1))).value.id


def test_an_operator_does_the_daily_work_and_nothing_reserved(store: Store) -> None:
    admin = store.current_operator()
    anna = add_operator(store, "Anna Operatrice", Role.OPERATOR).value
    store.sign_in(anna)
    person_id = _person(store)
    request = record_request(store, NewRequest(person_id=person_id, category="DIG")).value
    change_request_status(store, request.request_id, RequestStatus.IN_PROGRESS)
    note = add_note(store, request.request_id, "Richiamata").value
    assert note.operator_id == anna.id
    assert store.scalar("SELECT operator_id FROM requests WHERE id = ?", (request.request_id,)) == anna.id
    history = [StatusChange.model_validate(r) for r in store.query(
        "SELECT * FROM status_changes WHERE subject_id = ?", (request.request_id,))]
    assert history and {h.operator_id for h in history} == {anna.id}
    assert not may(store, Role.COORDINATOR)
    with pytest.raises(NotAllowedError, match="coordinatore"):
        delete_person(store, person_id)
    with pytest.raises(NotAllowedError, match="coordinatore"):
        merge_duplicates(store, [person_id, _person(store)])
    with pytest.raises(NotAllowedError, match="amministratore"):
        add_operator(store, "Intruso", Role.ADMINISTRATOR)
    with pytest.raises(NotAllowedError, match="amministratore"):
        save_desk_settings(store, DeskSettings(name="Sportello rinominato"))
    # The language is the operator's own choice; the desk stays as it was.
    save_desk_settings(store, DeskSettings(**{**desk_settings(store).__dict__, "language": "en"}))
    assert store.setting("language") == "en" and store.desk().name != "Sportello rinominato"
    assert {o.name for o in list_operators(store)} == {admin.name, "Anna Operatrice"}


def test_a_coordinator_erases_and_restores_persons_but_manages_no_operators(store: Store) -> None:
    store.sign_in(add_operator(store, "Carla", Role.COORDINATOR).value)
    person_id = _person(store)
    deletion = delete_person(store, person_id).value
    assert store.get(Person, person_id).deleted  # type: ignore[union-attr]
    undo_deletion(store, deletion)
    with pytest.raises(NotAllowedError):
        disable_operator(store, "Carla")


def test_an_administrator_disables_others_not_themself(store: Store) -> None:
    admin = store.current_operator()
    assert admin.role == Role.ADMINISTRATOR
    add_operator(store, "Bruno", Role.OPERATOR)
    with pytest.raises(ValueError, match="già un operatore"):
        add_operator(store, "bruno", Role.OPERATOR)
    assert disable_operator(store, "Bruno").value.disabled
    with pytest.raises(ValueError, match="con cui si è entrati"):
        disable_operator(store, admin.name)
    with pytest.raises(ValueError, match="Nessun operatore"):
        disable_operator(store, "Nessuno")
