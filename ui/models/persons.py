"""Persons as a lazily fetched table: pages come in as the view scrolls, so 100,000 rows open at once.

Sorted by any column; filtered by the words typed in the search (FTS5 prefix match on surname, name,
codice fiscale and phone) and by municipality of residence: the list and its filters are
:mod:`desktop.queries.persons`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject

from desktop.queries import persons
from desktop.reference.municipalities import name_of
from desktop.storage.store import Store
from ui.models.keyset import Column, KeysetTableModel, it_date


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _columns() -> list[Column]:
    return [
        Column("last_name", _tr("PersonsModel", "Cognome"), lambda r: r["last_name"]),
        Column("first_name", _tr("PersonsModel", "Nome"), lambda r: r["first_name"]),
        Column("fiscal_code", _tr("PersonsModel", "Codice fiscale"), lambda r: r["fiscal_code"] or ""),
        Column("birth_date", _tr("PersonsModel", "Data di nascita"), lambda r: it_date(r["birth_date"])),
        Column("municipality", _tr("PersonsModel", "Comune di residenza"), lambda r: name_of(r["municipality_code"])),
        Column("phone", _tr("PersonsModel", "Telefono"), lambda r: r["phone"] or ""),
    ]


class PersonsModel(KeysetTableModel):
    """Live persons sorted by surname and name (or any column), optionally filtered."""

    COLUMNS = ("last_name", "first_name", "fiscal_code", "birth_date", "municipality", "phone")

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(store, persons.PERSONS, _columns(), parent)
        self._search = ""
        self.refresh()

    def search_text(self) -> str:
        return self._search

    def set_search(self, text: str) -> None:
        """Keep the persons whose surname, name, codice fiscale or phone start with the typed words."""
        self._search = text.strip()
        self.set_filter("search", persons.search_filter(self._search))

    def set_municipality(self, code: str | None) -> None:
        self.set_filter("municipality", persons.municipality_filter(code))

    def person_id(self, row: int) -> str:
        return self.row_id(row)

    def first_row(self) -> dict[str, Any] | None:
        return self.row(0) if self.rowCount() else None
