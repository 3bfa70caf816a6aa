"""One clear Italian sentence for any failure a screen or a command of the desk reports.

The sentences themselves (system, database and validation errors) are in :mod:`desktop.messages`, which
the server's command line shares.
"""

from __future__ import annotations

from desktop.messages import describe_os_error, describe_sqlite_error, describe_validation_error

__all__ = ["describe_error", "describe_os_error", "describe_sqlite_error", "describe_validation_error"]


def describe_error(exc: BaseException) -> str:
    """One Italian sentence for any failure a screen or a command reports (never a technical English text).

    A refusal of the core (an OperationError, a StorageError) already is that sentence.
    """
    from pydantic import ValidationError

    from desktop.operations.errors import OperationError
    from desktop.storage.connection import DB_ERROR
    from desktop.storage.errors import StorageError

    if isinstance(exc, OperationError | StorageError):
        return str(exc)
    if isinstance(exc, DB_ERROR):
        return describe_sqlite_error(exc)
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    if isinstance(exc, ValidationError):
        return describe_validation_error(exc)
    return f"Errore imprevisto ({exc.__class__.__name__}): riprovare; se si ripete, rivolgersi all'assistenza."
