"""Requests and referrals as operations: one transaction each, the lifecycle rules, what they report."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.enums import ReferralStatus, RequestStatus
from desktop.domain.models import Person, Request
from desktop.operations.changes import Changes
from desktop.operations.errors import NotFoundError, OperationError, TransitionError
from desktop.operations.persons import register_person
from desktop.operations.referrals import change_referral_status, update_referral
from desktop.operations.requests import (
    NewRequest,
    add_note,
    add_referrals,
    change_request_status,
    record_request,
)
from desktop.queries.catalog import services_covering
from desktop.queries.follow_ups import follow_ups_due
from desktop.storage import sync_tables
from desktop.storage.store import Store


def _person(store: Store) -> Person:
    return register_person(store, Person(last_name="Ferrero", first_name="Battista", municipality_code="Ceres")).value


def _history(store: Store, subject_id: str) -> list[tuple[str | None, str, str]]:
    return [(h["from_status"], h["to_status"], h["reason"]) for h in store.query(
        "SELECT from_status, to_status, reason FROM status_changes WHERE subject_id = ? ORDER BY seq", (subject_id,))]


def test_a_request_with_referrals_is_inviata_with_its_history(store: Store) -> None:
    person = _person(store)
    services = [s["id"] for s in services_covering(store, "TRA", None)[:2]]
    assert len(services) == 2
    done = record_request(store, NewRequest(person.id, "TRA", "Visita a Ciriè", service_ids=services,
                                            follow_up_on=date(2031, 1, 5)))
    assert done.changes == Changes(persons=True, requests=True, referrals=True)
    request = store.get(Request, done.value.request_id)
    assert request is not None and request.status == RequestStatus.REFERRED
    assert request.operator_id == store.current_operator().id and request.desk_id == store.desk_id
    assert _history(store, request.id) == [(None, "aperta", ""), ("aperta", "inviata", "")]
    assert len(done.value.referral_ids) == 2


def test_a_request_without_referrals_stays_open(store: Store) -> None:
    done = record_request(store, NewRequest(_person(store).id, "DIG", "SPID"))
    assert done.value.referral_ids == ()
    assert done.changes.referrals is False
    request = store.get(Request, done.value.request_id)
    assert request is not None and request.status == RequestStatus.OPEN


def test_a_refused_request_writes_nothing(store: Store) -> None:
    person = _person(store)
    before = sync_tables.outbox_count(store)
    with pytest.raises(OperationError, match="Categoria sconosciuta"):
        record_request(store, NewRequest(person.id, "XYZ"))
    with pytest.raises(NotFoundError):
        record_request(store, NewRequest(person.id, "TRA", service_ids=["no-such-service"]))
    with pytest.raises(NotFoundError):
        record_request(store, NewRequest("nobody", "TRA"))
    assert sync_tables.outbox_count(store) == before
    assert store.count("request") == 0


def test_status_changes_follow_the_lifecycle_and_need_a_reason_to_close(store: Store) -> None:
    request_id = record_request(store, NewRequest(_person(store).id, "DIG", "SPID")).value.request_id
    change_request_status(store, request_id, RequestStatus.IN_PROGRESS)
    with pytest.raises(TransitionError, match="motivo"):
        change_request_status(store, request_id, RequestStatus.CLOSED_RESOLVED)
    change_request_status(store, request_id, RequestStatus.CLOSED_RESOLVED, "SPID attivato")
    assert _history(store, request_id) == [
        (None, "aperta", ""), ("aperta", "in lavorazione", ""), ("in lavorazione", "chiusa (risolta)", "SPID attivato"),
    ]
    with pytest.raises(TransitionError, match="chiusa"):
        change_request_status(store, request_id, RequestStatus.OPEN)
    with pytest.raises(OperationError, match="chiusa"):
        add_referrals(store, request_id, [services_covering(store, None, None)[0]["id"]])


def test_referral_lifecycle_follow_up_and_outcome(store: Store) -> None:
    person = _person(store)
    service = services_covering(store, "TRA", person.municipality_code)[0]["id"]
    done = record_request(store, NewRequest(person.id, "TRA", service_ids=[service], follow_up_on=date(2020, 1, 1)))
    referral_id = done.value.referral_ids[0]
    assert [r["id"] for r in follow_ups_due(store, date.today())] == [referral_id]
    change_referral_status(store, referral_id, ReferralStatus.SENT)
    with pytest.raises(TransitionError, match="motivo"):
        change_referral_status(store, referral_id, ReferralStatus.REFUSED_BY_SERVICE)
    saved = update_referral(store, referral_id, status=ReferralStatus.REFUSED_BY_SERVICE, reason="Fuori zona",
                            follow_up_on=None, outcome="Richiamare il Comune").value
    assert (saved.status, saved.follow_up_on, saved.outcome) == ("rifiutato dal servizio", None, "Richiamare il Comune")
    assert follow_ups_due(store, date.today()) == []
    assert _history(store, referral_id)[-1] == ("inviato", "rifiutato dal servizio", "Fuori zona")


def test_referrals_added_later_move_an_open_request_to_inviata(store: Store) -> None:
    person = _person(store)
    request_id = record_request(store, NewRequest(person.id, "TRA")).value.request_id
    service = services_covering(store, "TRA", None)[0]["id"]
    done = add_referrals(store, request_id, [service, service])  # the same service twice is one referral
    assert len(done.value) == 1
    request = store.get(Request, request_id)
    assert request is not None and request.status == RequestStatus.REFERRED


def test_a_note_needs_text_and_a_live_request(store: Store) -> None:
    request_id = record_request(store, NewRequest(_person(store).id, "DIG")).value.request_id
    with pytest.raises(OperationError, match="testo"):
        add_note(store, request_id, "   ")
    note = add_note(store, request_id, "Richiamata la figlia").value
    assert note.operator_id == store.current_operator().id
    with pytest.raises(NotFoundError):
        add_note(store, "no-such-request", "x")
