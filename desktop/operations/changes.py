"""What an operation changed, so that every screen showing it can reload (and nothing else does).

Operations return their :class:`Changes`; the app emits them on its one change signal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    """What kind of records changed (several flags may be set at once).

    Attributes:
        persons, requests, referrals: the desk's records (notes count as requests).
        catalog: services, providers, need categories.
        settings: the desk, its operators and its settings.
        review: conflicts, possible duplicates or set-aside changes to review.
    """

    persons: bool = False
    requests: bool = False
    referrals: bool = False
    catalog: bool = False
    settings: bool = False
    review: bool = False

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)})


# Which flag a change of each synced entity raises.
_ENTITY_FLAGS = {
    "person": "persons", "request": "requests", "note": "requests", "status_change": "requests",
    "referral": "referrals", "service": "catalog", "provider": "catalog", "category": "catalog",
    "desk": "settings", "operator": "settings", "conflict": "review", "person_merge": "persons",
    "consent": "persons", "rectification": "persons", "erasure": "persons", "privacy_notice": "settings",
    "network_setting": "settings",
}


def changes_of_entities(entities: Iterable[str]) -> Changes:
    """The flags raised by changes of these entities (as named in the outbox and on the wire)."""
    flags = {_ENTITY_FLAGS[e] for e in entities if e in _ENTITY_FLAGS}
    if "persons" in flags:
        flags.add("review")  # a person arriving can make or end a possible duplicate
    return Changes(**dict.fromkeys(flags, True))


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    """An operation's result: the value it returns and what it changed."""

    value: T
    changes: Changes
