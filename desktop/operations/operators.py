"""The desk's operators: add one with a role, list them, disable one (an administrator's work).

Passwords never live in the database: they wrap the database key in the desk's key file
(:mod:`desktop.storage.keys`), set by the command line and the set-up when an operator is added.
"""

from __future__ import annotations

from pydantic import ValidationError

from desktop.domain.models import Operator
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import NotFoundError, OperationError
from desktop.storage import access_log
from desktop.storage.keys import UnlockedKeys, check_password
from desktop.storage.store import Store
from sync import audit


def list_operators(store: Store) -> list[Operator]:
    """Every operator of this desk, by name (disabled ones included)."""
    rows = store.query("SELECT * FROM operators WHERE deleted = 0 ORDER BY name COLLATE NOCASE")
    return [Operator.model_validate(r) for r in rows]


def operator_named(store: Store, name: str) -> Operator | None:
    """The operator called ``name`` (case ignored), or None."""
    rows = store.query("SELECT * FROM operators WHERE deleted = 0 AND name = ? COLLATE NOCASE ORDER BY seq LIMIT 1",
                       (name.strip(),))
    return Operator.model_validate(rows[0]) if rows else None


def add_operator(store: Store, name: str, role: Role, password: str | None = None) -> Done[Operator]:
    """A new operator of this desk (administrators only); names are unique on the desk.

    With ``password`` the operator can log in (the database key is wrapped for it in the key file).
    """
    require(store, Role.ADMINISTRATOR)
    if password is not None:
        check_password(password)
    with store.transaction():
        operator = create_operator(store, name, role)
        if password is not None:
            _keys(store).set_password(operator, password)
    return Done(operator, Changes(settings=True))


def change_password(store: Store, name: str, password: str) -> Done[Operator]:
    """Set an operator's new password: one's own, or anyone's for an administrator. Rewraps the database
    key for it; the database itself is not re-encrypted."""
    me = store.current_operator()
    operator = operator_named(store, name)
    if operator is None or operator.disabled:
        raise NotFoundError(f"Nessun operatore attivo si chiama «{name}».")
    if operator.id != me.id:
        require(store, Role.ADMINISTRATOR)
    check_password(password)
    _keys(store).set_password(operator, password)
    access_log.append(store, audit.UPDATE, record_kind="operator", record_id=operator.id)
    return Done(operator, Changes(settings=True))


def set_unattended(store: Store, machine_key: str | None) -> Done[None]:
    """Let unattended jobs (scheduled sync and backup) open the desk with ``machine_key``; None turns
    them off (administrators only)."""
    require(store, Role.ADMINISTRATOR)
    _keys(store).set_machine_key(machine_key)
    access_log.append(store, audit.UPDATE, record_kind="unattended", record_id="on" if machine_key else "off")
    return Done(None, Changes(settings=True))


def _keys(store: Store) -> UnlockedKeys:
    if store.keys is None:
        raise OperationError("Il database non è stato aperto con la sua chiave: le password non si possono cambiare.")
    return store.keys


def create_operator(store: Store, name: str, role: Role) -> Operator:
    """Record an operator with no role check: the first administrator at set-up, and :func:`add_operator`."""
    try:
        operator = Operator(name=name, role=role, desk_id=store.desk_id)
    except ValidationError as exc:
        raise OperationError("Scrivere il nome dell'operatore.") from exc
    with store.transaction():
        if operator_named(store, operator.name) is not None:
            raise OperationError(f"Esiste già un operatore di nome «{operator.name}».")
        return store.save(operator)


def disable_operator(store: Store, name: str) -> Done[Operator]:
    """Disable an operator: no more logins; their name stays on their work (administrators only)."""
    me = require(store, Role.ADMINISTRATOR)
    with store.transaction():
        operator = operator_named(store, name)
        if operator is None:
            raise NotFoundError(f"Nessun operatore si chiama «{name}».")
        if operator.id == me.id:
            raise OperationError("Non si può disattivare l'operatore con cui si è entrati.")
        operator.disabled = True
        saved = store.save(operator)
        if store.keys is not None:
            store.keys.forget_operator(operator)  # their password no longer opens the database
    return Done(saved, Changes(settings=True))
