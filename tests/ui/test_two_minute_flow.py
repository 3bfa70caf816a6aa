"""The two-minute flow of the product brief, with the keyboard alone, from the window opening to the slip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import shiboken6
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.models import Referral, Request
from desktop.queries.catalog import services_covering
from desktop.queries.persons import find_by_fiscal_code
from desktop.services.demo import fill
from desktop.storage.store import Store
from tests.helpers.people import fiscal_code
from ui import dialogs
from ui.main_window import MainWindow
from ui.requests.new_request import NewRequestWizard


def test_new_person_need_referral_and_slip_with_the_keyboard_alone(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(store, persons=20, seed=21)
    window.persons_model.refresh()
    code = fiscal_code("Perotti", "Michele", "M", date(1936, 4, 2), "C639")
    page = window.persons_page
    form = page.form

    # The window opens with the cursor in the search: the person is not there yet.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.search)
    qtbot.keyClicks(window.search, code)
    qtbot.waitUntil(lambda: not window.persons_model.is_loading() and window.persons_model.rowCount() == 0)

    # Ctrl+N: the form starts from the typed CF, birth data are already filled.
    qtbot.keyClick(window.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.fiscal_code)
    assert form.birth_date.text() == "02/04/1936" and form.birthplace.text() == "Chiomonte"
    qtbot.keyClick(form.fiscal_code, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Perotti")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Michele")
    for _ in range(4):  # birth date, sex, birthplace are filled: on to the municipality of residence
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.municipality
    qtbot.keyClicks(form.municipality, "Chiomonte")
    qtbot.keyClick(form.municipality.completer().popup(), Qt.Key.Key_Return)  # close the suggestions
    qtbot.keyClick(form.municipality, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.detail)
    person = find_by_fiscal_code(store, code)
    assert person is not None and person.municipality_code == "C639"

    # Ctrl+R: the need, the services covering Chiomonte, the referral.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), NewRequestWizard))
    wizard = QApplication.activeModalWidget()
    assert isinstance(wizard, NewRequestWizard)
    qtbot.waitUntil(wizard.need.category.hasFocus)
    qtbot.keyClicks(wizard.need.category, "DIG")
    qtbot.keyClick(wizard.need.category, Qt.Key.Key_Tab)
    qtbot.keyClicks(QApplication.focusWidget(), "Attivare lo SPID")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.services and wizard.services.services.hasFocus())
    covering = services_covering(store, "DIG", "C639")
    assert wizard.services.services.count() == len(covering) > 0
    qtbot.keyClick(wizard.services.services, Qt.Key.Key_Space)
    qtbot.keyClick(wizard.services.services, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.slip and wizard.slip.save_button.hasFocus())

    # Ctrl+S: the slip, as a PDF with the person and the service.
    target = tmp_path / "scheda.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested, *a: target)
    with qtbot.waitSignal(wizard.slips_written):
        qtbot.keyClick(wizard.slip.save_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(target).pages).split())
    assert "Perotti Michele" in text and " ".join(covering[0]["name"].split()) in text

    request = store.get(Request, wizard.request_id or "")
    assert request is not None and request.person_id == person.id and request.description == "Attivare lo SPID"
    referral = store.get(Referral, wizard.referral_ids[0])
    assert referral is not None and referral.service_id == covering[0]["id"]
    qtbot.keyClick(wizard.slip.save_button, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # Fine
    qtbot.waitUntil(lambda: not shiboken6.isValid(wizard) or not wizard.isVisible())
