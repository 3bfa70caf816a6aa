"""Strumenti: import persons from CSV (with the per-row report, shown and saved), export every record as
CSV, a backup now, the restore of a backup (coordinators); long work shows a progress bar and can be
cancelled (nothing half-written).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QProgressDialog,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roles import Role
from desktop.errors import describe_error
from desktop.operations.authorization import NotAllowedError, may
from desktop.operations.changes import Changes
from desktop.operations.errors import OperationError
from desktop.operations.restore import check_may_restore
from desktop.services.list_export import write_list_csv
from desktop.services.person_import import ImportCancelled, ImportFileError, ImportReport, import_persons
from desktop.storage.errors import StorageError
from desktop.storage.maintenance import BackupCancelled, backup
from desktop.storage.store import Store
from ui import dialogs
from ui.background import run_in_background
from ui.changes import publish
from ui.models.keyset import Column
from ui.models.table import RowsTableModel
from ui.restore_dialog import RestoreDialog

REPORTS_FOLDER = "resoconti-importazione"


class LongWork(QObject):
    """Work on the database thread behind a progress dialog with Annulla.

    ``work(progress)`` calls ``progress(done, total)`` now and then; it returns False once the operator
    pressed Annulla, and the work then stops by raising (its transaction rolls back).

    Signals:
        progressed(int, int): done and total, relayed to the GUI thread.
        finished(object): the result, or the exception that ended the work.
    """

    progressed = Signal(int, int)
    finished = Signal(object)

    def __init__(self, parent: QWidget, label: str, work: Callable[[Callable[[int, int], bool]], Any]) -> None:
        super().__init__(parent)
        self._stop = threading.Event()
        self.dialog = QProgressDialog(label, self.tr("Annulla"), 0, 0, parent)
        self.dialog.setWindowTitle(self.tr("Operazione in corso"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self._stop.set)
        self.progressed.connect(self._show)
        self._work = work

    def cancel(self) -> None:
        self._stop.set()

    def _report(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._stop.is_set()

    def _show(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def run(self) -> LongWork:
        self.dialog.show()
        run_in_background(self, lambda: self._work(self._report)).on_success(self._ended).on_error(self._ended).run()
        return self

    def _ended(self, outcome: Any) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.finished.emit(outcome)


def _sentence(error: Exception) -> str:
    if isinstance(error, (OperationError, StorageError, ImportFileError, ImportCancelled)):
        return str(error)
    return describe_error(error)


class ImportReportDialog(QDialog):
    """What the import did, with one line per row set aside (line number and reason, no personal data)."""

    def __init__(self, report: ImportReport, saved_to: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Resoconto dell'importazione"))
        self.summary = QLabel(self.tr("Importate %n persone", "", report.imported) + " — " + self.tr(
            "{created} nuove, {updated} aggiornate, {unchanged} invariate; righe scartate: {rejected}.").format(
            created=report.created, updated=report.updated, unchanged=report.unchanged,
            rejected=len(report.rejected)), self)
        self.summary.setWordWrap(True)
        self.model = RowsTableModel([
            Column("line", self.tr("Riga"), lambda r: str(r["line"])),
            Column("reason", self.tr("Motivo dello scarto"), lambda r: r["reason"]),
        ], self)
        self.model.set_rows([{"id": str(r.line), "line": r.line, "reason": r.reason} for r in report.rejected])
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Righe scartate"))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setVisible(bool(report.rejected))
        self.saved = QLabel(self.tr("Resoconto salvato in {path}").format(path=saved_to) if saved_to else "", self)
        self.saved.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("&Chiudi"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.saved)
        layout.addWidget(buttons)
        self.resize(640, 420 if report.rejected else 180)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)


class Tools(QObject):
    """The Strumenti menu of a window, and what each entry does.

    Signals:
        restore_chosen(Path): a coordinator confirmed the restore of that backup (the window does it).
    """

    restore_chosen = Signal(Path)

    def __init__(self, store: Store, window: QWidget, notify: Callable[[str], None]) -> None:
        super().__init__(window)
        self.store = store
        self.window = window
        self.notify = notify
        self.work: LongWork | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.menu = QMenu(window)
        self.menu.addAction(self.tr("&Importa persone da CSV…"), lambda: self.import_persons())
        self.menu.addAction(self.tr("&Esporta tutti i dati (CSV)…"), lambda: self.export_all())
        self.menu.addAction(self.tr("&Copia di sicurezza ora…"), lambda: self.backup_now())
        self.restore_action = self.menu.addAction(self.tr("&Ripristina una copia…"), lambda: self.restore())
        self.menu.setToolTipsVisible(True)
        self.menu.aboutToShow.connect(self._update_restore)
        self.restore_dialog: RestoreDialog | None = None
        self.button = QPushButton(self.tr("Strumenti"), window)
        self.button.setAccessibleName(self.tr("Strumenti: importa, esporta, copia di sicurezza"))
        self.button.setMenu(self.menu)

    # -- import ---------------------------------------------------------------------------------------

    def import_persons(self, path: Path | None = None) -> LongWork | None:
        if path is None:
            chosen, _filter = QFileDialog.getOpenFileName(self.window, self.tr("Importa persone da CSV"),
                                                          str(dialogs.save_folder()), "CSV (*.csv *.txt)")
            if not chosen:
                return None
            path = Path(chosen)
        store, source = self.store, path
        self.work = LongWork(self.window, self.tr("Importazione delle persone da {name}…").format(name=path.name),
                             lambda progress: import_persons(store, source, progress))
        self.work.finished.connect(self._imported)
        return self.work.run()

    def _imported(self, outcome: Any) -> None:
        if isinstance(outcome, Exception):
            self.notify(_sentence(outcome))
            return
        publish(Changes(persons=True))
        saved = self._save_report(outcome)
        self.report_dialog = ImportReportDialog(outcome, saved, self.window)
        self.report_dialog.open()

    def _save_report(self, report: ImportReport) -> Path | None:
        folder = self.store.path.parent / REPORTS_FOLDER
        try:
            folder.mkdir(exist_ok=True)
            path = folder / f"importazione-{datetime.now():%Y%m%d-%H%M%S}.csv"
            return write_list_csv(path, [self.tr("Riga"), self.tr("Motivo dello scarto")],
                                  [[str(r.line), r.reason] for r in report.rejected])
        except OSError:
            return None

    # -- export and backup ------------------------------------------------------------------------------

    def export_all(self, folder: Path | None = None) -> LongWork | None:
        from desktop.services.export import write_csv_folder  # its reference data loads when first needed

        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self.window, self.tr("Cartella per l'esportazione"),
                                                      str(dialogs.save_folder()))
            if not chosen:
                return None
            folder = Path(chosen)
        store, target = self.store, folder
        self.work = LongWork(self.window, self.tr("Esportazione di tutti i dati…"),
                             lambda progress: write_csv_folder(store, target, progress=progress))
        self.work.finished.connect(lambda outcome: self.notify(
            _sentence(outcome) if isinstance(outcome, Exception) else
            self.tr("Esportati {records} record in {files} file CSV nella cartella {folder}.").format(
                records=sum(outcome.values()), files=len(outcome), folder=target)))
        return self.work.run()

    def backup_now(self, path: Path | None = None) -> LongWork | None:
        if path is None:
            path = dialogs.ask_save_path(self.window, dialogs.save_folder() / f"wpt-desk-{datetime.now():%Y%m%d}.db",
                                         "WPT Desk (*.db)", self.tr("Copia di sicurezza"))
            if path is None:
                return None
        store, target = self.store, path
        self.work = LongWork(self.window, self.tr("Copia di sicurezza in corso…"),
                             lambda progress: backup(store, target, progress))
        self.work.finished.connect(lambda outcome: self.notify(
            _sentence(outcome) if isinstance(outcome, (Exception, BackupCancelled)) else
            self.tr("Copia di sicurezza scritta in {path} (con la sua chiave accanto).").format(path=target)))
        return self.work.run()

    # -- restore --------------------------------------------------------------------------------------------

    def _update_restore(self) -> None:
        """The entry follows the operator signed in (another may have unlocked the window)."""
        allowed = may(self.store, Role.COORDINATOR)
        self.restore_action.setEnabled(allowed)
        self.restore_action.setToolTip("" if allowed else self.tr("Il ripristino è riservato ai coordinatori."))

    def restore(self) -> RestoreDialog | None:
        """The copies of this desk to choose from; a confirmed choice goes out as :attr:`restore_chosen`."""
        try:
            check_may_restore(self.store)
        except NotAllowedError as exc:
            self.notify(str(exc))
            return None
        self.restore_dialog = RestoreDialog(self.store, self.window)
        self.restore_dialog.chosen.connect(self.restore_chosen)
        self.restore_dialog.open()
        return self.restore_dialog
