"""Helpers for driving the Qt interface as an operator would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.referrals.referrals_page import ReferralsPage


def active_question(qtbot: QtBot) -> QMessageBox:
    """Wait for the message box the application opened (non-blocking) and return it."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    return box


def click_button(qtbot: QtBot, box: QMessageBox, text: str) -> None:
    """Click the button whose label (without the & mnemonic) is ``text``.

    Then the window under the question is active again, as a window manager makes it (the offscreen
    platform leaves no window active once a dialog closes, and keyboard shortcuts need one).
    """
    owner = box.parentWidget().window() if box.parentWidget() is not None else None
    for button in box.buttons():
        if isinstance(button, QPushButton) and button.text().replace("&", "") == text:
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
            if owner is not None and owner.isVisible() and not QApplication.activeModalWidget():
                owner.activateWindow()
                qtbot.waitUntil(owner.isActiveWindow)
            return
    raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")


def open_referrals(qtbot: QtBot, window: MainWindow) -> ReferralsPage:
    """Ctrl+3, as an operator goes to Invii; the page shown, its rows read afresh."""
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["referrals"]
    assert isinstance(page, ReferralsPage)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    page.model.refresh()
    return page
