"""Who accessed a person's record, and when: for a coordinator (the reading itself is logged)."""

from __future__ import annotations

from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.storage import access_log
from desktop.storage.store import Store
from sync.audit import AUDIT_VIEW, AccessEntry


def person_accesses(store: Store, person_id: str, limit: int = 500) -> list[AccessEntry]:
    """The access log's entries about a person, newest first (coordinators and administrators only)."""
    require(store, Role.COORDINATOR)
    found = access_log.entries(store, person_id=person_id, limit=limit, newest_first=True)
    access_log.append(store, AUDIT_VIEW, record_kind="person", record_id=person_id, person_id=person_id)
    return found
