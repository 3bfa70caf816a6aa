"""Operatori: the desk's operators with their role and state; an administrator adds one with a role and a
password, resets a password, or disables an operator. Every action is a core operation that checks the
role itself (:mod:`desktop.operations.operators`); the buttons are only offered to an administrator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roles import ROLE_LABELS, Role
from desktop.errors import describe_error
from desktop.operations.authorization import may
from desktop.operations.changes import Changes
from desktop.operations.errors import OperationError
from desktop.operations.operators import add_operator, change_password, disable_operator, list_operators
from desktop.storage.errors import StorageError
from ui.dialogs import confirm
from ui.models.keyset import Column
from ui.models.table import RowsTableModel
from ui.operations import run_op
from ui.pages import Page, PageContext
from ui.vocabulary import vocab
from ui.widgets.fields import ErrorLabel
from ui.widgets.fonts import emphasize
from ui.widgets.table_view import list_view


def _sentence(error: Exception) -> str:
    return str(error) if isinstance(error, OperationError | StorageError) else describe_error(error)


class PasswordDialog(QDialog):
    """A new password typed twice (window-modal, non-blocking).

    Signals:
        chosen(str): the password, once both fields match and it is long enough.
    """

    chosen = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nuova password per {name}").format(name=name))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.password = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for field, text in ((self.password, self.tr("Nuova password")), (self.repeat, self.tr("Ripeti la password"))):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setAccessibleName(text)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Imposta"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("A&nnulla"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Nuova password"), self.password)
        form.addRow(self.tr("&Ripeti"), self.repeat)
        form.addRow(self.error)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)

    def _accept(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.show_error(self.tr("Le due password non coincidono."))
            return
        if len(self.password.text()) < 8:
            self.error.show_error(self.tr("La password deve avere almeno 8 caratteri."))
            return
        self.chosen.emit(self.password.text())
        self.accept()


class OperatorsPage(Page):
    """Signals:
        done(str): an action succeeded (its sentence, also shown on the page).
    """

    done = Signal(str)

    def __init__(self, context: PageContext) -> None:
        super().__init__(context)
        title = QLabel(self.tr("Operatori"), self)
        emphasize(title, 1.5, bold=True)
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.model = RowsTableModel([
            Column("name", self.tr("Nome"), lambda r: r["name"]),
            Column("role", self.tr("Ruolo"), lambda r: vocab(ROLE_LABELS[Role(r["role"])])),
            Column("state", self.tr("Stato"), lambda r: self.tr("disattivato") if r["disabled"] else self.tr("attivo")),
        ], self)
        self.table = list_view(self.model, self.tr("Operatori dello sportello"), self, sortable=False)

        self.name = QLineEdit(self)
        self.role = QComboBox(self)
        for role in Role:
            self.role.addItem(vocab(ROLE_LABELS[role]), role.value)
        self.password = QLineEdit(self)
        self.repeat = QLineEdit(self)
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("&Aggiungi operatore"), self)
        self.reset_button = QPushButton(self.tr("&Reimposta password…"), self)
        self.disable_button = QPushButton(self.tr("&Disattiva"), self)
        self.result = ErrorLabel(self)
        for widget, name in ((self.name, self.tr("Nome del nuovo operatore")), (self.role, self.tr("Ruolo")),
                             (self.password, self.tr("Password")), (self.repeat, self.tr("Ripeti la password"))):
            widget.setAccessibleName(name)

        self.admin_box = QWidget(self)
        form = QFormLayout(self.admin_box)
        form.addRow(self.tr("&Nome"), self.name)
        form.addRow(self.tr("R&uolo"), self.role)
        form.addRow(self.tr("&Password"), self.password)
        form.addRow(self.tr("Ripeti la pass&word"), self.repeat)
        form.addRow("", self.add_button)
        actions = QHBoxLayout()
        actions.addWidget(self.reset_button)
        actions.addWidget(self.disable_button)
        actions.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        layout.addWidget(self.admin_box)
        layout.addWidget(self.result)

        self.add_button.clicked.connect(self.add)
        self.reset_button.clicked.connect(self.ask_password)
        self.disable_button.clicked.connect(self.ask_disable)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.password_dialog: PasswordDialog | None = None
        self.reload()

    def reload(self) -> None:
        admin = may(self.store, Role.ADMINISTRATOR)
        self.model.set_rows([op.model_dump() for op in list_operators(self.store)])
        self.admin_box.setVisible(admin)
        self.notice.setText("" if admin else self.tr("Gli operatori sono gestiti dall'amministratore dello "
                                                     "sportello."))
        self._update_buttons()

    def on_changes(self, changes: Changes) -> None:
        if changes.settings:
            self.reload()

    def selected(self) -> dict[str, Any] | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row(rows[0].row()) if rows else None

    def select(self, name: str) -> None:
        for number, row in enumerate(self.model.rows()):
            if row["name"].casefold() == name.casefold():
                self.table.selectRow(number)

    def _update_buttons(self) -> None:
        admin, row = may(self.store, Role.ADMINISTRATOR), self.selected()
        self.reset_button.setVisible(admin)
        self.disable_button.setVisible(admin)
        self.reset_button.setEnabled(row is not None and not row["disabled"])
        me = self.store.operator
        self.disable_button.setEnabled(row is not None and not row["disabled"] and (me is None or row["id"] != me.id))

    def _run(self, op: Callable[[], Any], ok: str) -> None:
        def succeeded(_value: object) -> None:
            self.result.show_ok(ok)
            self.done.emit(ok)

        run_op(self, op).success(succeeded).failure(lambda error: self.result.show_error(_sentence(error))).run()

    def add(self) -> None:
        name, role = self.name.text().strip(), Role(self.role.currentData())
        if not name:
            self.result.show_error(self.tr("Scrivere il nome dell'operatore."))
            return
        if self.password.text() != self.repeat.text():
            self.result.show_error(self.tr("Le due password non coincidono."))
            return
        store, password = self.store, self.password.text()
        for field in (self.name, self.password, self.repeat):
            field.clear()
        self._run(lambda: add_operator(store, name, role, password),
                  self.tr("Operatore {name} aggiunto con il ruolo «{role}».").format(
                      name=name, role=vocab(ROLE_LABELS[role]).lower()))

    def ask_password(self) -> PasswordDialog | None:
        row = self.selected()
        if row is None:
            return None
        store, name = self.store, str(row["name"])
        dialog = PasswordDialog(name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda password: self._run(lambda: change_password(store, name, password),
                                                         self.tr("Password di {name} reimpostata.").format(name=name)))
        dialog.open()
        self.password_dialog = dialog
        return dialog

    def ask_disable(self) -> None:
        row = self.selected()
        if row is None:
            return
        store, name = self.store, str(row["name"])
        self.nav.put_question(confirm(
            self, self.tr("Disattiva operatore"),
            self.tr("Disattivare {name}? Non potrà più entrare; il suo nome resta sul lavoro già fatto.").format(
                name=name),
            self.tr("&Disattiva"), lambda: self._run(lambda: disable_operator(store, name),
                                                     self.tr("{name} disattivato.").format(name=name)),
            default_yes=False))

