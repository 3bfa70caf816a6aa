"""Invii: every referral with its status, filterable; change status (F2) and the follow-up date there."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.domain import labels
from desktop.domain.enums import CLOSING_REFERRAL_STATUSES, ReferralStatus
from desktop.queries import REFERRALS_FROM, REFERRALS_SELECT
from desktop.storage.store import Store
from ui.changes import Changes
from ui.models.keyset import Column, KeysetTableModel, it_date
from ui.referrals.status_dialog import StatusDialog
from ui.widgets.shortcuts import shortcut
from ui.widgets.table_view import current_row, list_view

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReferralsModel", text)


def referral_status_label(value: str) -> str:
    try:
        return _tr(labels.REFERRAL_STATUS[ReferralStatus(value)])
    except ValueError:
        return value


class ReferralsModel(KeysetTableModel):
    """Every live referral with the person, service, provider and desk, newest first by default."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        columns = [
            Column("referred_on", _tr("Inviato il"), ("f.referred_on",), lambda r: it_date(r["referred_on"])),
            Column("person", _tr("Persona"), ("p.last_name COLLATE NOCASE", "p.first_name COLLATE NOCASE"),
                   lambda r: r["person_name"]),
            Column("service", _tr("Servizio"), ("s.name COLLATE NOCASE",), lambda r: r["service_name"]),
            Column("provider", _tr("Ente"), ("v.name COLLATE NOCASE",), lambda r: r["provider_name"]),
            Column("status", _tr("Stato"), ("f.status",), lambda r: referral_status_label(r["status"])),
            Column("follow_up_on", _tr("Verifica il"), ("coalesce(f.follow_up_on, '')",),
                   lambda r: it_date(r["follow_up_on"])),
            Column("desk", _tr("Sportello"), ("coalesce(d.name, '')",), lambda r: r["desk_name"]),
        ]
        super().__init__(store, REFERRALS_SELECT, REFERRALS_FROM, columns, parent,
                         base_where="f.deleted = 0 AND p.deleted = 0", sort_column=0, descending=True, seq="f.seq")
        self.refresh()

    def set_status(self, status: str | None) -> None:
        """A status value, "open" for every non-closing one, or None for all."""
        if status == "open":
            closing = ", ".join(f"'{s.value}'" for s in CLOSING_REFERRAL_STATUSES)
            self.set_filter("status", f"f.status NOT IN ({closing})", later=True)
        else:
            self.set_filter("status", "f.status = :status" if status else None, {"status": status}, later=True)

    def set_text(self, text: str) -> None:
        text = text.strip()
        self.set_filter(
            "text",
            "(p.last_name || ' ' || p.first_name LIKE :text OR s.name LIKE :text OR v.name LIKE :text)"
            if text else None,
            {"text": f"%{text}%"},
            later=True,
        )


class ReferralsPage(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.store = window.store
        self.model = ReferralsModel(self.store, self)
        self.view = list_view(self.model, self.tr("Elenco invii"), self, widths=(13, 24, 36, 34, 20, 13))
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Filtra per stato"))
        self.status.addItem(self.tr("Tutti gli stati"), "")
        self.status.addItem(self.tr("Solo aperti"), "open")
        for value, label in labels.REFERRAL_STATUS.items():
            self.status.addItem(self.tr(label), value.value)
        self.text = QLineEdit(self)
        self.text.setAccessibleName(self.tr("Filtra per persona, servizio o ente"))
        self.text.setPlaceholderText(self.tr("Filtra per persona, servizio o ente"))
        self.text.setClearButtonEnabled(True)
        self.change_button = QPushButton(self.tr("Stato e &verifica… (F2)"), self)
        self.change_button.setAccessibleName(self.tr("Cambia stato dell'invio"))
        self.person_button = QPushButton(self.tr("Apri &persona (Invio)"), self)
        self.person_button.setAccessibleName(self.tr("Apri la persona dell'invio"))
        top = QHBoxLayout()
        status_label = QLabel(self.tr("S&tato:"), self)
        status_label.setBuddy(self.status)
        top.addWidget(status_label)
        top.addWidget(self.status)
        top.addWidget(self.text, 1)
        top.addWidget(self.change_button)
        top.addWidget(self.person_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.status.currentIndexChanged.connect(lambda _i: self.model.set_status(self.status.currentData()))
        self.text.textChanged.connect(self.model.set_text)
        self.change_button.clicked.connect(self.change_status)
        self.person_button.clicked.connect(self.open_person)
        self.view.activated.connect(lambda _index: self.open_person())
        shortcut(Qt.Key.Key_F2, self, self.change_status, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.changed.connect(self._on_changes)
        self.dialog: StatusDialog | None = None
        self._reselect: str | None = None
        self.model.reloaded.connect(self._reloaded)

    def _current_row(self) -> int:
        return current_row(self.view)

    def select(self, referral_id: str) -> bool:
        self.model.fetch_all()
        row = self.model.row_of(referral_id)
        if row >= 0:
            self.view.selectRow(row)
        return row >= 0

    def change_status(self) -> StatusDialog | None:
        row = self._current_row()
        if row < 0:
            return None
        self.dialog = StatusDialog(self.store, "referral", self.model.row_id(row), self)
        self.dialog.open()
        return self.dialog

    def open_person(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.window_.open_person(str(self.model.row(row)["person_id"]))

    def _on_changes(self, changes: Changes) -> None:
        if changes.referrals or changes.persons or changes.catalog:
            current = self._current_row()
            self._reselect = self.model.row_id(current) if current >= 0 else None
            self.model.refresh_later()

    def _reloaded(self) -> None:
        """Keep the referral the operator was on selected across a reload."""
        if self._reselect:
            row = self.model.row_of(self._reselect)
            if row >= 0:
                self.view.selectRow(row)
        self._reselect = None
