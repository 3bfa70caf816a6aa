"""A chart of :mod:`desktop.reports.charts` on screen: the same primitives the PDF writes, painted with QPainter.

The layout is made in chart units with Qt's own font widths and painted scaled, so the text follows the
screen and the operator's font; the text equivalent is the widget's accessible description.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop.reports import charts
from desktop.reports.charts import Item, Line, Primitive, Rect, Text
from ui.widgets import colours

_LINE_HEIGHT = 140.0


class ChartView(QWidget):
    """Attributes:
        kind: "bar", "line" or "funnel".
        items: what the chart shows (its text equivalent is :attr:`description`).
    """

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.kind = "bar"
        self.items: list[Item] = []
        self.setAccessibleName(title)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # screen readers reach it with Tab
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    @property
    def scale(self) -> float:
        size = self.font().pointSizeF()
        return max(1.0, (size if size > 0 else 9.0) / charts.FONT * 1.45)

    def set_items(self, kind: str, items: Sequence[Item]) -> None:
        self.kind, self.items = kind, list(items)
        self.description = charts.describe(self.title, self.items, QCoreApplication.translate)
        self.setAccessibleDescription(self.description)
        self.setToolTip(self.description)
        self.setFixedHeight(int(self._height() * self.scale) + 6)
        self.update()

    def _height(self) -> float:
        if self.kind == "line":
            return _LINE_HEIGHT
        per_row = 20.0 if self.kind == "funnel" else 15.0
        return max(1, len(self.items)) * per_row + (0 if self.items else 18)

    def sizeHint(self) -> QSize:
        return QSize(420, int(self._height() * self.scale) + 6)

    def _font(self, size: float, bold: bool) -> QFont:
        font = QFont(self.font())
        font.setPixelSize(max(1, round(size)))
        font.setBold(bold)
        return font

    def _measure(self, text: str, size: float, bold: bool) -> float:
        return QFontMetricsF(self._font(size, bold)).horizontalAdvance(text)

    def primitives(self) -> list[Primitive]:
        width = (self.width() - 4) / self.scale
        if self.kind == "line":
            return charts.line_chart(self.items, 0, 0, width, _LINE_HEIGHT, self._measure)
        if self.kind == "funnel":
            return charts.funnel_chart(self.items, 0, 0, width, self._measure)[0]
        return charts.bar_chart(self.items, 0, 0, width, self._measure, translate=QCoreApplication.translate)[0]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # The chart's colours are the PDF's, dark ink on white: the same white under them in any theme.
        painter.fillRect(self.rect(), QColor(colours.CHART_BACKGROUND))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(2, 3)
        painter.scale(self.scale, self.scale)
        for p in self.primitives():
            if isinstance(p, Rect):
                painter.fillRect(QRectF(p.x, p.y, p.w, p.h), QColor(p.fill))
            elif isinstance(p, Line):
                painter.setPen(QPen(QColor(p.color), p.width))
                painter.drawPolyline(QPolygonF([QPointF(x, y) for x, y in p.points]))
            elif isinstance(p, Text):
                font = self._font(p.size, p.bold)
                painter.setFont(font)
                painter.setPen(QColor(p.color))
                x = p.x
                if p.align != "left":
                    advance = QFontMetricsF(font).horizontalAdvance(p.text)
                    x -= advance if p.align == "right" else advance / 2
                painter.drawText(QPointF(x, p.y), p.text)
        painter.end()
