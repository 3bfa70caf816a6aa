"""Rectification (GDPR art. 16) in the window: correcting a person in the real form puts one line on their
timeline, naming the fields as the form labels them and the operator, never the old values."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.storage.store import Store
from ui.main_window import MainWindow
from ui.persons.persons_page import PersonsPage


def test_correcting_a_person_in_the_form_shows_the_rectification_on_the_timeline(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    person = register_person(store, Person(last_name="Rostagno", first_name="Elda", phone="0122 11 22 33",
                                           address="Frazione Pont 1")).value
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    window.persons_model.refresh()
    with qtbot.waitSignal(page.detail.timeline_loaded):
        page.open_person(person.id)
    assert not [r for r in page.detail.timeline_model.rows() if r["kind"] == "rectification"]

    qtbot.mouseClick(page.detail.edit_button, Qt.MouseButton.LeftButton)
    form = page.form
    qtbot.waitUntil(lambda: page.stack.currentWidget() is form)
    form.phone.clear()
    qtbot.keyClicks(form.phone, "0122 99 88 77")
    form.address.clear()
    qtbot.keyClicks(form.address, "Via della Chiesa 4")
    with qtbot.waitSignal(form.saved), qtbot.waitSignal(page.detail.timeline_loaded):
        assert form.save()

    rows = [r for r in page.detail.timeline_model.rows() if r["kind"] == "rectification"]
    operator = store.current_operator().name
    assert [r["text"] for r in rows] == [f"Dati anagrafici rettificati: indirizzo, telefono (operatore: {operator})"]
    shown = [page.detail.timeline_model.index(row, column).data()
             for row in range(page.detail.timeline_model.rowCount()) for column in range(3)]
    assert "Rettifica" in shown
    assert not any("0122 11 22 33" in str(text) or "Frazione Pont" in str(text) for text in shown)
