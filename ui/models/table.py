"""A small table of rows already in memory (a catalog, today's follow-ups, a person's timeline)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from ui.models.accessible import accessible_cell, header_data
from ui.models.keyset import Column

_Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel):
    """Rows (dicts) shown through :class:`Column` s; ``set_rows`` replaces them all.

    Signals:
        reloaded(): after ``set_rows``.
    """

    reloaded = Signal()

    def __init__(self, columns: list[Column], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = columns
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()
        self.reloaded.emit()

    def row_id(self, row: int) -> str:
        return str(self._rows[row]["id"])

    def row_of(self, record_id: str) -> int:
        """The row of a record, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.get("id") == record_id), -1)

    def row(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:  # a screen reader says the column with the value
            return accessible_cell(self._columns[index.column()].header,
                                   self._columns[index.column()].display(self._rows[index.row()]))
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self._columns[index.column()].display(self._rows[index.row()])

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_data(self._columns, section, orientation, role)

    def _sort_key(self, column: int, row: dict[str, Any]) -> tuple[int, int, str]:
        """Raw values sort (ISO dates in order), numbers as numbers, text without case."""
        spec = self._columns[column]
        value = row[spec.key] if spec.key in row else spec.display(row)
        text = "" if value is None else str(value)
        return (0, int(text), "") if text.isdigit() else (1, 0, text.casefold())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        old = self._rows
        order_ = sorted(range(len(old)), key=lambda i: self._sort_key(column, old[i]),
                        reverse=order == Qt.SortOrder.DescendingOrder)
        self._rows = [old[i] for i in order_]
        new_row = {old_row: new for new, old_row in enumerate(order_)}
        before = self.persistentIndexList()
        after = [self.index(new_row[i.row()], i.column()) for i in before]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()
