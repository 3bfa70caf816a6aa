"""Catalogo servizi maintenance (coordinators): the service and provider forms, and the providers' list.

The forms only gather values; the core's operations (:mod:`desktop.operations.catalog`) check the role
and the values, and save them for the next sync. A refusal is shown in the form, nothing is half-saved.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import labels
from desktop.domain.enums import ProviderKind
from desktop.operations.catalog import retire_provider, save_provider, save_service
from desktop.operations.errors import OperationError
from desktop.queries import reference
from desktop.queries.catalog import provider_row, providers, service_row
from desktop.reference.municipalities import lookup, name_of
from desktop.storage.store import Store
from ui.dialogs import confirm
from ui.models.keyset import Column
from ui.models.table import RowsTableModel
from ui.operations import run_op
from ui.vocabulary import vocab
from ui.widgets.fields import ErrorLabel
from ui.widgets.table_view import list_view


class _Form(QDialog):
    """Signals:
        saved(str): the id of the record saved.
    """

    saved = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.store = store
        self.form = QFormLayout()
        self.error = ErrorLabel(self)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(self.tr("&Salva"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annulla"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def field(self, label: str, widget: QWidget) -> QWidget:
        widget.setAccessibleName(label.replace("&", ""))
        self.form.addRow(label, widget)
        return widget

    def run(self, op: Any) -> None:
        self.ok.setEnabled(False)

        def done(record: Any) -> None:
            self.saved.emit(record.id)
            super(_Form, self).accept()

        def refused(error: Exception) -> None:
            self.ok.setEnabled(True)
            self.error.show_error(str(error) if isinstance(error, OperationError) else self.tr("Non salvato."))

        run_op(self, op).success(done).failure(refused).run()


class ServiceForm(_Form):
    """Nuovo servizio, or Modifica servizio with ``service_id``."""

    def __init__(self, store: Store, service_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.service_id = service_id
        row = service_row(store, service_id) if service_id else None
        self.setWindowTitle(self.tr("Modifica servizio") if row else self.tr("Nuovo servizio"))
        self.name = QLineEdit(row["name"] if row else "", self)
        self.provider = QComboBox(self)
        for p in providers(store):
            self.provider.addItem(p["name"], p["id"])
        self.category = QComboBox(self)
        for code, text in reference.categories(store):
            self.category.addItem(f"{code} — {vocab(text)}", code)
        self.hours = QLineEdit(row["hours"] if row else "", self)
        self.access = QLineEdit(row["access"] if row else "", self)
        self.cost = QLineEdit(row["cost"] if row else "", self)
        self.contacts = QLineEdit(row["contacts"] if row else "", self)
        codes = json.loads(row["municipality_codes"]) if row else []
        self.municipalities = QLineEdit(", ".join(name_of(c) for c in codes), self)
        self.municipalities.setPlaceholderText(self.tr("nomi separati da virgole, es. Ceres, Lanzo Torinese"))
        for label, widget in ((self.tr("&Nome"), self.name), (self.tr("&Ente"), self.provider),
                              (self.tr("&Categoria"), self.category), (self.tr("&Orari"), self.hours),
                              (self.tr("&Come accedere"), self.access), (self.tr("Cos&to"), self.cost),
                              (self.tr("Con&tatti"), self.contacts), (self.tr("Comuni &coperti"), self.municipalities)):
            self.field(label, widget)
        if row:
            self.provider.setCurrentIndex(max(0, self.provider.findData(row["provider_id"])))
            self.category.setCurrentIndex(max(0, self.category.findData(row["category"])))

    def accept(self) -> None:
        names = [n.strip() for n in self.municipalities.text().split(",") if n.strip()]
        found = [(n, lookup(n)) for n in names]
        unknown = [n for n, m in found if m is None]
        if unknown:
            self.error.show_error(self.tr("Comune non riconosciuto: {names}.").format(names=", ".join(unknown)))
            return
        values = {"name": self.name.text(), "provider_id": self.provider.currentData() or "",
                  "category": self.category.currentData(), "hours": self.hours.text(), "access": self.access.text(),
                  "cost": self.cost.text(), "contacts": self.contacts.text(),
                  "municipality_codes": [m.code for _n, m in found if m is not None]}
        store, service_id = self.store, self.service_id
        self.run(lambda: save_service(store, values, service_id))


class ProviderForm(_Form):
    """Nuovo ente, or Modifica ente with ``provider_id``."""

    def __init__(self, store: Store, parent: QWidget | None = None, provider_id: str | None = None) -> None:
        super().__init__(store, parent)
        self.provider_id = provider_id
        row = provider_row(store, provider_id) if provider_id else None
        self.setWindowTitle(self.tr("Modifica ente") if row else self.tr("Nuovo ente"))
        self.name = QLineEdit(row["name"] if row else "", self)
        self.kind = QComboBox(self)
        for kind, kind_label in labels.PROVIDER_KIND.items():
            self.kind.addItem(vocab(kind_label), kind.value)
        self.phone = QLineEdit(row["phone"] or "" if row else "", self)
        self.email = QLineEdit(row["email"] or "" if row else "", self)
        self.address = QLineEdit(row["address"] or "" if row else "", self)
        for label, widget in ((self.tr("&Nome"), self.name), (self.tr("&Tipo"), self.kind),
                              (self.tr("Tele&fono"), self.phone), (self.tr("E-&mail"), self.email),
                              (self.tr("&Indirizzo"), self.address)):
            self.field(label, widget)
        if row:
            self.kind.setCurrentIndex(max(0, self.kind.findData(row["kind"])))

    def accept(self) -> None:
        values = {"name": self.name.text(), "kind": self.kind.currentData(), "phone": self.phone.text(),
                  "email": self.email.text(), "address": self.address.text()}
        store, provider_id = self.store, self.provider_id
        self.run(lambda: save_provider(store, values, provider_id))


def _kind(value: str) -> str:
    try:
        return vocab(labels.PROVIDER_KIND[ProviderKind(value)])
    except ValueError:
        return value


class ProvidersDialog(QDialog):
    """Gli enti del catalogo: add, edit, retire (a provider still offering live services is refused by the
    core, which says so). Window-modal, non-blocking.

    Signals:
        changed(str): a provider was saved or retired (the sentence to show).
    """

    changed = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Enti del catalogo"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(640, 420)
        self.model = RowsTableModel([
            Column("name", self.tr("Ente"), lambda r: r["name"]),
            Column("kind", self.tr("Tipo"), lambda r: _kind(r["kind"])),
            Column("services", self.tr("Servizi attivi"), lambda r: str(r["services"])),
        ], self)
        self.table = list_view(self.model, self.tr("Enti del catalogo"), self, sortable=False)
        self.error = ErrorLabel(self)
        self.new_button = QPushButton(self.tr("&Nuovo ente…"), self)
        self.edit_button = QPushButton(self.tr("&Modifica ente…"), self)
        self.retire_button = QPushButton(self.tr("&Ritira ente"), self)
        self.close_button = QPushButton(self.tr("C&hiudi"), self)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.retire_button):
            buttons.addWidget(button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(lambda: self.edit(None))
        self.edit_button.clicked.connect(lambda: self.edit(self.current_id()))
        self.table.activated.connect(lambda _index: self.edit(self.current_id()))
        self.retire_button.clicked.connect(self.ask_retire)
        self.close_button.clicked.connect(self.close)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.form: ProviderForm | None = None
        self.question: QMessageBox | None = None
        self.reload()

    def reload(self, select: str | None = None) -> None:
        self.model.set_rows(providers(self.store))
        row = self.model.row_of(select) if select else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._selected()

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def _selected(self) -> None:
        chosen = self.current_id() is not None
        self.edit_button.setEnabled(chosen)
        self.retire_button.setEnabled(chosen)

    def edit(self, provider_id: str | None) -> ProviderForm:
        """Nuovo ente (``None``) or Modifica ente."""
        self.form = ProviderForm(self.store, self, provider_id)
        self.form.saved.connect(lambda saved_id: self._done(
            self.tr("Ente salvato: arriverà agli altri sportelli con la prossima sincronizzazione."), saved_id))
        self.form.open()
        return self.form

    def ask_retire(self) -> None:
        """Ask, naming the provider, then take it out of the catalog (or say why not)."""
        provider_id = self.current_id()
        if provider_id is None:
            return
        name, store = self.model.row(self.model.row_of(provider_id))["name"], self.store

        def retire() -> None:
            run_op(self, lambda: retire_provider(store, provider_id)).success(
                lambda _done: self._done(self.tr("Ente ritirato dal catalogo."), None)).failure(
                lambda error: self.error.show_error(str(error) if isinstance(error, OperationError)
                                                    else self.tr("Non ritirato."))).run()

        self.question = confirm(
            self, self.tr("Ritira ente"),
            self.tr("Ritirare «{name}» dal catalogo? Gli invii già fatti restano; i suoi servizi vanno ritirati "
                    "prima.").format(name=name), self.tr("&Ritira"), retire, default_yes=False)

    def _done(self, text: str, select: str | None) -> None:
        self.error.clear_message()
        self.reload(select)
        self.changed.emit(text)
