"""The read-only, row-selecting, sortable table every list page uses."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget


def list_view(
    model: QAbstractItemModel, name: str, parent: QWidget, *, sortable: bool = True, widths: tuple[int, ...] = ()
) -> QTableView:
    """A list table; ``widths`` are column widths in average characters (from the system font)."""
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.setSortingEnabled(False)
    if sortable:
        view.horizontalHeader().setSortIndicatorShown(True)
        view.horizontalHeader().setSectionsClickable(True)
        view.horizontalHeader().sortIndicatorChanged.connect(lambda column, order: model.sort(column, order))
    view.setTabKeyNavigation(False)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    char = view.fontMetrics().averageCharWidth()
    for column, width in enumerate(widths):
        view.setColumnWidth(column, width * char)
    return view


def current_row(view: QAbstractItemView) -> int:
    """The row of the view's current index, or -1 when nothing is current."""
    index = view.currentIndex()
    return index.row() if index.isValid() else -1
