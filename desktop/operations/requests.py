"""Requests: record one with its referrals, change its status, add a note, add referrals later.

The rule "a request with referrals is «inviata»" lives here: recording referrals moves an open
request to that status, with its history row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pydantic import ValidationError

from desktop.domain.enums import (
    CLOSING_REQUEST_STATUSES,
    REQUEST_TRANSITIONS,
    Channel,
    NoteKind,
    RequestStatus,
    Urgency,
    UserArea,
)
from desktop.domain.models import Note, Referral, Request, Service
from desktop.operations.changes import Changes, Done
from desktop.operations.deletion import Deletion, delete_request, undo_deletion
from desktop.operations.errors import NotFoundError, OperationError, invalid
from desktop.operations.lifecycle import check_transition
from desktop.operations.records import live_person, live_request
from desktop.operations.restriction import refuse_if_restricted
from desktop.storage import access_log
from desktop.storage.store import Store
from sync import audit

__all__ = ["Deletion", "NewRequest", "RecordedRequest", "add_note", "add_referrals", "change_request_status",
           "delete_request", "record_request", "undo_deletion"]


@dataclass(frozen=True)
class NewRequest:
    """A need brought to the desk, with the services it is referred to (maybe none)."""

    person_id: str
    category: str
    description: str = ""
    urgency: Urgency = Urgency.NORMAL
    channel: Channel = Channel.IN_PERSON
    user_area: UserArea | None = None
    service_ids: Sequence[str] = field(default_factory=tuple)
    follow_up_on: date | None = None
    opened_on: date | None = None  # today unless the need came earlier (by phone, say)


@dataclass(frozen=True)
class RecordedRequest:
    request_id: str
    referral_ids: tuple[str, ...]


def record_request(store: Store, new: NewRequest) -> Done[RecordedRequest]:
    """Record a request and one referral per chosen service, in one transaction."""
    with store.transaction():
        person = live_person(store, new.person_id)
        refuse_if_restricted(store, person.id)
        try:
            request = Request(
                person_id=person.id, desk_id=store.desk_id, operator_id=store.current_operator().id,
                channel=new.channel, category=new.category, description=new.description, urgency=new.urgency,
                user_area=new.user_area, opened_on=new.opened_on or date.today(),
            )
        except ValidationError as exc:
            raise invalid(exc) from exc
        request = store.save(request)
        referral_ids = _refer(store, request, new.service_ids, new.follow_up_on, request.opened_on)
        access_log.append(store, audit.CREATE, record_kind="request", record_id=request.id, person_id=person.id)
    recorded = RecordedRequest(request.id, referral_ids)
    return Done(recorded, Changes(persons=True, requests=True, referrals=bool(referral_ids)))


def add_referrals(
    store: Store, request_id: str, service_ids: Sequence[str], follow_up_on: date | None = None
) -> Done[tuple[str, ...]]:
    """Refer an existing, not closed request to more services."""
    with store.transaction():
        request = _request_to_change(store, request_id)
        if RequestStatus(request.status) in CLOSING_REQUEST_STATUSES:
            raise OperationError("La richiesta è chiusa: riaprirla prima di aggiungere un invio.")
        ids = _refer(store, request, service_ids, follow_up_on)
        access_log.append(store, audit.UPDATE, record_kind="request", record_id=request.id,
                          person_id=request.person_id)
    return Done(ids, Changes(requests=True, referrals=bool(ids)))


def _refer(
    store: Store, request: Request, service_ids: Sequence[str], follow_up_on: date | None,
    referred_on: date | None = None,
) -> tuple[str, ...]:
    ids: list[str] = []
    for service_id in dict.fromkeys(service_ids):  # a service chosen twice is one referral
        service = store.get(Service, service_id)
        if service is None or service.deleted:
            raise NotFoundError("Un servizio scelto non è più nel catalogo: aggiornare l'elenco e riprovare.")
        referral = Referral(request_id=request.id, service_id=service_id, follow_up_on=follow_up_on,
                            referred_on=referred_on or date.today())
        ids.append(store.save(referral).id)
    status = RequestStatus(request.status)
    if ids and status is not RequestStatus.REFERRED and RequestStatus.REFERRED in REQUEST_TRANSITIONS[status]:
        request.status = RequestStatus.REFERRED
        store.save(request)
    return tuple(ids)


def change_request_status(store: Store, request_id: str, to: RequestStatus, reason: str = "") -> Done[Request]:
    """Move a request along its lifecycle; a closing status needs the reason."""
    with store.transaction():
        request = _request_to_change(store, request_id)
        check_transition(RequestStatus(request.status), RequestStatus(to), reason)
        request.status = to
        saved = store.save(request, reason=reason.strip())
        access_log.append(store, audit.UPDATE, record_kind="request", record_id=request.id,
                          person_id=request.person_id)
    return Done(saved, Changes(requests=True))


def add_note(
    store: Store, request_id: str, text: str, *, kind: NoteKind = NoteKind.OTHER, noted_on: date | None = None
) -> Done[Note]:
    """A dated note on a request (a call-back, a visit, a document handed over)."""
    if not text.strip():
        raise OperationError("Scrivere il testo della nota.")
    with store.transaction():
        request = _request_to_change(store, request_id)
        note = store.save(Note(request_id=request_id, kind=kind, noted_on=noted_on or date.today(), text=text,
                               operator_id=store.current_operator().id))
        access_log.append(store, audit.CREATE, record_kind="note", record_id=note.id, person_id=request.person_id)
    return Done(note, Changes(requests=True))


def _request_to_change(store: Store, request_id: str) -> Request:
    """A live request whose person is not restricted (art. 18: nothing of theirs changes)."""
    request = live_request(store, request_id)
    refuse_if_restricted(store, request.person_id)
    return request
