"""Scadenze: the follow-up work list: open referrals to check, overdue first, then today, then this week,
for this desk or every desk, with the number to call. F marks the call done, R postpones it by 7 days."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QLabel

from desktop.operations.changes import Changes
from desktop.operations.referrals import follow_up_done, postpone_follow_up
from desktop.queries import reference
from desktop.queries.follow_ups import OVERDUE, THIS_WEEK, TODAY, follow_ups_due
from ui.background import run_in_background
from ui.list_page import ListPage
from ui.models.keyset import Column, it_date
from ui.models.table import RowsTableModel
from ui.operations import run_op
from ui.pages import PageContext
from ui.referrals.referrals_page import referral_status_label
from ui.widgets.shortcuts import shortcut

ALL_DESKS = "*"
POSTPONE_DAYS = 7


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _late(row: dict[str, Any], today: date) -> int:
    return (today - date.fromisoformat(row["follow_up_on"])).days


class FollowUpsPage(ListPage):
    status_kind = "referral"

    def __init__(self, context: PageContext) -> None:
        model = RowsTableModel([
            Column("group", _tr("FollowUpsPage", "Quando"), lambda r: self._group_text(r)),
            Column("follow_up_on", _tr("FollowUpsPage", "Verifica il"), lambda r: it_date(r["follow_up_on"])),
            Column("person", _tr("FollowUpsPage", "Persona"), lambda r: r["person_name"]),
            Column("phone", _tr("FollowUpsPage", "Telefono da chiamare"), lambda r: self._phone_text(r)),
            Column("service", _tr("FollowUpsPage", "Servizio"), lambda r: r["service_name"]),
            Column("status", _tr("FollowUpsPage", "Stato"), lambda r: referral_status_label(r["status"])),
            Column("desk", _tr("FollowUpsPage", "Sportello"), lambda r: r["desk_name"]),
        ])
        super().__init__(context, model, _tr("FollowUpsPage", "Scadenze: in ritardo, oggi, questa settimana"),
                         widths=(27, 12, 26, 24, 40, 18))
        model.setParent(self)
        self.today = date.today()
        self.model: RowsTableModel = model
        self.desk = QComboBox(self)
        self.desk.setAccessibleName(self.tr("Sportello"))
        self.summary = QLabel(self)
        self.add_filter(self.desk, self.tr("Sportel&lo:"))
        self.top.addStretch(1)
        self.body.insertWidget(1, self.summary)  # its own line: the bar above is full of actions
        self.change_button = self.add_button(self.tr("Stato e &verifica… (F2)"), self.tr("Cambia stato dell'invio"),
                                             self.change_status)
        self.person_button = self.add_button(self.tr("Apri &persona (Invio)"), self.tr("Apri la persona dell'invio"),
                                             self.open_person)
        self.done_button = self.add_button(self.tr("Fatto (F)"), self.tr("Verifica fatta: togli dall'elenco"),
                                           self.mark_done)
        self.postpone_button = self.add_button(self.tr("Rimanda di 7 giorni (R)"),
                                               self.tr("Rimanda la verifica di 7 giorni"), self.postpone)
        self.export_button = self.add_export_button(_tr("FollowUpsPage", "Scadenze"), "scadenze")
        self.view.setToolTip(self.tr("F: verifica fatta · R: rimanda di 7 giorni · F2: stato · Invio: persona"))
        shortcut(Qt.Key.Key_F, self.view, self.mark_done, Qt.ShortcutContext.WidgetShortcut)
        shortcut(Qt.Key.Key_R, self.view, self.postpone, Qt.ShortcutContext.WidgetShortcut)
        self._fill_desks()
        self.desk.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def _group_text(self, row: dict[str, Any]) -> str:
        if row["group"] == OVERDUE:
            late = self.tr("In ritardo di %n giorni", "", _late(row, self.today))
            if row.get("no_answer"):
                return self.tr("Nessuna risposta dal servizio") + " · " + late
            return late
        return self.tr("Oggi") if row["group"] == TODAY else self.tr("Questa settimana")

    def _phone_text(self, row: dict[str, Any]) -> str:
        if row.get("person_phone"):
            return str(row["person_phone"])
        if row.get("provider_phone"):
            return self.tr("ente: {phone}").format(phone=row["provider_phone"])
        return self.tr("nessun numero")

    def empty_text(self) -> str:
        return QCoreApplication.translate("FollowUpsPage", "Nessuna verifica da fare entro questa settimana: "
                                                           "le scadenze arrivano con i nuovi invii.")

    def mark_done(self) -> None:
        """F: the follow-up call is done; the referral leaves the list (the next row is selected)."""
        referral_id = self.current_id()
        if referral_id is not None:
            self._move_on()
            store = self.store
            run_op(self, lambda: follow_up_done(store, referral_id)).success(
                lambda _r: self.nav.show_message(self.tr("Verifica segnata come fatta."))).run()

    def postpone(self) -> None:
        """R: call again in 7 days."""
        referral_id = self.current_id()
        if referral_id is not None:
            self._move_on()
            store = self.store
            day = (date.today() + timedelta(days=POSTPONE_DAYS)).strftime("%d/%m/%Y")
            run_op(self, lambda: postpone_follow_up(store, referral_id, POSTPONE_DAYS)).success(
                lambda _r: self.nav.show_message(self.tr("Verifica rimandata al {day}.").format(day=day))).run()

    def _move_on(self) -> None:
        """After the reload, stay on the row that takes the place of the one handled."""
        row = self.current_row()
        following = row + 1 if row + 1 < self.model.rowCount() else row - 1
        self._next = self.model.row_id(following) if following >= 0 else None

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
        until = today + timedelta(days=6 - today.weekday())  # to Sunday
        order = {OVERDUE: 0, TODAY: 1, THIS_WEEK: 2}
        run_in_background(self, lambda: sorted(
            follow_ups_due(store, today, None if desk == ALL_DESKS else desk, until=until),
            key=lambda r: (not r["no_answer"], order[r["group"]]))).on_success(self.model.set_rows).run()

    def on_changes(self, changes: Changes) -> None:
        if self.shows(changes) and getattr(self, "_next", None):
            self.reload()  # reselects the row that took the handled one's place
            return
        super().on_changes(changes)

    def after_reload(self) -> None:
        rows = self.model.rows()
        counts = {g: sum(1 for r in rows if r["group"] == g) for g in (OVERDUE, TODAY, THIS_WEEK)}
        self.summary.setText(self.tr("{late} in ritardo · {today} oggi · {week} questa settimana").format(
            late=counts[OVERDUE], today=counts[TODAY], week=counts[THIS_WEEK]))
        following, self._next = getattr(self, "_next", None), None
        if following:
            row = self.model.row_of(following)
            if row >= 0:
                self.view.selectRow(row)
        if self.current_row() < 0 and rows:
            self.view.selectRow(0)
