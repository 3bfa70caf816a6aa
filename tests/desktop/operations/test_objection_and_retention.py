"""Objection (art. 21), consents saved with the person's form, retention (art. 5(1)(e)) and the notice texts."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.enums import ConsentMethod, ConsentPurpose
from desktop.domain.models import Erasure, NoticeText, Person
from desktop.domain.roles import Role
from desktop.operations.authorization import NotAllowedError
from desktop.operations.errors import OperationError
from desktop.operations.operators import add_operator
from desktop.operations.persons import edit_person, register_person
from desktop.operations.requests import NewRequest, record_request
from desktop.operations.restriction import RestrictedError
from desktop.operations.retention import erase_past_retention, set_retention_years
from desktop.operations.rights import (
    active_consent,
    consents_of,
    decide_objection,
    erase_persons,
    object_to_processing,
    record_consent,
    save_person_with_consents,
    set_restriction,
)
from desktop.queries.notices import notice_for, privacy_notices
from desktop.queries.retention import DEFAULT_RETENTION_YEARS, persons_past_retention, retention_years
from desktop.reference.privacy import CURRENT_NOTICE
from desktop.storage.store import Store


def _person(store: Store, last: str = "Re", first: str = "Ada") -> Person:
    return register_person(store, Person(last_name=last, first_name=first)).value


def test_an_objection_restricts_the_record_and_withdraws_every_consent_at_once(store: Store) -> None:
    person = _person(store)
    record_consent(store, person.id, ConsentPurpose.SMS_REMINDERS)
    record_consent(store, person.id, ConsentPurpose.EMAIL_NEWS)
    ugo = add_operator(store, "Ugo Operatore", Role.OPERATOR).value
    admin = store.operator
    store.sign_in(ugo)  # any operator records the citizen's objection at the desk
    objected = object_to_processing(store, person.id, on=date(2026, 3, 4)).value
    assert objected.restricted and objected.objection_on == date(2026, 3, 4) and not objected.consent_sms
    assert all(c.withdrawn_on == date(2026, 3, 4) for c in consents_of(store, person.id))
    assert active_consent(store, person.id, ConsentPurpose.SMS_REMINDERS) is None
    with pytest.raises(RestrictedError):
        edit_person(store, objected.model_copy(update={"phone": "011 555 1234"}))
    with pytest.raises(OperationError, match="già registrata"):
        object_to_processing(store, person.id)
    with pytest.raises(NotAllowedError):
        decide_objection(store, person.id, False, "obbligo di legge")
    assert admin is not None
    store.sign_in(admin)
    rejected = decide_objection(store, person.id, False, "presa in carico dei servizi sociali in corso").value
    assert isinstance(rejected, Person)
    assert not rejected.restricted and rejected.objection_outcome == "rejected"
    with pytest.raises(OperationError, match="in attesa"):
        decide_objection(store, person.id, True, "x")


def test_a_rejected_objection_leaves_a_restriction_set_before_it(store: Store) -> None:
    # A coordinator restricted the record while its accuracy is contested (art. 18(1)(a)); the person then
    # objects, and the objection is rejected: the earlier restriction is not the objection's to lift.
    person = _person(store)
    set_restriction(store, person.id, True)
    object_to_processing(store, person.id)
    rejected = decide_objection(store, person.id, False, "obbligo di legge").value
    assert isinstance(rejected, Person) and rejected.objection_outcome == "rejected" and rejected.restricted
    set_restriction(store, person.id, False)  # lifted on its own, by a coordinator
    # A second objection on the unrestricted record restricts it, and its rejection lifts that again.
    object_to_processing(store, person.id, on=date(2026, 5, 6))
    again = decide_objection(store, person.id, False, "obbligo di legge").value
    assert isinstance(again, Person) and not again.restricted


def test_an_upheld_objection_erases_the_person(store: Store) -> None:
    person = _person(store)
    object_to_processing(store, person.id)
    erased = decide_objection(store, person.id, True, "nessun motivo cogente").value
    assert isinstance(erased, Erasure) and "art. 21" in erased.reason
    assert store.get(Person, person.id) is None


def test_the_form_saves_the_person_and_their_consents_in_one_operation(store: Store) -> None:
    person = Person(last_name="Re", first_name="Ada")
    saved = save_person_with_consents(store, person, {ConsentPurpose.SMS_REMINDERS: ConsentMethod.ORAL}).value
    assert saved.consent_sms
    (given,) = consents_of(store, person.id)
    assert given.method == "oral" and given.given_on == date.today() and given.withdrawn_on is None
    save_person_with_consents(store, saved, {ConsentPurpose.SMS_REMINDERS: None})
    (withdrawn,) = consents_of(store, person.id)
    assert withdrawn.withdrawn_on == date.today()
    assert not store.get(Person, person.id).consent_sms  # type: ignore[union-attr]


def test_retention_lists_the_persons_past_it_and_a_coordinator_erases_them_together(store: Store) -> None:
    old, recent = _person(store, "Vecchi", "Aldo"), _person(store, "Nuovi", "Bruna")
    assert retention_years(store) == DEFAULT_RETENTION_YEARS
    today = date.today()
    assert persons_past_retention(store, on=today) == []
    later = today.replace(year=today.year + DEFAULT_RETENTION_YEARS + 1)
    assert {p.person_id for p in persons_past_retention(store, on=later)} == {old.id, recent.id}
    # A shorter period, set for the whole network, takes both (their last activity is today).
    record_request(store, NewRequest(recent.id, "DOM", "Spesa"))
    set_retention_years(store, 5)
    assert retention_years(store) == 5
    past = persons_past_retention(store, on=today.replace(year=today.year + 6))
    assert {p.person_id for p in past} == {old.id, recent.id}
    assert past[0].last_activity <= past[1].last_activity
    with pytest.raises(OperationError, match="da 1 a 100"):
        set_retention_years(store, 0)
    ugo = add_operator(store, "Ugo Operatore", Role.OPERATOR).value
    admin = store.operator
    store.sign_in(ugo)
    with pytest.raises(NotAllowedError):
        set_retention_years(store, 12)
    with pytest.raises(NotAllowedError):
        erase_persons(store, [old.id], "conservazione scaduta")
    assert admin is not None
    store.sign_in(admin)
    # A list reviewed for a later day holds persons still in their period today: refused, nothing erased.
    with pytest.raises(OperationError, match="non è oltre il periodo di conservazione oggi"):
        erase_past_retention(store, [p.person_id for p in past], "periodo di conservazione scaduto")
    assert store.get(Person, old.id) is not None and store.get(Person, recent.id) is not None
    with pytest.raises(OperationError):  # all or none: one already gone undoes the whole batch
        erase_persons(store, [old.id, "0190a0a0-0000-7000-8000-000000000000"], "conservazione scaduta")
    assert store.get(Person, old.id) is not None
    done = erase_persons(store, [p.person_id for p in past], "periodo di conservazione scaduto")
    assert len(done.value) == 2
    assert store.get(Person, old.id) is None and store.get(Person, recent.id) is None


def test_the_notice_texts_are_reference_data_with_their_versions(store: Store) -> None:
    versions = privacy_notices(store)
    assert [n.version for n in versions] == [CURRENT_NOTICE.version]
    assert notice_for(store, CURRENT_NOTICE.version) == versions[0]
    assert notice_for(store, "") == versions[-1]  # no version recorded: the current one
    newer = NoticeText(version="2027-1", valid_from=date(2027, 1, 1), text="Nuovo testo dell'informativa.")
    store.save(newer)
    assert [n.version for n in privacy_notices(store)] == [CURRENT_NOTICE.version, "2027-1"]
    assert notice_for(store, CURRENT_NOTICE.version).text == CURRENT_NOTICE.summary  # type: ignore[union-attr]
