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
    view.setProperty("column_caps", [w * char for w in widths])
    return view


def fit_columns(view: QTableView) -> None:
    """Size each column but the last to what it shows, up to its cap: a header is never cut, and a
    column of short values leaves room to the others instead of staying wide and empty."""
    model = view.model()
    if model is None:
        return
    caps = view.property("column_caps") or []
    header = view.horizontalHeader()
    metrics = header.fontMetrics()
    wants: dict[int, int] = {}
    for column in range(model.columnCount() - 1):
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        needed = metrics.horizontalAdvance(title) + 3 * metrics.averageCharWidth() + 16  # sort arrow, padding
        content = view.sizeHintForColumn(column) if model.rowCount() else 0
        cap = caps[column] if column < len(caps) else max(content, needed)
        wants[column] = max(needed, content)
        view.setColumnWidth(column, max(needed, min(content, cap)))
    # Room the last (stretching) column does not need goes to the columns still cut, left to right.
    last = model.columnCount() - 1
    last_needs = max(view.sizeHintForColumn(last) if model.rowCount() else 0,
                     metrics.horizontalAdvance(str(model.headerData(last, Qt.Orientation.Horizontal) or "")) + 24)
    spare = view.viewport().width() - sum(view.columnWidth(c) for c in wants) - last_needs
    for column, want in wants.items():
        if spare <= 0:
            break
        grow = min(spare, want - view.columnWidth(column))
        if grow > 0:
            view.setColumnWidth(column, view.columnWidth(column) + grow)
            spare -= grow


def current_row(view: QAbstractItemView) -> int:
    """The row of the view's current index, or -1 when nothing is current."""
    index = view.currentIndex()
    return index.row() if index.isValid() else -1
