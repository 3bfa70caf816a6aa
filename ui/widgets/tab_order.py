"""Tab order that follows the reading order: the order of the layouts, top to bottom and left to right.

Qt chains widgets in the order they were created; a page that builds its table before its filters, or a
status bar widget added by a page, would then be reached out of place. :func:`follow_layout` walks the
layouts of a window (box and form rows in order, splitter panes, stacked pages, scroll area contents) and
sets the Tab order to match.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QLayout, QScrollArea, QSplitter, QTabWidget, QWidget


def layout_order(widget: QWidget) -> list[QWidget]:
    """The controls of ``widget`` that take focus by Tab, in the order its layouts place them."""
    found: list[QWidget] = []

    def visit(w: QWidget | None) -> None:
        if w is None:
            return
        if (w.focusPolicy() & Qt.FocusPolicy.TabFocus) == Qt.FocusPolicy.TabFocus and w.focusProxy() is None:
            found.append(w)
            if not isinstance(w, QScrollArea):
                return  # a control: what is inside (a combo's line edit, a table's viewport) is its own
        if isinstance(w, QScrollArea):
            visit(w.widget())
            return
        if isinstance(w, QTabWidget):
            visit(w.tabBar())
            for i in range(w.count()):
                visit(w.widget(i))
            return
        if isinstance(w, QSplitter):
            for i in range(w.count()):
                visit(w.widget(i))
            return
        if isinstance(w, QAbstractScrollArea):
            return
        layout = w.layout()
        if layout is not None:
            visit_layout(layout)

    def visit_layout(layout: QLayout) -> None:
        # By index in the layout, without asking for its items: Python wrappers of layout items (not
        # QObjects) can outlive them, and a later object at the same address would come back as one.
        owner = layout.parentWidget()
        placed: list[tuple[int, QWidget | QLayout]] = [
            (layout.indexOf(inner), inner) for inner in layout.children() if isinstance(inner, QLayout)]
        if owner is not None:
            placed += [(layout.indexOf(child), child)
                       for child in owner.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)]
        for _index, entry in sorted((e for e in placed if e[0] >= 0), key=lambda e: e[0]):
            if isinstance(entry, QLayout):
                visit_layout(entry)
            else:
                visit(entry)

    visit(widget)
    return found


def chain(widgets: list[QWidget]) -> None:
    """Make Tab go through ``widgets`` in this order."""
    for before, after in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(before, after)


def follow_layout(widget: QWidget) -> None:
    """Set the Tab order of everything in ``widget`` to the order of its layouts."""
    chain(layout_order(widget))
