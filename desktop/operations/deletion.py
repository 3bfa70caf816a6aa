"""Soft deletion with its cascade, and its undo: a deletion remembers exactly what it tombstoned."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.entities import BY_NAME
from desktop.domain.models import Note, Person, Record, Referral, Request
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import PERSON_NOT_FOUND, NotFoundError
from desktop.operations.restriction import refuse_if_restricted
from desktop.storage import access_log
from desktop.storage.store import Store
from sync import audit


@dataclass(frozen=True)
class Deletion:
    """The records one deletion tombstoned, in the order it did (entity name, id)."""

    items: tuple[tuple[str, str], ...]

    def count(self, entity: str) -> int:
        return sum(1 for name, _ in self.items if name == entity)

    @property
    def changes(self) -> Changes:
        names = {entity for entity, _ in self.items}
        return Changes(persons="person" in names, requests="request" in names or "note" in names,
                       referrals="referral" in names, review="person" in names)


def _live_ids(store: Store, table: str, column: str, parent_ids: list[str]) -> list[str]:
    if not parent_ids:
        return []
    marks = ", ".join("?" for _ in parent_ids)
    return [r["id"] for r in store.query(
        f"SELECT id FROM {table} WHERE deleted = 0 AND {column} IN ({marks}) ORDER BY seq", tuple(parent_ids))]


def _request_cascade(store: Store, request_ids: list[str]) -> list[tuple[str, str]]:
    """What deleting these requests takes with it: their live referrals and notes, then the requests."""
    items = [("referral", i) for i in _live_ids(store, "referrals", "request_id", request_ids)]
    items += [("note", i) for i in _live_ids(store, "notes", "request_id", request_ids)]
    return items + [("request", i) for i in request_ids]


def person_deletion(store: Store, person_id: str) -> Deletion:
    """What deleting a person would take with it (a read, to ask the operator first)."""
    requests = _live_ids(store, "requests", "person_id", [person_id])
    return Deletion((*_request_cascade(store, requests), ("person", person_id)))


def request_deletion(store: Store, request_id: str) -> Deletion:
    """What deleting a request would take with it."""
    return Deletion(tuple(_request_cascade(store, [request_id])))


def delete_person(store: Store, person_id: str) -> Done[Deletion]:
    """Tombstone a person with their live requests, referrals and notes (a coordinator's decision)."""
    require(store, Role.COORDINATOR)
    with store.transaction():
        person = store.get(Person, person_id)
        if person is None or person.deleted:
            raise NotFoundError(PERSON_NOT_FOUND)
        refuse_if_restricted(store, person_id)
        items = person_deletion(store, person_id).items
        _tombstone(store, items, deleted=True)
        access_log.append(store, audit.DELETE, record_kind="person", record_id=person_id, person_id=person_id)
    deletion = Deletion(items)
    return Done(deletion, deletion.changes)


def delete_request(store: Store, request_id: str) -> Done[Deletion]:
    """Tombstone a request with its live referrals and notes."""
    with store.transaction():
        request = store.get(Request, request_id)
        if request is None or request.deleted:
            raise NotFoundError("La richiesta non esiste più: forse è già stata eliminata.")
        refuse_if_restricted(store, request.person_id)
        items = request_deletion(store, request_id).items
        _tombstone(store, items, deleted=True)
        access_log.append(store, audit.DELETE, record_kind="request", record_id=request_id,
                          person_id=request.person_id)
    deletion = Deletion(items)
    return Done(deletion, deletion.changes)


def undo_deletion(store: Store, deletion: Deletion) -> Done[None]:
    """Bring back exactly what a deletion tombstoned (parents first)."""
    if any(entity == "person" for entity, _ in deletion.items):
        require(store, Role.COORDINATOR)
    with store.transaction():
        _tombstone(store, tuple(reversed(deletion.items)), deleted=False)
        for entity, record_id in deletion.items:
            if entity in ("person", "request"):
                record = store.get(_MODELS[entity], record_id)
                person_id = record_id if entity == "person" else getattr(record, "person_id", "")
                access_log.append(store, audit.RESTORE, record_kind=entity, record_id=record_id, person_id=person_id)
    return Done(None, deletion.changes)


_MODELS: dict[str, type[Record]] = {"person": Person, "request": Request, "referral": Referral, "note": Note}


def _tombstone(store: Store, items: tuple[tuple[str, str], ...], *, deleted: bool) -> None:
    for entity, record_id in items:
        assert entity in BY_NAME
        store.set_deleted(_MODELS[entity], record_id, deleted)
