"""The Catalogo servizi page: filters, sorting, the service card."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.queries.catalog import services_covering
from desktop.reference import municipalities
from desktop.storage.store import Store
from ui.catalog_page import CatalogPage
from ui.main_window import MainWindow


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


def test_catalog_sorts_dates_and_numbers_by_value(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    page = window.pages["catalog"]
    assert isinstance(page, CatalogPage)
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    page.model.sort(4, Qt.SortOrder.DescendingOrder)
    counts = [int(page.model.index(r, 4).data()) for r in range(page.model.rowCount())]
    assert counts == sorted(counts, reverse=True)
