"""Start the application: one QApplication, the desk's store, the main window."""

from __future__ import annotations

import os
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


def _no_display() -> bool:
    """True on a Linux machine with no graphical session (e.g. over SSH) and no platform chosen."""
    return (
        sys.platform.startswith("linux")
        and not os.environ.get("QT_QPA_PLATFORM")
        and not os.environ.get("DISPLAY")
        and not os.environ.get("WAYLAND_DISPLAY")
    )


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
    try:
        store = Store.in_folder(data_dir)
    except StorageError as exc:
        QMessageBox.critical(None, app.tr("WPT Desk"), str(exc))
        return 2
    from ui.main_window import MainWindow

    window = MainWindow(store)
    window.show()
    try:
        return app.exec()
    finally:
        store.close()
