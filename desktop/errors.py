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
