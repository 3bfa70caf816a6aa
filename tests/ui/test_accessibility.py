"""Every field and list an operator (or a screen reader) reaches has an accessible name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
)
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.storage.store import Store
from ui.main_window import MainWindow


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
