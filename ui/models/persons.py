"""Persons as a lazily fetched table: ids are paged in as the view scrolls, so 100,000 rows open at once."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.reference.municipalities import name_of
from desktop.storage.store import Store

_Index = QModelIndex | QPersistentModelIndex
PAGE = 200


class PersonsModel(QAbstractTableModel):
    """Live persons sorted by surname and name, or those matching a search text."""

    COLUMNS = ("last_name", "first_name", "fiscal_code", "birth_date", "municipality", "phone")

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[dict[str, Any]] = []
        self._search = ""
        self._exhausted = False
        self._headers = (
            self.tr("Cognome"), self.tr("Nome"), self.tr("Codice fiscale"),
            self.tr("Data di nascita"), self.tr("Comune di residenza"), self.tr("Telefono"),
        )
        self.refresh()

    def set_search(self, text: str) -> None:
        self._search = text.strip()
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        if self._search:
            self._rows = self._store.search_persons(self._search, limit=500)
            self._exhausted = True
        self.endResetModel()
        if not self._search:
            self.fetchMore(QModelIndex())

    def person_id(self, row: int) -> str:
        return str(self._rows[row]["id"])

    # -- Qt overrides -------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._exhausted:
            return
        last = self._rows[-1] if self._rows else None
        page = self._store.query(
            "SELECT id, seq, last_name, first_name, fiscal_code, birth_date, municipality_code, phone "
            "FROM persons WHERE deleted = 0 AND (:last IS NULL OR "
            "(last_name COLLATE NOCASE, first_name COLLATE NOCASE, seq) > (:last, :first, :seq)) "
            "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, seq LIMIT :page",
            {
                "last": last["last_name"] if last else None,
                "first": last["first_name"] if last else None,
                "seq": last["seq"] if last else None,
                "page": PAGE,
            },
        )
        if len(page) < PAGE:
            self._exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "municipality":
            return name_of(row["municipality_code"])
        if column == "birth_date" and row["birth_date"]:
            year, month, day = row["birth_date"].split("-")
            return f"{day}/{month}/{year}"
        return row[column] or ""

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None
