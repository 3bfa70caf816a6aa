"""Conservazione dei dati: the network's retention period and the persons past it, for a coordinator to
review and erase in one operation (nothing is erased without this confirmation). Window-modal, non-blocking."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.roles import Role
from desktop.errors import describe_error
from desktop.operations.authorization import may
from desktop.operations.errors import OperationError
from desktop.operations.retention import erase_past_retention, set_retention_years
from desktop.queries.retention import (
    MAX_RETENTION_YEARS,
    MIN_RETENTION_YEARS,
    PastRetention,
    persons_past_retention,
    retention_years,
)
from desktop.storage.store import Store
from ui.dialogs import ask_text, confirm
from ui.models.keyset import Column, it_date
from ui.models.table import RowsTableModel
from ui.operations import run_op
from ui.widgets.fields import DateField, ErrorLabel


class RetentionDialog(QDialog):
    """Signals:
        acted(str): the period was saved or the persons listed were erased (the sentence shown).
    """

    acted = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Conservazione dei dati"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(720, 480)
        self.years = QSpinBox(self)
        self.years.setRange(MIN_RETENTION_YEARS, MAX_RETENTION_YEARS)
        self.years.setSuffix(self.tr(" anni dall'ultima attività"))
        self.years.setAccessibleName(self.tr("Periodo di conservazione per tutta la rete"))
        self.years.lineEdit().setAccessibleName(self.years.accessibleName())
        self.apply_button = QPushButton(self.tr("&Applica a tutta la rete"), self)
        # The review may be prepared ahead (e.g. at the end of the year): who will be past the period on that day.
        self.on = DateField(self)
        self.on.set_value(date.today())
        self.on.setAccessibleName(self.tr("Situazione alla data"))
        self.on.textChanged.connect(lambda _text: self.reload() if self.on.is_valid() and self.on.value() else None)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.model = RowsTableModel([
            Column("name", self.tr("Persona"), lambda r: r["name"]),
            Column("born", self.tr("Nascita"), lambda r: it_date(r["born"]) if r["born"] else ""),
            Column("last", self.tr("Ultima attività"), lambda r: it_date(r["last"])),
        ], self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Persone oltre il periodo di conservazione"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.erase_button = QPushButton(self.tr("&Cancella le persone elencate…"), self)
        self.close_button = QPushButton(self.tr("C&hiudi"), self)
        self.message = ErrorLabel(self)
        period = QHBoxLayout()
        period.addWidget(QLabel(self.tr("Conservare i dati per"), self))
        period.addWidget(self.years)
        period.addWidget(self.apply_button)
        period.addStretch()
        period.addWidget(QLabel(self.tr("Situazione al"), self))
        period.addWidget(self.on)
        buttons = QHBoxLayout()
        buttons.addWidget(self.erase_button)
        buttons.addStretch()
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(period)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.apply_button.clicked.connect(self.apply)
        self.erase_button.clicked.connect(self.ask_erase)
        self.close_button.clicked.connect(self.close)
        self.past: list[PastRetention] = []
        self.reload()

    def reload(self) -> None:
        self.years.setValue(retention_years(self.store))
        self.past = persons_past_retention(self.store, self.on.value() or date.today())
        self.model.set_rows([{"id": p.person_id, "name": f"{p.last_name} {p.first_name}", "born": p.birth_date,
                              "last": p.last_activity} for p in self.past])
        self.summary.setText(self.tr("Persone la cui ultima attività è più vecchia del periodo: %n. Nulla è "
                                     "cancellato senza la conferma di un coordinatore.", "", len(self.past)))
        coordinator = may(self.store, Role.COORDINATOR)  # the core checks it too
        self.years.setEnabled(coordinator)
        self.apply_button.setEnabled(coordinator)
        # A list prepared for a later day may hold persons still in their period today: it is for review only.
        today = (self.on.value() or date.today()) == date.today()
        self.erase_button.setEnabled(coordinator and bool(self.past) and today)
        self.erase_button.setToolTip("" if today else self.tr(
            "Si cancella solo chi ha superato il periodo oggi: riporta la data a oggi."))

    def _failed(self, error: Exception) -> None:
        self.message.show_error(str(error) if isinstance(error, OperationError) else describe_error(error))

    def _succeeded(self, text: str) -> None:
        self.reload()
        self.message.show_ok(text)
        self.acted.emit(text)

    def apply(self) -> None:
        store, years = self.store, self.years.value()
        run_op(self, lambda: set_retention_years(store, years)).success(
            lambda _done: self._succeeded(self.tr("Periodo di conservazione: %n anni, per tutta la rete.", "",
                                                  years))).failure(self._failed).run()

    def ask_erase(self) -> None:
        """The reason first (non-blocking), then a confirmation with the count; then one operation for all."""
        store, ids = self.store, [p.person_id for p in self.past]
        if not ids:
            return

        def erase(reason: str) -> None:
            run_op(self, lambda: erase_past_retention(store, ids, reason)).success(
                lambda _done: self._succeeded(self.tr("Persone cancellate su questo sportello: %n; la "
                                                      "cancellazione raggiunge gli altri alla prossima "
                                                      "sincronizzazione.", "", len(ids)))
            ).failure(self._failed).run()

        def confirm_erase(reason: str) -> None:
            self.question = confirm(
                self, self.tr("Conservazione dei dati"),
                self.tr("Cancellare per sempre le %n persone elencate, con le loro richieste, gli invii e le note, "
                        "su ogni sportello della rete?", "", len(ids)),
                self.tr("&Cancella per sempre"), lambda: erase(reason), default_yes=False)

        self.reason_dialog = ask_text(self, self.tr("Conservazione dei dati"),
                                      self.tr("Motivo della cancellazione (per es. l'autorizzazione allo scarto):"),
                                      self.tr("Periodo di conservazione scaduto"), confirm_erase)
