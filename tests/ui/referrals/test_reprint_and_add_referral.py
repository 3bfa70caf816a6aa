"""After the wizard: the slip again (Ctrl+P) and one more referral (Ctrl+I), from Invii and the timeline."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person, Referral, Request
from desktop.queries.catalog import services_covering
from desktop.storage.store import Store
from tests.helpers.ui import open_referrals
from tests.ui.conftest import wait_background
from ui import dialogs
from ui.main_window import MainWindow
from ui.referrals.slip_actions import AddReferralDialog


def _referral(store: Store) -> tuple[Person, Referral]:
    person = store.save(Person(last_name="Chiabrera", first_name="Lucia", municipality_code="Ceres"))
    request = store.save(Request(person_id=person.id, category="TRA", desk_id=store.desk_id))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    return person, store.save(Referral(request_id=request.id, service_id=service["id"]))


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_invii_reprints_the_selected_slip_with_ctrl_p(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _person, referral = _referral(store)
    target = tmp_path / "di-nuovo.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested, *a: target)
    page = open_referrals(qtbot, window)
    assert page.select(referral.id)
    page.view.setFocus()

    qtbot.keyClick(page.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)

    assert "Chiabrera Lucia" in _pdf_text(target)
    assert str(target) in window.statusBar().currentMessage()


def test_invii_adds_a_referral_to_the_same_request(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    _person, referral = _referral(store)
    page = open_referrals(qtbot, window)
    assert page.select(referral.id)
    page.view.setFocus()

    qtbot.keyClick(page.view, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AddReferralDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AddReferralDialog)
    assert "Chiabrera Lucia" in dialog.windowTitle()
    qtbot.keyClick(dialog.services, Qt.Key.Key_Return)  # nothing ticked: said, nothing written
    assert "spuntato" in dialog.error.text()
    dialog.services.setCurrentRow(dialog.services.count() - 1)
    qtbot.keyClick(dialog.services, Qt.Key.Key_Space)
    chosen = dialog.services.chosen()
    assert len(chosen) == 1
    with qtbot.waitSignal(dialog.added):
        qtbot.keyClick(dialog.services, Qt.Key.Key_Return)

    rows = store.query("SELECT service_id FROM referrals WHERE request_id = ? AND deleted = 0",
                       (referral.request_id,))
    assert sorted(r["service_id"] for r in rows) == sorted([referral.service_id, chosen[0]])


def test_timeline_reprints_a_referral_and_adds_one_to_its_request(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    person, referral = _referral(store)
    target = tmp_path / "dalla-cronologia.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested, *a: target)
    window.open_person(person.id)
    detail = window.persons_page.detail
    qtbot.waitUntil(lambda: detail.timeline_model.rowCount() >= 2)
    row = next(i for i in range(detail.timeline_model.rowCount())
               if detail.timeline_model.row(i)["subject_kind"] == "referral")
    detail.timeline.selectRow(row)
    detail.timeline.setFocus()

    qtbot.keyClick(detail.timeline, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert "Chiabrera Lucia" in _pdf_text(target)

    qtbot.keyClick(detail.timeline, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), AddReferralDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AddReferralDialog) and dialog.request.id == referral.request_id
    qtbot.keyClick(dialog.services, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.added):
        qtbot.keyClick(dialog.services, Qt.Key.Key_Return)
    wait_background(qtbot)
    count = store.query("SELECT count(*) AS n FROM referrals WHERE request_id = ? AND deleted = 0",
                        (referral.request_id,))[0]["n"]
    assert count == 2
    assert "invii" in window.statusBar().currentMessage() or "invio" in window.statusBar().currentMessage()


def test_wizard_service_lines_show_hours_and_access_without_eliding(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    person, referral = _referral(store)
    dialog = AddReferralDialog(store, "referral", referral.id, window)
    dialog.show()
    qtbot.waitExposed(dialog)
    services = dialog.services
    assert services.count() > 0
    for i in range(services.count()):
        item = services.item(i)
        lines = item.text().split("\n")
        assert len(lines) == 2 and ("Orari" in lines[1] or "Accesso" in lines[1] or "non indicati" in lines[1])
        rect = services.visualItemRect(item)
        metrics = services.fontMetrics()
        # every line fits in the row's width (wrapped rows grow in height, nothing is cut)
        assert rect.height() >= 2 * metrics.height()
    dialog.reject()
