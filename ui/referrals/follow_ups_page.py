"""Scadenze: open referrals whose follow-up is due today or overdue, for this desk or every desk."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import queries
from ui.background import run_in_background
from ui.changes import Changes
from ui.models.keyset import Column, it_date
from ui.models.table import RowsTableModel
from ui.referrals.referrals_page import referral_status_label
from ui.referrals.status_dialog import StatusDialog
from ui.widgets.shortcuts import shortcut
from ui.widgets.table_view import current_row, list_view

if TYPE_CHECKING:
    from ui.main_window import MainWindow

ALL_DESKS = "*"


def _late(row: dict[str, Any], today: date) -> int:
    return (today - date.fromisoformat(row["follow_up_on"])).days


class FollowUpsPage(QWidget):
    """Signals:
        loaded(): the list is up to date.
    """

    loaded = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.store = window.store
        self.today = date.today()
        self.model = RowsTableModel([
            Column("follow_up_on", self.tr("Verifica il"), (), lambda r: it_date(r["follow_up_on"])),
            Column("follow_up_on", self.tr("Ritardo"), (), self._late_text),
            Column("person", self.tr("Persona"), (), lambda r: r["person_name"]),
            Column("service", self.tr("Servizio"), (), lambda r: r["service_name"]),
            Column("status", self.tr("Stato"), (), lambda r: referral_status_label(r["status"])),
            Column("desk", self.tr("Sportello"), (), lambda r: r["desk_name"]),
        ], self)
        self.view = list_view(self.model, self.tr("Scadenze di oggi e in ritardo"), self, widths=(13, 12, 26, 46, 20))
        self.desk = QComboBox(self)
        self.desk.setAccessibleName(self.tr("Sportello"))
        self.summary = QLabel(self)
        self.change_button = QPushButton(self.tr("Stato e &verifica… (F2)"), self)
        self.change_button.setAccessibleName(self.tr("Cambia stato dell'invio"))
        self.person_button = QPushButton(self.tr("Apri &persona (Invio)"), self)
        top = QHBoxLayout()
        desk_label = QLabel(self.tr("Sportel&lo:"), self)
        desk_label.setBuddy(self.desk)
        top.addWidget(desk_label)
        top.addWidget(self.desk)
        top.addWidget(self.summary, 1)
        top.addWidget(self.change_button)
        top.addWidget(self.person_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._fill_desks()
        self.desk.currentIndexChanged.connect(lambda _i: self.reload())
        self.change_button.clicked.connect(self.change_status)
        self.person_button.clicked.connect(self.open_person)
        self.view.activated.connect(lambda _index: self.open_person())
        shortcut(Qt.Key.Key_F2, self, self.change_status, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.changed.connect(self._on_changes)
        self.dialog: StatusDialog | None = None
        self.reload()

    def _late_text(self, row: dict[str, Any]) -> str:
        days = _late(row, self.today)
        return self.tr("oggi") if days <= 0 else self.tr("{n} giorni").format(n=days)

    def _fill_desks(self) -> None:
        self.desk.blockSignals(True)
        current = self.desk.currentData()
        self.desk.clear()
        self.desk.addItem(self.tr("Questo sportello ({name})").format(name=self.store.desk().name), self.store.desk_id)
        self.desk.addItem(self.tr("Tutti gli sportelli"), ALL_DESKS)
        for desk_id, name in queries.desks(self.store):
            if desk_id != self.store.desk_id:
                self.desk.addItem(name, desk_id)
        self.desk.setCurrentIndex(max(0, self.desk.findData(current)))
        self.desk.blockSignals(False)

    def reload(self) -> None:
        self._fill_desks()  # desks arrive with sync
        self.today = date.today()
        desk = self.desk.currentData()
        store, today = self.store, self.today
        run_in_background(self, lambda: queries.follow_ups_due(store, today, None if desk == ALL_DESKS else desk)
                          ).on_success(self._show).run()

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        late = sum(1 for r in rows if _late(r, self.today) > 0)
        self.summary.setText(self.tr("{n} da verificare, di cui {late} in ritardo").format(n=len(rows), late=late))
        self.loaded.emit()

    def _current_row(self) -> int:
        return current_row(self.view)

    def change_status(self) -> StatusDialog | None:
        row = self._current_row()
        if row < 0:
            return None
        self.dialog = StatusDialog(self.store, "referral", str(self.model.row(row)["id"]), self)
        self.dialog.open()
        return self.dialog

    def open_person(self) -> None:
        row = self._current_row()
        if row >= 0:
            self.window_.open_person(str(self.model.row(row)["person_id"]))

    def _on_changes(self, changes: Changes) -> None:
        if changes.referrals or changes.persons or changes.settings:
            self.reload()
