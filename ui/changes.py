"""One app-level signal telling views what changed, so they refresh themselves instead of calling each other.

Only :func:`ui.operations.run_op` (after an operation of the core) and the sync controller (after
changes arrived) emit it, with the :class:`~desktop.operations.changes.Changes` the core returned; each
page reacts to the flags it cares about. Views connect bound methods of QObjects, so a closed view is
disconnected by Qt.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal

from desktop.operations.changes import Changes

__all__ = ["ChangeBus", "Changes", "change_bus", "publish"]


class ChangeBus(QObject):
    """Signals:
        changed(Changes): emitted on the GUI thread after a write.
    """

    changed = Signal(object)


_bus: ChangeBus | None = None


def change_bus() -> ChangeBus:
    """The application's bus (created on first use, owned by the QApplication)."""
    global _bus
    app = QCoreApplication.instance()
    if _bus is None or _bus.parent() is not app:
        _bus = ChangeBus(app)
    return _bus


def publish(changes: Changes) -> None:
    """Tell every view what the core changed (nothing when nothing changed)."""
    if changes:
        change_bus().changed.emit(changes)
