"""A damaged desk database at start: the operator restores the latest sound backup, or starts empty.

The damaged file is not deleted on the spot: restoring keeps it aside (``wpt-desk.db.before-restore-…``),
starting empty moves it and its key file aside (``….damaged-…``); both expire after 9 months, as the
automatic backups do. After a restore the window's sync brings back
what the server has, the desk's own acknowledged changes included.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.errors import describe_os_error
from desktop.storage import backups
from desktop.storage.connection import desk_of
from desktop.storage.errors import StorageError
from desktop.storage.store import DB_FILENAME
from ui.widgets import colours


def when(moment: datetime) -> tuple[str, str]:
    """(day, time) of ``moment`` in this computer's time zone and the interface's language."""
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
    return QLocale().toString(local.date(), "d MMMM yyyy"), local.time().toString("HH:mm")


class DamagedDatabaseDialog(QDialog):
    """What to do with a damaged database: «Ripristina la copia» (the latest sound backup, saying what it
    loses) or «Inizia vuoto»; Esc closes the app with nothing changed.

    Attributes:
        latest: the backup offered (None when there is none).
        restore_button, empty_button: the two choices (tests press them).
    """

    RESTORED, STARTED_EMPTY = 10, 11

    def __init__(self, data_dir: Path, key: bytes, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = Path(data_dir)
        self._key = key
        database = self.data_dir / DB_FILENAME
        self._desk_id = desk_of(database, key)
        folder = backups.folder_of(self.data_dir, backups.folder_setting(database, key))
        self.latest = backups.latest_sound(folder, key, self._desk_id)
        self.setWindowTitle(self.tr("WPT Desk — database danneggiato"))
        self.setAccessibleName(self.tr("Database danneggiato"))
        intro = QLabel(self.tr("Il database di questo sportello è danneggiato. Non verrà cancellato: resta "
                               "da parte nella cartella dei dati."), self)
        intro.setWordWrap(True)
        self.advice = QLabel(self)
        self.advice.setWordWrap(True)
        self.error = QLabel(self)
        self.error.setStyleSheet(colours.css(colours.ERROR))
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Ripristina la copia"), self)
        self.empty_button = QPushButton(self.tr("&Inizia vuoto"), self)
        if self.latest is not None:
            day, time = when(self.latest.taken_at)
            self.advice.setText(self.tr(
                "C'è una copia di sicurezza integra del {day} alle {time}. Ripristinandola si perdono le modifiche "
                "dopo il {day} alle {time}; la sincronizzazione riporterà quelle già arrivate al server."
            ).format(day=day, time=time))
            buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
            self.restore_button.setDefault(True)
        else:
            self.restore_button.hide()
            self.advice.setText(self.tr(
                "Non c'è nessuna copia di sicurezza: scegliere «Inizia vuoto», configurare lo sportello e "
                "registrarlo di nuovo sul server (codice dal coordinatore) per riavere i dati sincronizzati."))
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self._restore)
        self.empty_button.clicked.connect(self._start_empty)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.advice)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _restore(self) -> None:
        assert self.latest is not None
        try:
            backups.restore(self.data_dir, self.latest.path, self._key, desk_id=self._desk_id)
        except (StorageError, OSError) as exc:
            self.error.setText(str(exc) if isinstance(exc, StorageError) else
                               self.tr("Ripristino non riuscito: {error}").format(error=describe_os_error(exc)))
            return
        self.done(self.RESTORED)

    def _start_empty(self) -> None:
        try:
            backups.move_aside(self.data_dir)
        except OSError as exc:
            self.error.setText(self.tr("Impossibile spostare il database: {error}").format(
                error=describe_os_error(exc)))
            return
        self.done(self.STARTED_EMPTY)
