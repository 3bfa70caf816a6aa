"""What a coordinator does with what sync brought to review: settle conflicts, merge duplicate persons.

Both are ordinary stamped writes that the next sync sends, so every desk sees them settled.
"""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.models import Person
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import NotFoundError, OperationError
from desktop.storage import access_log, sync_tables
from desktop.storage.store import Store, utc_now
from sync import audit
from sync.entities import PARENTS, SYNC_ENTITIES
from sync.protocol import MERGE_ENTITY

# A conflict record on this field is an edit that met a deletion: restoring it brings the record back.
DELETED_FIELD = "deleted"
RESTORABLE = ("person", "request", "referral", "note")


def resolve_conflict(store: Store, conflict_id: str, *, restore_lost: bool, note: str = "") -> Done[None]:
    """Settle a conflict: keep the current value, or write the lost one back (a new, newest write)."""
    require(store, Role.COORDINATOR)
    with store.transaction():
        conflict = sync_tables.conflict(store, conflict_id)
        if conflict is None:
            raise NotFoundError("Il conflitto non esiste più: forse è già stato risolto su un altro sportello.")
        changes = Changes(review=True)
        if restore_lost and conflict.field == DELETED_FIELD:
            changes = changes | _restore_with_parents(store, conflict.entity, conflict.row_id)
        elif restore_lost:
            entity = SYNC_ENTITIES[conflict.entity]
            target = store.row(entity, conflict.row_id)
            if target is None:
                raise NotFoundError("Il record del conflitto non è su questo sportello.")
            store.save(entity.from_columns({**target, conflict.field: conflict.lost_value}))
            changes = changes | Changes(persons=conflict.entity == "person", requests=conflict.entity == "request",
                                        referrals=conflict.entity == "referral")
        resolution = note or (
            ("ripristinato il record eliminato" if conflict.field == DELETED_FIELD else "ripristinato il valore perso")
            if restore_lost else "confermato il valore attuale")
        sync_tables.mark_conflict_resolved(store, conflict_id, resolution)
    return Done(None, changes)


def restore_deleted(store: Store, conflict_id: str, *, note: str = "") -> Done[None]:
    """Settle an item «modificato altrove dopo l'eliminazione» by bringing the record back, with the edit
    made elsewhere (it is in the tombstone) and the records it belongs to (a request's person...)."""
    conflict = sync_tables.conflict(store, conflict_id)
    if conflict is not None and conflict.field != DELETED_FIELD:
        raise OperationError("Questo conflitto non riguarda un record eliminato.")
    return resolve_conflict(store, conflict_id, restore_lost=True, note=note)


def _restore_with_parents(store: Store, entity_name: str, row_id: str) -> Changes:
    """Untombstone a record and, first, the deleted records it points to (inside the caller's transaction)."""
    entity = SYNC_ENTITIES[entity_name]
    row = store.row(entity, row_id)
    if row is None:
        raise NotFoundError("Il record eliminato non è su questo sportello.")
    changes = Changes(persons=entity_name == "person", requests=entity_name == "request",
                      referrals=entity_name == "referral")
    for column, parent in PARENTS.get(entity_name, {}).items():
        if parent in RESTORABLE and row.get(column):
            parent_row = store.row(SYNC_ENTITIES[parent], row[column])
            if parent_row is not None and parent_row["deleted"]:
                changes = changes | _restore_with_parents(store, parent, row[column])
    if row["deleted"]:
        store.set_deleted(entity.model, row_id, False)
    return changes


def merge_persons(store: Store, merged_id: str, into_id: str) -> Done[None]:
    """Merge person ``merged_id`` into ``into_id`` (a coordinator's decision).

    The merged person is hidden here at once; the server re-points its requests on every replica.
    """
    require(store, Role.COORDINATOR)
    if merged_id == into_id:
        raise OperationError("Una persona non può essere unita a sé stessa.")
    with store.transaction():
        merged, into = store.get(Person, merged_id), store.get(Person, into_id)
        if merged is None or into is None or merged.deleted or into.deleted:
            raise NotFoundError("Una delle persone da unire non esiste più.")
        fields = {"into_id": into_id, "reason": "unione del coordinatore"}
        store.queue_change(MERGE_ENTITY, merged_id, fields, store.clock.now(), utc_now())
        store.set_deleted(Person, merged_id, True)
        access_log.append(store, audit.MERGE, record_kind="person", record_id=into_id, person_id=merged_id)
        access_log.append(store, audit.MERGE, record_kind="person", record_id=merged_id, person_id=into_id)
    return Done(None, Changes(persons=True, requests=True, referrals=True, review=True))


def merge_duplicates(store: Store, person_ids: Sequence[str]) -> Done[str]:
    """Merge a group of possible duplicates into one person (the smallest id survives: every desk that
    merges the same group picks the same one)."""
    require(store, Role.COORDINATOR)
    keep, *others = sorted(set(person_ids))
    if not others:
        raise OperationError("Per unire servono almeno due persone.")
    with store.transaction():
        for other in others:
            merge_persons(store, other, keep)
    return Done(keep, Changes(persons=True, requests=True, referrals=True, review=True))
