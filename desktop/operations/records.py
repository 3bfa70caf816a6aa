"""The records an operation works on, fetched live or refused with the operator's sentence."""

from __future__ import annotations

from desktop.domain.models import Person, Request
from desktop.operations.errors import PERSON_NOT_FOUND, NotFoundError
from desktop.storage.store import Store


def live_person(store: Store, person_id: str) -> Person:
    """The person, unless gone (deleted, merged into another, erased)."""
    person = store.get(Person, person_id)
    if person is None or person.deleted:
        raise NotFoundError(PERSON_NOT_FOUND)
    return person


def live_request(store: Store, request_id: str) -> Request:
    """The request, unless deleted."""
    request = store.get(Request, request_id)
    if request is None or request.deleted:
        raise NotFoundError("La richiesta non esiste più: forse è stata eliminata.")
    return request
