"""Start the application: one QApplication, the desk's store, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import __version__
from desktop.storage.errors import StorageError
from desktop.storage.store import Store


def application() -> QApplication:
    app = QApplication.instance()
    if isinstance(app, QApplication):
        return app
    app = QApplication(sys.argv[:1])
    app.setApplicationName("WPT Desk")
    app.setOrganizationName("WPT")
    app.setApplicationVersion(__version__)
    return app


def run(data_dir: Path) -> int:
    """Open the window on the desk database in ``data_dir``; return the exit status."""
    app = application()
    try:
        store = Store.in_folder(data_dir)
    except StorageError as exc:
        QMessageBox.critical(None, app.tr("WPT Desk"), str(exc))
        return 2
    from ui.main_window import MainWindow

    window = MainWindow(store)
    from ui.sync_wiring import attach_sync

    sync = attach_sync(window, store)
    window.show()
    try:
        return app.exec()
    finally:
        sync.stop()
        store.close()
