"""The list pages (Richieste, Invii, Scadenze, Catalogo): one table with filters above it.

The base gives every list the same behaviour: Enter (or a double click) opens the row's person, F2
changes the row's status, the list reloads when the core changed what it shows and keeps the row the
operator was on selected across the reload.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QMenu, QPushButton, QTableView, QVBoxLayout, QWidget

from desktop.errors import describe_os_error
from desktop.operations.changes import Changes
from ui.models.keyset import KeysetTableModel
from ui.models.table import RowsTableModel
from ui.pages import Page, PageContext
from ui.referrals.status_dialog import StatusDialog
from ui.widgets.bar import ScrollingBar
from ui.widgets.shortcuts import shortcut
from ui.widgets.table_view import current_row, fit_columns, list_view


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class ListPage(Page):
    """Signals:
        loaded(): the rows on screen match the filters (after every reload).

    Class attributes a list sets:
        status_kind: "request" or "referral" if F2 changes the status of the selected row, else None.
        person_column: the row key holding the person's id ("" if the rows are not about persons).
    """

    loaded = Signal()
    status_kind: str | None = None
    person_column = "person_id"

    def __init__(self, context: PageContext, model: KeysetTableModel | RowsTableModel, name: str,
                 widths: tuple[int, ...] = ()) -> None:
        super().__init__(context)
        self.model = model
        self.view: QTableView = list_view(model, name, self, widths=widths)
        self.dialog: StatusDialog | None = None
        self._reselect: str | None = None
        self.bar = ScrollingBar(self)  # filters and buttons; scrolls sideways at a large font size
        self.top = self.bar.row
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.bar)
        self.body.addWidget(self.view, 1)
        # What to do when the list is empty (shown instead of an empty table's silence).
        self.empty_hint = QLabel(self)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.hide()
        self.body.addWidget(self.empty_hint)
        model.reloaded.connect(self._reloaded)
        if self.person_column:
            self.view.activated.connect(lambda _index: self.open_person())
        if self.status_kind:
            shortcut(Qt.Key.Key_F2, self, self.change_status, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    # -- building the bar above the list ---------------------------------------------------------------

    def add_filter(self, widget: QWidget, label: str = "", *, stretch: int = 0) -> None:
        """A filter in the bar, with a label whose mnemonic focuses it."""
        if label:
            caption = QLabel(label, self)
            caption.setBuddy(widget)
            self.top.addWidget(caption)
        self.top.addWidget(widget, stretch)

    def add_export_button(self, title: str, file_stem: str) -> QPushButton:
        """«Esporta elenco»: the list as shown, as a PDF table or CSV for Excel (Ctrl+Shift+E opens the menu)."""
        from ui.list_export import write_csv, write_pdf

        menu = QMenu(self)

        def export(kind: str) -> Path | None:
            from ui import dialogs

            suffix, file_filter = ("pdf", "PDF (*.pdf)") if kind == "pdf" else ("csv", "CSV (*.csv)")
            path = dialogs.ask_save_path(self, dialogs.save_folder() / f"{file_stem}-{date.today()}.{suffix}",
                                         file_filter, _tr("ListPage", "Esporta elenco"))
            if path is None:
                return None
            try:
                written = write_pdf(self.view, title, path) if kind == "pdf" else write_csv(self.view, path)
            except OSError as exc:
                self.nav.show_message(_tr("ListPage", "Non riesco a scrivere il file: {error}").format(
                    error=describe_os_error(exc)))
                return None
            self.nav.show_message(_tr("ListPage", "Elenco salvato: {path}").format(path=written))
            return written

        self.export_pdf = lambda: export("pdf")
        self.export_csv = lambda: export("csv")
        menu.addAction(_tr("ListPage", "Tabella &PDF (da stampare)…"), self.export_pdf)
        menu.addAction(_tr("ListPage", "&CSV per Excel…"), self.export_csv)
        button = QPushButton(_tr("ListPage", "Esporta… (Ctrl+Shift+E)"), self)
        button.setAccessibleName(_tr("ListPage", "Esporta l'elenco in PDF o CSV"))
        button.setMenu(menu)
        self.top.addWidget(button)
        shortcut("Ctrl+Shift+E", self, button.showMenu, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return button

    def add_button(self, text: str, accessible_name: str, handler: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(accessible_name)
        button.clicked.connect(lambda: handler())
        self.top.addWidget(button)
        return button

    # -- what the list does ----------------------------------------------------------------------------

    def current_row(self) -> int:
        return current_row(self.view)

    def current_id(self) -> str | None:
        row = self.current_row()
        return self.model.row_id(row) if row >= 0 else None

    def select(self, record_id: str) -> bool:
        """Select a record's row (loading pages until it is found); False if it is not in the list."""
        if isinstance(self.model, KeysetTableModel):
            self.model.fetch_all()
        row = self.model.row_of(record_id)
        if row >= 0:
            self.view.selectRow(row)
        return row >= 0

    def open_person(self) -> None:
        row = self.current_row()
        if row >= 0 and self.person_column:
            self.nav.open_person(str(self.model.row(row)[self.person_column]))

    def change_status(self) -> StatusDialog | None:
        """The status dialog of the selected row (F2)."""
        record_id = self.current_id()
        if record_id is None or self.status_kind is None:
            return None
        self.dialog = StatusDialog(self.store, self.status_kind, record_id, self)
        self.dialog.open()
        return self.dialog

    def shows(self, changes: Changes) -> bool:
        """Whether the list shows records of these kinds (reload when they change)."""
        return bool(changes.persons or changes.requests or changes.referrals)

    def reload(self) -> None:
        """Load the rows again for the current filters (on the database thread)."""
        raise NotImplementedError

    def on_changes(self, changes: Changes) -> None:
        if self.shows(changes):
            self._reselect = self.current_id()
            self.reload()

    def _reloaded(self) -> None:
        """Keep the record the operator was on selected across a reload."""
        if self._reselect:
            row = self.model.row_of(self._reselect)
            if row >= 0:
                self.view.selectRow(row)
        self._reselect = None
        fit_columns(self.view)
        hint = self.empty_text() if self.model.rowCount() == 0 else ""
        self.empty_hint.setText(hint)
        self.empty_hint.setVisible(bool(hint))
        self.after_reload()
        self.loaded.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_columns(self.view)  # the room is known only once the page is on screen

    def empty_text(self) -> str:
        """What the operator can do when the list shows nothing (a list overrides it)."""
        return QCoreApplication.translate("ListPage", "Nessun elemento con questi filtri: cambiare i filtri per "
                                                      "vederne altri.")

    def after_reload(self) -> None:
        """What a list does once its rows are in (a count, a first selection)."""
