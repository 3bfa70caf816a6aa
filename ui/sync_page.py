"""The "Sincronizzazione" page (state, "Sincronizza ora", items to review) and the status-bar widget."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.storage.store import Store
from sync.review import (
    Conflict,
    list_conflicts,
    merge_persons,
    possible_duplicate_groups,
    rejected_changes,
    resolve_conflict,
)
from ui.sync_controller import SyncController, SyncState

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # "conflict" | "duplicates" | "rejected"
    label: str
    detail: str
    payload: Any


def _when(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso


def _value(value: Any) -> str:
    return "(vuoto)" if value in (None, "") else (value if isinstance(value, str) else json.dumps(value))


class ReviewModel(QAbstractTableModel):
    """Conflicts, possible duplicates and set-aside changes, one row each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[ReviewItem] = []

    def load(self, store: Store) -> None:
        items: list[ReviewItem] = []
        for c in list_conflicts(store):
            items.append(ReviewItem("conflict", self.tr("Conflitto"),
                                    self.tr("{entity}, campo «{field}»: tenuto «{kept}», perso «{lost}»").format(
                                        entity=c.entity, field=c.field, kept=_value(c.kept_value),
                                        lost=_value(c.lost_value)), c))
        for group in possible_duplicate_groups(store):
            names = ", ".join(f"{p.last_name} {p.first_name}" for p in group)
            born = group[0].birth_date.strftime("%d/%m/%Y") if group[0].birth_date else ""
            items.append(ReviewItem("duplicates", self.tr("Possibile doppione"),
                                    self.tr("{names}, nati il {born}").format(names=names, born=born), group))
        for row in rejected_changes(store):
            items.append(ReviewItem("rejected", self.tr("Modifica scartata"),
                                    f"{row['entity']}: {row['reason']}", row))
        self.beginResetModel()
        self.items = items
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else 2

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return item.label if index.column() == 0 else item.detail
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return (self.tr("Tipo"), self.tr("Dettaglio"))[section]
        return None


class SyncPage(QWidget):
    """The Sincronizzazione page. Register with ``main_window.add_page(page, page.title())``."""

    def __init__(self, store: Store, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.controller = controller
        self.setObjectName("syncPage")
        self.state_label = QLabel()
        self.last_label = QLabel()
        self.pending_label = QLabel()
        self.review_label = QLabel()
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.sync_button = QPushButton(self.tr("Sincronizza ora"))
        self.sync_button.clicked.connect(controller.sync_now)

        self.model = ReviewModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        self.keep_button = QPushButton(self.tr("Mantieni valore attuale"))
        self.restore_button = QPushButton(self.tr("Ripristina valore perso"))
        self.merge_button = QPushButton(self.tr("Unisci le persone"))
        self.keep_button.clicked.connect(lambda: self._resolve(restore=False))
        self.restore_button.clicked.connect(lambda: self._resolve(restore=True))
        self.merge_button.clicked.connect(self._merge)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)

        layout = QVBoxLayout(self)
        title = QLabel(self.title())
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        layout.addWidget(title)
        for label in (self.state_label, self.last_label, self.pending_label, self.review_label, self.message_label):
            layout.addWidget(label)
        layout.addWidget(self.sync_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(QLabel(self.tr("Da rivedere")))
        layout.addWidget(self.view, 1)
        actions = QHBoxLayout()
        for button in (self.keep_button, self.restore_button, self.merge_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)

        controller.stateChanged.connect(self.show_state)
        self.show_state(controller.state())

    def title(self) -> str:
        return self.tr("Sincronizzazione")

    @Slot(object)
    def show_state(self, state: SyncState) -> None:
        if not state.enrolled:
            status = self.tr("Sportello non registrato sul server centrale")
        elif state.running:
            status = self.tr("Sincronizzazione in corso…")
        elif state.online is None:
            status = self.tr("Stato della connessione non ancora noto")
        else:
            status = self.tr("In linea") if state.online else self.tr("Non in linea: le modifiche restano sul computer")
        self.state_label.setText(status)
        self.last_label.setText(self.tr("Ultima sincronizzazione riuscita: {when}").format(
            when=_when(state.last_success) or self.tr("mai")))
        self.pending_label.setText(self.tr("Modifiche in attesa di invio: {n}").format(n=state.pending))
        self.review_label.setText(self.tr("Elementi da rivedere: {n}").format(n=state.to_review))
        self.message_label.setText(state.message)
        self.sync_button.setEnabled(state.enrolled and not state.running)
        if not state.running:
            self.model.load(self.store)
        self._update_actions()

    def selected_item(self) -> ReviewItem | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.items[rows[0].row()] if rows and rows[0].row() < len(self.model.items) else None

    @Slot()
    def _update_actions(self) -> None:
        item = self.selected_item()
        self.keep_button.setEnabled(item is not None and item.kind == "conflict")
        self.restore_button.setEnabled(item is not None and item.kind == "conflict")
        self.merge_button.setEnabled(item is not None and item.kind == "duplicates")

    def _resolve(self, *, restore: bool) -> None:
        item = self.selected_item()
        if item is None or item.kind != "conflict":
            return
        conflict: Conflict = item.payload
        try:
            resolve_conflict(self.store, conflict.id, restore_lost=restore)
        except (KeyError, ValueError) as exc:
            QMessageBox.warning(self, self.title(), self.tr("Impossibile risolvere il conflitto: {e}").format(e=exc))
        self.show_state(self.controller.state())

    def _merge(self) -> None:
        item = self.selected_item()
        if item is None or item.kind != "duplicates":
            return
        survivor, *others = item.payload
        for other in others:
            merge_persons(self.store, other.id, survivor.id)
        self.show_state(self.controller.state())


class SyncStatusWidget(QLabel):
    """A short status-bar line: online/offline, last sync, waiting changes, items to review."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        controller.stateChanged.connect(self.show_state)
        self.show_state(controller.state())

    @Slot(object)
    def show_state(self, state: SyncState) -> None:
        if not state.enrolled:
            text = self.tr("Non registrato")
        elif state.running:
            text = self.tr("Sincronizzazione…")
        else:
            text = {True: self.tr("In linea"), False: self.tr("Non in linea"), None: self.tr("In attesa")}[state.online]
        parts = [text]
        if state.last_success:
            parts.append(self.tr("ultima sinc. {when}").format(when=_when(state.last_success)))
        parts.append(self.tr("{n} in attesa").format(n=state.pending))
        if state.to_review:
            parts.append(self.tr("{n} da rivedere").format(n=state.to_review))
        self.setText(" · ".join(parts))
        self.setToolTip(state.message)
