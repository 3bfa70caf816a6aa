"""The Persone page driven from the keyboard: search, create from a CF, inline errors, duplicates, delete."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.operations.requests import NewRequest, record_request
from desktop.queries.catalog import services_covering
from desktop.queries.persons import find_by_fiscal_code, search_persons
from desktop.reference.municipalities import name_of
from desktop.services.demo import fill
from desktop.storage.store import Store
from tests.helpers.people import fiscal_code, wrong_check_character
from tests.helpers.ui import active_question, click_button
from ui.main_window import MainWindow
from ui.persons.persons_page import PersonsPage


def persons_page(window: MainWindow) -> PersonsPage:
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    return page


def test_find_a_person_by_typing_part_of_the_surname_and_open_with_enter(
    qtbot: QtBot, store: Store, window: MainWindow, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    fill(store, persons=25, seed=11)
    window.persons_model.refresh()
    target = store.query("SELECT * FROM persons WHERE deleted = 0 ORDER BY seq LIMIT 1")[0]
    typed = target["last_name"][:4]
    expected = {p["id"] for p in search_persons(store, typed)}

    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, typed)

    model = window.persons_model
    qtbot.waitUntil(lambda: {model.person_id(r) for r in range(model.rowCount())} == expected)
    qtmodeltester.check(model)
    assert target["id"] in expected

    # Narrow to the person with the first name too, then Enter opens them.
    qtbot.keyClicks(window.search, f" {target['first_name']}")
    qtbot.waitUntil(lambda: model.rowCount() >= 1)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    page = persons_page(window)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.detail)
    opened = page.detail.person
    assert opened is not None
    assert (opened.last_name, opened.first_name) == (target["last_name"], target["first_name"])


def test_search_by_fiscal_code_and_phone(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    code = fiscal_code("Bertola", "Maria", "F", date(1941, 3, 9))
    person = store.save(Person(fiscal_code=code, last_name="Bertola", first_name="Maria", phone="000 123 4567"))
    model = window.persons_model
    model.refresh()
    for typed in (code[:9], "000123"):
        window.search.clear()
        qtbot.keyClicks(window.search, typed)
        qtbot.waitUntil(lambda: model.rowCount() == 1)
        assert model.person_id(0) == person.id


def test_typing_a_valid_fiscal_code_fills_birth_data_and_saves(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    born = date(1938, 11, 24)
    code = fiscal_code("Ferrero", "Giuseppe", "M", born, "C665")  # born in Chivasso
    page = persons_page(window)
    page.show_list()
    qtbot.keyClick(page.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = page.form
    qtbot.waitUntil(lambda: page.stack.currentWidget() is form and form.fiscal_code.hasFocus())

    qtbot.keyClicks(form.fiscal_code, code.lower())
    assert form.birth_date.text() == born.strftime("%d/%m/%Y")
    assert form.sex.currentData() == "M"
    assert form.birthplace.code() == "C665"
    assert form.birthplace.text() == name_of("C665")
    assert "valido" in form.fiscal_code_message.text()

    qtbot.keyClicks(form.last_name, "Ferrero")
    qtbot.keyClicks(form.first_name, "Giuseppe")
    qtbot.keyClicks(form.municipality, "Chiomonte")
    qtbot.mouseClick(form.privacy_today, Qt.MouseButton.LeftButton)
    assert form.save_button.isEnabled()
    with qtbot.waitSignal(form.saved):
        qtbot.keyClick(form.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    saved = find_by_fiscal_code(store, code)
    assert saved is not None
    assert (saved.last_name, saved.first_name, saved.birth_date, saved.sex) == ("Ferrero", "Giuseppe", born, "M")
    assert saved.birthplace_code == "C665" and saved.municipality_code == "C639"  # lives in Chiomonte
    assert saved.privacy_notice_on == date.today()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.detail)
    assert date.today().strftime("%d/%m/%Y") in page.detail.privacy_text()


def test_invalid_fiscal_code_shows_why_inline_and_saves_nothing(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    code = wrong_check_character(fiscal_code("Ferrero", "Anna", "F", date(1950, 1, 2)))
    page = persons_page(window)
    page.new_person()
    form = page.form
    qtbot.keyClicks(form.last_name, "Ferrero")
    qtbot.keyClicks(form.first_name, "Anna")
    qtbot.keyClicks(form.fiscal_code, code)

    assert form.fiscal_code_message.isVisible()
    assert "carattere di controllo" in form.fiscal_code_message.text()
    assert not form.save_button.isEnabled()
    before = store.count("person")
    qtbot.keyClick(form.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert store.count("person") == before
    assert page.stack.currentWidget() is form

    # Too short: the field says how many characters there are.
    form.fiscal_code.clear()
    qtbot.keyClicks(form.fiscal_code, "RSSMRA")
    assert "16 caratteri" in form.fiscal_code_message.text() and "6" in form.fiscal_code_message.text()


def test_a_possible_duplicate_is_offered_before_a_second_record(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    born = date(1946, 5, 17)
    existing = store.save(Person(last_name="Audisio", first_name="Carla", birth_date=born))
    page = persons_page(window)
    page.new_person()
    form = page.form
    qtbot.keyClicks(form.last_name, "audisio")
    qtbot.keyClicks(form.first_name, "Carla")
    qtbot.keyClicks(form.birth_date, born.strftime("%d/%m/%Y"))

    qtbot.waitUntil(form.duplicate_box.isVisible)
    assert "Audisio Carla" in form.duplicate_text.text()
    assert [p.id for p in form.duplicates()] == [existing.id]

    # Saving anyway asks first: open the existing record, create anyway, or cancel.
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    box = active_question(qtbot)
    assert "Audisio Carla" in box.text()
    click_button(qtbot, box, "Annulla")
    assert store.count("person") == 1 and page.stack.currentWidget() is form

    qtbot.mouseClick(form.open_duplicate, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.detail)
    assert page.detail.person is not None and page.detail.person.id == existing.id
    assert store.count("person") == 1

    # Same CF as an existing person → offered too; "crea comunque" lets the operator go on.
    code = fiscal_code("Audisio", "Carla", "F", born)
    store.save(Person(fiscal_code=code, last_name="Audisio", first_name="Carla"))
    page.new_person()
    qtbot.keyClicks(form.fiscal_code, code)
    qtbot.waitUntil(form.duplicate_box.isVisible)
    qtbot.keyClicks(form.last_name, "Audisio")
    qtbot.keyClicks(form.first_name, "Carla")
    qtbot.keyClick(form.first_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    click_button(qtbot, active_question(qtbot), "Crea comunque")
    qtbot.waitUntil(lambda: store.count("person") == 3)


def test_delete_is_soft_and_undone_from_the_status_bar(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    person = store.save(Person(last_name="Gribaudo", first_name="Teresa"))
    page = persons_page(window)
    window.persons_model.refresh()
    page.open_person(person.id)
    qtbot.keyClick(page.detail.timeline, Qt.Key.Key_Delete)

    qtbot.waitUntil(lambda: window.undo_button.isVisible())  # the deletion is done: it can be undone
    deleted = store.get(Person, person.id)
    assert deleted is not None and deleted.deleted
    qtbot.waitUntil(lambda: window.persons_model.rowCount() == 0)
    assert page.stack.currentWidget() is page.list_page

    qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
    assert not window.undo_button.isVisible()
    qtbot.waitUntil(lambda: window.persons_model.rowCount() == 1)
    restored = store.get(Person, person.id)
    assert restored is not None and not restored.deleted


def test_persons_list_sorts_by_any_column_and_filters_by_municipality(
    qtbot: QtBot, store: Store, window: MainWindow, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    fill(store, persons=40, seed=4)
    model = window.persons_model
    model.refresh()
    qtmodeltester.check(model)
    model.sort(3, Qt.SortOrder.DescendingOrder)
    model.fetch_all()
    births = [r["birth_date"] or "" for r in (model.row(i) for i in range(model.rowCount()))]
    assert births == sorted(births, reverse=True)

    code = store.query("SELECT municipality_code FROM persons WHERE deleted = 0 LIMIT 1")[0]["municipality_code"]
    expected = store.scalar("SELECT count(*) FROM persons WHERE deleted = 0 AND municipality_code = ?", (code,))
    page = persons_page(window)
    qtbot.keyClicks(page.municipality_filter, name_of(code))
    qtbot.waitUntil(lambda: model.rowCount() == expected)
    assert {model.row(i)["municipality_code"] for i in range(model.rowCount())} == {code}
    qtmodeltester.check(model)


def test_a_note_on_a_request_appears_in_the_timeline(
    qtbot: QtBot, store: Store, window: MainWindow, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.domain.models import Request
    from ui.requests.note_dialog import NoteDialog

    person = store.save(Person(last_name="Gribaudo", first_name="Teresa"))
    request = store.save(Request(person_id=person.id, category="ECO", description="ISEE"))
    page = persons_page(window)
    page.open_person(person.id)
    qtbot.waitUntil(lambda: page.detail.timeline_model.rowCount() == 1)
    qtbot.keyClick(page.detail.new_request_button, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NoteDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, NoteDialog)
    qtbot.keyClicks(dialog.text, "Richiamata: porta l'ISEE giovedi")
    with qtbot.waitSignal(dialog.saved):
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    notes = store.query("SELECT request_id, text FROM notes")
    assert notes == [{"request_id": request.id, "text": "Richiamata: porta l'ISEE giovedi"}]
    model = page.detail.timeline_model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    qtmodeltester.check(model)
    assert any("porta l'ISEE" in model.row(i)["text"] for i in range(model.rowCount()))


def test_not_found_then_ctrl_n_creates_from_what_was_typed(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    assert window.search.hasFocus() or window.focusWidget() is window.search  # typing starts at once
    code = fiscal_code("Ruffino", "Elsa", "F", date(1939, 7, 30))
    window.search.setFocus()
    qtbot.keyClicks(window.search, code)
    qtbot.waitUntil(lambda: not window.persons_model.is_loading())
    assert window.persons_model.rowCount() == 0
    qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    form = persons_page(window).form
    qtbot.waitUntil(form.isVisible)
    assert form.fiscal_code.text() == code and form.birth_date.text() == "30/07/1939"

    form.discard()
    window.search.clear()
    qtbot.keyClicks(window.search, "ruffino elsa")
    qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: form.last_name.text() == "Ruffino")
    assert form.first_name.text() == "Elsa"


def test_a_person_born_abroad_is_filled_and_saved_from_the_fiscal_code(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    code = fiscal_code("Diallo", "Amadou", "M", date(1990, 5, 4), "Z343")  # born in Senegal
    page = persons_page(window)
    page.new_person()
    form = page.form
    qtbot.keyClicks(form.fiscal_code, code)
    assert form.birthplace.text() == "Senegal" and form.birthplace.code() == "Z343"
    qtbot.keyClicks(form.last_name, "Diallo")
    qtbot.keyClicks(form.first_name, "Amadou")
    assert form.save_button.isEnabled()
    with qtbot.waitSignal(form.saved):
        assert form.save()
    saved = find_by_fiscal_code(store, code)
    assert saved is not None and saved.birthplace_code == "Z343"
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.detail)
    assert "a Senegal" in page.detail.facts.text()
    page.edit_person(saved.id)
    assert form.birthplace.text() == "Senegal" and not form.is_dirty()


def test_a_centenarian_keeps_the_birth_year_the_code_cannot_tell(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    born = date(date.today().year - 101, 3, 15)
    code = fiscal_code("Bertot", "Ida", "F", born)
    person = store.save(Person(fiscal_code=code, last_name="Bertot", first_name="Ida", birth_date=born))
    page = persons_page(window)
    page.edit_person(person.id)
    assert page.form.birth_date.text() == born.strftime("%d/%m/%Y")
    assert not page.form.is_dirty() and page.form.save_button.isEnabled()


def test_names_that_do_not_fit_the_fiscal_code_are_flagged_but_can_be_saved(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    page = persons_page(window)
    page.new_person()
    form = page.form
    code = fiscal_code("Bertola", "Maria", "F", date(1950, 3, 8))
    qtbot.keyClicks(form.fiscal_code, code)
    qtbot.keyClicks(form.last_name, "Cravero")  # a slip: the code says Bertola
    qtbot.keyClicks(form.first_name, "Maria")
    assert "non corrispondono al codice fiscale" in form.names_message.text()
    assert "BRT MRA" in form.names_message.text() and form.names_message.isVisible()
    assert form.save_button.isEnabled()  # a warning, not a refusal
    form.last_name.clear()
    qtbot.keyClicks(form.last_name, "Bertola")
    assert form.names_message.text() == ""


def test_deleting_a_person_with_requests_asks_and_the_undo_works_from_a_text_field(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    person = register_person(store, Person(last_name="Gribaudo", first_name="Teresa", municipality_code="Ceres")).value
    service = services_covering(store, "TRA", person.municipality_code)[0]["id"]
    record_request(store, NewRequest(person.id, "TRA", service_ids=[service]))
    record_request(store, NewRequest(person.id, "DIG"))
    page = persons_page(window)
    window.persons_model.refresh()
    page.open_person(person.id)
    qtbot.keyClick(page.detail.timeline, Qt.Key.Key_Delete)
    box = active_question(qtbot)
    assert "Gribaudo Teresa" in box.text() and "2 richieste e 1 invio" in box.text()
    click_button(qtbot, box, "Annulla")  # the safe answer: nothing is deleted
    assert store.count("request") == 2 and not window.undo_button.isVisible()

    qtbot.keyClick(page.detail.timeline, Qt.Key.Key_Delete)
    click_button(qtbot, active_question(qtbot), "Elimina")
    qtbot.waitUntil(lambda: window.undo_button.isVisible())
    assert store.count("request") == 0 and store.count("referral") == 0
    window.search.setFocus()  # typing in a field: its Ctrl+Z undoes typing, Ctrl+Alt+Z the deletion
    qtbot.keyClick(window.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: store.count("request") == 2)
    assert store.count("referral") == 1 and store.count("person") == 1
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Operazione annullata.")
