"""The UI scales with the system font size up to 200 % at 1366×768: on every page, no label or button
is cut (its text fits its width) unless a scroll area lets the operator reach it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.storage.store import Store
from tests.ui.conftest import wait_background
from ui import background, i18n
from ui.main_window import PAGES, MainWindow
from ui.widgets.bar import ScrollingBar


@contextmanager
def scaled_font(factor: float) -> Iterator[float]:
    """The application's font ``factor`` times the system's (its point size), as a user's setting would."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    font = QFont(before)
    font.setPointSizeF(before.pointSizeF() * factor)
    app.setFont(font)
    try:
        yield font.pointSizeF()
    finally:
        app.setFont(before)


@pytest.fixture
def doubled(qtbot: QtBot) -> Iterator[float]:
    with scaled_font(2) as size:
        yield size


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _cut(root: QWidget) -> list[str]:
    cut = []
    for widget in [*root.findChildren(QLabel), *root.findChildren(QAbstractButton)]:
        if not widget.isVisible() or _in_scroll_area(widget) or not widget.text():
            continue
        if isinstance(widget, QLabel) and (widget.wordWrap() or widget.textFormat() == widget.textFormat().RichText):
            needed = widget.heightForWidth(widget.width()) if widget.wordWrap() else widget.sizeHint().height()
            if needed > widget.height() + 2:
                cut.append(f"{type(widget).__name__}«{widget.text()[:40]}» {needed}>{widget.height()}")
            continue
        text = widget.text().replace("&", "").split("\n")
        needed = max(widget.fontMetrics().horizontalAdvance(line) for line in text)
        if needed > widget.contentsRect().width():
            cut.append(f"{type(widget).__name__}«{widget.text()[:40]}» {needed}>{widget.contentsRect().width()}")
    return cut


@pytest.fixture(params=["it", "en"])
def language(request: pytest.FixtureRequest, qtbot: QtBot) -> Iterator[str]:
    """Each page in Italian and in English (English texts are often longer)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert i18n.install_translators(app, request.param)
    yield request.param
    i18n.install_translators(app, "it")


@pytest.mark.parametrize("key", [page.key for page in PAGES])
def test_every_page_fits_at_twice_the_font_size(
    qtbot: QtBot, store: Store, language: str, doubled: float, key: str
) -> None:
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    try:
        window.show_page(key)
        wait_background(qtbot)
        assert window.font().pointSizeF() == doubled
        assert _cut(window) == []
    finally:
        window._closing_confirmed = True
        window.close()
        background.wait_idle()


def _bars_cut(window: MainWindow) -> list[str]:
    """Controls of a visible scrolling bar laid out taller than the bar shows them."""
    cut = []
    for bar in window.findChildren(ScrollingBar):
        inner = bar.widget()
        if not bar.isVisible() or inner is None:
            continue
        for child in inner.findChildren(QWidget):
            below = child.geometry().bottom() >= bar.viewport().height()
            if child.isVisible() and child.parentWidget() is inner and below:
                cut.append(f"{type(child).__name__} {child.geometry()} below {bar.viewport().height()}")
    return cut


def test_the_person_card_and_the_bars_fit_at_one_and_a_half_times_the_font_size(
    qtbot: QtBot, store: Store, language: str
) -> None:
    """Walked as an operator goes (the person card, then each list): the card's buttons are whole, and a
    bar laid out while its page was hidden shows its row whole (it was drawn lower, cut at the bottom)."""
    with scaled_font(1.5):
        person = store.save(Person(last_name="Chiabrera", first_name="Lucia", municipality_code="Ceres"))
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        try:
            window.open_person(person.id)
            qtbot.waitUntil(lambda: window.persons_page.stack.currentWidget() is window.persons_page.detail)
            wait_background(qtbot)
            assert _cut(window) == []
            for key in ("requests", "referrals", "follow_ups", "catalog"):
                window.show_page(key)
                wait_background(qtbot)
                assert _bars_cut(window) == [], key
        finally:
            window._closing_confirmed = True
            window.close()
            background.wait_idle()
