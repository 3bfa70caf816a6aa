"""Restriction of processing (GDPR art. 18): a restricted person's record is visible, not editable and not
exported until a coordinator lifts it. Every operation that writes a person's data asks here first."""

from __future__ import annotations

from desktop.domain.models import Person
from desktop.operations.errors import OperationError
from desktop.storage.store import Store

RESTRICTED_MESSAGE = ("La scheda di questa persona è limitata (art. 18 GDPR): non si può modificare finché un "
                      "coordinatore non toglie la limitazione.")


class RestrictedError(OperationError):
    """The person's record is restricted."""


def refuse_if_restricted(store: Store, person_id: str | None) -> None:
    """Refuse with one sentence when the person is restricted (nothing is written)."""
    if not person_id:
        return
    person = store.get(Person, person_id)
    if person is not None and person.restricted:
        raise RestrictedError(RESTRICTED_MESSAGE)
