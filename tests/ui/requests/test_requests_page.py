"""The Richieste page: filters, status changes, soft deletion with undo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.enums import RequestStatus
from desktop.domain.models import Person, Request
from desktop.queries.catalog import services_covering
from desktop.services.demo import fill
from desktop.storage.store import Store
from tests.helpers.ui import active_question, click_button
from ui.main_window import MainWindow
from ui.requests.requests_page import RequestsPage


def test_requests_list_filters_by_status(
    qtbot: QtBot, store: Store, window: MainWindow, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    fill(store, persons=15, seed=8)
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    page.model.refresh()
    qtmodeltester.check(page.model)
    page.model.fetch_all()
    assert page.model.rowCount() == store.count("request")
    page.status.setCurrentIndex(page.status.findData(RequestStatus.REFERRED.value))
    qtbot.waitUntil(lambda: not page.model.is_loading())
    page.model.fetch_all()
    expected = store.scalar("SELECT count(*) FROM requests WHERE deleted = 0 AND status = ?",
                            (RequestStatus.REFERRED.value,))
    assert page.model.rowCount() == expected
    page.model.sort(1, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(page.model)


def test_request_status_change_with_reason(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    person = store.save(Person(last_name="Bruno", first_name="Ada"))
    request = store.save(Request(person_id=person.id, category="DIG"))
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    page.model.refresh()
    page.view.selectRow(page.model.row_of(request.id))
    dialog = page.change_status()
    assert dialog is not None
    dialog.choose(RequestStatus.CLOSED_RESOLVED.value)
    qtbot.keyClicks(dialog.reason, "SPID attivato allo sportello")
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    saved = store.get(Request, request.id)
    assert saved is not None and saved.status == RequestStatus.CLOSED_RESOLVED
    reason = store.scalar("SELECT reason FROM status_changes WHERE subject_id = ? ORDER BY seq DESC", (request.id,))
    assert reason == "SPID attivato allo sportello"


def test_deleting_a_request_is_soft_and_undone(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    from desktop.domain.models import Referral

    person = store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))
    request = store.save(Request(person_id=person.id, category="TRA"))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    referral = store.save(Referral(request_id=request.id, service_id=service["id"]))
    window.show_page("requests")
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    page.model.refresh()
    page.view.selectRow(page.model.row_of(request.id))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    box = active_question(qtbot)  # the request has a referral: the operator is asked, naming it
    assert "1 invio" in box.text() and store.count("request") == 1
    click_button(qtbot, box, "Elimina")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert store.count("request") == 0 and store.count("referral") == 0
    assert store.get(Request, request.id) is not None  # a tombstone, not a DELETE
    assert window.undo_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.row_of(request.id) >= 0)
    assert store.count("request") == 1 and store.count("referral") == 1
    assert store.get(Referral, referral.id) is not None
