"""The working session at an open desk: lock it, unlock it with the same operator's password, or let
another operator take over ("Cambia operatore"). Each is on the access log; wrong passwords count as
at login (after five in a row, each further attempt waits longer)."""

from __future__ import annotations

from desktop.domain.models import Operator
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import OperationError
from desktop.operations.operators import operator_named
from desktop.storage import access_log, keys
from desktop.storage.store import Store
from sync import audit

LOCK_MINUTES_SETTING = "lock_minutes"
DEFAULT_LOCK_MINUTES = 10


def lock_minutes(store: Store) -> int:
    """Minutes of inactivity before the window locks (set by an administrator in Impostazioni)."""
    try:
        return max(1, int(store.setting(LOCK_MINUTES_SETTING) or DEFAULT_LOCK_MINUTES))
    except ValueError:
        return DEFAULT_LOCK_MINUTES


def lock(store: Store) -> Done[None]:
    access_log.append(store, audit.LOCK)
    return Done(None, Changes())


def unlock(store: Store, name: str, password: str) -> Done[Operator]:
    """Unlock for ``name``: the same operator (an unlock) or another one (a change of operator)."""
    if store.keys is None:
        raise OperationError("Il database non è stato aperto con la sua chiave.")
    key_file = store.keys.load()
    now = keys.utc_now()
    wait = key_file.wait_seconds(name, now)
    if wait:
        raise OperationError(f"Troppi tentativi errati: riprovare tra {wait} secondi.")
    wrap = key_file.operator_wrap(name)
    operator = operator_named(store, name) if wrap is not None else None
    if wrap is None or keys.unwrap(wrap, password) != store.keys.key or operator is None or operator.disabled:
        key_file.failed(name, now)
        key_file.failed_logins = []  # logged here and now, the database is open
        key_file.save(store.keys.path)
        access_log.append(store, audit.LOGIN_FAILED, operator_id="", operator_name=name.strip()[:80])
        raise OperationError("Accesso negato: operatore o password non validi.")
    if key_file.failures.get(name.strip().casefold()):
        key_file.succeeded(name)
        key_file.save(store.keys.path)
    same = store.operator is not None and store.operator.id == operator.id
    store.sign_in(operator)
    access_log.append(store, audit.UNLOCK if same else audit.LOGIN)
    return Done(operator, Changes(settings=not same))
