"""The Operatori page and the auto-lock minutes in Impostazioni: an administrator adds an operator with a
role, resets a password, disables one; another role sees the list only, and the core refuses it anyway."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.roles import Role
from desktop.operations.authorization import NotAllowedError
from desktop.operations.operators import add_operator, operator_named
from desktop.operations.session import lock_minutes, unlock
from desktop.operations.settings import desk_settings, save_desk_settings
from desktop.storage.store import Store
from tests.helpers.ui import active_question, click_button
from ui.main_window import MainWindow
from ui.operators_page import OperatorsPage, PasswordDialog
from ui.settings_page import SettingsPage


def test_an_administrator_adds_resets_and_disables_operators(qtbot: QtBot, store: Store,
                                                             window: MainWindow) -> None:
    page = window.pages["operators"]
    assert isinstance(page, OperatorsPage)
    window.show_page("operators")
    assert page.admin_box.isVisibleTo(page)
    qtbot.keyClicks(page.name, "Carla Coordinatrice")
    page.role.setCurrentIndex(page.role.findData(Role.COORDINATOR.value))
    qtbot.keyClicks(page.password, "prima-password")
    qtbot.keyClicks(page.repeat, "prima-password")
    with qtbot.waitSignal(page.done):
        qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    carla = operator_named(store, "Carla Coordinatrice")
    assert carla is not None and carla.role == Role.COORDINATOR.value
    qtbot.waitUntil(lambda: any(r["name"] == "Carla Coordinatrice" for r in page.model.rows()))
    assert unlock(store, "Carla Coordinatrice", "prima-password").value.id == carla.id
    admin = operator_named(store, "Amministratore")
    assert admin is not None
    store.sign_in(admin)

    page.select("Carla Coordinatrice")
    qtbot.mouseClick(page.reset_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), PasswordDialog))
    dialog = page.password_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.password, "seconda-password")
    qtbot.keyClicks(dialog.repeat, "diversa-password")
    dialog.buttons.accepted.emit()
    assert "non coincidono" in dialog.error.text() and dialog.isVisible()
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, "seconda-password")
    with qtbot.waitSignal(page.done):
        dialog.buttons.accepted.emit()
    assert unlock(store, "Carla Coordinatrice", "seconda-password").value.id == carla.id
    store.sign_in(admin)

    page.select("Carla Coordinatrice")
    qtbot.mouseClick(page.disable_button, Qt.MouseButton.LeftButton)
    box = active_question(qtbot)
    assert "Carla Coordinatrice" in box.text()
    with qtbot.waitSignal(page.done):
        click_button(qtbot, box, "Disattiva")
    disabled = operator_named(store, "Carla Coordinatrice")
    assert disabled is not None and disabled.disabled
    qtbot.waitUntil(lambda: any(r["disabled"] for r in page.model.rows()))
    page.select("Amministratore")
    assert not page.disable_button.isEnabled()  # not the operator logged in


def test_another_role_sees_the_list_only_and_the_core_refuses_anyway(qtbot: QtBot, store: Store,
                                                                     window: MainWindow) -> None:
    ugo = add_operator(store, "Ugo Operatore", Role.OPERATOR, "password-di-ugo").value
    store.sign_in(ugo)
    page = window.pages["operators"]
    assert isinstance(page, OperatorsPage)
    page.reload()
    assert not page.admin_box.isVisibleTo(page) and not page.reset_button.isVisibleTo(page)
    assert "amministratore" in page.notice.text()
    with pytest.raises(NotAllowedError):
        add_operator(store, "Altro", Role.ADMINISTRATOR, "password-altro")
    with pytest.raises(NotAllowedError):
        save_desk_settings(store, desk_settings(store).__class__(**{**desk_settings(store).__dict__,
                                                                     "lock_minutes": 3}))


def test_the_administrator_sets_the_auto_lock_minutes_and_the_window_follows(qtbot: QtBot, store: Store,
                                                                             window: MainWindow) -> None:
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    window.show_page("settings")
    assert page.lock_minutes.isEnabled() and page.lock_minutes.value() == 10
    page.lock_minutes.setValue(3)
    with qtbot.waitSignal(page.saved):
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert lock_minutes(store) == 3
    qtbot.waitUntil(lambda: window.idle.timer.interval() == 3 * 60_000)

    ugo = add_operator(store, "Ugo Operatore", Role.OPERATOR, "password-di-ugo").value
    store.sign_in(ugo)
    page.load()
    assert not page.lock_minutes.isEnabled()
