"""The Impostazioni page and the language plumbing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.reference import municipalities
from desktop.storage.store import Store
from ui.main_window import MainWindow
from ui.settings_page import SettingsPage


def test_settings_save_desk_language_show_the_operator_and_show_the_data_folder(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    window.show_page("settings")
    assert page.data_folder.isReadOnly() and page.data_folder.text() == str(store.path.parent)
    assert page.language.currentData() == "it"
    page.desk_name.clear()
    qtbot.keyClicks(page.desk_name, "WPT Valli di Lanzo")
    page.desk_municipality.setFocus()
    qtbot.keyClicks(page.desk_municipality, "lanzo torin")
    popup = page.desk_municipality.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # pick the completion
    assert page.desk_municipality.text() == "Lanzo Torinese"
    assert page.operator_name.isReadOnly() and page.operator_name.text() == store.current_operator().name
    assert page.is_dirty()
    with qtbot.waitSignal(page.saved):
        qtbot.keyClick(page.desk_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    desk = store.desk()
    assert desk.name == "WPT Valli di Lanzo"
    assert desk.municipality_code == municipalities.lookup("Lanzo Torinese").code  # type: ignore[union-attr]
    assert store.setting("language") == "it"
    message = window.statusBar().currentMessage()
    assert "WPT Valli di Lanzo" in message and store.current_operator().name in message
    assert not page.is_dirty()


def test_language_plumbing_loads_italian_and_refuses_a_missing_catalogue(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.i18n import available_languages, install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert available_languages()["it"] == "Italiano"
    assert install_translators(app, "it")
    assert not install_translators(app, "xx")  # no catalogue: the Italian texts stay (and Qt's are removed)
