"""The two-minute flow's second half: Nuova richiesta → services covering the municipality → PDF slip."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from desktop.domain.enums import RequestStatus
from desktop.domain.models import Person, Referral, Request
from desktop.queries.catalog import services_covering
from desktop.storage.store import Store
from tests.helpers.ui import active_question, click_button
from ui import dialogs
from ui.main_window import MainWindow
from ui.persons.persons_page import PersonsPage
from ui.requests.new_request import NewRequestWizard


def test_new_request_from_the_search_creates_request_referral_and_slip(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = store.save(Person(last_name="Chiabrera", first_name="Lucia", municipality_code="Ceres"))
    covering = services_covering(store, "TRA", person.municipality_code)
    assert covering, "the sample catalog covers Ceres for transport"
    window.persons_model.refresh()

    # Find the person, open her with Enter, Ctrl+R for a new request.
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search, "chiab")
    qtbot.waitUntil(lambda: window.persons_model.rowCount() == 1)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.detail)
    qtbot.keyClick(page.detail.new_request_button, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewRequestWizard))
    wizard = QApplication.activeModalWidget()
    assert isinstance(wizard, NewRequestWizard)

    # Page 1: the need, typed.
    need = wizard.need
    qtbot.waitUntil(need.category.hasFocus)
    qtbot.keyClicks(need.category, "TRA")
    assert need.category.currentData() == "TRA"
    qtbot.keyClick(need.category, Qt.Key.Key_Tab)
    qtbot.keyClicks(need.description, "Accompagnamento a visita cardiologica")
    qtbot.keyClick(need.description, Qt.Key.Key_Return)

    # Page 2: the services of that category covering Ceres; space ticks the first.
    services = wizard.services
    qtbot.waitUntil(lambda: wizard.currentPage() is services)
    assert services.services.count() == len(covering)
    listed = [services.services.item(i).text() for i in range(services.services.count())]
    assert all(any(row["name"] in text for text in listed) for row in covering)
    qtbot.waitUntil(services.services.hasFocus)
    qtbot.keyClick(services.services, Qt.Key.Key_Space)
    assert services.chosen() == [covering[0]["id"]]
    qtbot.keyClick(services.services, Qt.Key.Key_Return)

    # Page 3: the slip. Save as PDF where the operator says.
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.slip)
    requests = store.query("SELECT id FROM requests WHERE person_id = ?", (person.id,))
    assert len(requests) == 1
    request = store.get(Request, requests[0]["id"])
    assert request is not None
    assert (request.category, request.description) == ("TRA", "Accompagnamento a visita cardiologica")
    assert request.status == RequestStatus.REFERRED
    referrals = store.query("SELECT id FROM referrals WHERE request_id = ?", (request.id,))
    assert [r["id"] for r in referrals] == wizard.referral_ids
    referral = store.get(Referral, referrals[0]["id"])
    assert referral is not None and referral.service_id == covering[0]["id"]
    assert referral.follow_up_on is not None

    target = tmp_path / "scheda.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested, *a: target)
    with qtbot.waitSignal(wizard.slips_written):
        qtbot.keyClick(wizard.slip.save_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(target).pages).split())
    assert "Chiabrera Lucia" in text
    assert " ".join(covering[0]["name"].split()) in text

    wizard.button(QWizard.WizardButton.FinishButton).click()
    # The person's timeline shows the request and the referral.
    qtbot.waitUntil(lambda: page.detail.timeline_model.rowCount() >= 2)
    kinds = {page.detail.timeline_model.row(i)["kind"] for i in range(page.detail.timeline_model.rowCount())}
    assert {"request", "referral"} <= kinds


def test_no_service_chosen_leaves_the_request_open(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    person = store.save(Person(last_name="Rosso", first_name="Piero", municipality_code="Ceres"))
    window.new_request(person.id)
    wizard = window.new_request_wizard
    qtbot.waitUntil(wizard.isVisible)
    wizard.need.category.setCurrentIndex(wizard.need.category.findData("DIG"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.services)
    assert wizard.services.services.count() > 0
    wizard.next()  # nothing ticked: the wizard asks first
    click_button(qtbot, active_question(qtbot), "Registra senza invii")
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.slip)
    assert wizard.referral_ids == []
    request = store.get(Request, wizard.request_id or "")
    assert request is not None and request.status == RequestStatus.OPEN
    assert not wizard.slip.save_button.isEnabled()
    wizard.close()


def test_print_without_a_printer_says_to_save_the_pdf(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    from PySide6.QtPrintSupport import QPrinterInfo

    if QPrinterInfo.availablePrinters():
        pytest.skip("this machine has a printer: the print dialog would open")
    person = store.save(Person(last_name="Rosso", first_name="Piero", municipality_code="Ceres"))
    window.new_request(person.id)
    wizard = window.new_request_wizard
    wizard.need.category.setCurrentIndex(wizard.need.category.findData("TRA"))
    wizard.next()
    wizard.services.check(wizard.services.services.item(0).data(Qt.ItemDataRole.UserRole))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.slip and wizard.isActiveWindow())
    qtbot.keyClick(wizard.slip.print_button, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "Salva PDF" in wizard.slip.result.text()
    wizard.close()


def test_ctrl_r_on_the_persons_list_opens_the_request_for_the_selected_person(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    first = store.save(Person(last_name="Abbà", first_name="Rina"))
    second = store.save(Person(last_name="Zola", first_name="Ugo"))
    page = window.persons_page
    page.model.refresh()
    page.show_list()
    page.view.selectRow(page.model.row_of(second.id))
    qtbot.keyClick(page.view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewRequestWizard))
    wizard = QApplication.activeModalWidget()
    assert isinstance(wizard, NewRequestWizard) and wizard.person.id == second.id != first.id
    wizard.close()


def _to_services(qtbot: QtBot, store: Store, window: MainWindow) -> NewRequestWizard:
    person = store.save(Person(last_name="Rosso", first_name="Piero", municipality_code="Ceres"))
    window.new_request(person.id)
    wizard = window.new_request_wizard
    qtbot.waitUntil(wizard.isVisible)
    wizard.need.category.setCurrentIndex(wizard.need.category.findData("TRA"))
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.services and wizard.services.services.hasFocus())
    return wizard


def test_enter_on_an_unticked_service_asks_and_esc_goes_back_to_the_services(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    wizard = _to_services(qtbot, store, window)
    qtbot.keyClick(wizard.services.services, Qt.Key.Key_Return)  # the first row is highlighted, not ticked
    box = active_question(qtbot)
    assert "Nessun servizio" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # the safe answer: back to choose one
    qtbot.waitUntil(lambda: not box.isVisible())
    assert wizard.currentPage() is wizard.services and store.count("request") == 0
    qtbot.keyClick(wizard.services.services, Qt.Key.Key_Space)
    qtbot.keyClick(wizard.services.services, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.slip)
    assert len(wizard.referral_ids) == 1 and store.count("referral") == 1
    wizard.done(0)


def test_esc_on_the_slip_asks_and_enter_after_saving_closes(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wizard = _to_services(qtbot, store, window)
    qtbot.keyClick(wizard.services.services, Qt.Key.Key_Space)
    qtbot.keyClick(wizard.services.services, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.slip and wizard.slip.save_button.hasFocus())

    qtbot.keyClick(wizard.slip.save_button, Qt.Key.Key_Escape)  # no slip yet: the wizard asks
    box = active_question(qtbot)
    assert "scheda di invio non è stata salvata" in box.text()
    click_button(qtbot, box, "Torna alla scheda")
    qtbot.waitUntil(lambda: not box.isVisible())
    assert wizard.isVisible()

    asked: list[Path] = []
    target = tmp_path / "scheda.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested, *a: asked.append(target) or target)
    with qtbot.waitSignal(wizard.slips_written):
        qtbot.keyClick(wizard.slip.save_button, Qt.Key.Key_Return)
    assert asked == [target] and target.exists()
    focused = QApplication.focusWidget()
    assert focused is wizard.button(QWizard.WizardButton.FinishButton)
    qtbot.keyClick(focused, Qt.Key.Key_Return)  # "Invio per chiudere": closes, no second save dialog
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizard) or not wizard.isVisible())
    assert asked == [target]
