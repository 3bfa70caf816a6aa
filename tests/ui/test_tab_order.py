"""The Tab key reaches every control of every page and dialog, in reading order, and never a hidden one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person, Referral, Request
from desktop.queries.catalog import services_covering
from desktop.storage.opening import desk_state
from desktop.storage.store import Store
from tests.helpers.desks import ADMIN, set_up
from tests.ui.conftest import wait_background
from ui.login import LoginDialog, RecoveryKeyDialog, SetUpDialog
from ui.main_window import PAGES, MainWindow
from ui.operators_page import PasswordDialog
from ui.referrals.status_dialog import StatusDialog
from ui.requests.note_dialog import NoteDialog

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractItemView,
               QAbstractSpinBox)
SLACK = 4  # pixels: widgets of one layout row may differ by a frame


def _reachable(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.isEnabled() and widget.window() is root


def tab_chain(root: QWidget) -> list[QWidget]:
    """The widgets Tab visits in ``root``, in order: Qt's own rule (the focus chain, keeping the visible,
    enabled widgets of this window that take focus by Tab). The chain is a ring; it is read from the
    control first in reading order (top left), where an operator starts."""
    chain: list[QWidget] = []
    widget = root.nextInFocusChain()
    while widget is not root and widget not in chain:
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus and _reachable(widget, root) \
                and widget.focusProxy() is None:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    if not chain:
        return chain
    first = min(chain, key=lambda w: (_rect(w, root).top() // 8, _rect(w, root).left()))
    at = chain.index(first)
    return chain[at:] + chain[:at]


def _controls(root: QWidget) -> list[QWidget]:
    """The controls an operator must be able to reach with the keyboard (the line edit of an editable combo
    and the buttons inside a spin box or a scroll bar belong to their owner)."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not _reachable(widget, root):
            continue
        if isinstance(widget, QHeaderView) or isinstance(widget.parent(), (QComboBox, QAbstractSpinBox, QLineEdit)) \
                or widget.focusProxy() is not None:
            continue
        if widget.objectName().startswith("qt_") or type(widget).__name__ == "QToolButton" and \
                isinstance(widget.parent(), QAbstractItemView):
            continue
        found.append(widget)
    return found


def _rect(widget: QWidget, root: QWidget) -> QRect:
    """Where ``widget`` is on screen; inside a scroll area, where it shows once scrolled to (its part in
    the area, or the area's top or bottom edge)."""
    rect = QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QScrollArea) and parent.isAncestorOf(widget):
            view = QRect(parent.viewport().mapTo(root, parent.viewport().rect().topLeft()),
                         parent.viewport().size())
            shown = rect.intersected(view)
            if shown.isEmpty():
                edge = view.bottom() if rect.top() > view.bottom() else view.top()
                shown = QRect(rect.left(), edge, rect.width(), 1)
            rect = shown
        parent = parent.parentWidget()
    return rect


def _name(widget: QWidget) -> str:
    text = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
    return f"{type(widget).__name__}({text or widget.objectName()}) in {type(widget.parentWidget()).__name__}"


def out_of_order(chain: list[QWidget], root: QWidget) -> list[str]:
    """Steps of the chain that go against reading order: back up to a row wholly above (unless the step
    starts a column to the right) or back left within one row."""
    wrong = []
    for before, after in zip(chain, chain[1:], strict=False):
        if before.isAncestorOf(after) or after.isAncestorOf(before):
            continue  # a scroll area and what it scrolls
        a, b = _rect(before, root), _rect(after, root)
        above = b.bottom() + SLACK < a.top()
        new_column = b.left() + SLACK >= a.right()
        same_row = not above and not (b.top() > a.bottom() - SLACK)
        leftwards = b.right() - SLACK <= a.left()
        if (above and not new_column) or (same_row and leftwards):
            wrong.append(f"{_name(before)}{a.getRect()} -> {_name(after)}{b.getRect()}")
    return wrong


def check(qtbot: QtBot, root: QWidget) -> None:
    """Every control reached, in reading order; pressing Tab through the chain never lands on a hidden
    widget and comes back round."""
    QApplication.processEvents()
    chain = tab_chain(root)
    missed = [_name(w) for w in _controls(root) if w not in chain]
    assert missed == [], f"not reached by Tab in {type(root).__name__}: {missed}"
    wrong = out_of_order(chain, root)
    assert wrong == [], f"out of reading order in {type(root).__name__}: {wrong}"
    root.activateWindow()
    chain[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is chain[0])
    visited = []
    for _ in range(len(chain)):
        focused = QApplication.focusWidget()
        assert focused is not None and focused.isVisible(), f"focus escaped to a hidden widget in {root}"
        visited.append(focused)
        root.focusNextChild()  # what the Tab key does, also from a table (whose own Tab walks its cells)
    assert [_name(w) for w in visited] == [_name(w) for w in chain]


@pytest.fixture
def person(store: Store) -> Iterator[Person]:
    yield store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))


@pytest.mark.parametrize("key", [page.key for page in PAGES])
def test_every_page_is_walked_in_reading_order(qtbot: QtBot, store: Store, window: MainWindow, key: str) -> None:
    window.show_page(key)
    wait_background(qtbot)
    check(qtbot, window)


def test_the_person_card_and_form_are_walked_in_reading_order(
    qtbot: QtBot, store: Store, window: MainWindow, person: Person
) -> None:
    window.open_person(person.id)
    wait_background(qtbot)
    check(qtbot, window)
    window.persons_page.edit_person(person.id)
    wait_background(qtbot)
    check(qtbot, window)


def test_the_new_request_wizard_is_walked_in_reading_order(
    qtbot: QtBot, store: Store, window: MainWindow, person: Person
) -> None:
    window.new_request(person.id)
    wizard = window.new_request_wizard
    qtbot.waitExposed(wizard)
    check(qtbot, wizard)
    wizard.close()


def _dialogs(store: Store, window: MainWindow, person: Person) -> Iterator[QDialog]:
    request = store.save(Request(person_id=person.id, category="TRA", desk_id=store.desk_id))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    referral = store.save(Referral(request_id=request.id, service_id=service["id"]))
    yield StatusDialog(store, "referral", referral.id, window)
    yield NoteDialog(store, person.id, window)
    window.show_page("catalog")
    catalog = window.pages["catalog"]
    yield catalog.edit_service(None)  # type: ignore[attr-defined]
    yield catalog.new_provider()  # type: ignore[attr-defined]
    window.show_page("settings")
    settings = window.pages["settings"]
    settings.open_retention()  # type: ignore[attr-defined]
    yield settings.retention_dialog  # type: ignore[attr-defined]
    yield window.show_help()  # type: ignore[misc]
    from ui.help import AboutDialog

    yield AboutDialog(store, window)


def test_every_dialog_is_walked_in_reading_order(
    qtbot: QtBot, store: Store, window: MainWindow, person: Person
) -> None:
    for dialog in _dialogs(store, window, person):
        dialog.show()
        qtbot.waitExposed(dialog)
        wait_background(qtbot)
        check(qtbot, dialog)
        dialog.done(0)


def test_the_login_dialogs_are_walked_in_reading_order(qtbot: QtBot, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    ready = tmp_path / "ready"
    set_up(ready)
    for dialog in (SetUpDialog(fresh, desk_state(fresh)), LoginDialog(ready), RecoveryKeyDialog("A" * 34),
                   PasswordDialog(ADMIN)):
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        check(qtbot, dialog)
        dialog.done(0)
