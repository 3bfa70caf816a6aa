"""F1: a short Italian guide inside the app; «Informazioni»: version, data folder and server."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop import __version__
from desktop.storage.store import Store
from ui.help import AboutDialog, HelpDialog
from ui.main_window import MainWindow


def test_f1_opens_the_guide_and_informazioni_shows_version_folder_and_server(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    window.search.setFocus()
    qtbot.keyClick(window.search, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), HelpDialog))
    guide = QApplication.activeModalWidget()
    assert isinstance(guide, HelpDialog)
    text = guide.guide.toPlainText()
    for expected in ("Il flusso di due minuti", "Ctrl+K", "Ctrl+R", "F2", "Chi chiamare", "coordinatore"):
        assert expected in text

    qtbot.mouseClick(guide.about_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AboutDialog))
    about = QApplication.activeModalWidget()
    assert isinstance(about, AboutDialog)
    shown = about.text.text()
    assert __version__ in shown
    assert str(store.path.parent) in shown
    assert "non registrato" in shown  # this desk has no server yet
    about.reject()
    guide.reject()
