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
from desktop.storage.store import Store


def list_operators(store: Store) -> list[Operator]:
    """Every operator of this desk, by name (disabled ones included)."""
    rows = store.query("SELECT * FROM operators WHERE deleted = 0 ORDER BY name COLLATE NOCASE")
    return [Operator.model_validate(r) for r in rows]


def operator_named(store: Store, name: str) -> Operator | None:
    """The operator called ``name`` (case ignored), or None."""
    rows = store.query("SELECT * FROM operators WHERE deleted = 0 AND name = ? COLLATE NOCASE ORDER BY seq LIMIT 1",
                       (name.strip(),))
    return Operator.model_validate(rows[0]) if rows else None


def add_operator(store: Store, name: str, role: Role) -> Done[Operator]:
    """A new operator of this desk (administrators only); names are unique on the desk."""
    require(store, Role.ADMINISTRATOR)
    return Done(create_operator(store, name, role), Changes(settings=True))


def create_operator(store: Store, name: str, role: Role) -> Operator:
    """Record an operator with no role check: the first administrator at set-up, and :func:`add_operator`."""
    try:
        operator = Operator(name=name, role=role, desk_id=store.desk_id)
    except ValidationError as exc:
        raise OperationError("Scrivi il nome dell'operatore.") from exc
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
    return Done(saved, Changes(settings=True))
