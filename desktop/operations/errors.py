"""Why an operation refused: one Italian sentence for the operator, nothing written."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.messages import describe_validation_error

if TYPE_CHECKING:  # pydantic itself is not needed to raise or catch these (the login window imports them)
    from pydantic import ValidationError


class OperationError(ValueError):
    """An operation refused; ``str(error)`` is the sentence to show."""


class NotFoundError(OperationError):
    """The record the operation is about does not exist (any more)."""


# One sentence for a person id this desk does not hold, whichever command or screen was given it.
PERSON_NOT_FOUND = ("La persona non esiste su questo sportello: forse è stata eliminata, unita a un'altra o "
                    "cancellata (l'id è nell'elenco Persone o in «wpt-desk export»).")
REFERRAL_NOT_FOUND = ("L'invio non esiste su questo sportello: forse è stato eliminato (l'id è nell'elenco Invii o "
                      "in «wpt-desk export»).")


class TransitionError(OperationError):
    """A status change the lifecycle does not allow, or a closing one without a reason."""


def first_problem(exc: ValidationError) -> str:
    """The first validation problem as a sentence ("La data di nascita è nel futuro.")."""
    return describe_validation_error(exc)


def invalid(exc: ValidationError) -> OperationError:
    return OperationError(first_problem(exc))
