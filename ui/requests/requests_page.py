"""Richieste: every request with person, category, urgency and status; change status (F2), open the person."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.domain import labels
from desktop.domain.enums import RequestStatus, Urgency
from desktop.operations.deletion import Deletion, delete_request, request_deletion
from desktop.queries import reference, requests
from desktop.storage.store import Store
from ui.background import run_in_background
from ui.list_page import ListPage
from ui.models.keyset import Column, KeysetTableModel, it_date
from ui.operations import confirm_deletion, offer_undo_deletion, run_op
from ui.pages import PageContext
from ui.vocabulary import vocab
from ui.widgets.shortcuts import shortcut


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _label(table: dict, enum: type, value: str) -> str:
    try:
        return vocab(table[enum(value)])
    except ValueError:
        return value


class RequestsModel(KeysetTableModel):
    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        columns = [
            Column("opened_on", _tr("RequestsModel", "Aperta il"), lambda r: it_date(r["opened_on"])),
            Column("person", _tr("RequestsModel", "Persona"), lambda r: r["person_name"]),
            Column("category", _tr("RequestsModel", "Categoria"),
                   lambda r: f"{r['category']} — {vocab(reference.CATEGORY_LABELS.get(r['category'], ''))}"),
            Column("description", _tr("RequestsModel", "Descrizione"), lambda r: r["description"]),
            Column("urgency", _tr("RequestsModel", "Urgenza"), lambda r: _label(labels.URGENCY, Urgency, r["urgency"])),
            Column("status", _tr("RequestsModel", "Stato"),
                   lambda r: _label(labels.REQUEST_STATUS, RequestStatus, r["status"])),
        ]
        super().__init__(store, requests.REQUESTS, columns, parent, sort_column=0, descending=True)
        self.refresh()

    def set_status(self, status: str | None) -> None:
        self.set_filter("status", requests.status_filter(status))

    def set_category(self, code: str | None) -> None:
        self.set_filter("category", requests.category_filter(code))

    def set_text(self, text: str) -> None:
        self.set_filter("text", requests.text_filter(text))


class RequestsPage(ListPage):
    status_kind = "request"

    def __init__(self, context: PageContext) -> None:
        model = RequestsModel(context.store)
        super().__init__(context, model, QCoreApplication.translate("RequestsPage", "Elenco richieste"),
                         widths=(13, 24, 30, 60, 11))
        model.setParent(self)
        self.model: RequestsModel = model
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Filtra per stato"))
        self.status.addItem(self.tr("Tutti gli stati"), "")
        self.status.addItem(self.tr("Solo aperte"), requests.OPEN)
        for value, label in labels.REQUEST_STATUS.items():
            self.status.addItem(vocab(label), value.value)
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Filtra per categoria"))
        self.category.addItem(self.tr("Tutte le categorie"), "")
        for code, label in reference.categories(self.store):
            self.category.addItem(f"{code} — {vocab(label)}", code)
        self.category.setMaximumWidth(260)
        self.text = QLineEdit(self)
        self.text.setPlaceholderText(self.tr("Filtra per persona o descrizione"))
        self.text.setAccessibleName(self.tr("Filtra per persona o descrizione"))
        self.text.setClearButtonEnabled(True)
        self.add_filter(self.status, self.tr("S&tato:"))
        self.add_filter(self.category)
        self.add_filter(self.text, stretch=1)
        self.change_button = self.add_button(self.tr("Cambia &stato… (F2)"), self.tr("Cambia stato della richiesta"),
                                             self.change_status)
        self.person_button = self.add_button(self.tr("Apri &persona (Invio)"), self.tr("Apri la persona"),
                                             self.open_person)
        self.delete_button = self.add_button(self.tr("&Elimina (Canc)"), self.tr("Elimina la richiesta"),
                                             self.delete_current)
        self.export_button = self.add_export_button(QCoreApplication.translate("RequestsPage", "Richieste"),
                                                    "richieste")
        self.status.currentIndexChanged.connect(lambda _i: self.model.set_status(self.status.currentData()))
        self.category.currentIndexChanged.connect(lambda _i: self.model.set_category(self.category.currentData()))
        self.text.textChanged.connect(self.model.set_text)
        shortcut(Qt.Key.Key_Delete, self.view, self.delete_current, Qt.ShortcutContext.WidgetShortcut)

    def empty_text(self) -> str:
        return QCoreApplication.translate("RequestsPage", "Nessuna richiesta con questi filtri — Ctrl+K per cercare "
                                                          "la persona, poi Ctrl+R per registrarne una.")

    def reload(self) -> None:
        self.model.refresh_later()

    def delete_current(self) -> None:
        """Soft-delete the selected request with its referrals and notes; Annulla in the status bar restores them."""
        row = self.current_row()
        if row < 0:
            return
        request_id = self.model.row_id(row)
        person_name = self.model.row(row)["person_name"]
        store = self.store

        def deleted(deletion: Deletion) -> None:
            text = self.tr("Eliminata una richiesta di {name}.").format(name=person_name)
            offer_undo_deletion(self.nav, store, text, deletion)

        def delete() -> None:
            run_op(self, lambda: delete_request(store, request_id)).success(deleted).run()

        run_in_background(self, lambda: request_deletion(store, request_id)).on_success(
            lambda preview: confirm_deletion(self, self.nav, preview,
                                             self.tr("la richiesta di {name}").format(name=person_name), delete)).run()
