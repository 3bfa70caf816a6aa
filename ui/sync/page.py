"""The Sincronizzazione page: state, "Sincronizza ora", enrollment, and what a coordinator must review.

Review lists (conflicts, possible duplicates, set-aside changes) load on the database thread; each
action is an operation of the core (:mod:`desktop.operations.review`) that the next cycle sends.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop import __version__
from desktop.config import ConfigError, load_config
from desktop.domain.models import Person
from desktop.operations.changes import Changes
from desktop.operations.review import DELETED_FIELD, merge_duplicates, resolve_conflict
from desktop.server_url import check_server_url
from desktop.sync.review import Conflict, Review, load_review
from ui.background import run_in_background
from ui.operations import run_op
from ui.pages import Page, PageContext
from ui.sync.controller import SyncController, SyncState
from ui.sync.status_widget import SyncStatusWidget, describe, local_time
from ui.widgets import colours
from ui.widgets.shortcuts import shortcut

_ENTITY_LABELS = {
    "person": "Persona", "request": "Richiesta", "referral": "Invio", "note": "Nota",
    "service": "Servizio", "provider": "Ente", "desk": "Sportello", "operator": "Operatore",
    "category": "Categoria", "status_change": "Cambio di stato",
}


def _value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class SyncPage(Page):
    """Attributes:
        controller: the sync controller this page shows and drives (it also feeds the status bar).
        conflicts_table, duplicates_table, rejected_table, not_applied_table: the review lists (the last:
            received changes that did not validate, set aside while sync went on).
    """

    def __init__(self, context: PageContext) -> None:
        super().__init__(context)
        self.controller = controller = SyncController(self.store, self)
        status = SyncStatusWidget(controller, context.parent)
        status.open_requested.connect(lambda: self.nav.show_page("sync"))
        context.add_status_widget(status)
        self.status_widget = status
        self._conflicts: list[Conflict] = []
        self._groups: list[list[Person]] = []

        title = QLabel(self.tr("Sincronizzazione"), self)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        self.state_label = QLabel(self)
        self.state_label.setAccessibleName(self.tr("Stato della sincronizzazione"))
        self.state_label.setWordWrap(True)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(colours.css(colours.ERROR))
        self.update_label = QLabel(self)  # a newer version announced by the server
        self.update_label.setWordWrap(True)
        self.update_label.setAccessibleName(self.tr("Aggiornamento disponibile"))
        self.update_label.hide()
        self.sync_button = QPushButton(self.tr("&Sincronizza ora (F5)"), self)
        self.sync_button.setAccessibleName(self.tr("Sincronizza ora"))
        self.sync_button.clicked.connect(controller.sync_now)
        shortcut("F5", self, controller.sync_now, Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.enroll_box = QGroupBox(self.tr("Registra lo sportello sul server della rete"), self)
        self.server_edit = QLineEdit(self.enroll_box)
        self.server_edit.setPlaceholderText("https://wpt.esempio.it:8765")
        self.server_edit.setAccessibleName(self.tr("Indirizzo del server"))
        self.code_edit = QLineEdit(self.enroll_box)
        self.code_edit.setAccessibleName(self.tr("Codice di registrazione"))
        self.ca_edit = QLineEdit(self.enroll_box)
        self.ca_edit.setPlaceholderText(self.tr("facoltativo: file del certificato (CA) della rete"))
        self.ca_edit.setAccessibleName(self.tr("Certificato della rete"))
        self.enroll_button = QPushButton(self.tr("&Registra"), self.enroll_box)
        self.enroll_button.clicked.connect(self._enroll)
        self.code_edit.returnPressed.connect(self._enroll)
        self.enroll_message = QLabel(self.enroll_box)
        self.enroll_message.setWordWrap(True)
        form = QFormLayout(self.enroll_box)
        form.addRow(self.tr("&Server"), self.server_edit)
        form.addRow(self.tr("&Codice"), self.code_edit)
        form.addRow(self.tr("Certificato"), self.ca_edit)
        form.addRow("", self.enroll_button)
        form.addRow("", self.enroll_message)

        self.tabs = QTabWidget(self)
        self.conflicts_table = self._table(
            self.tr("Conflitti da rivedere"),
            [self.tr("Record"), self.tr("Campo"), self.tr("Valore mantenuto"), self.tr("Valore perso")],
        )
        self.keep_button = QPushButton(self.tr("Conferma valore mantenuto"), self)
        self.restore_button = QPushButton(self.tr("Ripristina valore perso"), self)
        self.keep_button.clicked.connect(lambda: self._resolve(restore_lost=False))
        self.restore_button.clicked.connect(lambda: self._resolve(restore_lost=True))
        self.conflicts_table.currentCellChanged.connect(lambda row, *_: self._name_restore(row))
        self.tabs.addTab(self._with_buttons(self.conflicts_table, self.keep_button, self.restore_button),
                         self.tr("Conflitti"))
        self.duplicates_table = self._table(
            self.tr("Possibili doppioni"), [self.tr("Persona"), self.tr("Data di nascita"), self.tr("Schede")]
        )
        self.merge_button = QPushButton(self.tr("Unisci in un'unica persona"), self)
        self.merge_button.clicked.connect(self._merge)
        self.tabs.addTab(self._with_buttons(self.duplicates_table, self.merge_button), self.tr("Possibili doppioni"))
        self.rejected_table = self._table(
            self.tr("Modifiche scartate dal server"), [self.tr("Record"), self.tr("Motivo"), self.tr("Data")]
        )
        self.tabs.addTab(self.rejected_table, self.tr("Modifiche scartate dal server"))
        self.not_applied_table = self._table(
            self.tr("Modifiche ricevute non applicate"), [self.tr("Record"), self.tr("Motivo"), self.tr("Data")]
        )
        self.tabs.addTab(self.not_applied_table, self.tr("Modifiche ricevute non applicate"))

        top = QHBoxLayout()
        top.addWidget(self.state_label, 1)
        top.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.error_label)
        layout.addWidget(self.update_label)
        layout.addWidget(self.enroll_box)
        layout.addWidget(QLabel(self.tr("Da rivedere"), self))
        layout.addWidget(self.tabs, 1)

        self._prefill_from_config()
        controller.state_changed.connect(self._show_state)
        controller.enrolled.connect(self._enroll_result)
        controller.finished.connect(lambda _result: self.reload())
        self._show_state(controller.state)
        self.reload()

    # -- building blocks ------------------------------------------------------------------------------

    def _table(self, name: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers), self)
        table.setAccessibleName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table

    def _with_buttons(self, table: QTableWidget, *buttons: QPushButton) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        for button in buttons:
            row.addWidget(button)
        layout.addLayout(row)
        return box

    @staticmethod
    def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
        table.setRowCount(len(rows))
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.setItem(r, c, QTableWidgetItem(text))
        if rows:
            table.selectRow(0)

    # -- state ----------------------------------------------------------------------------------------

    def _show_state(self, state: SyncState) -> None:
        self.state_label.setText(describe(self, state))
        self.error_label.setText(state.error)
        self.error_label.setVisible(bool(state.error))
        self.update_label.setText(self.tr("Aggiornamento disponibile: WPT Desk {version} (questa è la {current}). "
                                          "Chiedi al referente informatico di installarlo.").format(
            version=state.update, current=__version__) if state.update else "")
        self.update_label.setVisible(bool(state.update))
        self.enroll_box.setVisible(not state.enrolled)
        self.sync_button.setEnabled(state.enrolled and not state.running)
        self.sync_button.setToolTip("" if self.sync_button.isEnabled() else
                                    self.tr("Sincronizzazione in corso: attendere che finisca.") if state.running else
                                    self.tr("Lo sportello non è ancora registrato sul server: inserire qui sotto il "
                                            "codice di registrazione."))

    def _prefill_from_config(self) -> None:
        """A pre-configured install (wpt-desk.toml) names the server: the operator types only the code."""
        try:
            config = load_config(self.store.path.parent)
        except ConfigError:
            return  # the app already warned about the file at start-up
        if config.server.url:
            self.server_edit.setText(config.server.url)
        if config.server.ca_cert:
            self.ca_edit.setText(str(config.server.ca_cert))
        if config.server.network:
            self.enroll_box.setTitle(
                self.tr("Registra lo sportello sul server della rete «{network}»").format(network=config.server.network)
            )

    def _enroll(self) -> None:
        server, code = self.server_edit.text().strip(), self.code_edit.text().strip()
        if not server or not code:
            self.enroll_message.setText(self.tr("Inserire l'indirizzo del server e il codice di registrazione."))
            return
        try:
            server = check_server_url(server)
        except ValueError as exc:
            self.enroll_message.setText(self.tr("Indirizzo del server non accettato: {reason}.").format(reason=exc))
            return
        ca = Path(self.ca_edit.text().strip()) if self.ca_edit.text().strip() else None
        self.enroll_button.setEnabled(False)
        self.enroll_message.setText(self.tr("Registrazione in corso…"))
        self.controller.enroll(server, code, ca)

    def _enroll_result(self, ok: bool, message: str) -> None:
        self.enroll_button.setEnabled(True)
        self.enroll_message.setText(message)
        if ok:
            self.code_edit.clear()

    # -- review lists ---------------------------------------------------------------------------------

    def reload(self) -> None:
        store = self.store
        run_in_background(self, lambda: load_review(store)).on_success(self._show_review).run()

    def on_changes(self, changes: Changes) -> None:
        if changes.review or changes.persons:
            self.reload()

    def _show_review(self, loaded: Review) -> None:
        self._conflicts, self._groups, rejected, names = (loaded.conflicts, loaded.duplicate_groups,
                                                          loaded.rejected, loaded.names)
        self._fill(self.conflicts_table, [
            [f"{_ENTITY_LABELS.get(c.entity) or c.entity} {names.get(c.row_id, '')}".strip(), *(
                # An edit that met a deletion: «Ripristina» brings the record back with the edit.
                (self.tr("modificato altrove dopo l'eliminazione"), self.tr("eliminato"),
                 self.tr("modificato (ripristinabile)")) if c.field == DELETED_FIELD
                else (c.field, _value(c.kept_value), _value(c.lost_value)))]
            for c in self._conflicts
        ])
        self._fill(self.duplicates_table, [
            [f"{group[0].last_name} {group[0].first_name}",
             group[0].birth_date.strftime("%d/%m/%Y") if group[0].birth_date else "", str(len(group))]
            for group in self._groups
        ])
        self._fill(self.rejected_table, [
            [str(_ENTITY_LABELS.get(r["entity"], r["entity"])), str(r["reason"]), local_time(r["rejected_at"])]
            for r in rejected
        ])
        self.tabs.setTabText(0, self.tr("Conflitti ({n})").format(n=len(self._conflicts)))
        self.tabs.setTabText(1, self.tr("Possibili doppioni ({n})").format(n=len(self._groups)))
        self.tabs.setTabText(2, self.tr("Modifiche scartate dal server ({n})").format(n=len(rejected)))
        self._fill(self.not_applied_table, [
            [str(_ENTITY_LABELS.get(r["entity"], r["entity"])), str(r["reason"]), local_time(r["parked_at"])]
            for r in loaded.not_applied
        ])
        self.tabs.setTabText(3, self.tr("Modifiche ricevute non applicate ({n})").format(n=len(loaded.not_applied)))
        for button in (self.keep_button, self.restore_button):
            button.setEnabled(bool(self._conflicts))
        self.merge_button.setEnabled(bool(self._groups))

    def _name_restore(self, row: int) -> None:
        deletion = 0 <= row < len(self._conflicts) and self._conflicts[row].field == DELETED_FIELD
        self.restore_button.setText(self.tr("Ripristina il record eliminato") if deletion
                                    else self.tr("Ripristina valore perso"))

    def _resolve(self, *, restore_lost: bool) -> None:
        row = self.conflicts_table.currentRow()
        if not 0 <= row < len(self._conflicts):
            return
        conflict_id, store = self._conflicts[row].id, self.store
        run_op(self, lambda: resolve_conflict(store, conflict_id, restore_lost=restore_lost)).run()

    def _merge(self) -> None:
        row = self.duplicates_table.currentRow()
        if not 0 <= row < len(self._groups):
            return
        ids, store = [p.id for p in self._groups[row]], self.store
        run_op(self, lambda: merge_duplicates(store, ids)).run()
