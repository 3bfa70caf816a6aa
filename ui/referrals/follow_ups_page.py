"""Scadenze: open referrals whose follow-up is due today or overdue, for this desk or every desk."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel

from desktop.operations.changes import Changes
from desktop.queries import reference
from desktop.queries.follow_ups import follow_ups_due
from ui.background import run_in_background
from ui.list_page import ListPage
from ui.models.keyset import Column, it_date
from ui.models.table import RowsTableModel
from ui.pages import PageContext
from ui.referrals.referrals_page import referral_status_label

ALL_DESKS = "*"


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _late(row: dict[str, Any], today: date) -> int:
    return (today - date.fromisoformat(row["follow_up_on"])).days


class FollowUpsPage(ListPage):
    status_kind = "referral"

    def __init__(self, context: PageContext) -> None:
        model = RowsTableModel([
            Column("follow_up_on", _tr("FollowUpsPage", "Verifica il"), lambda r: it_date(r["follow_up_on"])),
            Column("follow_up_on", _tr("FollowUpsPage", "Ritardo"), lambda r: self._late_text(r)),
            Column("person", _tr("FollowUpsPage", "Persona"), lambda r: r["person_name"]),
            Column("service", _tr("FollowUpsPage", "Servizio"), lambda r: r["service_name"]),
            Column("status", _tr("FollowUpsPage", "Stato"), lambda r: referral_status_label(r["status"])),
            Column("desk", _tr("FollowUpsPage", "Sportello"), lambda r: r["desk_name"]),
        ])
        super().__init__(context, model, _tr("FollowUpsPage", "Scadenze di oggi e in ritardo"),
                         widths=(13, 12, 26, 46, 20))
        model.setParent(self)
        self.today = date.today()
        self.model: RowsTableModel = model
        self.desk = QComboBox(self)
        self.desk.setAccessibleName(self.tr("Sportello"))
        self.summary = QLabel(self)
        self.add_filter(self.desk, self.tr("Sportel&lo:"))
        self.add_filter(self.summary, stretch=1)
        self.change_button = self.add_button(self.tr("Stato e &verifica… (F2)"), self.tr("Cambia stato dell'invio"),
                                             self.change_status)
        self.person_button = self.add_button(self.tr("Apri &persona (Invio)"), self.tr("Apri la persona dell'invio"),
                                             self.open_person)
        self._fill_desks()
        self.desk.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def _late_text(self, row: dict[str, Any]) -> str:
        days = _late(row, self.today)
        return self.tr("oggi") if days <= 0 else self.tr("%n giorni", "", days)

    def _fill_desks(self) -> None:
        self.desk.blockSignals(True)
        current = self.desk.currentData()
        self.desk.clear()
        self.desk.addItem(self.tr("Questo sportello ({name})").format(name=self.store.desk().name), self.store.desk_id)
        self.desk.addItem(self.tr("Tutti gli sportelli"), ALL_DESKS)
        for desk_id, name in reference.desks(self.store):
            if desk_id != self.store.desk_id:
                self.desk.addItem(name, desk_id)
        self.desk.setCurrentIndex(max(0, self.desk.findData(current)))
        self.desk.blockSignals(False)

    def shows(self, changes: Changes) -> bool:
        return bool(changes.referrals or changes.persons or changes.requests or changes.settings)

    def reload(self) -> None:
        self._fill_desks()  # desks arrive with sync
        self.today = date.today()
        desk = self.desk.currentData()
        store, today = self.store, self.today
        run_in_background(self, lambda: follow_ups_due(store, today, None if desk == ALL_DESKS else desk)
                          ).on_success(self.model.set_rows).run()

    def after_reload(self) -> None:
        rows = self.model.rows()
        late = sum(1 for r in rows if _late(r, self.today) > 0)
        self.summary.setText(self.tr("%n da verificare, di cui {late} in ritardo", "", len(rows)).format(late=late))
