"""What a screen reader announces for the cells and headers of the app's tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, Qt


class _Column(Protocol):
    @property
    def header(self) -> str: ...


def accessible_cell(header: str, value: Any) -> str:
    """The column's name with the cell's value («Comune: Ceres»), «vuoto» for an empty cell."""
    text = "" if value is None else str(value)
    if not text:
        text = QCoreApplication.translate("TableModel", "vuoto")
    return f"{header}: {text}"


def header_data(columns: Sequence[_Column], section: int, orientation: Qt.Orientation, role: int) -> Any:
    """Column headers by name; row headers by number (a screen reader announces «riga 3»)."""
    if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
        return None
    if orientation == Qt.Orientation.Horizontal:
        return columns[section].header if 0 <= section < len(columns) else None
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return QCoreApplication.translate("TableModel", "riga {number}").format(number=section + 1)
    return None  # the row header is hidden; only a screen reader hears it
