"""Strumenti → Ripristina una copia: a coordinator chooses a sound copy of this desk, the window closes, the copy
goes in place with the database closed (the one in use kept aside) and the login says what it meant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.domain.roles import Role
from desktop.operations.operators import add_operator
from desktop.operations.restore import record_restore
from desktop.storage import access_log
from desktop.storage.backups import automatic_backup
from desktop.storage.store import Store
from sync import audit
from tests.helpers.desks import ADMIN, PASSWORD
from tests.helpers.ui import active_question, click_button
from ui.app import restore_closed
from ui.login import LoginDialog
from ui.main_window import MainWindow
from ui.restore_dialog import RestoreDialog


def _dialog(qtbot: QtBot, window: MainWindow) -> RestoreDialog:
    dialog = window.tools.restore()
    assert isinstance(dialog, RestoreDialog)
    qtbot.waitUntil(lambda: bool(dialog.listed))
    return dialog


def test_a_coordinator_restores_a_copy_from_the_tools_menu(qtbot: QtBot, store: Store, data_dir: Path,
                                                           window: MainWindow) -> None:
    kept = store.save(Person(last_name="Bertola", first_name="Ines"))
    copy = automatic_backup(store, now=datetime.now(UTC) - timedelta(hours=2))
    assert copy is not None
    later = store.save(Person(last_name="Dopo", first_name="Carla"))  # made after the copy: the restore loses it

    dialog = _dialog(qtbot, window)
    assert [entry.ours for entry in dialog.listed] == [True]
    assert dialog.model.rowCount() == 1 and dialog.restore_button.isEnabled()
    assert dialog.model.row(0)["state"] == "integra" and "MB" in dialog.model.row(0)["size"]
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    box = active_question(qtbot)
    assert "Si perdono" in box.text() and "chiede di nuovo l'accesso" in box.text()
    with qtbot.waitSignal(dialog.chosen) as chosen:
        click_button(qtbot, box, "Ripristina")
    assert chosen.args == [copy.path]
    qtbot.waitUntil(lambda: not window.isVisible())
    assert window.pending_restore == copy.path

    store.close()  # as the app does once its window is closed
    name, sentence = restore_closed(data_dir, store, copy.path)
    assert name == copy.path.name
    assert "Copia ripristinata" in sentence and "before-restore" in sentence and "Accedi di nuovo" in sentence
    login = LoginDialog(data_dir, notice=sentence)
    qtbot.addWidget(login)
    login.show()
    assert login.notice.isVisible() and login.notice.text() == sentence
    login.log_in(ADMIN, PASSWORD)
    reopened = login.store
    assert reopened is not None
    try:
        assert reopened.get(Person, kept.id) is not None and reopened.get(Person, later.id) is None
        record_restore(reopened, name)
        logged = [e for e in access_log.entries(reopened) if e.action == audit.RESTORE]
        assert [(e.record_kind, e.record_id) for e in logged] == [("backup", copy.path.name)]
    finally:
        reopened.close()
    assert list(data_dir.glob("wpt-desk.db.before-restore-*"))  # the database of before, kept


def test_an_operator_is_refused_and_a_damaged_copy_cannot_be_chosen(qtbot: QtBot, store: Store,
                                                                    window: MainWindow) -> None:
    copy = automatic_backup(store)
    assert copy is not None
    damaged = copy.path.with_name("wpt-desk-20240101-080000.db")
    damaged.write_bytes(b"not a database" * 100)
    dialog = _dialog(qtbot, window)
    assert [entry.ours for entry in dialog.listed] == [True, False]  # newest first
    dialog.table.selectRow(1)
    assert not dialog.restore_button.isEnabled() and "integra" in dialog.restore_button.toolTip()
    dialog.close()

    messages: list[str] = []
    window.statusBar().messageChanged.connect(messages.append)
    store.sign_in(add_operator(store, "Ugo Operatore", Role.OPERATOR).value)
    assert window.tools.restore() is None
    assert any("riservata" in m for m in messages)
    window.tools.menu.aboutToShow.emit()
    assert not window.tools.restore_action.isEnabled()
    assert QApplication.activeModalWidget() is None

