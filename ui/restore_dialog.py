"""Strumenti → Ripristina una copia: a coordinator picks a sound backup of this desk and puts it in place.

The dialog only chooses and confirms; the window then closes, the app puts the copy in place with the
database closed (the one in use is kept aside, never deleted) and asks for the login again (``ui/app.py``).
Window-modal, non-blocking; the copies are checked on the database thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.storage import backups
from desktop.storage.store import Store
from ui.background import run_in_background
from ui.dialogs import confirm
from ui.models.keyset import Column
from ui.models.table import RowsTableModel
from ui.recovery import when
from ui.widgets.fields import ErrorLabel
from ui.widgets.table_view import list_view


@dataclass(frozen=True)
class Listed:
    """A copy in the backup folder, as checked with this desk's key."""

    backup: backups.BackupFile
    check: backups.BackupCheck
    ours: bool  # a sound copy of this desk: the only kind that may be restored


def _list(folder: Path, key: bytes, desk_id: str) -> list[Listed]:
    found = []
    for backup in backups.list_backups(folder):
        check = backups.check_backup(backup.path, key)
        found.append(Listed(backup, check, check.sound and check.desk_id == desk_id))
    return found


class RestoreDialog(QDialog):
    """Signals:
        chosen(Path): the coordinator confirmed the restore of that copy.

    Attributes:
        listed: the copies shown, newest first (empty until checked).
    """

    chosen = Signal(Path)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.listed: list[Listed] = []
        self.folder = backups.backup_folder(store)
        self.setWindowTitle(self.tr("Ripristina una copia di sicurezza"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(680, 420)
        intro = QLabel(self.tr("Copie in {folder}. Il database in uso non viene cancellato: resta da parte nella "
                               "cartella dei dati.").format(folder=self.folder), self)
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = RowsTableModel([
            Column("when", self.tr("Data"), lambda r: r["when"]),
            Column("size", self.tr("Dimensione"), lambda r: r["size"]),
            Column("state", self.tr("Stato"), lambda r: r["state"]),
        ], self)
        self.table = list_view(self.model, self.tr("Copie di sicurezza"), self, sortable=False)
        self.summary = QLabel(self.tr("Controllo delle copie in corso…"), self)
        self.summary.setWordWrap(True)
        self.message = ErrorLabel(self)
        self.restore_button = QPushButton(self.tr("&Ripristina questa copia…"), self)
        self.restore_button.setEnabled(False)
        self.close_button = QPushButton(self.tr("C&hiudi"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selected())
        self.table.activated.connect(lambda _index: self.ask_restore())
        self.restore_button.clicked.connect(self.ask_restore)
        self.close_button.clicked.connect(self.close)
        self.question: QDialog | None = None
        self.reload()

    # -- the copies ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        keys, folder, desk_id = self.store.keys, self.folder, self.store.desk_id
        if keys is None:  # pragma: no cover - every desk database is encrypted since its first login
            self.summary.setText(self.tr("Questo database non ha una chiave: ripristinare da terminale."))
            return
        run_in_background(self, lambda: _list(folder, keys.key, desk_id)).on_success(self._show).on_error(
            lambda _error: self.summary.setText(self.tr("La cartella delle copie non si legge: {folder}.").format(
                folder=folder))).run()

    def _state(self, listed: Listed) -> str:
        if listed.ours:
            return self.tr("integra")
        if listed.check.sound:
            return self.tr("di un altro sportello")
        return self.tr("danneggiata o di un altro sportello")

    def _show(self, listed: list[Listed]) -> None:
        self.listed = listed
        rows = []
        for entry in listed:
            day, time = when(entry.backup.taken_at)
            rows.append({"id": str(entry.backup.path), "when": self.tr("{day} alle {time}").format(day=day, time=time),
                         "size": f"{max(entry.backup.size, 0) / 1_048_576:.1f} MB".replace(".", ","),
                         "state": self._state(entry)})
        self.model.set_rows(rows)
        sound = sum(1 for entry in listed if entry.ours)
        self.summary.setText(self.tr("Copie integre di questo sportello: %n.", "", sound) if listed else
                             self.tr("Nessuna copia di sicurezza in questa cartella."))
        first = next((i for i, entry in enumerate(listed) if entry.ours), None)
        if first is not None:
            self.table.selectionModel().select(
                self.model.index(first, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
            self.table.setCurrentIndex(self.model.index(first, 0))
        self._selected()

    def current(self) -> Listed | None:
        rows = self.table.selectionModel().selectedRows()
        return self.listed[rows[0].row()] if rows and rows[0].row() < len(self.listed) else None

    def _selected(self) -> None:
        entry = self.current()
        self.restore_button.setEnabled(entry is not None and entry.ours)
        self.restore_button.setToolTip("" if entry is None or entry.ours else self.tr(
            "Si ripristina solo una copia integra di questo sportello."))

    # -- restoring ----------------------------------------------------------------------------------------

    def ask_restore(self) -> None:
        entry = self.current()
        if entry is None or not entry.ours:
            return
        day, time = when(entry.backup.taken_at)
        self.question = confirm(
            self, self.tr("Ripristina una copia di sicurezza"),
            self.tr("Ripristinare la copia del {day} alle {time}? Si perdono su questo sportello le modifiche fatte "
                    "dopo: la sincronizzazione riporta quelle già arrivate al server, le altre restano nel "
                    "database conservato. WPT Desk si chiude e chiede di nuovo l'accesso.").format(
                day=day, time=time),
            self.tr("&Ripristina"), lambda: self._confirmed(entry.backup.path), default_yes=False)

    def _confirmed(self, path: Path) -> None:
        self.chosen.emit(path)
        self.accept()
