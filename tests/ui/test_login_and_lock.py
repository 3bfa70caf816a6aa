"""Getting in and the lock, with real widgets on real encrypted desks: the set-up shows the recovery key,
the login refuses a wrong password, the lock hides the content until the same or another operator
logs in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.roles import Role
from desktop.operations.operators import add_operator
from desktop.storage import access_log
from desktop.storage.opening import DeskState, desk_state
from desktop.storage.store import Store
from tests.helpers.desks import ADMIN, PASSWORD, set_up
from ui.login import LoginDialog, SetUpDialog
from ui.main_window import MainWindow
from ui.persons.persons_page import PersonsPage


def test_first_start_sets_the_desk_up_and_gives_the_recovery_key(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "nuovo"
    dialog = SetUpDialog(folder, desk_state(folder))
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.admin, "Mario Rossi")
    qtbot.keyClicks(dialog.password, "password-di-mario")
    qtbot.keyClicks(dialog.repeat, "altra-password")
    dialog.set_up()
    assert "non coincidono" in dialog.error.text() and desk_state(folder) is DeskState.NEW
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "password-di-mario")
    with qtbot.waitSignal(dialog.accepted):
        dialog.set_up()
    assert len(dialog.recovery_key) == 34 and desk_state(folder) is DeskState.READY


def test_login_refuses_a_wrong_password_then_opens_the_desk(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    set_up(folder)
    login = LoginDialog(folder)
    qtbot.addWidget(login)
    qtbot.keyClicks(login.form.operator, ADMIN)
    qtbot.keyClick(login.form.operator, Qt.Key.Key_Return)
    qtbot.keyClicks(login.form.password, "sbagliata")
    qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    assert "Accesso negato" in login.form.error.text() and login.store is None
    qtbot.keyClicks(login.form.password, PASSWORD)
    with qtbot.waitSignal(login.accepted):
        qtbot.keyClick(login.form.password, Qt.Key.Key_Return)
    assert login.store is not None
    assert login.store.current_operator().name == ADMIN
    login.store.close()


def test_the_lock_hides_the_content_until_the_same_or_another_operator_logs_in(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    add_operator(store, "Anna", Role.OPERATOR, "password-di-anna")
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked() and not page.isVisible()
    panel = window.lock_panel
    assert panel.form.operator.text() == ADMIN and panel.form.operator.isReadOnly()
    qtbot.keyClicks(panel.form.password, "sbagliata")
    qtbot.keyClick(panel.form.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Accesso negato" in panel.form.error.text())
    assert window.is_locked()
    panel.switch.click()  # «Cambia operatore»
    qtbot.keyClicks(panel.form.operator, "Anna")
    qtbot.keyClicks(panel.form.password, "password-di-anna")
    with qtbot.waitSignal(window.unlocked):
        qtbot.keyClick(panel.form.password, Qt.Key.Key_Return)
    assert not window.is_locked() and page.isVisible()
    assert store.current_operator().name == "Anna" and "Anna" in window.statusBar().currentMessage()
    actions = [e.action for e in access_log.entries(store)][-3:]
    assert actions == ["lock", "login_failed", "login"]


def test_the_window_locks_itself_after_inactivity(qtbot: QtBot, window: MainWindow) -> None:
    window.idle.timer.setInterval(50)  # instead of the 10 minutes set for the desk
    window.idle.timer.start()
    qtbot.waitUntil(window.is_locked)


def test_a_coordinator_sees_on_a_person_who_accessed_the_record_an_operator_does_not(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    from datetime import date

    from desktop.domain.models import Person
    from desktop.operations.persons import register_person

    person = register_person(store, Person(last_name="Bonino", first_name="Margherita",
                                           birth_date=date(1939, 7, 1))).value
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    detail = page.detail
    assert detail.show_person(person.id)
    assert not detail.accesses_button.isHidden()
    detail.accesses_button.click()
    qtbot.waitUntil(lambda: not detail.accesses.isHidden())
    rows = [detail.accesses_model.data(detail.accesses_model.index(r, 2)) for r in
            range(detail.accesses_model.rowCount())]
    assert rows == ["Cronologia consultata", "Scheda aperta", "Creazione"] and detail.accesses_model.data(
        detail.accesses_model.index(0, 1)) == ADMIN
    store.sign_in(add_operator(store, "Anna", Role.OPERATOR).value)
    assert detail.show_person(person.id)
    assert detail.accesses_button.isHidden() and detail.delete_button.isHidden()
