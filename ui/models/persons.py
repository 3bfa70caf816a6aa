"""Persons as a lazily fetched table: pages come in as the view scrolls, so 100,000 rows open at once.

Sorted by any column; filtered by the words typed in the search (FTS5 prefix match on surname, name,
codice fiscale and phone, the same as :meth:`Store.search_persons`) and by municipality of residence.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from desktop.queries import fts_match
from desktop.reference.municipalities import name_of
from desktop.storage.store import Store
from ui.models.keyset import Column, KeysetTableModel, it_date


def _tr(text: str) -> str:
    return QCoreApplication.translate("PersonsModel", text)


def _columns() -> list[Column]:
    return [
        Column("last_name", _tr("Cognome"), ("last_name COLLATE NOCASE", "first_name COLLATE NOCASE"),
               lambda r: r["last_name"]),
        Column("first_name", _tr("Nome"), ("first_name COLLATE NOCASE", "last_name COLLATE NOCASE"),
               lambda r: r["first_name"]),
        Column("fiscal_code", _tr("Codice fiscale"), ("coalesce(fiscal_code, '')",), lambda r: r["fiscal_code"] or ""),
        Column("birth_date", _tr("Data di nascita"), ("coalesce(birth_date, '')",), lambda r: it_date(r["birth_date"])),
        Column("municipality", _tr("Comune di residenza"), ("coalesce(municipality_code, '')",),
               lambda r: name_of(r["municipality_code"])),
        Column("phone", _tr("Telefono"), ("phone",), lambda r: r["phone"] or ""),
    ]


class PersonsModel(KeysetTableModel):
    """Live persons sorted by surname and name (or any column), optionally filtered."""

    COLUMNS = ("last_name", "first_name", "fiscal_code", "birth_date", "municipality", "phone")

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(
            store,
            "id, seq, last_name, first_name, fiscal_code, birth_date, municipality_code, phone, privacy_notice_on",
            "persons",
            _columns(),
            parent,
            base_where="deleted = 0",
        )
        self._search = ""
        self.refresh()

    def search_text(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Keep the persons whose surname, name, codice fiscale or phone start with the typed words."""
        self._search = text.strip()
        match = fts_match(self._search)
        self.set_filter(
            "search",
            None if match is None else "seq IN (SELECT rowid FROM persons_fts WHERE persons_fts MATCH :match)",
            {"match": match},
            later=True,
        )

    def set_municipality(self, code: str | None) -> None:
        self.set_filter("municipality", "municipality_code = :municipality" if code else None,
                        {"municipality": code}, later=True)

    def person_id(self, row: int) -> str:
        return self.row_id(row)

    def first_row(self) -> dict[str, Any] | None:
        return self.row(0) if self.rowCount() else None
