"""A disabled action says why: in its tooltip and, for Save, in a visible sentence beside it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.storage.store import Store
from ui.main_window import MainWindow
from ui.persons.persons_page import PersonsPage
from ui.sync.page import SyncPage


def test_save_disabled_by_a_partial_municipality_says_so_beside_save(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    page.new_person()
    form = page.form
    qtbot.waitUntil(lambda: page.stack.currentWidget() is form)
    assert not form.save_hint.text()  # an empty form is not wrong yet
    qtbot.keyClicks(form.last_name, "Ferrero")
    qtbot.keyClicks(form.first_name, "Anna")
    qtbot.keyClicks(form.municipality, "Cer")
    form.municipality.close_suggestions()

    assert not form.save_button.isEnabled()
    hint = form.save_hint
    assert hint.isVisible() and "«Cer»" in hint.text() and "comuni del territorio" in hint.text()
    assert form.save_button.toolTip() == hint.text()
    # Beside Save, on its row, and readable: wrapped inside its own width, never under the buttons.
    save_at = form.save_button.mapTo(form, QPoint(0, 0))
    hint_at = hint.mapTo(form, QPoint(0, 0))
    assert hint_at.x() + hint.width() <= save_at.x()
    assert abs((hint_at.y() + hint.height() / 2) - (save_at.y() + form.save_button.height() / 2)) < hint.height()
    lines = max(1, hint.height() // hint.fontMetrics().lineSpacing())
    assert hint.fontMetrics().horizontalAdvance(hint.text()) <= hint.width() * lines

    form.municipality.clear()
    qtbot.keyClicks(form.municipality, "Ceres")
    form.municipality.close_suggestions()
    assert form.save_button.isEnabled() and not hint.text()


def test_sync_now_disabled_before_enrollment_says_why(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    page = window.pages["sync"]
    assert isinstance(page, SyncPage)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    assert not page.sync_button.isEnabled()
    assert "non è ancora registrato" in page.sync_button.toolTip()
