from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from desktop.storage.store import Store
from ui import background
from ui.main_window import MainWindow


@pytest.fixture(autouse=True, scope="session")
def focus_style(qapp: QApplication) -> None:
    """The style the app installs at start (ui.app.application): focus always visible."""
    from ui.widgets import focus

    focus.install(qapp)


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    """The main window on a real desk database, shown at the typical laptop size."""
    win = MainWindow(store)
    # Closed below, not by qtbot: qtbot would close it first, and a form a test left dirty would ask.
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Let queued database work finish before the store closes; drop any open question or dialog a test
    # left (answering nothing), so none leaks into the next test.
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.done(0)
    win._closing_confirmed = True
    win.close()
    background.wait_idle()
    QApplication.processEvents()


def wait_background(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: background.pending() == 0)
