"""Why an operation refused: one Italian sentence for the operator, nothing written."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pydantic itself is not needed to raise or catch these (the login window imports them)
    from pydantic import ValidationError


class OperationError(ValueError):
    """An operation refused; ``str(error)`` is the sentence to show."""


class NotFoundError(OperationError):
    """The record the operation is about does not exist (any more)."""


class TransitionError(OperationError):
    """A status change the lifecycle does not allow, or a closing one without a reason."""


def first_problem(exc: ValidationError) -> str:
    """The first validation problem as a sentence ("La data di nascita è nel futuro.")."""
    errors = exc.errors()
    if not errors:
        return "Dati non validi."
    message = str(errors[0].get("msg", "")).removeprefix("Value error, ")
    if errors[0].get("type") == "missing" or message == "Field required":
        field = ".".join(str(p) for p in errors[0].get("loc", ()))
        message = f"manca il campo «{field}»"
    elif errors[0].get("type") == "string_too_short":
        field = ".".join(str(p) for p in errors[0].get("loc", ()))
        message = f"il campo «{field}» è vuoto"
    message = message.rstrip(".")
    return message[:1].upper() + message[1:] + "."


def invalid(exc: ValidationError) -> OperationError:
    return OperationError(first_problem(exc))
