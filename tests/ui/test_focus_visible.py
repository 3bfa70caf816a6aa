"""Focus is always visible: the control with focus has a clear frame in the highlight colour."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QPushButton,
    QStyleOptionButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from ui.widgets.focus import FOCUS_WIDTH, FocusStyle, focus_colour


def _ring_share(image: QImage, rect: QRect, colour: int) -> float:
    """The share of the pixels of the 2-pixel band inside ``rect``'s edge that are ``colour``."""
    inner = rect.adjusted(FOCUS_WIDTH, FOCUS_WIDTH, -FOCUS_WIDTH, -FOCUS_WIDTH)
    ring = [(x, y) for x in range(rect.left(), rect.right() + 1) for y in range(rect.top(), rect.bottom() + 1)
            if not inner.contains(x, y)]
    return sum(image.pixel(x, y) == colour for x, y in ring) / len(ring)


def _grab(widget: QWidget) -> QImage:
    widget.repaint()
    return widget.grab().toImage()


def test_buttons_fields_combos_check_boxes_and_cells_show_a_clear_focus_frame(qtbot: QtBot) -> None:
    assert isinstance(QApplication.style(), FocusStyle)
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    controls = [QPushButton("Salva", host), QLineEdit("Bruno", host), QComboBox(host), QCheckBox("Rifugio", host)]
    controls[2].addItems(["Ceres", "Lemie"])
    model = QStandardItemModel(2, 2, host)
    for row in range(2):
        for column in range(2):
            model.setItem(row, column, QStandardItem(f"{row}{column}"))
    table = QTableView(host)
    table.setModel(model)
    for control in [*controls, table]:
        layout.addWidget(control)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    colour = focus_colour(host.palette()).rgb()
    outside = QLineEdit(host)  # somewhere for focus to be while a control is grabbed without it
    layout.addWidget(outside)
    for control in controls:
        outside.setFocus()
        qtbot.waitUntil(lambda: outside.hasFocus())
        without = _ring_share(_grab(control), control.rect(), colour)
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(control.hasFocus)
        image = _grab(control)
        frame = control.rect()
        if isinstance(control, QCheckBox):  # the frame goes round the label
            frame = control.style().subElementRect(control.style().SubElement.SE_CheckBoxFocusRect,
                                                   _option(control), control)
        with_focus = _ring_share(image, frame, colour)
        assert with_focus >= 0.9 and without <= 0.5, (type(control).__name__, with_focus, without)
    table.setCurrentIndex(model.index(1, 1))
    outside.setFocus()
    qtbot.waitUntil(lambda: outside.hasFocus())
    cell = table.visualRect(model.index(1, 1))
    table.clearSelection()
    without = _ring_share(_grab(table.viewport()), cell, colour)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: table.hasFocus())
    table.clearSelection()
    with_focus = _ring_share(_grab(table.viewport()), cell, colour)
    assert with_focus >= 0.9 and without <= 0.5, ("cell", with_focus, without)


def _option(box: QCheckBox) -> QStyleOptionButton:
    option = QStyleOptionButton()
    option.initFrom(box)
    option.text = box.text()
    return option
