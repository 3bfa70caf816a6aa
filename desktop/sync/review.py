"""What a coordinator reviews after sync (desk side, reads only; the actions that settle it are
operations of :mod:`desktop.operations.review`).

- Conflicts: two desks changed the same field concurrently; the server kept the latest write and
  recorded the other value.
- Possible duplicates: live persons without a codice fiscale sharing surname, name and birth date.
- Set-aside changes: changes the server rejected, kept with the reason.
- Received changes not applied: changes from the server that do not validate (or of a type this
  version does not know), parked with the reason; the rest of sync went on without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.domain.models import Person
from desktop.queries.persons import person_names, possible_duplicate_groups
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.storage.sync_tables import Conflict

__all__ = ["Conflict", "Review", "list_conflicts", "load_review", "not_applied_changes", "possible_duplicate_groups",
           "rejected_changes", "review_count"]


def list_conflicts(store: Store, *, include_resolved: bool = False) -> list[Conflict]:
    return sync_tables.conflicts(store, include_resolved=include_resolved)


def rejected_changes(store: Store) -> list[dict[str, Any]]:
    return sync_tables.rejected(store)


def not_applied_changes(store: Store) -> list[dict[str, Any]]:
    return sync_tables.not_applied(store)


def review_count(store: Store) -> int:
    """Items a coordinator should look at: open conflicts, possible duplicates, set-aside changes,
    received changes not applied."""
    return (sync_tables.open_conflict_count(store) + sync_tables.rejected_count(store)
            + sync_tables.not_applied_count(store) + len(possible_duplicate_groups(store)))


@dataclass(frozen=True)
class Review:
    """Everything the review screen lists, with the names of the persons the conflicts are about."""

    conflicts: list[Conflict]
    duplicate_groups: list[list[Person]]
    rejected: list[dict[str, Any]]
    names: dict[str, str]
    not_applied: list[dict[str, Any]]


def load_review(store: Store) -> Review:
    conflicts = list_conflicts(store)
    names = person_names(store, [c.row_id for c in conflicts if c.entity == "person"])
    return Review(conflicts, possible_duplicate_groups(store), rejected_changes(store), names,
                  not_applied_changes(store))
