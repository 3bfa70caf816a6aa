"""Focus always visible: a 2-pixel frame in the highlight colour around the control that has focus.

The platform styles mark focus faintly (a dotted line, a tinted border). :class:`FocusStyle` wraps the
platform's style and, after it draws a button, a field, a combo or spin box, a check box or the current
cell of a table, draws a clear frame over the edge of what has focus. Everything else is the platform's.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QStyleOptionComplex, QWidget

FOCUS_WIDTH = 2
_FRAMED = {
    QStyle.PrimitiveElement.PE_PanelButtonCommand,
    QStyle.PrimitiveElement.PE_PanelButtonTool,
    QStyle.PrimitiveElement.PE_FrameLineEdit,
    QStyle.PrimitiveElement.PE_FrameFocusRect,
}
_FRAMED_COMPLEX = {QStyle.ComplexControl.CC_ComboBox, QStyle.ComplexControl.CC_SpinBox}


def focus_colour(palette: QPalette) -> QColor:
    """The highlight colour of the palette, the frame's colour (it contrasts with the window colour)."""
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)


def _frame(painter: QPainter, rect: QRect, palette: QPalette) -> None:
    painter.save()
    pen = QPen(focus_colour(palette), FOCUS_WIDTH)
    pen.setJoinStyle(pen.joinStyle().MiterJoin)
    painter.setPen(pen)
    painter.setBrush(QColor(0, 0, 0, 0))
    half = FOCUS_WIDTH // 2
    painter.drawRect(rect.adjusted(half, half, -half, -half))
    painter.restore()


class FocusStyle(QProxyStyle):
    """The platform style with a clear focus frame."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter,
                      widget: QWidget | None = None) -> None:
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect:
            _frame(painter, option.rect, option.palette)  # instead of the faint dotted line
            return
        super().drawPrimitive(element, option, painter, widget)
        if element in _FRAMED and option.state & QStyle.StateFlag.State_HasFocus:
            _frame(painter, option.rect, option.palette)

    def drawComplexControl(self, control: QStyle.ComplexControl, option: QStyleOptionComplex, painter: QPainter,
                           widget: QWidget | None = None) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in _FRAMED_COMPLEX and option.state & QStyle.StateFlag.State_HasFocus:
            _frame(painter, option.rect, option.palette)


def install(app: QApplication) -> None:
    """Wrap the application's style in :class:`FocusStyle` (once)."""
    if not isinstance(app.style(), FocusStyle):
        app.setStyle(FocusStyle(app.style().name()))
