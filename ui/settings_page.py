"""Impostazioni: the desk (name, municipality, contacts on the slips), the operator, the language and,
read-only, the data folder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roles import Role
from desktop.errors import describe_error
from desktop.operations.authorization import may
from desktop.operations.settings import (
    MAX_LOCK_MINUTES,
    MIN_LOCK_MINUTES,
    DeskSettings,
    desk_settings,
    save_desk_settings,
)
from desktop.storage.backups import DEFAULT_FOLDER
from ui.dialogs import Unsaved, ask_unsaved
from ui.i18n import available_languages, current_language
from ui.operations import run_op
from ui.pages import Page, PageContext
from ui.widgets.fields import ErrorLabel
from ui.widgets.fonts import emphasize
from ui.widgets.municipality_picker import MunicipalityPicker
from ui.widgets.shortcuts import shortcut


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class SettingsPage(Page):
    """Signals:
        saved(): the settings are saved.
    """

    saved = Signal()

    def __init__(self, context: PageContext) -> None:
        super().__init__(context)
        self.desk_name = QLineEdit(self)
        self.desk_municipality = MunicipalityPicker(self)
        self.desk_address = QLineEdit(self)
        self.desk_phone = QLineEdit(self)
        self.desk_email = QLineEdit(self)
        self.desk_hours = QLineEdit(self)
        self.operator_name = QLineEdit(self)
        self.operator_name.setReadOnly(True)  # operators are managed by an administrator
        self.language = QComboBox(self)
        for code, name in available_languages().items():
            self.language.addItem(name, code)
        self.language.setToolTip(self.tr("La lingua cambia appena salvate le impostazioni."))
        self.lock_minutes = QSpinBox(self)
        self.lock_minutes.setRange(MIN_LOCK_MINUTES, MAX_LOCK_MINUTES)
        self.lock_minutes.setSuffix(self.tr(" minuti"))
        self.data_folder = QLineEdit(str(self.store.path.parent), self)
        self.data_folder.setReadOnly(True)
        self.open_folder = QPushButton(self.tr("Apri &cartella"), self)
        # Where the automatic backups go: an administrator may choose a USB key or a network share.
        self.backup_folder = QLineEdit(self)
        self.backup_folder.setPlaceholderText(str(self.store.path.parent / DEFAULT_FOLDER))
        self.backup_folder.setAccessibleName(self.tr("Cartella delle copie di sicurezza"))
        self._administrator = Role(self.store.current_operator().role) is Role.ADMINISTRATOR
        self.backup_folder.setReadOnly(not self._administrator)
        self.backup_folder.setToolTip(
            self.tr("Percorso completo di una cartella esistente (chiavetta USB, cartella di rete); vuoto: la "
                    "cartella «backups» dei dati.") if self._administrator
            else self.tr("La cartella delle copie di sicurezza la sceglie l'amministratore."))
        self.retention_button = QPushButton(self.tr("&Conservazione dei dati…"), self)
        self.retention_button.setAccessibleName(self.tr("Periodo di conservazione e persone oltre il periodo"))
        self.retention_button.clicked.connect(self.open_retention)
        self.error = ErrorLabel(self)
        self.save_button = QPushButton(self.tr("&Salva (Ctrl+S)"), self)
        self.save_button.setDefault(True)
        self.save_button.setAccessibleName(self.tr("Salva impostazioni"))
        self.open_folder.setAccessibleName(self.tr("Apri la cartella dei dati"))

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        rows: list[tuple[str, QWidget, str]] = [
            (self.tr("&Nome dello sportello"), self.desk_name, self.tr("Nome dello sportello")),
            (self.tr("Co&mune dello sportello"), self.desk_municipality, self.tr("Comune dello sportello")),
            (self.tr("&Indirizzo"), self.desk_address, self.tr("Indirizzo dello sportello")),
            (self.tr("&Telefono"), self.desk_phone, self.tr("Telefono dello sportello")),
            (self.tr("&E-mail"), self.desk_email, self.tr("E-mail dello sportello")),
            (self.tr("O&rari di apertura"), self.desk_hours, self.tr("Orari dello sportello")),
            (self.tr("&Operatore"), self.operator_name, self.tr("Nome dell'operatore")),
            (self.tr("&Lingua"), self.language, self.tr("Lingua dell'interfaccia")),
            (self.tr("&Blocco automatico dopo"), self.lock_minutes,
             self.tr("Minuti di inattività prima del blocco della finestra")),
        ]
        for text, widget, name in rows:
            widget.setAccessibleName(name)
            if isinstance(widget, QSpinBox):
                widget.lineEdit().setAccessibleName(name)  # its own editor is what a screen reader lands on
            label = QLabel(text, self)
            label.setBuddy(widget)
            label.setMinimumWidth(label.sizeHint().width() + 4)  # never cut ("Telefonc"), whatever the style
            form.addRow(label, widget)
        self.data_folder.setAccessibleName(self.tr("Cartella dei dati"))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(self.open_folder)
        folder_label = QLabel(self.tr("Cartella &dei dati"), self)
        folder_label.setBuddy(self.data_folder)
        form.addRow(folder_label, folder_row)
        backup_label = QLabel(self.tr("Cartella delle co&pie di sicurezza"), self)
        backup_label.setBuddy(self.backup_folder)
        form.addRow(backup_label, self.backup_folder)
        note = QLabel(self.tr("I contatti e gli orari dello sportello compaiono sulle schede di invio. "
                              "La cartella dei dati contiene il database: includila nei backup."), self)
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retention_button)
        buttons.addWidget(self.error, 1)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Impostazioni"), self)
        emphasize(title, 1.5, bold=True)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addStretch()
        layout.addLayout(buttons)
        self.save_button.clicked.connect(lambda: self.save())  # not save(checked): clicked passes a bool
        self.open_folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.store.path.parent))))
        shortcut(QKeySequence.StandardKey.Save, self, self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.load()

    def load(self) -> None:
        current = desk_settings(self.store)
        self.desk_name.setText(current.name)
        self.desk_municipality.set_code(current.municipality_code)
        self.desk_address.setText(current.address)
        self.desk_phone.setText(current.phone)
        self.desk_email.setText(current.email)
        self.desk_hours.setText(current.hours)
        self.operator_name.setText(current.operator_name)
        self.backup_folder.setText(current.backup_folder or "")
        self.operator_name.setToolTip(self.tr("Gli operatori sono gestiti dall'amministratore dello sportello."))
        self.language.setCurrentIndex(max(0, self.language.findData(current.language or current_language())))
        self.lock_minutes.setValue(current.lock_minutes or MIN_LOCK_MINUTES)
        admin = may(self.store, Role.ADMINISTRATOR)
        self.lock_minutes.setEnabled(admin)  # the core checks it too
        self.lock_minutes.setToolTip("" if admin else self.tr("Lo imposta l'amministratore dello sportello."))
        self.retention_button.setVisible(may(self.store, Role.COORDINATOR))
        self.error.clear_message()
        self._snapshot = self._values()

    def _values(self) -> dict[str, Any]:
        return {
            "name": self.desk_name.text().strip(), "municipality": self.desk_municipality.text().strip(),
            "address": self.desk_address.text().strip(), "phone": self.desk_phone.text().strip(),
            "email": self.desk_email.text().strip(), "hours": self.desk_hours.text().strip(),
            "operator": self.operator_name.text().strip(), "language": self.language.currentData(),
            "backup_folder": self.backup_folder.text().strip(),
            "lock_minutes": self.lock_minutes.value(),
        }

    def is_dirty(self) -> bool:
        return self._values() != self._snapshot

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save (on the database thread; ``then`` runs once saved). False if it cannot be saved as typed."""
        if not self.desk_municipality.is_valid():
            self.error.show_error(self.tr("Il comune dello sportello non è uno dei comuni del territorio."))
            return False
        if not self.desk_name.text().strip():
            self.error.show_error(self.tr("Scrivere il nome dello sportello."))
            return False
        new = DeskSettings(
            name=self.desk_name.text(), municipality_code=self.desk_municipality.code(),
            address=self.desk_address.text(), phone=self.desk_phone.text(), email=self.desk_email.text(),
            hours=self.desk_hours.text(), operator_name=self.operator_name.text(),
            language=self.language.currentData(), lock_minutes=self.lock_minutes.value(),
            backup_folder=self.backup_folder.text().strip() if self._administrator else None,
        )
        store, values = self.store, self._values()

        def saved(_settings: DeskSettings) -> None:
            self._snapshot = values
            self.error.show_ok(self.tr("Impostazioni salvate."))
            self.saved.emit()
            if then is not None:
                then()

        run_op(self, lambda: save_desk_settings(store, new)).success(saved).failure(
            lambda error: self.error.show_error(describe_error(error))).run()
        return True

    def open_retention(self) -> None:
        """The retention period and the persons past it (coordinators; non-blocking)."""
        from ui.retention_dialog import RetentionDialog

        self.retention_dialog = RetentionDialog(self.store, self)
        self.retention_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.retention_dialog.open()

    def discard(self) -> None:
        self.load()

    def confirm_leave(self, proceed: Callable[[], None]) -> None:
        if not self.is_dirty():
            proceed()
            return

        def chosen(choice: Unsaved) -> None:
            if choice is Unsaved.SAVE:
                self.save(then=proceed)
            elif choice is Unsaved.DISCARD:
                self.discard()
                proceed()

        self.nav.put_question(ask_unsaved(self, chosen, self.tr("impostazioni")))
