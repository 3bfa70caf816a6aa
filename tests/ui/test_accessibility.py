"""Every field and list an operator (or a screen reader) reaches has an accessible name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.storage.store import Store
from tests.helpers.desks import ADMIN, set_up
from tests.ui.conftest import wait_background
from tests.ui.test_tab_order import _controls, _dialogs, _name
from ui.login import LoginDialog
from ui.main_window import PAGES, MainWindow
from ui.operators_page import PasswordDialog


def test_every_input_of_every_page_and_dialog_has_an_accessible_name(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    person = store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))
    window.persons_page.open_person(person.id)
    window.new_request(person.id)
    nameless = []
    for root in (window, window.new_request_wizard):
        for kind in (QLineEdit, QComboBox, QPlainTextEdit, QTableView, QListWidget, QTextBrowser):
            for widget in root.findChildren(kind):
                if isinstance(widget.parent(), QComboBox):
                    continue  # the line edit inside an editable combo box is the combo's
                if not widget.accessibleName():
                    nameless.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
        for button in [*root.findChildren(QPushButton), *root.findChildren(QCheckBox)]:
            if not (button.accessibleName() or button.text().replace("&", "").strip()):
                nameless.append(f"button in {type(button.parent()).__name__}")
    assert nameless == []
    window.new_request_wizard.close()


def _nameless(root: QWidget) -> list[str]:
    return [_name(w) for w in _controls(root)
            if not (w.accessibleName() or isinstance(w, QAbstractButton) and w.text().replace("&", "").strip())]


@pytest.mark.parametrize("key", [page.key for page in PAGES])
def test_every_control_of_every_page_has_an_accessible_name(
    qtbot: QtBot, store: Store, window: MainWindow, key: str
) -> None:
    window.show_page(key)
    wait_background(qtbot)
    assert _nameless(window) == []


def test_every_control_of_every_dialog_has_an_accessible_name(
    qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path
) -> None:
    person = store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))
    window.open_person(person.id)
    wait_background(qtbot)
    assert _nameless(window) == []
    window.persons_page.edit_person(person.id)
    wait_background(qtbot)
    assert _nameless(window) == []
    set_up(tmp_path / "desk")
    dialogs = [*_dialogs(store, window, person), LoginDialog(tmp_path / "desk"), PasswordDialog(ADMIN)]
    for dialog in dialogs:
        dialog.show()
        qtbot.waitExposed(dialog)
        wait_background(qtbot)
        assert _nameless(dialog) == [], type(dialog).__name__
        dialog.done(0)


def test_table_cells_announce_their_row_and_column(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))
    qtbot.keyClicks(window.search, "Bru")
    view = next(v for v in window.persons_page.findChildren(QTableView) if v.isVisible())
    qtbot.waitUntil(lambda: view.model().rowCount() > 0)
    table = QAccessible.queryAccessibleInterface(view)
    cells = {}
    for i in range(table.childCount()):
        cell = table.child(i).tableCellInterface()
        if cell is not None and table.child(i).role() == QAccessible.Role.Cell:
            cells[cell.rowIndex(), cell.columnIndex()] = (table.child(i), cell)
    columns = view.model().columnCount()
    assert {(0, c) for c in range(columns)} <= set(cells)
    for column in range(columns):
        item, cell = cells[0, column]
        header = view.model().headerData(column, Qt.Orientation.Horizontal)
        assert header and item.text(QAccessible.Text.Name).startswith(f"{header}: ")
        assert [h.text(QAccessible.Text.Name) for h in cell.columnHeaderCells()] == [header]
        assert [h.text(QAccessible.Text.Name) for h in cell.rowHeaderCells()] in ([], ["riga 1"])
    assert "Bruno" in " ".join(cells[0, c][0].text(QAccessible.Text.Name) for c in range(columns))
