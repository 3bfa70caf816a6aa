"""A coordinator's rights buttons on a person: restriction, and erasure asked first naming the person."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog
from pytestqt.qtbot import QtBot

from desktop.domain.enums import ConsentPurpose
from desktop.domain.models import Erasure, Person
from desktop.operations.rights import active_consent, consents_of, record_consent
from desktop.reference.privacy import CURRENT_NOTICE
from desktop.storage.store import Store
from tests.helpers.ui import active_question, click_button
from ui import dialogs
from ui.main_window import MainWindow
from ui.persons.persons_page import PersonsPage


def answer_text(qtbot: QtBot, text: str | None = None) -> QInputDialog:
    """Wait for the (non-blocking) text question, type ``text`` over its proposal if given, click OK."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QInputDialog)
    if text is not None:
        dialog.setTextValue(text)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok is not None and ok.isEnabled()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    return dialog


def open_card(window: MainWindow, person: Person) -> PersonsPage:
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    window.persons_model.refresh()
    page.open_person(person.id)
    return page


def test_restrict_then_erase_a_person_from_the_card(qtbot: QtBot, store: Store, window: MainWindow) -> None:
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

    qtbot.mouseClick(detail.erase_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QInputDialog))
    asked = QApplication.activeModalWidget()
    assert isinstance(asked, QInputDialog)
    asked.setTextValue("   ")  # a blank reason cannot go on
    buttons = asked.findChild(QDialogButtonBox)
    assert buttons is not None and not buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    answer_text(qtbot, "richiesta dell'interessata")
    box = active_question(qtbot)
    assert "Gribaudo Teresa" in box.text()
    click_button(qtbot, box, "Cancella per sempre")
    qtbot.waitUntil(lambda: store.get(Erasure, person.id) is not None)
    assert store.get(Person, person.id) is None
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.list_page)


def test_an_objection_from_the_card_restricts_and_a_coordinator_decides(qtbot: QtBot, store: Store,
                                                                         window: MainWindow) -> None:
    person = store.save(Person(last_name="Gribaudo", first_name="Teresa"))
    record_consent(store, person.id, ConsentPurpose.SMS_REMINDERS)
    detail = open_card(window, person).detail
    assert detail.object_button.isVisibleTo(detail) and not detail.decide_button.isVisibleTo(detail)
    qtbot.mouseClick(detail.object_button, Qt.MouseButton.LeftButton)
    box = active_question(qtbot)
    assert "Gribaudo Teresa" in box.text() and "art. 21" in box.text()
    click_button(qtbot, box, "Registra l'opposizione")
    qtbot.waitUntil(lambda: not detail.edit_button.isEnabled())
    assert active_consent(store, person.id, ConsentPurpose.SMS_REMINDERS) is None
    assert "in attesa" in detail.facts.text() and "revocato" in detail.facts.text()
    assert detail.decide_button.isVisibleTo(detail) and not detail.object_button.isVisibleTo(detail)

    qtbot.mouseClick(detail.decide_button, Qt.MouseButton.LeftButton)
    click_button(qtbot, active_question(qtbot), "Respingi")
    answer_text(qtbot, "obbligo di legge: tutela in corso")
    qtbot.waitUntil(detail.edit_button.isEnabled)
    current = store.get(Person, person.id)
    assert current is not None and current.objection_outcome == "rejected" and not current.restricted


def test_the_notice_the_person_received_is_saved_as_a_pdf(qtbot: QtBot, store: Store, window: MainWindow,
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    person = store.save(Person(last_name="Gribaudo", first_name="Teresa", privacy_notice_on=date(2026, 1, 5),
                               notice_version=CURRENT_NOTICE.version))
    detail = open_card(window, person).detail
    assert CURRENT_NOTICE.version in detail.privacy_text()
    target = tmp_path / "informativa.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested, *a: target)  # the OS file dialog
    qtbot.mouseClick(detail.notice_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    assert target.read_bytes().startswith(b"%PDF")
    click_button(qtbot, active_question(qtbot), "OK")


def test_the_form_records_the_bases_the_notice_version_and_consents_with_their_way(
        qtbot: QtBot, store: Store, window: MainWindow) -> None:
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    page.new_person()
    form = page.form
    assert form.legal_basis.currentData() == "public_task" and form.special_basis.currentData() == "art9_2_g"
    assert "2-sexies" in form.special_basis.currentText()
    qtbot.keyClicks(form.last_name, "Gribaudo")
    qtbot.keyClicks(form.first_name, "Teresa")
    qtbot.mouseClick(form.privacy_today, Qt.MouseButton.LeftButton)
    assert form.notice_version.currentData() == CURRENT_NOTICE.version
    form.special_basis.setCurrentIndex(form.special_basis.findData("art9_2_b"))
    assert not form.consent_method.isEnabled()
    form.consent_sms.setChecked(True)
    assert form.consent_method.isEnabled()
    form.consent_method.setCurrentIndex(form.consent_method.findData("oral"))
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    person = store.get(Person, str(saved.args[0]))  # type: ignore[index]
    assert person is not None and person.special_category_basis == "art9_2_b"
    assert person.notice_version == CURRENT_NOTICE.version and person.privacy_notice_on == date.today()
    (consent,) = consents_of(store, person.id)
    assert consent.method == "oral" and consent.withdrawn_on is None and person.consent_sms

    form.edit(person)
    assert form.consent_sms.isChecked() and not form.consent_method.isEnabled()
    form.consent_sms.setChecked(False)
    with qtbot.waitSignal(form.saved):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    (withdrawn,) = consents_of(store, person.id)
    assert withdrawn.withdrawn_on == date.today()
