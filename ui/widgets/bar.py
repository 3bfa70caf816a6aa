"""A bar of filters and buttons that scrolls sideways when a large font makes it wider than the page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QSizePolicy, QWidget


class ScrollingBar(QScrollArea):
    """``layout`` is the bar's row; it keeps its height, and scrolls left-right only when it must."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fitting = False  # fit_height at work: the layout requests it makes are its own
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls, which it scrolls into view
        self.setWidgetResizable(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        inner = QWidget(self)
        self.row = QHBoxLayout(inner)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.setWidget(inner)
        # A control that grows later (a count, a longer text, a larger font) can make the row wider than the
        # page after the last resize: the height then has to make room for the scroll bar too.
        inner.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest and not self._fitting and watched is self.widget():
            self.fit_height()
        return super().eventFilter(watched, event)

    def fit_height(self) -> None:
        inner = self.widget()
        if inner is None or self._fitting:
            return
        self._fitting = True
        try:
            self._fit(inner)
        finally:
            self._fitting = False

    def _fit(self, inner: QWidget) -> None:
        # The preferred height: a combo box's minimum is shorter than its own, which cut its text.
        row_height = max(inner.minimumSizeHint().height(), inner.sizeHint().height())
        height = row_height
        if inner.minimumSizeHint().width() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height)
        row = inner.layout()
        if row is not None and inner.height() != row_height:
            # A bar sized while its page was hidden kept its row laid out at the old height (the
            # controls drawn lower, cut at the bottom): lay the row out again at the new one.
            inner.resize(inner.width(), row_height)
            row.setGeometry(inner.rect())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_height()
