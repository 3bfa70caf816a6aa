"""The list on screen (Richieste, Invii, Scadenze) as a readable PDF table and as CSV for Excel."""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from desktop.services.demo import fill
from desktop.storage.store import Store
from tests.ui.conftest import wait_background
from ui import dialogs
from ui.list_page import ListPage
from ui.main_window import MainWindow


def _runs(pdf: Path) -> list[tuple[str, float, float, float]]:
    runs: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            scale = abs(cm[0]) * abs(tm[0]) if tm[0] else abs(cm[0])
            clean = " ".join(unicodedata.normalize("NFKC", text).split())  # ligatures like "fi"
            runs.append((clean, cm[0] * tm[4] + cm[4], cm[3] * tm[5] + cm[5], size * scale))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("key", ["requests", "referrals", "follow_ups"])
def test_list_exports_as_a_readable_pdf_table_and_csv_for_excel(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str
) -> None:
    fill(store, persons=25, seed=4)
    window.show_page(key)
    page = window.pages[key]
    assert isinstance(page, ListPage)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    wait_background(qtbot)
    model = page.view.model()
    assert model.rowCount() > 0
    # the button is on screen at 1366×768
    assert page.export_button.mapTo(window, QPoint(page.export_button.width(), 0)).x() <= window.width()

    target = tmp_path / "elenco.pdf"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *a, **k: target)
    assert page.export_pdf() == target
    reader = PdfReader(target)
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (842, 595)  # A4 landscape
    runs = _runs(target)
    first_row = [str(model.index(0, c).data() or "") for c in range(model.columnCount())]
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    assert all(any(r[0] == h for r in runs) for h in headers)  # every header whole, none cut or wrapped
    cells = [r for r in runs if r[0] and any(r[0] == " ".join(c.split()) for c in first_row if c)]
    assert cells and all(r[3] >= 9 for r in cells)  # readable
    assert all(0 <= r[1] < width and 0 <= r[2] < height for r in runs)  # nothing off the page
    assert max(r[1] for r in runs) > width / 2  # the columns spread across the page

    target = tmp_path / "elenco.csv"
    assert page.export_csv() == target
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its BOM
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0] == [str(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(model.columnCount())]
    assert len(rows) == model.rowCount() + 1 and rows[1] == first_row
    assert str(target) in window.statusBar().currentMessage()
