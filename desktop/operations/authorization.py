"""Who may do what: every operation that a role reserves checks it here, whatever screen or command
calls it (hiding a button is a courtesy, not the rule)."""

from __future__ import annotations

from desktop.domain.models import Operator
from desktop.domain.roles import ROLE_LABELS, Role
from desktop.operations.errors import OperationError
from desktop.storage.store import Store


class NotAllowedError(OperationError):
    """The logged-in operator's role does not allow the operation."""


def require(store: Store, role: Role) -> Operator:
    """The logged-in operator, if their role is ``role`` or above; else refuse with one sentence."""
    operator = store.operator
    if operator is None:
        raise NotAllowedError("Nessun operatore ha effettuato l'accesso: accedere prima di continuare.")
    if not Role(operator.role).may_act_as(role):
        raise NotAllowedError(
            f"Operazione riservata al ruolo «{ROLE_LABELS[role].lower()}» o superiore; "
            f"{operator.name} ha il ruolo «{ROLE_LABELS[Role(operator.role)].lower()}»."
        )
    return operator


def may(store: Store, role: Role) -> bool:
    """Whether the logged-in operator may do what ``role`` may (for screens: what to offer)."""
    operator = store.operator
    return operator is not None and Role(operator.role).may_act_as(role)
