"""A damaged database at start: the operator restores the latest sound backup, or starts empty, in the app."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.storage import backups, sync_tables
from desktop.storage.maintenance import integrity_problems
from desktop.storage.opening import DeskState, desk_state
from tests.helpers.desks import ADMIN, PASSWORD, open_desk
from ui.login import LoginDialog
from ui.recovery import DamagedDatabaseDialog

PAGE = 4096


def _corrupt(database: Path) -> None:
    """What a failing disk does: every page after the second overwritten (the header still reads)."""
    data = bytearray(database.read_bytes())
    assert len(data) > 4 * PAGE
    data[2 * PAGE:] = bytes(range(256)) * ((len(data) - 2 * PAGE) // 256) + bytes((len(data) - 2 * PAGE) % 256)
    database.write_bytes(bytes(data))


def _log_in(qtbot: QtBot, folder: Path) -> LoginDialog:
    login = LoginDialog(folder)
    qtbot.addWidget(login)
    login.show()
    qtbot.keyClicks(login.form.operator, ADMIN)
    qtbot.keyClicks(login.form.password, PASSWORD)
    qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: login.recovery is not None and login.recovery.isVisible())
    return login


def test_a_damaged_database_is_restored_from_the_latest_sound_backup(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    with open_desk(folder) as store:
        for i in range(40):
            store.save(Person(last_name=f"Garrone{i}", first_name="Ada", notes="vive sola " * 20))
        made = backups.automatic_backup(store)
        assert made is not None
        store.save(Person(last_name="Bertola", first_name="Luca"))
    _corrupt(folder / "wpt-desk.db")

    login = _log_in(qtbot, folder)
    dialog = login.recovery
    assert isinstance(dialog, DamagedDatabaseDialog) and dialog.latest is not None
    assert dialog.latest.path == made.path
    advice = dialog.advice.text()
    assert "si perdono le modifiche dopo il" in advice and "alle" in advice
    assert dialog.restore_button.isVisible()
    with qtbot.waitSignal(login.accepted):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    store = login.store
    assert store is not None
    try:
        assert store.scalar("SELECT count(*) FROM persons") == 40
        assert integrity_problems(store) == []
        assert sync_tables.sync_settings(store).own_seq is not None  # the next sync brings back the rest
    finally:
        store.close()
    aside = list(folder.glob("wpt-desk.db.before-restore-*[0-9]"))
    assert len(aside) == 1 and aside[0].stat().st_size > 4 * PAGE  # the damaged file is kept


def test_without_a_backup_the_operator_starts_empty_and_the_damaged_file_is_kept(qtbot: QtBot,
                                                                                 tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    with open_desk(folder) as store:
        for i in range(40):
            store.save(Person(last_name=f"Garrone{i}", first_name="Ada", notes="vive sola " * 20))
    _corrupt(folder / "wpt-desk.db")

    login = _log_in(qtbot, folder)
    dialog = login.recovery
    assert isinstance(dialog, DamagedDatabaseDialog) and dialog.latest is None
    assert not dialog.restore_button.isVisible()
    assert "Non c'è nessuna copia di sicurezza" in dialog.advice.text()
    with qtbot.waitSignal(login.finished) as finished:
        qtbot.mouseClick(dialog.empty_button, Qt.MouseButton.LeftButton)
    assert finished.args == [LoginDialog.START_AGAIN] and login.store is None
    assert desk_state(folder) is DeskState.NEW  # the app shows the set-up next
    assert len(list(folder.glob("wpt-desk.db.damaged-*[0-9]"))) == 1
    assert len(list(folder.glob("wpt-desk.keys.damaged-*"))) == 1
