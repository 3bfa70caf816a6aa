"""One app-level signal telling views what changed, so they refresh themselves instead of calling each other.

After a write, whoever wrote calls ``notify(persons=True)`` (say); each view connected to
``change_bus().changed`` looks at the flags it cares about and reloads. Views connect bound methods of
QObjects, so a closed view is disconnected by Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject, Signal


@dataclass(frozen=True, slots=True)
class Changes:
    """What kind of records changed (several flags may be set at once)."""

    persons: bool = False
    requests: bool = False
    referrals: bool = False
    catalog: bool = False
    settings: bool = False

    def __bool__(self) -> bool:
        return any((self.persons, self.requests, self.referrals, self.catalog, self.settings))


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


def notify(
    *, persons: bool = False, requests: bool = False, referrals: bool = False, catalog: bool = False,
    settings: bool = False,
) -> None:
    change_bus().changed.emit(Changes(persons, requests, referrals, catalog, settings))
