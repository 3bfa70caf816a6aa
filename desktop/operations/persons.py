"""Persons: register, edit, record the privacy notice; deletion is in :mod:`.deletion`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError

from desktop.domain import fiscal_code
from desktop.domain.entities import entity_of
from desktop.domain.models import MAX_NAME_CHARS, RECTIFIABLE_FIELDS, Person, Rectification
from desktop.operations.changes import Changes, Done
from desktop.operations.deletion import Deletion, delete_person, undo_deletion
from desktop.operations.errors import OperationError, invalid
from desktop.operations.records import live_person
from desktop.operations.restriction import refuse_if_restricted
from desktop.storage import access_log
from desktop.storage.store import Store
from sync import audit

__all__ = ["Deletion", "delete_person", "edit_person", "record_privacy_notice", "register_person", "register_persons",
           "save_person", "undo_deletion"]

_CHANGED = Changes(persons=True, review=True)


def person_from(values: dict[str, Any]) -> Person:
    """Validate a person's values (a form, an import row) into a Person, or refuse with one sentence."""
    try:
        return Person(**values)
    except ValidationError as exc:
        raise invalid(exc) from exc
    except fiscal_code.FiscalCodeError as exc:
        reason = str(exc)
        raise OperationError(reason[:1].upper() + reason[1:].rstrip(".") + ".") from exc


def register_person(store: Store, person: Person) -> Done[Person]:
    """Record a new person (the caller has shown the possible duplicates first)."""
    with store.transaction():
        if store.row(entity_of(Person), person.id) is not None:
            raise OperationError("Questa persona è già registrata.")
        saved = store.save(person, new=True)
        access_log.append(store, audit.CREATE, record_kind="person", record_id=saved.id, person_id=saved.id)
    return Done(saved, _CHANGED)


def register_persons(store: Store, persons: Sequence[Person]) -> Done[list[Person]]:
    """Record new persons at once, each as :func:`register_person` does (an import's batch of new rows).
    Their ids are the new ones of their models: a taken one is refused by the database, not looked up first."""
    with store.transaction():
        saved = store.insert_many(persons)
        access_log.append_many(store, audit.CREATE, [("person", p.id, p.id) for p in saved])
    return Done(saved, _CHANGED)


def edit_person(store: Store, person: Person) -> Done[Person]:
    """Save the new values of an existing, live person (only the fields that changed are sent)."""
    with store.transaction():
        current = live_person(store, person.id)
        refuse_if_restricted(store, person.id)
        # The restriction and the objection are set by their own operations only (desktop/operations/rights.py).
        person = person.model_copy(update={"restricted": current.restricted, "objection_on": current.objection_on,
                                           "objection_outcome": current.objection_outcome})
        saved = store.save(person)
        _record_rectification(store, current, saved)
        access_log.append(store, audit.UPDATE, record_kind="person", record_id=saved.id, person_id=saved.id)
    return Done(saved, _CHANGED)


def _record_rectification(store: Store, before: Person, after: Person) -> None:
    """The history of a rectification (GDPR art. 16): which of the person's own fields an operator changed,
    when and who, in the edit's transaction. Names only: the wrong values are not kept anywhere."""
    entity = entity_of(Person)
    old, new = entity.to_columns(before), entity.to_columns(after)
    changed = [f for f in RECTIFIABLE_FIELDS if old[f] != new[f]]
    if not changed:
        return
    operator = store.operator
    store.save(Rectification(person_id=after.id, rectified_at=datetime.now(UTC), changed_fields=changed,
                             operator_id=operator.id if operator else None,
                             operator_name=operator.name[:MAX_NAME_CHARS] if operator else ""))


def save_person(store: Store, person: Person) -> Done[Person]:
    """Register the person if new, else edit it."""
    exists = store.get(Person, person.id) is not None
    return edit_person(store, person) if exists else register_person(store, person)


def record_privacy_notice(store: Store, person_id: str, on: date | None = None,
                          version: str | None = None) -> Done[Person]:
    """The privacy notice (informativa, GDPR art. 13) of ``version`` (the current one) was given to the
    person on ``on`` (today)."""
    from desktop.queries.notices import notice_for
    from desktop.reference.privacy import CURRENT_NOTICE

    current = notice_for(store, "")
    with store.transaction():
        person = live_person(store, person_id)
        refuse_if_restricted(store, person_id)
        person.privacy_notice_on = on or date.today()
        person.notice_version = version or (current.version if current else CURRENT_NOTICE.version)
        saved = store.save(person)
        access_log.append(store, audit.UPDATE, record_kind="person", record_id=saved.id, person_id=saved.id)
    return Done(saved, Changes(persons=True))
