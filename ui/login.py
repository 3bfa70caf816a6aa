"""Getting in: the first set-up of a desk (its administrator and recovery key) and the login.

The login is the first window: this module imports neither the database driver, nor the store, nor Qt's
namespace of enums (``Qt``, about 40 ms); opening the desk imports them once the password is given. The
lock panel that reuses :class:`LoginForm` is in ``ui/lock.py``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.storage.desk_state import DeskState
from desktop.storage.errors import NotADeskDatabaseError, StorageError
from ui.widgets import colours
from ui.widgets.fonts import emphasize

if TYPE_CHECKING:  # the store and its models are imported when the password opens it, after the window shows
    from desktop.storage.opening import Password
    from desktop.storage.store import Store


def _damaged() -> tuple[type[Exception], ...]:
    """A database that does not open for damage (not for a wrong password)."""
    from desktop.storage.connection import DATABASE_ERROR

    return (NotADeskDatabaseError, *DATABASE_ERROR)


def _failed() -> tuple[type[Exception], ...]:
    """What a retry after a recovery may raise."""
    from desktop.storage.connection import DATABASE_ERROR

    return (StorageError, *DATABASE_ERROR)


def _wait_cursor() -> None:
    from PySide6.QtCore import Qt

    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def _password_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class SetUpDialog(QDialog):
    """First start on a data folder: the first administrator's name and password (twice).

    An earlier, unencrypted database in the folder is encrypted in place, keeping every record.
    Attributes:
        recovery_key: the recovery key, once the desk is set up (shown to be printed and kept).
    """

    def __init__(self, data_dir: Path, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.recovery_key = ""
        self.setWindowTitle(self.tr("WPT Desk — configurazione dello sportello"))
        intro = QLabel(self.tr("Primo avvio: create l'amministratore dello sportello. I dati saranno cifrati "
                               "su questo computer."), self)
        if state is DeskState.PLAIN:
            intro.setText(self.tr("Questo sportello ha dati di una versione precedente, non cifrati: create "
                                  "l'amministratore e i dati saranno cifrati, senza perderne nessuno."))
        intro.setWordWrap(True)
        self.admin = QLineEdit(self)
        self.admin.setAccessibleName(self.tr("Nome dell'amministratore"))
        self.password = _password_field(self, self.tr("Password"))
        self.repeat = _password_field(self, self.tr("Ripeti la password"))
        self.error = QLabel(self)
        self.error.setStyleSheet(colours.css(colours.ERROR))
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Amministratore"), self.admin)
        form.addRow(self.tr("&Password (almeno 8 caratteri)"), self.password)
        form.addRow(self.tr("&Ripeti la password"), self.repeat)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.set_up)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def set_up(self) -> None:
        if self.password.text() != self.repeat.text():
            self.error.setText(self.tr("Le due password non coincidono."))
            return
        from desktop.storage.opening import set_up_desk

        _wait_cursor()
        try:
            self.recovery_key = set_up_desk(self.data_dir, self.admin.text(), self.password.text())
        except StorageError as exc:
            self.error.setText(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()


class RecoveryKeyDialog(QDialog):
    """Shows the recovery key once, to be printed or copied and kept at the municipality."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Chiave di recupero"))
        text = QLabel(self.tr("Questa è la chiave di recupero dello sportello. Stampatela o copiatela e conservatela "
                              "in comune: senza di essa, se si dimenticano le password, i dati non si possono più "
                              "leggere. Non verrà mostrata di nuovo."), self)
        text.setWordWrap(True)
        self.key = QLineEdit(key, self)
        self.key.setReadOnly(True)
        self.key.setAccessibleName(self.tr("Chiave di recupero"))
        emphasize(self.key, 1.3, bold=True)
        copy = QPushButton(self.tr("&Copia"), self)
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(key))
        done = QPushButton(self.tr("Ho &conservato la chiave"), self)
        done.setDefault(True)
        done.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.key)
        layout.addWidget(copy)
        layout.addWidget(done)


class LoginForm(QWidget):
    """Operator and password, with the reason of a refusal. Used by the login and the lock panel.

    Signals:
        submitted(str, str): the operator pressed Enter or "Accedi" (name, password).
    """

    submitted = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.operator = QLineEdit(self)
        self.operator.setAccessibleName(self.tr("Operatore"))
        self.password = _password_field(self, self.tr("Password"))
        self.error = QLabel(self)
        self.error.setStyleSheet(colours.css(colours.ERROR))
        self.error.setWordWrap(True)
        self.button = QPushButton(self.tr("&Accedi"), self)
        self.button.setDefault(True)
        form = QFormLayout(self)
        form.addRow(self.tr("&Operatore"), self.operator)
        form.addRow(self.tr("&Password"), self.password)
        form.addRow(self.error)
        form.addRow(self.button)
        self.button.clicked.connect(self._submit)
        self.password.returnPressed.connect(self._submit)
        self.operator.returnPressed.connect(self.password.setFocus)

    def _submit(self) -> None:
        self.submitted.emit(self.operator.text(), self.password.text())

    def refused(self, message: str) -> None:
        self.error.setText(message)
        self.password.clear()
        self.password.setFocus()


class LoginDialog(QDialog):
    """The login at start: on success ``store`` is the desk opened by the operator; :data:`START_AGAIN` when the
    operator chose to start empty after a damaged database (the app shows the set-up again)."""

    START_AGAIN = 12

    def __init__(self, data_dir: Path, parent: QWidget | None = None, *, notice: str = "") -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.store: Store | None = None
        self.recovery: QDialog | None = None
        self.setWindowTitle(self.tr("WPT Desk — accesso"))
        # What happened just before this login (a backup restored from the app): said once, above the form.
        self.notice = QLabel(notice, self)
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(notice))
        self.form = LoginForm(self)
        self.form.submitted.connect(self.log_in)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.form)

    def log_in(self, name: str, password: str) -> None:
        """Open the desk; a damaged database (it does not open, or fails the quick check at start) is
        offered its recovery (:class:`ui.recovery.DamagedDatabaseDialog`)."""
        from desktop.storage.opening import Password, open_store

        credentials = Password(name, password)
        _wait_cursor()
        try:
            self.store = open_store(self.data_dir, credentials)
            from desktop.storage.maintenance import startup_problems

            damaged = bool(startup_problems(self.store))
        except _damaged():
            damaged = True
        except StorageError as exc:
            self.form.refused(str(exc))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        if damaged:
            if self.store is not None:
                self.store.close()
                self.store = None
            self._offer_recovery(credentials)
            return
        self.accept()

    def _offer_recovery(self, credentials: Password) -> None:
        from desktop.storage.opening import open_store, unlock_key
        from ui.recovery import DamagedDatabaseDialog

        try:
            key = unlock_key(self.data_dir, credentials)
        except StorageError as exc:
            self.form.refused(str(exc))
            return
        self.recovery = DamagedDatabaseDialog(self.data_dir, key, self)

        def chosen(result: int) -> None:
            if result == DamagedDatabaseDialog.RESTORED:
                try:
                    self.store = open_store(self.data_dir, credentials)
                except _failed() as exc:
                    self.form.refused(str(exc))
                    return
                self.accept()
            elif result == DamagedDatabaseDialog.STARTED_EMPTY:
                self.done(self.START_AGAIN)
            else:
                self.reject()

        self.recovery.finished.connect(chosen)
        self.recovery.open()
