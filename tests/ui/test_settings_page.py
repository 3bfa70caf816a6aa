"""The Impostazioni page and the language plumbing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.roles import Role
from desktop.operations.operators import add_operator
from desktop.reference import municipalities
from desktop.storage.backups import backup_folder
from desktop.storage.opening import Password, open_store
from desktop.storage.store import Store
from ui import background
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


def test_the_save_dialog_speaks_italian_and_remembers_the_folder(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QLineEdit

    from ui import dialogs

    QSettings().remove(dialogs.LAST_FOLDER_KEY)
    assert dialogs.save_folder() == dialogs.documents_folder()
    seen: list[list[str]] = []
    chosen = tmp_path / "schede" / "scheda.pdf"
    chosen.parent.mkdir()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QFileDialog)
        seen.append([label.text() for label in dialog.findChildren(QLabel) if label.text()])
        name = dialog.findChild(QLineEdit, "fileNameEdit")
        if name is not None:
            name.setText(str(chosen))
        dialog.accept()

    QTimer.singleShot(0, lambda: qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QFileDialog))
                      or answer())
    # The platform's own dialog cannot be driven here: Qt's, as on a desk without a native one.
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, True)
    path = dialogs.ask_save_path(None, dialogs.save_folder() / "scheda.pdf")
    assert seen and not any(text in " ".join(seen[0]) for text in ("Look in", "Files of", "File name"))
    assert "Cerca &in:" in seen[0] or "Cerca in:" in " ".join(seen[0]).replace("&", "")
    assert path == chosen
    assert dialogs.save_folder() == chosen.parent  # the next dialog opens where this one saved
    QSettings().remove(dialogs.LAST_FOLDER_KEY)
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_DontUseNativeDialogs, False)


def test_an_administrator_chooses_the_backup_folder_and_an_operator_cannot(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path
) -> None:
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    window.show_page("settings")
    assert not page.backup_folder.isReadOnly()
    assert page.backup_folder.placeholderText() == str(store.path.parent / "backups")
    qtbot.keyClicks(page.backup_folder, str(tmp_path / "assente"))
    page.save()
    qtbot.waitUntil(lambda: "non esiste" in page.error.text())
    usb = tmp_path / "usb"
    usb.mkdir()
    page.backup_folder.clear()
    qtbot.keyClicks(page.backup_folder, str(usb))
    with qtbot.waitSignal(page.saved):
        page.save()
    assert backup_folder(store) == usb

    add_operator(store, "Anna", Role.OPERATOR, "password-di-anna")
    with open_store(store.path.parent, Password("Anna", "password-di-anna")) as anna:
        hers = MainWindow(anna)
        other = hers.pages["settings"]
        assert isinstance(other, SettingsPage)
        assert other.backup_folder.isReadOnly() and other.backup_folder.text() == str(usb)
        hers._closing_confirmed = True
        hers.close()
        background.wait_idle()
