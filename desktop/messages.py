"""Italian sentences both command lines and the window share: system and database errors, validation
problems, counted nouns.

Pure (no storage, no Qt), so the server's command line uses the same wording as the desk's. No sentence
here ever repeats a value that was given: it may be a person's data.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pydantic itself is not needed to build these sentences
    from pydantic import ValidationError


def plural(n: int, singular: str, plural_form: str) -> str:
    """``n`` with its words in Italian singular or plural: ``plural(1, "anno", "anni")`` is «1 anno», ``plural(0,
    "persona", "persone")`` «0 persone»; a text with ``{n}`` puts the number there (``plural(n, "importata {n}
    persona", "importate {n} persone")``)."""
    text = singular if n == 1 else plural_form
    return text.format(n=n) if "{n}" in text else f"{n} {text}"


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
    errno.ENAMETOOLONG: "il nome del file è troppo lungo",
    errno.ENOTEMPTY: "la cartella non è vuota",
    errno.EBUSY: "il file è in uso da un altro programma",
    errno.EXDEV: "non si può spostare il file su un altro disco",
    errno.EIO: "errore di lettura o scrittura del disco",
    errno.EINVAL: "nome o valore non valido",
    errno.EMFILE: "troppi file aperti",
    errno.ECONNREFUSED: "connessione rifiutata (il server non è in ascolto)",
    errno.ETIMEDOUT: "tempo scaduto per la connessione",
    errno.EHOSTUNREACH: "il server non è raggiungibile",
    errno.ENETUNREACH: "la rete non è raggiungibile",
    errno.ECONNRESET: "la connessione è stata interrotta",
    errno.EADDRINUSE: "l'indirizzo e la porta sono già in uso",
    errno.EADDRNOTAVAIL: "l'indirizzo non è di questo computer",
}


def os_reason(exc: OSError) -> str:
    """«permesso negato»: the reason by errno, never the system's (English) text."""
    reason = _OS_REASONS.get(exc.errno or -1)
    if reason is None:
        reason = f"errore di sistema n. {exc.errno}" if exc.errno else "errore di sistema"
    return reason


def describe_os_error(exc: OSError) -> str:
    """«/percorso/file: permesso negato.»"""
    reason = os_reason(exc)
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
    if "malformed" in text or "corrupt" in text:
        return "Il file del database è danneggiato: ripristinare una copia di sicurezza (wpt-desk restore --latest)."
    if "not a database" in text or "encrypted" in text:
        return ("Il file non è un database di WPT Desk o non si apre con questa chiave: controllare la cartella "
                "dei dati.")
    return (f"Errore del database ({exc.__class__.__name__}): nessun dato è stato modificato; riprovare e, se si "
            "ripete, eseguire «wpt-desk check».")


# What each kind of pydantic problem means, after «il campo «X» …»; {…} are the rule's own bounds.
_VALIDATION_REASONS = {
    "missing": "manca",
    "string_too_short": "è vuoto",
    "string_too_long": "ha più di {max_length} caratteri",
    "too_short": "ha meno di {min_length} elementi",
    "too_long": "ha più di {max_length} elementi",
    "string_type": "deve essere un testo",
    "string_pattern_mismatch": "non ha il formato atteso",
    "int_parsing": "deve essere un numero intero",
    "int_type": "deve essere un numero intero",
    "int_from_float": "deve essere un numero intero",
    "float_parsing": "deve essere un numero",
    "float_type": "deve essere un numero",
    "bool_parsing": "deve essere sì o no (true o false)",
    "bool_type": "deve essere sì o no (true o false)",
    "date_parsing": "deve essere una data AAAA-MM-GG",
    "date_type": "deve essere una data AAAA-MM-GG",
    "date_from_datetime_parsing": "deve essere una data AAAA-MM-GG",
    "date_from_datetime_inexact": "deve essere una data AAAA-MM-GG, senza ora",
    "datetime_parsing": "deve essere una data e ora",
    "datetime_type": "deve essere una data e ora",
    "datetime_from_date_parsing": "deve essere una data e ora",
    "enum": "deve essere uno tra {expected}",
    "literal_error": "deve essere uno tra {expected}",
    "greater_than": "deve essere maggiore di {gt}",
    "greater_than_equal": "deve essere almeno {ge}",
    "less_than": "deve essere minore di {lt}",
    "less_than_equal": "deve essere al massimo {le}",
    "extra_forbidden": "non è previsto",
    "uuid_parsing": "non è un identificativo valido",
    "uuid_type": "non è un identificativo valido",
    "model_type": "deve essere un oggetto",
    "model_attributes_type": "deve essere un oggetto",
    "dict_type": "deve essere un oggetto",
    "list_type": "deve essere un elenco",
    "url_parsing": "non è un indirizzo valido",
    "url_scheme": "non è un indirizzo valido",
}


# The Italian names of the fields a sentence may name (the technical name is said otherwise).
FIELD_LABELS = {
    "fiscal_code": "codice fiscale", "last_name": "cognome", "first_name": "nome",
    "birth_date": "data di nascita", "sex": "sesso", "municipality_code": "comune di residenza",
    "address": "indirizzo", "phone": "telefono", "email": "e-mail", "reason": "motivo",
    "description": "descrizione", "text": "testo", "name": "nome", "notes": "note", "hours": "orari",
    "years": "anni", "role": "ruolo", "category": "categoria", "urgency": "urgenza", "channel": "canale",
    "follow_up_on": "data di richiamo", "outcome": "esito", "password": "password",
}


def validation_reason(error: Mapping[str, Any]) -> str:
    """What is wrong in one problem of ``ValidationError.errors()``, without the field («ha più di 500
    caratteri»). A rule of our own (a ``ValueError`` in a validator) already is Italian: its text stands."""
    context = error.get("ctx") or {}
    if error.get("type") == "value_error":
        return str(context.get("error", "")).rstrip(".") or "non è valido"
    template = _VALIDATION_REASONS.get(str(error.get("type")), "non è valido")
    try:
        return template.format(**{k: v for k, v in context.items() if k != "error"})
    except (KeyError, IndexError, ValueError):
        return "non è valido"


def describe_validation_error(exc: ValidationError, labels: Mapping[str, str] | None = None) -> str:
    """The first problem as one sentence naming the field («Il campo «motivo» ha più di 500 caratteri.»),
    never the value given. ``labels``: the fields' Italian names, beside :data:`FIELD_LABELS`."""
    errors = exc.errors(include_url=False, include_input=False)
    if not errors:
        return "Dati non validi."
    error = errors[0]
    reason = validation_reason(error)
    if error.get("type") == "value_error":
        return reason[:1].upper() + reason[1:] + "."
    location = ".".join(str(part) for part in error.get("loc", ()))
    if not location:
        return f"I dati {reason}."
    label = {**FIELD_LABELS, **(labels or {})}.get(location, location)
    if error.get("type") == "missing":
        return f"Manca il campo «{label}»."
    return f"Il campo «{label}» {reason}."
