"""Start the application: one QApplication, the desk's store, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from desktop import __version__
from desktop.storage.desk_state import DeskState, desk_state
from desktop.storage.errors import StorageError
from desktop.storage.writer_lock import DeskBusyError, hold_writer_lock

if TYPE_CHECKING:
    from desktop.storage.store import Store
    from ui.main_window import MainWindow


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("WPT Desk")
    app.setOrganizationName("WPT")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("wpt-desk")  # matches packaging/linux/wpt-desk.desktop (taskbar icon)
    from ui.app_icon import app_icon

    app.setWindowIcon(app_icon())
    from ui.widgets import focus

    focus.install(app)  # focus always visible
    return app


def _install_error_dialog() -> None:
    """An error nobody caught in a slot is logged and shown as one Italian sentence; the app goes on."""
    from ui.background import show_error

    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        previous(kind, error, trace)
        if isinstance(error, Exception):
            show_error(QApplication.activeWindow(), error)

    sys.excepthook = hook


def _follow_replacements(window: MainWindow, current: list[MainWindow]) -> None:
    """A window replaced by one in another language (Impostazioni → Lingua) is deleted once closed; its
    successor is followed the same way. ``current`` holds the window in use."""

    def replaced(successor: MainWindow) -> None:
        window.deleteLater()
        current[0] = successor
        _follow_replacements(successor, current)

    window.replaced.connect(replaced)


def _no_display() -> bool:
    """True on a Linux machine with no graphical session (e.g. over SSH) and no platform chosen."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


def _probe_shown(dialog: QDialog) -> None:
    print("startup-probe: window shown", flush=True)
    if os.environ.get("WPT_STARTUP_PROBE") == "modules":  # what the first window imported (tests/dist)
        print("startup-probe: modules " + " ".join(sorted(sys.modules)), flush=True)
    dialog.reject()


def _backup_at_start(window: MainWindow, store: Store) -> None:
    """The automatic backup when the last is older than a day and the data changed, on the database thread;
    a folder that cannot be written (a USB key not plugged in) is said in the status bar."""
    from desktop.storage.backups import automatic_backup
    from ui.background import run_in_background

    def failed(exc: Exception) -> None:
        window.statusBar().showMessage(QCoreApplication.translate(
            "App", "Copia di sicurezza automatica non riuscita: {error}").format(
            error=exc), 15_000)

    run_in_background(window, lambda: automatic_backup(store, at_start=True)).on_error(failed).run()


def run(data_dir: Path) -> int:
    """Open the window on the desk database in ``data_dir``; return the exit status."""
    if _no_display():
        print(
            "wpt-desk: nessuno schermo disponibile (DISPLAY non impostato): avviare l'applicazione da una "
            "sessione grafica; i comandi da terminale funzionano comunque (wpt-desk --help).",
            file=sys.stderr,
        )
        return 2
    app = application()
    from ui.i18n import install_translators

    install_translators(app, None)  # the last language used, else the system's, else Italian

    try:
        lock = hold_writer_lock(data_dir)  # one writer per desk; released when the app ends, however it ends
    except DeskBusyError:
        busy = QCoreApplication.translate("App", "WPT Desk è già aperto su questo computer.")
        _refuse(app, busy)
        return 2
    except StorageError as exc:
        _refuse(app, str(exc))
        return 2
    probe = bool(os.environ.get("WPT_STARTUP_PROBE"))
    restored: str | None = None  # the backup just put in place, for the access log after the login
    notice = ""
    while True:
        store = _sign_in(app, data_dir, probe, notice)
        if store is None:
            return 0
        lock = lock or hold_writer_lock(data_dir)  # the folder exists after a first set-up
        window = _open_window(app, data_dir, store, restored)
        current = [window]
        _follow_replacements(window, current)
        try:
            code = app.exec()
        finally:
            store.close()
        pending = current[0].pending_restore
        if pending is None:
            return code
        restored, notice = restore_closed(data_dir, store, pending)


def _refuse(app: QApplication, sentence: str) -> None:
    """Why the desk cannot open, in a message box (imported here: the first window does not need it)."""
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.critical(None, app.tr("WPT Desk"), sentence)


def _sign_in(app: QApplication, data_dir: Path, probe: bool, notice: str) -> Store | None:
    """The set-up of a new desk, then the login; the store opened (None: the operator gave up)."""
    from ui.login import LoginDialog, RecoveryKeyDialog, SetUpDialog

    while True:
        try:
            state = desk_state(data_dir)
        except StorageError as exc:
            _refuse(app, str(exc))
            return None
        if state is not DeskState.READY:
            setup = SetUpDialog(data_dir, state)
            if probe:  # `make bench-startup`: the first window is the set-up
                QTimer.singleShot(0, lambda shown=setup: _probe_shown(shown))
            if setup.exec() != SetUpDialog.DialogCode.Accepted:
                return None
            RecoveryKeyDialog(setup.recovery_key).exec()
        login = LoginDialog(data_dir, notice=notice)
        if probe:  # `make bench-startup`: the first window is the login
            QTimer.singleShot(0, lambda shown=login: _probe_shown(shown))
        result = login.exec()
        if result != LoginDialog.START_AGAIN:
            break  # else: the damaged database was put aside, the desk starts empty with its set-up
    if result != LoginDialog.DialogCode.Accepted or login.store is None:
        return None
    return login.store


def _open_window(app: QApplication, data_dir: Path, store: Store, restored: str | None) -> MainWindow:
    from ui.i18n import install_translators
    from ui.main_window import MainWindow

    install_translators(app, store.setting("language"))
    _install_error_dialog()
    window = MainWindow(store)  # its Sincronizzazione page starts background sync
    window.show_sized()
    from desktop.queries.persons import warm_up
    from ui.background import run_in_background

    # After the list's first page (queued before it): the first search finds its pages decrypted.
    run_in_background(window, lambda: warm_up(store)).run()
    if restored is not None:
        _record_restore(window, store, restored)
    from ui.config_warning import warn_about_config

    warn_about_config(data_dir, window)
    _backup_at_start(window, store)
    return window


def restore_closed(data_dir: Path, store: Store, backup: Path) -> tuple[str | None, str]:
    """Put ``backup`` in place of the desk database of the closed ``store``: the backup's name when restored
    (for the access log after the next login; None: refused, nothing changed) and the sentence for the login."""
    from desktop.storage.backups import restore

    if store.keys is None:  # pragma: no cover - every desk database is encrypted since its first login
        return None, ""
    try:
        done = restore(data_dir, backup, store.keys.key, desk_id=store.desk_id)
    except (StorageError, OSError) as exc:
        return None, str(exc) if isinstance(exc, StorageError) else QCoreApplication.translate(
            "App", "Ripristino non riuscito: {error}. Il database non è stato modificato.").format(
            error=exc.strerror or exc)
    text = [QCoreApplication.translate("App", "Copia ripristinata. Il database di prima è conservato in {aside}.")
            .format(aside=done.aside.name)]
    if not done.enrolled:
        text.append(QCoreApplication.translate(
            "App", "Lo sportello non è registrato su un server: le modifiche fatte dopo la copia restano solo nel "
                   "database conservato."))
    else:
        text.append(QCoreApplication.translate(
            "App", "Alla prossima sincronizzazione tornano dal server le modifiche che aveva ricevuto dopo la copia."))
        if done.unsent:
            text.append(QCoreApplication.translate(
                "App", "Modifiche mai arrivate al server, che restano solo nel database conservato: {n}.").format(
                n=done.unsent))
    text.append(QCoreApplication.translate("App", "Accedi di nuovo per continuare."))
    return done.backup.path.name, " ".join(text)


def _record_restore(window: MainWindow, store: Store, name: str) -> None:
    from desktop.operations.restore import record_restore
    from ui.operations import run_op

    run_op(window, lambda: record_restore(store, name)).run()
