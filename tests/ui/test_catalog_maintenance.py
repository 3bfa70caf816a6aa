"""Catalogo servizi maintenance in the app: a coordinator adds, edits and retires; an operator sees none of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.models import Operator, Service
from desktop.domain.roles import Role
from desktop.queries.catalog import services_covering
from desktop.storage import sync_tables
from desktop.storage.store import Store
from tests.helpers.ui import active_question, click_button
from tests.ui.conftest import wait_background
from ui.catalog_page import CatalogPage
from ui.main_window import MainWindow


def _page(qtbot: QtBot, window: MainWindow) -> CatalogPage:
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    page = window.pages["catalog"]
    assert isinstance(page, CatalogPage)
    return page


def test_coordinator_adds_edits_and_retires_a_service_from_the_catalog_page(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    assert page.maintenance.isVisible()
    outbox = sync_tables.outbox_count(store)
    form = page.edit_service(None)
    qtbot.keyClicks(form.name, "Trasporto sociale Valli")
    form.category.setCurrentIndex(form.category.findData("TRA"))
    qtbot.keyClicks(form.hours, "lun-ven 8-12")
    qtbot.keyClicks(form.municipalities, "Ceres, Nessunluogo")
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert "Nessunluogo" in form.error.text()  # said in the form, nothing saved
    form.municipalities.setText("Ceres")
    with qtbot.waitSignal(form.saved) as saved:
        qtbot.keyClick(form.name, Qt.Key.Key_Return)
    service_id = saved.args[0]
    service = store.get(Service, service_id)
    assert service is not None and service.hours == "lun-ven 8-12" and service.municipality_codes
    assert any(s["id"] == service_id for s in services_covering(store, "TRA", service.municipality_codes[0]))
    assert sync_tables.outbox_count(store) > outbox  # goes to the server with the next sync

    wait_background(qtbot)
    qtbot.waitUntil(lambda: page.model.row_of(service_id) >= 0)
    page.view.selectRow(page.model.row_of(service_id))
    edit = page.edit_service(page.current_id())
    assert edit.name.text() == "Trasporto sociale Valli"
    edit.hours.setText("lun-sab 8-13")
    with qtbot.waitSignal(edit.saved):
        edit.accept()
    assert store.get(Service, service_id).hours == "lun-sab 8-13"  # type: ignore[union-attr]

    wait_background(qtbot)
    qtbot.waitUntil(lambda: page.model.row_of(service_id) >= 0)
    page.view.selectRow(page.model.row_of(service_id))
    page.retire_current()
    click_button(qtbot, active_question(qtbot), "Ritira")
    qtbot.waitUntil(lambda: store.get(Service, service_id).deleted)  # type: ignore[union-attr]


def test_an_operator_sees_no_maintenance(qtbot: QtBot, store: Store) -> None:
    operator = store.save(Operator(name="Sportellista", role=Role.OPERATOR, desk_id=store.desk_id))
    store.sign_in(operator)
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    page = _page(qtbot, window)
    assert not page.maintenance.isVisible()
    window._closing_confirmed = True
    window.close()
    wait_background(qtbot)
