"""Catalogo servizi maintenance (coordinators): the service and provider forms.

The forms only gather values; the core's operations (:mod:`desktop.operations.catalog`) check the role
and the values, and save them for the next sync. A refusal is shown in the form, nothing is half-saved.
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from desktop.domain import labels
from desktop.operations.catalog import save_provider, save_service
from desktop.operations.errors import OperationError
from desktop.queries import reference
from desktop.queries.catalog import providers, service_row
from desktop.reference.municipalities import lookup, name_of
from desktop.storage.store import Store
from ui.operations import run_op
from ui.vocabulary import vocab
from ui.widgets.fields import ErrorLabel


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
    """Nuovo ente."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.setWindowTitle(self.tr("Nuovo ente"))
        self.name = QLineEdit(self)
        self.kind = QComboBox(self)
        for kind, kind_label in labels.PROVIDER_KIND.items():
            self.kind.addItem(vocab(kind_label), kind.value)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.address = QLineEdit(self)
        for label, widget in ((self.tr("&Nome"), self.name), (self.tr("&Tipo"), self.kind),
                              (self.tr("Tele&fono"), self.phone), (self.tr("E-&mail"), self.email),
                              (self.tr("&Indirizzo"), self.address)):
            self.field(label, widget)

    def accept(self) -> None:
        values = {"name": self.name.text(), "kind": self.kind.currentData(), "phone": self.phone.text(),
                  "email": self.email.text(), "address": self.address.text()}
        store = self.store
        self.run(lambda: save_provider(store, values))
