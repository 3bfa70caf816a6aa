"""Change the status of a referral (or a request): closing statuses ask the reason; a follow-up date.

The core's operations validate the lifecycle; a refused change is shown in the dialog, which stays open,
and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import labels
from desktop.domain.enums import (
    CLOSING_REFERRAL_STATUSES,
    CLOSING_REQUEST_STATUSES,
    REFERRAL_TRANSITIONS,
    REQUEST_TRANSITIONS,
    ReferralStatus,
    RequestStatus,
)
from desktop.domain.models import Referral, Request
from desktop.errors import describe_error
from desktop.operations.changes import Done
from desktop.operations.errors import OperationError
from desktop.operations.referrals import update_referral
from desktop.operations.requests import change_request_status
from desktop.queries.person_record import referral_for_status, request_for_status, subject_title
from desktop.storage.store import Store
from ui.dialogs import confirm
from ui.operations import run_op
from ui.vocabulary import vocab
from ui.widgets.fields import DateField, ErrorLabel
from ui.widgets.fonts import emphasize


class StatusDialog(QDialog):
    """Signals:
        changed(str): the id of the record after a successful save.
        refused(str): the core refused the change (the sentence shown in the dialog).
    """

    changed = Signal(str)
    refused = Signal(str)

    def __init__(self, store: Store, kind: str, record_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.kind = kind
        self.record_id = record_id
        record: Referral | Request | None = (
            referral_for_status(store, record_id) if kind == "referral" else request_for_status(store, record_id))
        if record is None:
            raise KeyError(record_id)
        self.record = record
        if kind == "referral":
            current: ReferralStatus | RequestStatus = ReferralStatus(record.status)
            allowed: frozenset = REFERRAL_TRANSITIONS[current]  # type: ignore[index]
            self._closing: frozenset = CLOSING_REFERRAL_STATUSES
            names: dict = labels.REFERRAL_STATUS
            order: list = list(ReferralStatus)
            title = self.tr("Stato dell'invio")
        else:
            current = RequestStatus(record.status)
            allowed = REQUEST_TRANSITIONS[current]
            self._closing = CLOSING_REQUEST_STATUSES
            names = labels.REQUEST_STATUS
            order = list(RequestStatus)
            title = self.tr("Stato della richiesta")
        # Which person and what: in the title, and in a heading inside (a title bar may cut it).
        who, what = subject_title(store, kind, record_id)
        subject = " — ".join(v for v in (who, what if kind == "referral" else vocab(what)) if v)
        self.subject = QLabel(subject, self)
        self.subject.setWordWrap(True)
        self.subject.setAccessibleName(self.tr("Persona e servizio"))
        emphasize(self.subject, 1.15, bold=True)
        self.setWindowTitle(f"{title} — {who}" if who else title)
        self.setMinimumWidth(min(900, self.fontMetrics().horizontalAdvance(self.windowTitle()) + 160))
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Nuovo stato"))
        self.status.addItem(self.tr("{label} (attuale)").format(label=vocab(names[current])), current.value)
        for status in order:
            if status in allowed:
                self.status.addItem(vocab(names[status]), status.value)
        self.reason = QLineEdit(self)
        self.reason.setAccessibleName(self.tr("Motivo del cambio di stato"))
        self.reason_label = QLabel(self.tr("&Motivo"), self)
        self.reason_label.setBuddy(self.reason)
        self.follow_up = DateField(self)
        self.follow_up.setAccessibleName(self.tr("Data di verifica"))
        self.outcome = QLineEdit(self)
        self.outcome.setAccessibleName(self.tr("Esito"))
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Salva"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annulla"))
        form = QFormLayout()
        status_label = QLabel(self.tr("S&tato"), self)
        status_label.setBuddy(self.status)
        form.addRow(status_label, self.status)
        form.addRow(self.reason_label, self.reason)
        if isinstance(record, Referral):
            follow_label = QLabel(self.tr("&Verifica il"), self)
            follow_label.setBuddy(self.follow_up)
            form.addRow(follow_label, self.follow_up)
            outcome_label = QLabel(self.tr("&Esito"), self)
            outcome_label.setBuddy(self.outcome)
            form.addRow(outcome_label, self.outcome)
            self.follow_up.set_value(record.follow_up_on)
            self.outcome.setText(record.outcome)
        else:
            self.follow_up.hide()
            self.outcome.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.subject)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.status.currentIndexChanged.connect(self._status_changed)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._status_changed()

    def is_dirty(self) -> bool:
        return self.status.currentIndex() > 0 or bool(self.reason.text().strip())

    def reject(self) -> None:
        """Esc / Annulla: ask before throwing away a chosen status or a typed reason."""
        if not self.buttons.isEnabled():
            return  # being saved: it is too late to discard it
        if not self.is_dirty():
            super().reject()
            return
        confirm(self, self.windowTitle(), self.tr("Il cambio di stato non è salvato: scartarlo?"),
                self.tr("Sc&arta"), super().reject)

    def choose(self, status: str) -> None:
        """Select a status by value (what the operator does with the arrows)."""
        self.status.setCurrentIndex(self.status.findData(status))

    def _status_changed(self) -> None:
        status = self.status.currentData()
        closing = any(status == s.value for s in self._closing)
        self.reason_label.setText(self.tr("&Motivo (obbligatorio)") if closing else self.tr("&Motivo"))
        self.error.clear_message()

    def save(self) -> None:
        store = self.store
        status = self.status.currentData()
        reason = self.reason.text()
        try:
            follow_up = self.follow_up.value()
        except ValueError as exc:
            self.error.show_error(str(exc))
            return
        record_id = self.record_id
        changed = status != self.record.status
        if self.kind == "referral":
            outcome = self.outcome.text()

            def op() -> Done[Referral]:
                return update_referral(store, record_id, status=ReferralStatus(status) if changed else None,
                                       reason=reason, follow_up_on=follow_up, outcome=outcome)

            self._run(op)
        elif changed:
            self._run(lambda: change_request_status(store, record_id, RequestStatus(status), reason))
        else:
            self.accept()

    def _run(self, op: Callable[[], Done[Any]]) -> None:
        self.buttons.setEnabled(False)
        run_op(self, op).success(self._saved).failure(self._refused).run()

    def _saved(self, _record: object) -> None:
        self.changed.emit(self.record_id)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        self.error.show_error(str(error) if isinstance(error, OperationError) else
                              self.tr("Il cambio di stato non è stato salvato: {error}").format(
                                      error=describe_error(error)))
        self.refused.emit(self.error.text())
