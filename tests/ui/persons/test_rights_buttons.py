"""A coordinator's rights buttons on a person: restriction, and erasure asked first naming the person."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from desktop.domain.models import Erasure, Person
from desktop.storage.store import Store
from tests.helpers.ui import active_question, click_button
from ui.main_window import MainWindow
from ui.persons.persons_page import PersonsPage


def test_restrict_then_erase_a_person_from_the_card(qtbot: QtBot, store: Store, window: MainWindow,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    person = store.save(Person(last_name="Gribaudo", first_name="Teresa"))
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    window.persons_model.refresh()
    page.open_person(person.id)
    detail = page.detail
    assert detail.erase_button.isVisibleTo(detail) and detail.access_export_button.isVisibleTo(detail)

    qtbot.mouseClick(detail.restrict_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not detail.edit_button.isEnabled())
    assert "art. 18" in detail.restricted_label.text()
    qtbot.mouseClick(detail.restrict_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(detail.edit_button.isEnabled)

    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("richiesta dell'interessata", True))
    detail.ask_erase()
    box = active_question(qtbot)
    assert "Gribaudo Teresa" in box.text()
    click_button(qtbot, box, "Cancella per sempre")
    qtbot.waitUntil(lambda: store.get(Erasure, person.id) is not None)
    assert store.get(Person, person.id) is None
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.list_page)
