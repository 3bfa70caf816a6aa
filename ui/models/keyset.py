"""A table fetched lazily page by page with keyset paging: fast at any depth, any sort column.

The SQL comes from the core: a list's :class:`~desktop.queries.keyset.ListSpec` (what, from where, the
sort keys) and :func:`~desktop.queries.keyset.fetch_page`; the model holds the rows loaded so far and
asks for the page after the last one as the view scrolls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from desktop.queries.keyset import FIRST_PAGE, PAGE_SIZE, Filter, ListSpec, PageRequest, fetch_page
from desktop.storage.store import Store
from ui.models.accessible import accessible_cell, header_data

_Index = QModelIndex | QPersistentModelIndex
PAGE = PAGE_SIZE
# The most rows a reload of the same list asks for at once (the rows loaded, so the operator's row stays).
RELOADED = 5 * PAGE_SIZE
_SHOWN = frozenset({Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value})
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value


def it_date(value: str | None) -> str:
    """ISO date → dd/mm/yyyy ('' for None)."""
    if not value:
        return ""
    year, month, day = value[:10].split("-")
    return f"{day}/{month}/{year}"


@dataclass(frozen=True)
class Column:
    """A column: its key (also its sort key in the list's spec), header, how to show a row's value."""

    key: str
    header: str
    display: Callable[[dict[str, Any]], str] = field(default=lambda row: "")


class KeysetTableModel(QAbstractTableModel):
    """Signals:
        reloaded(): after the first page of a refresh is in.
    """

    reloaded = Signal()

    def __init__(
        self, store: Store, spec: ListSpec, columns: list[Column], parent: QObject | None = None,
        *, sort_column: int = 0, descending: bool = False,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._spec = spec
        self._columns = columns
        self._filters: dict[str, Filter] = {}
        self._rows: list[dict[str, Any]] = []
        self._exhausted = False
        self._sort_column = sort_column
        self._descending = descending
        self._generation = 0
        self._loading = False
        self._loaded_as: tuple[object, ...] | None = None  # the list the rows loaded are of (_listing)

    # -- own API ----------------------------------------------------------------------------------

    def set_filter(self, name: str, condition: Filter | None, *, later: bool = True) -> None:
        """Set (or clear with None) a named filter of the core's list and reload (on the database thread
        unless ``later`` is False)."""
        if condition is None:
            self._filters.pop(name, None)
        else:
            self._filters[name] = condition
        if later:
            self.refresh_later()
        else:
            self.refresh()

    def refresh(self) -> None:
        """Reload now, on the calling thread (a page is a few milliseconds with an index)."""
        self._generation += 1
        page = self._page_request(after=False)
        self._apply_first_page(self._generation, fetch_page(self._store, self._spec, page), page.limit)

    def refresh_later(self) -> None:
        """Reload on the database thread; the rows shown stay until the new ones arrive.

        Typing in a search starts one reload per key: only the newest one's rows are applied.
        """
        from ui.background import run_in_background

        self._generation += 1
        generation = self._generation
        store, spec, page = self._store, self._spec, self._page_request(after=False)
        self._loading = True
        run_in_background(self, lambda: fetch_page(store, spec, page)).on_success(
            lambda rows: self._apply_first_page(generation, rows, page.limit)).run()

    def is_loading(self) -> bool:
        return self._loading

    def _apply_first_page(self, generation: int, page: list[dict[str, Any]], limit: int = FIRST_PAGE) -> None:
        """Put in the rows of a reload (``limit``: the most it asked for)."""
        if generation != self._generation:
            return  # a newer reload is on its way
        # The first page is put in inside the reset: views (and the model tester) that react to the
        # reset by fetching must not see rows arrive while it is still in flight.
        self._loading = False
        self.beginResetModel()
        self._rows = page
        self._exhausted = len(page) < limit
        self._loaded_as = self._listing()
        self.endResetModel()
        self.reloaded.emit()

    def row(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def row_id(self, row: int) -> str:
        return str(self._rows[row]["id"])

    def row_of(self, record_id: str) -> int:
        """The row of a loaded record, or -1."""
        return next((i for i, r in enumerate(self._rows) if r["id"] == record_id), -1)

    def fetch_all(self) -> None:
        while self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())

    # -- paging -------------------------------------------------------------------------------------

    def _listing(self) -> tuple[object, ...]:
        """What the rows loaded are a list of: the sort and the filters."""
        return self._sort_column, self._descending, tuple(self._filters.items())

    def _page_request(self, *, after: bool = True) -> PageRequest:
        """Which page comes next (the first one unless ``after``). A reload of the same list (its data
        changed, not its filters or sort) asks for as many rows as are loaded, up to :data:`RELOADED`, so
        the row the operator was on is among them; a new list asks for :data:`FIRST_PAGE`."""
        later = after and bool(self._rows)
        if later:
            limit = PAGE
        elif self._listing() == self._loaded_as:
            limit = max(FIRST_PAGE, min(len(self._rows), RELOADED))
        else:
            limit = FIRST_PAGE
        return PageRequest(
            sort=self._columns[self._sort_column].key, descending=self._descending,
            filters=tuple(self._filters.values()), after=self._rows[-1] if later else None, limit=limit,
        )


    # -- Qt overrides -------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def canFetchMore(self, parent: _Index) -> bool:
        # While a reload is on its way the filters no longer match the rows shown: no paging on them.
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or self._exhausted or self._loading:
            return
        request = self._page_request()
        page = fetch_page(self._store, self._spec, request)
        if len(page) < request.limit:
            self._exhausted = True
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks each visible cell for about eight roles: those not shown answer first, with no Qt
        # enum looked up (the list is painted within a frame of a search's rows arriving).
        if role in _SHOWN:
            if not index.isValid():
                return None
            return self._columns[index.column()].display(self._rows[index.row()])
        if role == _ACCESSIBLE and index.isValid():  # a screen reader says the column with the value
            return accessible_cell(self._columns[index.column()].header,
                                   self._columns[index.column()].display(self._rows[index.row()]))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        return header_data(self._columns, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self._sort_column, self._descending) and self._rows:
            return
        self._sort_column, self._descending = column, descending
        self.refresh()
