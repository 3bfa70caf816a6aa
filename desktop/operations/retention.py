"""The network's retention period, set by a coordinator; it syncs to every desk of the network."""

from __future__ import annotations

from desktop.domain.models import NetworkSetting
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import OperationError
from desktop.queries.retention import MAX_RETENTION_YEARS, MIN_RETENTION_YEARS, RETENTION_KEY, RETENTION_SETTING_ID
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
