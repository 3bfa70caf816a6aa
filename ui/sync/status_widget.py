"""The sync state in the status bar: online or not, last sync, changes waiting, items to review."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolButton, QWidget

from ui.sync.controller import SyncController, SyncState


def local_time(iso: str | None) -> str:
    """"28/11 10:32" in local time for an ISO UTC timestamp ("" for None)."""
    if not iso:
        return ""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return iso
    return moment.strftime("%d/%m %H:%M")


def describe(widget: QWidget, state: SyncState) -> str:
    """One line for the status bar and the Sincronizzazione page."""
    tr = widget.tr
    if not state.enrolled:
        return tr("Sincronizzazione: sportello non registrato")
    if state.running:
        head = tr("Sincronizzazione in corso…")
    elif state.online is False:
        head = tr("Non in linea")
    elif state.error:
        head = tr("Da verificare")
    else:
        head = tr("In linea")
    parts = [head]
    if state.last_ok:
        parts.append(tr("ultima sincronizzazione {when}").format(when=local_time(state.last_ok)))
    parts.append(tr("{count} modifiche in attesa").format(count=state.pending))
    if state.to_review:
        parts.append(tr("{count} da rivedere").format(count=state.to_review))
    if state.online is False and state.next_attempt_at and not state.running:
        at = datetime.fromtimestamp(state.next_attempt_at).strftime("%H:%M")
        parts.append(tr("nuovo tentativo alle {time}").format(time=at))
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
        self.setText(describe(self, state))
        self.setToolTip(state.error or self.tr("Apri la pagina Sincronizzazione"))
