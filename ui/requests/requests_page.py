"""Richieste: every request with person, category, urgency and status; change status (F2), open the person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop import queries
from desktop.domain import labels
from desktop.domain.enums import RequestStatus, Urgency
from desktop.domain.models import Referral, Request
from desktop.storage.store import Store
from ui.changes import Changes, notify
from ui.models.keyset import Column, KeysetTableModel, it_date
from ui.referrals.status_dialog import StatusDialog
from ui.widgets.shortcuts import shortcut
from ui.widgets.table_view import current_row, list_view

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("RequestsModel", text)


def _label(table: dict, enum: type, value: str) -> str:  # type: ignore[type-arg]
    try:
        return _tr(table[enum(value)])
    except ValueError:
        return value


class RequestsModel(KeysetTableModel):
    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        columns = [
            Column("opened_on", _tr("Aperta il"), ("q.opened_on",), lambda r: it_date(r["opened_on"])),
            Column("person", _tr("Persona"), ("p.last_name COLLATE NOCASE", "p.first_name COLLATE NOCASE"),
                   lambda r: r["person_name"]),
            Column("category", _tr("Categoria"), ("q.category",),
                   lambda r: f"{r['category']} — {queries.CATEGORY_LABELS.get(r['category'], '')}"),
            Column("description", _tr("Descrizione"), ("q.description COLLATE NOCASE",), lambda r: r["description"]),
            Column("urgency", _tr("Urgenza"), ("q.urgency",), lambda r: _label(labels.URGENCY, Urgency, r["urgency"])),
            Column("status", _tr("Stato"), ("q.status",),
                   lambda r: _label(labels.REQUEST_STATUS, RequestStatus, r["status"])),
        ]
        super().__init__(
            store,
            "q.seq, q.id, q.opened_on, q.category, q.description, q.urgency, q.status, p.id AS person_id, "
            "p.last_name || ' ' || p.first_name AS person_name",
            "requests q JOIN persons p ON p.id = q.person_id",
            columns, parent, base_where="q.deleted = 0 AND p.deleted = 0", sort_column=0, descending=True, seq="q.seq",
        )
        self.refresh()

    def set_status(self, status: str | None) -> None:
        if status == "open":
            marks = ", ".join(f"'{s}'" for s in queries.open_request_statuses())
            self.set_filter("status", f"q.status IN ({marks})", later=True)
        else:
            self.set_filter("status", "q.status = :status" if status else None, {"status": status}, later=True)

    def set_category(self, code: str | None) -> None:
        self.set_filter("category", "q.category = :category" if code else None, {"category": code}, later=True)

    def set_text(self, text: str) -> None:
        text = text.strip()
        self.set_filter("text", "(p.last_name || ' ' || p.first_name LIKE :rtext OR q.description LIKE :rtext)"
                        if text else None, {"rtext": f"%{text}%"}, later=True)


class RequestsPage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.store = window.store
        self.model = RequestsModel(self.store, self)
        self.view = list_view(self.model, self.tr("Elenco richieste"), self, widths=(13, 24, 30, 60, 11))
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Filtra per stato"))
        self.status.addItem(self.tr("Tutti gli stati"), "")
        self.status.addItem(self.tr("Solo aperte"), "open")
        for value, label in labels.REQUEST_STATUS.items():
            self.status.addItem(self.tr(label), value.value)
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Filtra per categoria"))
        self.category.addItem(self.tr("Tutte le categorie"), "")
        for code, label in queries.categories(self.store):
            self.category.addItem(f"{code} — {label}", code)
        self.category.setMaximumWidth(260)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("Filtra per persona o descrizione"))
        self.text.setAccessibleName(self.tr("Filtra per persona o descrizione"))
        self.text.setClearButtonEnabled(True)
        self.change_button = QPushButton(self.tr("Cambia &stato… (F2)"), self)
        self.change_button.setAccessibleName(self.tr("Cambia stato della richiesta"))
        self.person_button = QPushButton(self.tr("Apri &persona (Invio)"), self)
        self.delete_button = QPushButton(self.tr("&Elimina (Canc)"), self)
        self.delete_button.setAccessibleName(self.tr("Elimina la richiesta"))
        top = QHBoxLayout()
        status_label = QLabel(self.tr("S&tato:"), self)
        status_label.setBuddy(self.status)
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addWidget(self.category)
        top.addWidget(self.text, 1)
        top.addWidget(self.change_button)
        top.addWidget(self.person_button)
        top.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.status.currentIndexChanged.connect(lambda _i: self.model.set_status(self.status.currentData()))
        self.category.currentIndexChanged.connect(lambda _i: self.model.set_category(self.category.currentData()))
        self.text.textChanged.connect(self.model.set_text)
        self.change_button.clicked.connect(self.change_status)
        self.person_button.clicked.connect(self.open_person)
        self.delete_button.clicked.connect(self.delete_current)
        shortcut(Qt.Key.Key_Delete, self.view, self.delete_current, Qt.ShortcutContext.WidgetShortcut)
        self.view.activated.connect(lambda _index: self.open_person())
        shortcut(Qt.Key.Key_F2, self, self.change_status, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.changed.connect(self._on_changes)
        self.dialog: StatusDialog | None = None

    def _current_row(self) -> int:
        return current_row(self.view)

    def change_status(self) -> StatusDialog | None:
        row = self._current_row()
        if row < 0:
            return None
        self.dialog = StatusDialog(self.store, "request", self.model.row_id(row), self)
        self.dialog.open()
        return self.dialog

    def open_person(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.window_.open_person(str(self.model.row(row)["person_id"]))

    def delete_current(self) -> None:
        """Soft-delete the selected request and its referrals; Annulla in the status bar restores them."""
        row = self._current_row()
        if row < 0:
            return
        request_id = self.model.row_id(row)
        person_name = self.model.row(row)["person_name"]
        store = self.store
        referral_ids = [r["id"] for r in store.query(
            "SELECT id FROM referrals WHERE request_id = ? AND deleted = 0", (request_id,))]
        with store.transaction():
            for referral_id in referral_ids:
                store.delete(Referral, referral_id)
            store.delete(Request, request_id)
        notify(requests=True, referrals=True)

        def undo() -> None:
            with store.transaction():
                store.restore(Request, request_id)
                for referral_id in referral_ids:
                    store.restore(Referral, referral_id)
            notify(requests=True, referrals=True)

        self.window_.offer_undo(self.tr("Eliminata una richiesta di {name}.").format(name=person_name), undo)

    def _on_changes(self, changes: Changes) -> None:
        if changes.requests or changes.persons or changes.referrals:
            self.model.refresh_later()
