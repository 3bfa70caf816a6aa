"""Nota / contatto: a dated note on one of the person's requests (a call-back, a visit, a document)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import labels
from desktop.domain.enums import NoteKind
from desktop.domain.models import Note
from desktop.errors import describe_error
from desktop.operations.requests import add_note
from desktop.queries.person_record import requests_for_note
from desktop.storage.store import Store
from ui.dialogs import confirm
from ui.operations import run_op
from ui.vocabulary import vocab
from ui.widgets.fields import DateField, ErrorLabel, format_date


class NoteDialog(QDialog):
    """Signals:
        saved(str): the id of the new note.
    """

    saved = Signal(str)

    def __init__(self, store: Store, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Nuova nota"))
        self.request = QComboBox(self)
        for row in requests_for_note(store, person_id):
            text = f"{format_date(date.fromisoformat(row['opened_on']))} — {row['category']}"
            if row["description"]:
                text += f" — {row['description'][:60]}"
            self.request.addItem(text, row["id"])
        self.kind = QComboBox(self)
        for kind, kind_label in labels.NOTE_KIND.items():
            self.kind.addItem(vocab(kind_label), kind.value)
        self.noted_on = DateField(self)
        self.noted_on.set_value(date.today())
        self.text = QLineEdit(self)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Salva"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annulla"))
        form = QFormLayout()
        for caption, widget, name in (
            (self.tr("&Richiesta"), self.request, self.tr("Richiesta della nota")),
            (self.tr("&Tipo"), self.kind, self.tr("Tipo di nota")),
            (self.tr("&Data"), self.noted_on, self.tr("Data della nota")),
            (self.tr("&Nota"), self.text, self.tr("Testo della nota")),
        ):
            widget.setAccessibleName(name)
            buddy = QLabel(caption, self)
            buddy.setBuddy(widget)
            form.addRow(buddy, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(560, self.sizeHint().height())
        if not self.request.count():
            self.error.show_error(self.tr("La persona non ha richieste: registrare prima una richiesta (Ctrl+R)."))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.text.setFocus()

    def reject(self) -> None:
        if not self.buttons.isEnabled():
            return  # being saved: it is too late to discard it
        if not self.text.text().strip():
            super().reject()
            return
        confirm(self, self.windowTitle(), self.tr("La nota non è salvata: scartarla?"), self.tr("Sc&arta"),
                super().reject)

    def save(self) -> None:
        if not self.request.currentData():
            return
        if not self.text.text().strip():
            self.error.show_error(self.tr("Scrivere il testo della nota."))
            return
        try:
            noted_on = self.noted_on.value() or date.today()
        except ValueError as exc:
            self.error.show_error(str(exc))
            return
        store, request_id = self.store, self.request.currentData()
        kind, text = self.kind.currentData(), self.text.text()
        self.buttons.setEnabled(False)
        run_op(self, lambda: add_note(store, request_id, text, kind=NoteKind(kind), noted_on=noted_on)).success(
            self._saved).failure(self._refused).run()

    def _saved(self, note: Note) -> None:
        self.saved.emit(note.id)
        self.text.clear()
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.show_error(describe_error(error))
