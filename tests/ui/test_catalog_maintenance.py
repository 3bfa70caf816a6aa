"""Catalogo servizi maintenance in the app: a coordinator adds, edits and retires; an operator sees none of it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.models import Operator, Provider, Service
from desktop.domain.roles import Role
from desktop.operations.catalog import retire_service
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


def test_coordinator_adds_edits_and_retires_a_provider(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    page = _page(qtbot, window)
    qtbot.mouseClick(page.providers_button, Qt.MouseButton.LeftButton)
    dialog = page.providers_dialog
    qtbot.waitExposed(dialog)
    listed = dialog.model.rowCount()
    assert listed > 0 and dialog.edit_button.isEnabled()
    form = dialog.edit(None)
    qtbot.keyClicks(form.name, "Cooperativa Alpi Unite")
    qtbot.keyClicks(form.phone, "0123 456789")
    with qtbot.waitSignal(dialog.changed):
        qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert dialog.model.rowCount() == listed + 1
    provider_id = dialog.current_id()
    assert provider_id is not None and dialog.model.row(dialog.model.row_of(provider_id))["name"] == \
        "Cooperativa Alpi Unite"

    edit = dialog.edit(provider_id)
    assert edit.windowTitle() == "Modifica ente" and edit.phone.text() == "0123 456789"
    edit.phone.setText("0123 000111")
    with qtbot.waitSignal(dialog.changed):
        edit.accept()
    saved = store.get(Provider, provider_id)
    assert saved is not None and saved.phone == "0123 000111" and saved.name == "Cooperativa Alpi Unite"

    # A provider that still offers a live service is not retired: the dialog says why.
    busy = next(r for r in dialog.model.rows() if r["services"] > 0)
    dialog.table.selectRow(dialog.model.row_of(busy["id"]))
    dialog.ask_retire()
    click_button(qtbot, active_question(qtbot), "Ritira")
    qtbot.waitUntil(lambda: "Ritira prima" in dialog.error.text())
    assert not store.get(Provider, busy["id"]).deleted  # type: ignore[union-attr]
    for service in store.query("SELECT id FROM services WHERE provider_id = ? AND deleted = 0", (busy["id"],)):
        retire_service(store, service["id"])
    dialog.reload(busy["id"])
    dialog.ask_retire()
    with qtbot.waitSignal(dialog.changed):
        click_button(qtbot, active_question(qtbot), "Ritira")
    assert store.get(Provider, busy["id"]).deleted  # type: ignore[union-attr]
    assert dialog.model.row_of(busy["id"]) < 0
    dialog.close()


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
