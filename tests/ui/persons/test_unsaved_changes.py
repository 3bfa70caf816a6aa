"""Unsaved changes are never lost silently: closing the window or leaving the page asks first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.storage.store import Store
from tests.helpers.ui import active_question, click_button
from ui.main_window import MainWindow
from ui.persons.persons_page import PersonsPage


def test_closing_with_a_dirty_form_asks_and_cancel_keeps_everything(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    page.new_person()
    qtbot.keyClicks(page.form.last_name, "Ghione")
    qtbot.keyClicks(page.form.first_name, "Rita")

    window.close()
    box = active_question(qtbot)
    assert "non salvate" in box.text()
    assert window.isVisible()
    click_button(qtbot, box, "Annulla")
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.isVisible()
    assert page.form.last_name.text() == "Ghione"
    assert store.count("person") == 0

    # Salva: the person is saved, then the window closes.
    window.close()
    click_button(qtbot, active_question(qtbot), "Salva")
    qtbot.waitUntil(lambda: not window.isVisible())
    saved = store.query("SELECT last_name, first_name FROM persons")
    assert saved == [{"last_name": "Ghione", "first_name": "Rita"}]


def test_closing_and_discarding_saves_nothing(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    page.new_person()
    qtbot.keyClicks(page.form.last_name, "Ghione")
    window.close()
    click_button(qtbot, active_question(qtbot), "Scarta")
    qtbot.waitUntil(lambda: not window.isVisible())
    assert store.count("person") == 0


def test_leaving_an_edited_person_for_another_page_asks(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    person = store.save(Person(last_name="Ghione", first_name="Rita"))
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    page.edit_person(person.id)
    page.form.phone.setFocus()
    qtbot.keyClicks(page.form.phone, "000 111 2222")

    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)  # Invii
    box = active_question(qtbot)
    assert window.current_key() == "persons"
    click_button(qtbot, box, "Annulla")
    assert window.current_key() == "persons" and page.form.phone.text() == "000 111 2222"

    window.sidebar.setCurrentRow(2)  # a click on "Invii" in the sidebar asks too
    click_button(qtbot, active_question(qtbot), "Salva")
    qtbot.waitUntil(lambda: window.current_key() == "referrals")
    saved = store.get(Person, person.id)
    assert saved is not None and saved.phone == "000 111 2222"


def test_escape_on_a_clean_form_just_goes_back(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    person = store.save(Person(last_name="Ghione", first_name="Rita"))
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    page.edit_person(person.id)
    qtbot.keyClick(page.form.last_name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.detail)
    assert window.question is None


def test_escape_in_a_new_request_with_typed_text_asks_before_discarding(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.requests.new_request import NewRequestWizard

    person = store.save(Person(last_name="Ghione", first_name="Rita"))
    window.new_request(person.id)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewRequestWizard))
    wizard = window.new_request_wizard
    qtbot.keyClicks(wizard.need.description, "Domanda assegno unico")
    qtbot.keyClick(wizard.need.description, Qt.Key.Key_Escape)
    box = active_question(qtbot)
    click_button(qtbot, box, "Annulla")
    qtbot.waitUntil(lambda: not box.isVisible())
    assert wizard.isVisible() and wizard.need.description.text() == "Domanda assegno unico"

    qtbot.keyClick(wizard.need.description, Qt.Key.Key_Escape)
    click_button(qtbot, active_question(qtbot), "Scarta")
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert store.count("request") == 0
