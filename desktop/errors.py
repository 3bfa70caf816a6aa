"""One clear Italian sentence for the system errors users meet (disk full, permission, missing folder)."""

from __future__ import annotations

import errno

_OS_REASONS = {
    errno.ENOENT: "il file o la cartella non esiste",
    errno.EACCES: "permesso negato",
    errno.EPERM: "operazione non permessa",
    errno.ENOSPC: "il disco è pieno",
    errno.EROFS: "il disco è in sola lettura",
    errno.EEXIST: "esiste già un file con quel nome",
    errno.ENOTDIR: "un elemento del percorso non è una cartella",
    errno.EISDIR: "è una cartella, non un file",
    errno.EDQUOT: "lo spazio disponibile per l'utente è esaurito",
}


def describe_os_error(exc: OSError) -> str:
    reason = _OS_REASONS.get(exc.errno or -1, exc.strerror or str(exc))
    where = exc.filename
    return f"{where}: {reason}." if where else f"{reason[0].upper()}{reason[1:]}."


def describe_sqlite_error(exc: Exception) -> str:
    """A database error (sqlite3's or SQLCipher's driver's) as one sentence."""
    text = str(exc).lower()
    if "disk is full" in text or "disk i/o" in text:
        return "Il disco è pieno o non scrivibile: nessun dato è stato modificato; liberare spazio e riprovare."
    if "locked" in text or "busy" in text:
        return "Il database è occupato da un'altra operazione: riprovare tra poco."
    if "readonly" in text or "read-only" in text:
        return "Il database è in sola lettura: controllare i permessi della cartella dei dati."
    if "unable to open" in text:
        return "Impossibile aprire o creare il file del database: controllare che la cartella esista e sia scrivibile."
    return f"Errore del database: {exc}."


def describe_error(exc: BaseException) -> str:
    """One Italian sentence for any failure a screen or a command reports (never a technical English text).

    A refusal of the core (an OperationError, a StorageError) already is that sentence.
    """
    from desktop.operations.errors import OperationError
    from desktop.storage.connection import DB_ERROR
    from desktop.storage.errors import StorageError

    if isinstance(exc, OperationError | StorageError):
        return str(exc)
    if isinstance(exc, DB_ERROR):
        return describe_sqlite_error(exc)
    if isinstance(exc, OSError):
        return describe_os_error(exc)
    return f"Errore imprevisto ({exc.__class__.__name__}): riprovare; se si ripete, rivolgersi all'assistenza."
