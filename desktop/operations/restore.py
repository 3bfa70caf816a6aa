"""Restoring a backup from the app: who may, and the access-log record of it.

The copy itself goes in place with the desk database closed (:func:`desktop.storage.backups.restore`, called
by the app between two logins); these are the two steps around it that need the open store.
"""

from __future__ import annotations

from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.storage import access_log
from desktop.storage.store import Store
from sync import audit


def check_may_restore(store: Store) -> None:
    """Replacing the desk database is a coordinator's.

    Raises:
        NotAllowedError: the operator signed in is not a coordinator.
    """
    require(store, Role.COORDINATOR)


def record_restore(store: Store, backup_name: str) -> Done[None]:
    """The restore on the restored database's access log, by the operator signed in (ids only: the file's
    name)."""
    with store.transaction():
        access_log.append(store, audit.RESTORE, record_kind="backup", record_id=backup_name)
    return Done(None, Changes())
