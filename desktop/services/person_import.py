"""Import persons from the CSV files Italian offices actually produce.

Accepted: comma or semicolon (or tab) separated; UTF-8 with or without BOM, or Windows-1252; dates as
``YYYY-MM-DD`` or ``DD/MM/YYYY``; the municipality by name (case and accent insensitive) or cadastral
code. Each row is validated on its own and imported whole or not at all: the new persons of up to 500
rows are written together in one savepoint, and if the database refuses that, row by row in a savepoint
each (the report is the same either way). A person with the same codice fiscale (or, without one, the
same surname, name and birth date) is updated, not added, so importing a file twice creates no duplicates.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from pydantic import ValidationError

from desktop.domain.enums import Sex
from desktop.domain.fiscal_code import FiscalCodeError, names_mismatch
from desktop.domain.models import Person
from desktop.messages import FIELD_LABELS, os_reason, validation_reason
from desktop.operations.persons import edit_person, register_person, register_persons
from desktop.queries.persons import recorded_person, recorded_persons
from desktop.services.csv_cells import restore
from desktop.storage import import_seen
from desktop.storage.connection import INTEGRITY_ERROR
from desktop.storage.store import Store

COLUMNS = (
    "codice_fiscale", "cognome", "nome", "data_nascita", "sesso",
    "comune_residenza", "indirizzo", "telefono", "email",
)
REQUIRED_COLUMNS = ("cognome", "nome")
# Header spellings seen in office spreadsheets, folded to the canonical column name.
_ALIASES = {
    "cf": "codice_fiscale", "codicefiscale": "codice_fiscale", "codice_fiscale": "codice_fiscale",
    "cognome": "cognome", "nome": "nome",
    "data_nascita": "data_nascita", "data_di_nascita": "data_nascita", "nascita": "data_nascita",
    "sesso": "sesso", "genere": "sesso",
    "comune_residenza": "comune_residenza", "comune_di_residenza": "comune_residenza",
    "comune": "comune_residenza", "residenza": "comune_residenza",
    "indirizzo": "indirizzo", "telefono": "telefono", "tel": "telefono", "cellulare": "telefono",
    "email": "email", "e_mail": "email", "mail": "email",
}
class ImportFileError(Exception):
    """The file as a whole cannot be read (missing, empty, no usable header); message for users."""


class ImportCancelled(Exception):
    """The operator stopped the import: nothing of it was kept (one transaction)."""


@dataclass
class RejectedRow:
    line: int
    reason: str


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (BOM or not), else Windows-1252, as exported by Excel on Windows."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFileError(f"Il file {path} non esiste.") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path} è una cartella, non un file CSV.") from None
    except OSError as exc:
        raise ImportFileError(f"Impossibile leggere il file {path}: {os_reason(exc)}.") from None
    if b"\x00" in raw[:4096]:
        raise ImportFileError(f"Il file {path} non è un file CSV di testo (forse è un file Excel .xlsx?).")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Windows-1252, line by line: a UTF-8 file with a few rows pasted from an old spreadsheet stays
    # readable instead of turning every accent of the UTF-8 rows into "Ã²".
    lines = raw.removeprefix(b"\xef\xbb\xbf").split(b"\n")
    decoded = []
    for line in lines:
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append(line.decode("cp1252", errors="replace"))
    return "\n".join(decoded)


def _header_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.strip().lower().lstrip("\ufeff")).strip("_")


def _dialect(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in (";", ",", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    if _ISO_DATE.fullmatch(text):  # the usual spelling, read without strptime (same result)
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y"):
        try:
            parsed = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if fmt == "%d/%m/%y" and parsed > date.today():
            parsed = parsed.replace(year=parsed.year - 100)
        return parsed
    raise ValueError(f"data di nascita non valida: «{text}» (usare GG/MM/AAAA o AAAA-MM-GG)")


def parse_sex(text: str) -> Sex | None:
    value = text.strip().upper()
    if not value:
        return None
    if value in {"M", "MASCHIO", "MASCHILE", "UOMO"}:
        return Sex.MALE
    if value in {"F", "FEMMINA", "FEMMINILE", "DONNA"}:
        return Sex.FEMALE
    raise ValueError(f"sesso non valido: «{text.strip()}» (usare M o F)")


def _reason(exc: Exception) -> str:
    if isinstance(exc, FiscalCodeError):
        return str(exc)
    if isinstance(exc, ValidationError):
        messages = []
        for error in exc.errors():
            location = error["loc"][0] if error["loc"] else None
            text = validation_reason(error)
            if error["type"] == "missing" or (error["type"] == "string_too_short" and location):
                text = f"{FIELD_LABELS.get(str(location), location)} mancante"
            elif location in FIELD_LABELS and not text.startswith(("comune", "indirizzo", "numero", "la ")):
                text = f"{FIELD_LABELS[str(location)]}: {text}"
            messages.append(text)
        return "; ".join(messages)
    return str(exc)


def _person_from_row(row: dict[str, str]) -> Person:
    def value(column: str) -> str:
        return (row.get(column) or "").strip()

    return Person(
        fiscal_code=value("codice_fiscale") or None,
        last_name=value("cognome"),
        first_name=value("nome"),
        birth_date=parse_date(value("data_nascita")),
        sex=parse_sex(value("sesso")),
        municipality_code=value("comune_residenza") or None,
        address=value("indirizzo"),
        phone=value("telefono"),
        email=value("email"),
    )


def _merge(existing: Person, incoming: Person, birth_date_given: bool) -> Person:
    """The existing person updated with every non-empty value of the imported row.

    A birth date the row does not give is not taken from its codice fiscale when one is recorded:
    the code's two-digit year cannot tell 1925 from 2025, the recorded date can.
    """
    updates = {
        name: getattr(incoming, name)
        for name in ("fiscal_code", "last_name", "first_name", "birth_date", "sex", "birthplace_code",
                     "municipality_code", "address", "phone", "email")
        if getattr(incoming, name) not in (None, "")
    }
    if not birth_date_given and existing.birth_date is not None:
        updates.pop("birth_date", None)
    if all(getattr(existing, name) == value for name, value in updates.items()):
        return existing  # nothing new: validating the same values again would give the same person
    return Person.model_validate({**existing.model_dump(), **updates})


def import_persons(
    store: Store, path: Path, progress: Callable[[int, int], bool] | None = None
) -> ImportReport:
    """Import every valid row of ``path``; report each rejected row with its line number and reason.

    ``progress(line, lines)`` is called as rows are read; when it returns False the import stops and
    nothing of it is kept.

    Raises:
        ImportFileError: the file cannot be read or has no usable header.
        ImportCancelled: ``progress`` asked to stop.
    """
    text = read_text(Path(path))
    if not text.strip():
        raise ImportFileError(f"Il file {path} è vuoto.")
    lines = text.lstrip("\ufeff").splitlines()
    first_line = lines[0]
    skip = 0
    # Excel writes "sep=;" as a first line when asked to keep the separator explicit.
    if re.fullmatch(r'"?sep=(.)"?', first_line.strip()):
        delimiter = first_line.strip().strip('"')[4]
        skip = 1
    else:
        while not first_line.strip() and skip + 1 < len(lines):
            skip += 1
            first_line = lines[skip]
        delimiter = _dialect(first_line)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=delimiter)
    for _ in range(skip):
        next(reader, None)
    header = [_ALIASES.get(_header_key(h), _header_key(h)) for h in next(reader, [])]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            f"Nel file {path} {'mancano le colonne' if len(missing) > 1 else 'manca la colonna'} "
            f"{', '.join(missing)}: la prima riga deve contenere "
            f"le intestazioni {','.join(COLUMNS)}."
        )
    report = ImportReport()
    rows = _rows(reader, header, len(lines), progress, report)
    with store.transaction():
        while chunk := list(itertools.islice(rows, BATCH_ROWS)):
            _import_chunk(store, chunk, report)
    report.rejected.sort(key=lambda rejected: rejected.line)  # a batch's rows are reported when written
    return report


def _rows(reader: Iterator[list[str]], header: list[str], lines: int, progress: Callable[[int, int], bool] | None,
          report: ImportReport) -> Iterator[tuple[int, dict[str, str]]]:
    """The file's rows (first line, cells by column) that have cells to import; ``progress`` as they are read."""
    line = reader.line_num  # type: ignore[attr-defined]  # a csv reader
    for cells in reader:
        start, line = line + 1, reader.line_num  # type: ignore[attr-defined]
        if progress is not None and not progress(line, lines):
            raise ImportCancelled("Importazione annullata: nessuna persona è stata importata.")
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            report.rejected.append(RejectedRow(start, f"la riga ha {len(cells)} campi, l'intestazione {len(header)}"))
            continue
        # Cells our own export neutralized (a leading apostrophe before = + - @) come back as written.
        yield start, dict(zip(header, (restore(c) for c in cells), strict=False))


def _import_chunk(store: Store, chunk: list[tuple[int, dict[str, str]]], report: ImportReport) -> None:
    """Import rows read ahead, in order, and write them all. What their lookups would find is read for all
    of them at once; a row that a row before it in the chunk may have changed that for (its own person, or
    any update) looks again. Its new persons are written in a batch, up to the row that must see them."""
    keys = [import_seen.row_key(row) for _, row in chunk]
    seen = import_seen.already_imported_many(store, keys)
    persons: dict[int, Person | ValidationError | ValueError] = {
        index: _validated(row) for index, (_, row) in enumerate(chunk) if keys[index] not in seen}
    valid = {index: person for index, person in persons.items() if isinstance(person, Person)}
    try:
        found = dict(zip(valid, recorded_persons(store, list(valid.values())), strict=True))
    except (ValidationError, ValueError):
        found = {}  # each row looks on its own, and reports what fails
    batch = _Batch()  # new persons not yet written
    added = _Batch()  # the chunk's new persons so far, written or not
    updated = False
    for index, (start, row) in enumerate(chunk):
        key = keys[index]
        if key in batch.keys:
            _write_batch(store, batch, report)  # the same row again: seen once its first is written
        ahead = not updated and key not in added.keys
        if (key in seen) if ahead else import_seen.already_imported(store, key):
            report.unchanged += 1
            continue
        incoming = persons[index] if index in persons else _validated(row)
        try:
            if not isinstance(incoming, Person):
                raise incoming
            if batch.may_match(incoming):
                _write_batch(store, batch, report)  # the person of a row not yet written: match it written
            if ahead and index in found and not added.may_match(incoming):
                existing = found[index]
            else:
                existing = recorded_person(store, incoming)
        except (ValidationError, ValueError) as exc:
            report.rejected.append(RejectedRow(start, _reason(exc)))
            continue
        if existing is None:
            new = _NewRow(start, key, incoming)
            batch.add(new)
            added.add(new)
        else:
            _write_batch(store, batch, report)  # the writes stay in the file's order
            _write_row(store, report, _NewRow(start, key, incoming), existing,
                       birth_date_given=bool((row.get("data_nascita") or "").strip()))
            updated = True
    _write_batch(store, batch, report)


def _validated(row: dict[str, str]) -> Person | ValidationError | ValueError:
    """The row's person, or why it is not one."""
    try:
        incoming = _person_from_row(row)
        if incoming.fiscal_code and (
                mismatch := names_mismatch(incoming.fiscal_code, incoming.last_name, incoming.first_name)):
            raise ValueError(mismatch)
    except (ValidationError, ValueError) as exc:
        return exc
    return incoming


# What a row's write may raise when the row is refused (the batch's rows are then written one by one).
_REFUSED: tuple[type[Exception], ...] = (ValidationError, ValueError, *INTEGRITY_ERROR)
# Rows read ahead, looked up together, and (the new persons among them) written in one savepoint with one
# statement per table.
BATCH_ROWS = 500


@dataclass
class _NewRow:
    line: int
    key: int
    person: Person


@dataclass
class _Batch:
    """Valid rows of new persons not yet written, and what a later row would match them by."""

    rows: list[_NewRow] = field(default_factory=list)
    keys: set[int] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    names: set[tuple[str, str, date | None]] = field(default_factory=set)

    def add(self, row: _NewRow) -> None:
        self.rows.append(row)
        self.keys.add(row.key)
        if row.person.fiscal_code:
            self.codes.add(row.person.fiscal_code)
        self.names.add(_name_key(row.person))

    def may_match(self, person: Person) -> bool:
        """Whether :func:`recorded_person` could find one of these rows' persons for ``person`` once written:
        the same code, or the same names (folded as SQLite's NOCASE does, or more) and birth date. Every
        match by name asks for the same birth date, or for none on both."""
        return bool(person.fiscal_code in self.codes or _name_key(person) in self.names)

    def clear(self) -> None:
        self.rows.clear()
        self.keys.clear()
        self.codes.clear()
        self.names.clear()


def _name_key(person: Person) -> tuple[str, str, date | None]:
    return person.last_name.lower(), person.first_name.lower(), person.birth_date


def _write_batch(store: Store, batch: _Batch, report: ImportReport) -> None:
    """Write the batch's new persons in one savepoint; if the database refuses any of it, that savepoint
    is undone and the rows are written one by one, each in its own (so only the refused row is left out)."""
    if not batch.rows:
        return
    try:
        with store.atomic():
            register_persons(store, [row.person for row in batch.rows])
            import_seen.remember_many(store, [(row.key, row.person.id) for row in batch.rows])
    except _REFUSED:
        for row in batch.rows:
            _write_row(store, report, row, None, birth_date_given=False)
    else:
        report.created += len(batch.rows)
    batch.clear()


def _write_row(store: Store, report: ImportReport, row: _NewRow, existing: Person | None,
               birth_date_given: bool) -> None:
    """One row's writes (its person, stamps, outbox, access log) in one savepoint: a row that fails is
    undone whole and the others go on."""
    incoming = row.person
    try:
        with store.atomic():
            if existing is None:
                register_person(store, incoming)
                report.created += 1
            else:
                merged = _merge(existing, incoming, birth_date_given)
                if merged == existing:
                    report.unchanged += 1
                else:
                    edit_person(store, merged)
                    report.updated += 1
            import_seen.remember(store, row.key, incoming.id if existing is None else existing.id)
    except (ValidationError, ValueError) as exc:
        report.rejected.append(RejectedRow(row.line, _reason(exc)))
    except INTEGRITY_ERROR:
        # The database refused the row's write (its savepoint undid what it had written): the row is
        # reported, the others go on. The database's message may quote the row: not shown.
        report.rejected.append(RejectedRow(row.line, "il database ha rifiutato la riga"))
