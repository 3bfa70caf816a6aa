"""The Report page: last month's indicators as charts with text equivalents and tables, and the PDF it saves."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.services.demo import fill
from desktop.storage.store import Store
from tests.helpers.pdf_text import off_the_page, words
from tests.ui.conftest import wait_background
from ui import background, i18n
from ui.main_window import MainWindow
from ui.reports.chart_view import ChartView
from ui.reports.report_page import LAST_MONTH, THIS_YEAR, ReportPage


def _page(qtbot: QtBot, window: MainWindow) -> ReportPage:
    window.show_page("report")
    page = window.pages["report"]
    assert isinstance(page, ReportPage)
    wait_background(qtbot)
    return page


def test_last_month_shows_the_figures_as_charts_with_text_and_tables(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    fill(store, persons=120, seed=3)
    page = _page(qtbot, window)
    with qtbot.waitSignal(page.updated, timeout=10_000):
        page.choose(LAST_MONTH)
    end = date.today().replace(day=1) - timedelta(days=1)
    assert page.selected_period().start == end.replace(day=1) and page.selected_period().end == end
    assert page.computed is not None  # how long it takes: make bench-report
    figures = page.computed.raw.figures
    assert page.key_values[2].text() == str(page.figures()["requests"]["total"])

    categories = page.sections[("requests", "by_category")]
    assert isinstance(categories.chart, ChartView)
    description = categories.chart.accessibleDescription()
    assert description.startswith("Richieste per categoria di bisogno:")
    assert "Trasporto e mobilità" in description
    assert categories.table.rowCount() == 12
    assert categories.table.accessibleName() == "Tabella: Richieste per categoria di bisogno"
    funnel = page.sections[("referrals", "funnel")].chart
    assert funnel.kind == "funnel" and "Proposto" in funnel.accessibleDescription()
    assert page.sections[("requests", "by_month")].chart.kind == "line"
    # Small counts are hidden on screen by default, as they will be in the PDF; unticking shows them.
    shown = [categories.table.item(i, 1).text() for i in range(12)]
    raw = [str(v) for v in figures["requests"]["by_category"].values()]
    assert all(s == r or s in ("<3", "n.d.") for s, r in zip(shown, raw, strict=True))
    page.protect.setChecked(False)
    assert [categories.table.item(i, 1).text() for i in range(12)] == raw


def test_the_page_saves_the_protected_pdf_and_draws_its_charts(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path
) -> None:
    fill(store, persons=60, seed=5)
    page = _page(qtbot, window)
    path = tmp_path / "report.pdf"
    page.save_pdf(path)
    wait_background(qtbot)
    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "Report dello sportello WPT" in text and "Tutela della riservatezza" in text
    grab = page.sections[("requests", "by_category")].chart.grab()
    assert not grab.isNull() and grab.width() > 200


def test_in_english_the_page_and_the_pdf_and_csv_it_saves_are_english(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    """The operator's language reaches the core's texts: the charts' descriptions, the tables, the
    saved PDF (whole on its pages) and CSV."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    fill(store, persons=60, seed=5)
    assert i18n.install_translators(app, "en")
    window = MainWindow(store)
    try:
        window.resize(1366, 768)
        window.show()
        page = _page(qtbot, window)
        with qtbot.waitSignal(page.updated, timeout=10_000):
            page.choose(THIS_YEAR)
        categories = page.sections[("requests", "by_category")]
        assert categories.chart.accessibleDescription().startswith("Requests by category of need:")
        assert "Transport and mobility" in categories.chart.accessibleDescription()
        funnel = page.sections[("referrals", "funnel")]
        assert funnel.table.item(0, 0).text() == "Proposed"
        assert page.note.text().startswith("Confidentiality:")
        page.save_pdf(tmp_path / "report.pdf")
        page.save_csv(tmp_path / "report.csv")
        wait_background(qtbot)
    finally:
        window._closing_confirmed = True
        window.close()
        background.wait_idle()
        i18n.install_translators(app, "it")
    text = words(tmp_path / "report.pdf")
    assert "WPT desk report" in text and "Key figures" in text and "Requests by month" in text
    assert "Indicatori principali" not in text and "Richieste per mese" not in text
    assert off_the_page(tmp_path / "report.pdf") == []
    csv = (tmp_path / "report.csv").read_text(encoding="utf-8-sig").splitlines()
    assert csv[0] == "section;item;value" and any(r.startswith("Referral funnel;Proposed;") for r in csv)
