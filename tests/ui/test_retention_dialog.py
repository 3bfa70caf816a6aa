"""Conservazione dei dati (Impostazioni, coordinators): the network's period, the persons past it on a day,
and their erasure in one operation after the reason and a confirmation."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog
from pytestqt.qtbot import QtBot

from desktop.domain.models import Erasure, Person
from desktop.domain.roles import Role
from desktop.operations.operators import add_operator
from desktop.queries.retention import retention_years
from desktop.storage.store import Store
from tests.helpers.ui import active_question, click_button
from ui.i18n import install_translators
from ui.main_window import MainWindow
from ui.retention_dialog import RetentionDialog
from ui.settings_page import SettingsPage
from ui.widgets.fields import format_date


def _dialog(qtbot: QtBot, window: MainWindow) -> RetentionDialog:
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    window.show_page("settings")
    page.load()
    assert page.retention_button.isVisibleTo(page)
    qtbot.mouseClick(page.retention_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), RetentionDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, RetentionDialog)
    return dialog


def test_a_coordinator_reviews_the_persons_past_retention_and_erases_them(qtbot: QtBot, store: Store,
                                                                          window: MainWindow) -> None:
    old = store.save(Person(last_name="Gribaudo", first_name="Teresa"))
    recent = store.save(Person(last_name="Recente", first_name="Bruna"))
    with store.transaction() as conn:  # Teresa's last activity was in 2012
        conn.execute("UPDATE persons SET created_at = ?, updated_at = ? WHERE id = ?",
                     ("2012-05-02T09:00:00Z", "2012-05-02T09:00:00Z", old.id))
    app = QApplication.instance()
    assert isinstance(app, QApplication) and install_translators(app, "it")  # as at start: the plural forms
    dialog = _dialog(qtbot, window)
    assert dialog.years.value() == 10 and dialog.model.rowCount() == 1

    dialog.years.setValue(2)
    with qtbot.waitSignal(dialog.acted, timeout=20_000) as applied:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert retention_years(store) == 2 and applied.args == ["Periodo di conservazione: 2 anni, per tutta la rete."]
    # A review prepared for a day three years on lists Bruna too, but erases nobody until that day.
    later = date.today().replace(year=date.today().year + 3)
    dialog.on.setText(format_date(later))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    assert not dialog.erase_button.isEnabled() and "oggi" in dialog.erase_button.toolTip()
    dialog.on.setText(format_date(date.today()))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.row(0)["name"] == "Gribaudo Teresa" and dialog.erase_button.isEnabled()

    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    asked = QApplication.activeModalWidget()
    assert isinstance(asked, QInputDialog)
    buttons = asked.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    box = active_question(qtbot)
    assert "la persona elencata" in box.text()  # one person: the singular
    with qtbot.waitSignal(dialog.acted, timeout=20_000):
        click_button(qtbot, box, "Cancella per sempre")
    assert store.get(Person, old.id) is None and store.get(Person, recent.id) is not None
    erasure = store.get(Erasure, old.id)
    assert erasure is not None and erasure.reason == "Periodo di conservazione scaduto"
    dialog.close()


def test_an_operator_does_not_get_the_retention_review(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    store.sign_in(add_operator(store, "Ugo Operatore", Role.OPERATOR).value)
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    page.load()
    assert not page.retention_button.isVisibleTo(page)
