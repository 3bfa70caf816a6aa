"""Catalogo servizi, Richieste, Impostazioni, the municipality picker and the background helper."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.enums import RequestStatus
from desktop.domain.models import Person, Request
from desktop.queries.catalog import services_covering
from desktop.reference import municipalities
from desktop.services.demo import fill
from desktop.storage.store import Store
from ui.background import run_in_background
from ui.catalog_page import CatalogPage
from ui.main_window import PAGES, MainWindow
from ui.requests.requests_page import RequestsPage
from ui.settings_page import SettingsPage
from ui.widgets.municipality_picker import MunicipalityPicker


def test_sidebar_has_the_pages_and_more_can_be_added(qtbot: QtBot, window: MainWindow) -> None:
    labels = [window.sidebar.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(window.sidebar.count())]
    assert labels == ["Persone", "Richieste", "Invii", "Scadenze", "Catalogo servizi", "Sincronizzazione",
                      "Impostazioni"]
    assert [p.key for p in PAGES] == ["persons", "requests", "referrals", "follow_ups", "catalog", "sync",
                                      "settings"]
    from ui.pages import Page

    extra = Page(window.page_context)
    window.add_page("report", "Report", extra)
    qtbot.keyClick(window, Qt.Key.Key_8, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "report" and window.stack.currentWidget() is extra


def test_status_bar_names_desk_and_operator(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    text = window.statusBar().currentMessage()
    assert store.desk().name in text and store.current_operator().name in text
    window.statusBar().showMessage("Persona salvata.", 1)  # a notice, then the desk comes back
    qtbot.waitUntil(lambda: store.desk().name in window.statusBar().currentMessage())


def test_catalog_filters_by_category_kind_and_municipality(
    qtbot: QtBot, store: Store, window: MainWindow, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    page = window.pages["catalog"]
    assert isinstance(page, CatalogPage)
    qtbot.waitUntil(lambda: page.model.rowCount() == len(services_covering(store, None, None)))
    qtmodeltester.check(page.model)

    with qtbot.waitSignal(page.loaded):
        page.category.setCurrentIndex(page.category.findData("TRA"))
    with qtbot.waitSignal(page.loaded):
        qtbot.keyClicks(page.municipality, "Ceres")
    ceres = municipalities.lookup("Ceres")
    assert ceres is not None
    expected = services_covering(store, "TRA", ceres.code)
    assert [r["id"] for r in page.model.rows()] == [r["id"] for r in expected]
    assert all(ceres.code in json.loads(r["municipality_codes"]) for r in page.model.rows())

    kind = expected[0]["provider_kind"]
    with qtbot.waitSignal(page.loaded):
        page.kind.setCurrentIndex(page.kind.findData(kind))
    assert [r["id"] for r in page.model.rows()] == [r["id"] for r in expected if r["provider_kind"] == kind]
    assert expected[0]["name"] in page.detail.toPlainText()


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


def test_settings_save_desk_operator_language_and_show_the_data_folder(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    window.show_page("settings")
    assert page.data_folder.isReadOnly() and page.data_folder.text() == str(store.path.parent)
    assert page.language.currentData() == "it"
    page.desk_name.clear()
    qtbot.keyClicks(page.desk_name, "WPT Valli di Lanzo")
    page.desk_municipality.setFocus()
    qtbot.keyClicks(page.desk_municipality, "lanzo torin")
    popup = page.desk_municipality.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # pick the completion
    assert page.desk_municipality.text() == "Lanzo Torinese"
    page.operator_name.setFocus()
    page.operator_name.clear()
    qtbot.keyClicks(page.operator_name, "Giulia Operatrice")
    assert page.is_dirty()
    with qtbot.waitSignal(page.saved):
        qtbot.keyClick(page.operator_name, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    desk = store.desk()
    assert desk.name == "WPT Valli di Lanzo"
    assert desk.municipality_code == municipalities.lookup("Lanzo Torinese").code  # type: ignore[union-attr]
    assert store.current_operator().name == "Giulia Operatrice"
    assert store.setting("language") == "it"
    message = window.statusBar().currentMessage()
    assert "WPT Valli di Lanzo" in message and "Giulia Operatrice" in message
    assert not page.is_dirty()


@pytest.mark.parametrize("typed", ["loranze", "LORANZE'", "Loranzè"])
def test_municipality_picker_ignores_accents_and_case(qtbot: QtBot, typed: str) -> None:
    picker = MunicipalityPicker()
    qtbot.addWidget(picker)
    picker.show()
    if typed.isascii():
        qtbot.keyClicks(picker, typed)
    else:
        picker.setText(typed)  # QTest cannot type accented letters; an input method would
    assert picker.code() == municipalities.lookup("Loranzè").code  # type: ignore[union-attr]
    completer = picker.completer()
    completer.setCompletionPrefix(typed[:5])
    assert completer.currentCompletion() == "Loranzè"


def test_municipality_picker_offers_only_the_territory(qtbot: QtBot) -> None:
    picker = MunicipalityPicker()
    qtbot.addWidget(picker)
    assert picker.completer().model().rowCount() == len(municipalities.territory()) == 312
    picker.setText("Milano")
    assert picker.code() is None and not picker.is_valid()


def test_background_helper_delivers_result_and_error_on_the_gui_thread(qtbot: QtBot) -> None:
    from PySide6.QtCore import QThread

    gui = QThread.currentThread()
    results: list[object] = []
    op = run_in_background(None, lambda: 6 * 7)
    op.on_success(lambda r: results.append((r, QThread.currentThread() is gui))).run()
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("disco pieno")

    run_in_background(None, fail).on_error(errors.append).run()
    qtbot.waitUntil(lambda: bool(results and errors))
    assert results == [(42, True)]
    assert str(errors[0]) == "disco pieno"


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
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert store.count("request") == 0 and store.count("referral") == 0
    assert store.get(Request, request.id) is not None  # a tombstone, not a DELETE
    assert window.undo_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.row_of(request.id) >= 0)
    assert store.count("request") == 1 and store.count("referral") == 1
    assert store.get(Referral, referral.id) is not None


def test_catalog_sorts_dates_and_numbers_by_value(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    page = window.pages["catalog"]
    assert isinstance(page, CatalogPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.model.sort(4, Qt.SortOrder.DescendingOrder)
    counts = [int(page.model.index(r, 4).data()) for r in range(page.model.rowCount())]
    assert counts == sorted(counts, reverse=True)


def test_language_plumbing_loads_italian_and_refuses_a_missing_catalogue(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.i18n import available_languages, install_translators

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert available_languages()["it"] == "Italiano"
    assert install_translators(app, "it")
    assert not install_translators(app, "xx")  # no catalogue: the Italian texts stay (and Qt's are removed)
