"""The sync state in the status bar: online or not, last sync, changes waiting, items to review."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QToolButton, QWidget

from ui.sync.controller import SyncController, SyncState


def local_time(iso: str | None) -> str:
    """The local time of an ISO UTC timestamp as 28/11 10:32 (empty for None)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    return moment.strftime("%d/%m %H:%M")


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def describe(widget: QWidget, state: SyncState) -> str:
    """One line for the status bar and the Sincronizzazione page."""
    if not state.enrolled:
        return _tr("SyncStatus", "Sincronizzazione: sportello non registrato")
    if state.running:
        head = _tr("SyncStatus", "Sincronizzazione in corso…")
    elif state.online is False:
        head = _tr("SyncStatus", "Non in linea")
    elif state.error:
        head = _tr("SyncStatus", "Da verificare")
    else:
        head = _tr("SyncStatus", "In linea")
    parts = [head]
    if state.last_ok:
        parts.append(_tr("SyncStatus", "ultima sincronizzazione {when}").format(when=local_time(state.last_ok)))
    parts.append(_tr("SyncStatus", "1 modifica in attesa") if state.pending == 1 else
                 _tr("SyncStatus", "{count} modifiche in attesa").format(count=state.pending))
    if state.to_review:
        parts.append(_tr("SyncStatus", "{count} da rivedere").format(count=state.to_review))
    if state.online is False and state.next_attempt_at and not state.running:
        at = datetime.fromtimestamp(state.next_attempt_at).strftime("%H:%M")
        parts.append(_tr("SyncStatus", "nuovo tentativo alle {time}").format(time=at))
    return " — ".join(parts)


class SyncStatusWidget(QToolButton):
    """A flat button in the status bar; clicking it opens the Sincronizzazione page.

    Signals:
        open_requested(): the operator clicked it.
    """

    open_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.setAccessibleName(self.tr("Stato della sincronizzazione"))
        self.clicked.connect(self.open_requested)
        controller.state_changed.connect(self._show)
        self._show(controller.state)

    def _show(self, state: SyncState) -> None:
        self.setToolTip(state.error or self.tr("Apri la pagina Sincronizzazione"))
        text = describe(self, state)
        if text == self.text():
            return
        self.setText(text)
        # A live region: the state is the button's description, and a screen reader hears it change
        # (an alert as well when the head of the line, online or not, changes).
        head_changed = text.split(" — ")[0] != self.accessibleDescription().split(" — ")[0]
        self.setAccessibleDescription(text)
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.DescriptionChanged))
        if head_changed:
            QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.Alert))
