"""The network's retention period, set by a coordinator; it syncs to every desk of the network."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.domain.models import Erasure, NetworkSetting
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import OperationError
from desktop.operations.rights import erase_persons
from desktop.queries.retention import (
    MAX_RETENTION_YEARS,
    MIN_RETENTION_YEARS,
    RETENTION_KEY,
    RETENTION_SETTING_ID,
    persons_past_retention,
)
from desktop.storage import access_log
from desktop.storage.store import Store
from sync import audit


def set_retention_years(store: Store, years: int) -> Done[int]:
    """Keep a person's data ``years`` after their last activity (coordinators; for the whole network)."""
    operator = require(store, Role.COORDINATOR)
    if not MIN_RETENTION_YEARS <= years <= MAX_RETENTION_YEARS:
        raise OperationError(f"Il periodo di conservazione va da {MIN_RETENTION_YEARS} a {MAX_RETENTION_YEARS} anni.")
    with store.transaction():
        current = store.get(NetworkSetting, RETENTION_SETTING_ID)
        if current is not None:
            setting = current.model_copy(update={"value": str(years), "deleted": False, "operator_id": operator.id})
        else:
            setting = NetworkSetting(id=RETENTION_SETTING_ID, key=RETENTION_KEY, value=str(years),
                                     operator_id=operator.id)
        store.save(setting)
        access_log.append(store, audit.UPDATE, record_kind="retention", record_id=str(years))
    return Done(years, Changes(settings=True))


def erase_past_retention(store: Store, person_ids: Sequence[str], reason: str) -> Done[list[Erasure]]:
    """Erase, after a coordinator's review, persons past the retention period **today** (a list reviewed
    for a later day may hold persons still in their period: they are refused, and nothing is erased)."""
    require(store, Role.COORDINATOR)
    past = {p.person_id for p in persons_past_retention(store)}
    if outside := [person_id for person_id in person_ids if person_id not in past]:
        raise OperationError(f"La persona {outside[0]} non è oltre il periodo di conservazione oggi: nulla è stato "
                             "cancellato.")
    return erase_persons(store, person_ids, reason)
