from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.storage.store import Store
from ui import background
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    """The main window on a real desk database, shown at the typical laptop size."""
    win = MainWindow(store)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Let queued database work finish before the store closes; drop any open question.
    win._closing_confirmed = True
    win.close()
    background.wait_idle()
    QApplication.processEvents()


def wait_background(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: background.pending() == 0)
