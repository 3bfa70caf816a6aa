"""Report: the indicators of a period (this month, last month, this year or chosen dates), filtered by
municipality, category and — for a coordinator — desk, as charts with their tables beside them.

The figures are computed on the database thread; by default the page shows them as they would leave
the desk (counts below 3 hidden), and the PDF and CSV it saves are always so.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.changes import Changes
from desktop.queries import reference
from desktop.queries.report import indicators
from desktop.reference import municipalities
from desktop.reports.disclosure import suppress
from desktop.reports.indicators import Filters, Indicators, Period
from desktop.reports.output import TABLES, Table, headline, period_text, suppression_note, to_csv, with_scope
from desktop.reports.pdf import write_report_pdf
from ui.background import run_in_background
from ui.pages import Page, PageContext
from ui.reports.chart_view import ChartView
from ui.vocabulary import vocab
from ui.widgets.fonts import emphasize

THIS_MONTH, LAST_MONTH, THIS_YEAR, CUSTOM = "this_month", "last_month", "this_year", "custom"
ALL, THIS_DESK = "*", "."
_COORDINATORS = {"coordinatore", "amministratore"}


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def translate(context: str, text: str) -> str:
    """The core's texts (figures' labels, titles, notes) in the interface language."""
    return QCoreApplication.translate(context, text)


def period_of(choice: str, today: date) -> Period:
    """The dates of a choice of the period picker (custom: today, the page reads its date fields)."""
    first = today.replace(day=1)
    if choice == LAST_MONTH:
        end = first - timedelta(days=1)
        return Period(end.replace(day=1), end)
    if choice == THIS_YEAR:
        return Period(date(today.year, 1, 1), date(today.year, 12, 31))
    if choice == THIS_MONTH:
        following = (first + timedelta(days=32)).replace(day=1)
        return Period(first, following - timedelta(days=1))
    return Period(today, today)


@dataclass(frozen=True)
class Computed:
    """What the database thread hands back: raw figures, the suppressed ones, the seconds it took."""

    raw: Indicators
    suppressed: dict[str, Any]
    seconds: float


class _Section(QWidget):
    """A table's chart, with the same figures as a table beside it."""

    def __init__(self, table: Table, parent: QWidget) -> None:
        super().__init__(parent)
        self.spec = table
        title = table.heading(translate)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 8)
        heading = QLabel(title, self)
        emphasize(heading, 1.1, bold=True)
        layout.addWidget(heading)
        row = QHBoxLayout()
        self.chart = ChartView(title, self)
        self.table = QTableWidget(0, 2, self)
        self.table.setAccessibleName(_tr("ReportPage", "Tabella: {title}").format(title=title))
        self.table.setHorizontalHeaderLabels([_tr("ReportPage", "Voce"), _tr("ReportPage", "Numero")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMaximumWidth(360)
        self.table.setMinimumWidth(260)
        row.addWidget(self.chart, 3, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.table, 2, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)

    def show_figures(self, report: dict[str, Any]) -> None:
        items = self.spec.items(report, translate)
        chart_items = items[:15] if self.spec.skip_zero else items
        self.chart.set_items(self.spec.chart, chart_items)
        self.table.setRowCount(len(items))
        for index, entry in enumerate(items):
            self.table.setItem(index, 0, QTableWidgetItem(entry.label))
            value = QTableWidgetItem(entry.shown)
            value.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(index, 1, value)
        visible = min(len(items), 12)
        self.table.setFixedHeight(self.table.horizontalHeader().height() + 4 +
                                  sum(self.table.rowHeight(i) for i in range(visible)))


class ReportPage(Page):
    """Signals:
        updated(): the figures on screen were replaced by freshly computed ones.

    Attributes:
        computed: the last figures computed (None before the first).
    """

    updated = Signal()

    def __init__(self, context: PageContext) -> None:
        super().__init__(context)
        self.computed: Computed | None = None
        self.today = date.today()
        self._generation = 0
        self._stale = False
        self.coordinator = self.store.current_operator().role in _COORDINATORS

        self.period = QComboBox(self)
        self.period.setAccessibleName(self.tr("Periodo"))
        for key, label in ((THIS_MONTH, self.tr("Questo mese")), (LAST_MONTH, self.tr("Mese scorso")),
                           (THIS_YEAR, self.tr("Quest'anno")), (CUSTOM, self.tr("Date a scelta"))):
            self.period.addItem(label, key)
        self.start, self.end = QDateEdit(self), QDateEdit(self)
        for edit, name in ((self.start, self.tr("Dal giorno")), (self.end, self.tr("Al giorno"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setAccessibleName(name)
            edit.lineEdit().setAccessibleName(name)
        self.municipality = QComboBox(self)
        self.municipality.setAccessibleName(self.tr("Comune di residenza"))
        self.municipality.addItem(self.tr("Tutti i comuni"), None)
        for town in sorted(municipalities.territory(), key=lambda m: m.name):
            self.municipality.addItem(town.name, town.code)
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Categoria di bisogno"))
        self.category.addItem(self.tr("Tutte le categorie"), None)
        for code, label in reference.categories(self.store):
            self.category.addItem(f"{code} — {vocab(label).split(' (')[0]}", code)
        self.desk = QComboBox(self)
        self.desk.setAccessibleName(self.tr("Sportello"))
        self.desk.addItem(self.tr("Questo sportello"), THIS_DESK)
        if self.coordinator:
            self.desk.addItem(self.tr("Tutti gli sportelli"), ALL)
            for desk_id, name in reference.desks(self.store):
                if desk_id != self.store.desk_id:
                    self.desk.addItem(name, desk_id)
        self.desk.setEnabled(self.coordinator)
        self.protect = QCheckBox(self.tr("&Nascondi i conteggi minori di 3 (come nel PDF)"), self)
        self.protect.setChecked(True)
        self.pdf_button = QPushButton(self.tr("Salva &PDF…"), self)
        self.csv_button = QPushButton(self.tr("Salva &CSV…"), self)
        self.status = QLabel(self)
        self.status.setAccessibleName(self.tr("Stato del calcolo"))

        filters = QGridLayout()
        filters.addWidget(self._label(self.tr("P&eriodo:"), self.period), 0, 0)
        filters.addWidget(self.period, 0, 1)
        filters.addWidget(self._label(self.tr("&Dal:"), self.start), 0, 2)
        filters.addWidget(self.start, 0, 3)
        filters.addWidget(self._label(self.tr("&Al:"), self.end), 0, 4)
        filters.addWidget(self.end, 0, 5)
        filters.addWidget(self._label(self.tr("Co&mune:"), self.municipality), 1, 0)
        filters.addWidget(self.municipality, 1, 1)
        filters.addWidget(self._label(self.tr("Ca&tegoria:"), self.category), 1, 2)
        filters.addWidget(self.category, 1, 3)
        filters.addWidget(self._label(self.tr("Sportell&o:"), self.desk), 1, 4)
        filters.addWidget(self.desk, 1, 5)
        filters.setColumnStretch(6, 1)
        # Two lines, so that at twice the font size at 1366×768 neither the check box nor the status is cut:
        # the check box on its own, then the status with the buttons.
        actions = QVBoxLayout()
        actions.addWidget(self.protect)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.csv_button)
        actions.addLayout(buttons)

        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        self.summary = QLabel(self.body)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        emphasize(self.summary, 1.05, bold=True)
        body.addWidget(self.summary)
        self.key_figures = QFormLayout()
        self.key_values: list[QLabel] = []
        for label, _ in headline(_EMPTY, translate):
            value = QLabel("—", self.body)
            value.setAccessibleName(label)
            emphasize(value, 1.0, bold=True)
            self.key_figures.addRow(label + ":", value)
            self.key_values.append(value)
        body.addLayout(self.key_figures)
        self.sections: dict[tuple[str, ...], _Section] = {}
        for table in TABLES:
            line = QFrame(self.body)
            line.setFrameShape(QFrame.Shape.HLine)
            body.addWidget(line)
            section = _Section(table, self.body)
            self.sections[table.path] = section
            body.addWidget(section)
        self.note = QLabel(self.body)
        self.note.setWordWrap(True)
        body.addWidget(self.note)
        body.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Report e indicatori"), self)
        emphasize(title, 1.4, bold=True)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(scroll, 1)

        self._set_period(THIS_MONTH)
        self.period.currentIndexChanged.connect(lambda _i: self._period_chosen())
        for widget in (self.municipality, self.category, self.desk):
            widget.currentIndexChanged.connect(lambda _i: self.reload())
        for edit in (self.start, self.end):
            edit.editingFinished.connect(self._dates_edited)
        self.protect.toggled.connect(lambda _on: self._show_current())
        self.pdf_button.clicked.connect(self._ask_pdf)
        self.csv_button.clicked.connect(self._ask_csv)
        # Computed when first shown (showEvent): at 100,000 persons the figures read every person, seconds
        # on the database thread that the window opening after the login would otherwise wait behind.
        self._stale = True

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    # -- the period and filters ------------------------------------------------------------------

    def _set_period(self, choice: str) -> None:
        period = period_of(choice, self.today)
        custom = choice == CUSTOM
        for edit, day in ((self.start, period.start), (self.end, period.end)):
            if not custom:
                edit.blockSignals(True)
                edit.setDate(QDate(day.year, day.month, day.day))
                edit.blockSignals(False)
            edit.setEnabled(custom)

    def _period_chosen(self) -> None:
        self._set_period(self.period.currentData())
        self.reload()

    def _dates_edited(self) -> None:
        if self.period.currentData() == CUSTOM:
            self.reload()

    def choose(self, choice: str) -> None:
        """Pick a period of the picker (THIS_MONTH, LAST_MONTH, THIS_YEAR, CUSTOM)."""
        self.period.setCurrentIndex(self.period.findData(choice))

    def selected_period(self) -> Period:
        start, end = (date(d.year(), d.month(), d.day()) for d in (self.start.date(), self.end.date()))
        return Period(start, end) if end >= start else Period(end, start)

    def selected_filters(self) -> Filters:
        desk = self.desk.currentData()
        desk_ids = None if desk == ALL else frozenset({self.store.desk_id if desk == THIS_DESK else desk})
        return Filters(desk_ids, self.municipality.currentData(), self.category.currentData())

    # -- computing and showing ---------------------------------------------------------------------

    def reload(self) -> None:
        """Compute the figures of the chosen period and filters on the database thread."""
        self._generation += 1
        self._stale = False
        generation = self._generation
        store, period, filters = self.store, self.selected_period(), self.selected_filters()
        self.status.setText(self.tr("Calcolo in corso…"))

        def work() -> Computed:
            started = time.perf_counter()
            raw = indicators(store, period, filters)
            return Computed(raw, suppress(raw), time.perf_counter() - started)

        def done(result: Computed) -> None:
            if generation == self._generation:  # a later choice supersedes this one
                self.computed = result
                self._show_current()

        run_in_background(self, work).on_success(done).run()

    def figures(self) -> dict[str, Any]:
        """The figures on screen (suppressed unless the operator unticked the box)."""
        assert self.computed is not None
        return self.computed.suppressed if self.protect.isChecked() else self.computed.raw.figures

    def _show_current(self) -> None:
        if self.computed is None:
            return
        report = self.figures()
        self.summary.setText(self.tr("Periodo: {period} — {scope}").format(
            period=period_text(report, translate), scope=self._scope_text()))
        for value, (_label, shown) in zip(self.key_values, headline(report, translate), strict=True):
            value.setText(shown)
        for section in self.sections.values():
            section.show_figures(report)
        self.note.setText(suppression_note(3, translate) if self.protect.isChecked() else
                          self.tr("Conteggi esatti: solo per lo sportello. Il PDF e il CSV li proteggono sempre."))
        self.status.setText(self.tr("Calcolato in {seconds} s").format(
            seconds=f"{self.computed.seconds:.2f}".replace(".", ",")))
        self.updated.emit()

    def _scope_text(self) -> str:
        parts = [self.desk.currentText()]
        if self.municipality.currentData():
            parts.append(self.municipality.currentText())
        if self.category.currentData():
            parts.append(self.category.currentText())
        return ", ".join(parts)

    def document(self) -> dict[str, Any]:
        """The suppressed report with its scope, as it leaves the desk."""
        assert self.computed is not None
        filters = [t for t in (self.municipality.currentText() if self.municipality.currentData() else "",
                               self.category.currentText() if self.category.currentData() else "") if t]
        scope = {"desk": self.desk.currentText() if self.desk.currentData() != THIS_DESK else self.store.desk().name,
                 "filters_text": ", ".join(filters), "generated_on": date.today().isoformat()}
        return with_scope(self.computed.suppressed, scope, 3)

    # -- saving ------------------------------------------------------------------------------------

    def save_pdf(self, path: Path) -> None:
        document = self.document()
        title = translate("Report", "Report dello sportello WPT")  # as the command line's
        run_in_background(self, lambda: write_report_pdf(document, path, title, translate)) \
            .on_success(lambda p: self.nav.show_message(self.tr("Report salvato in {path}").format(path=p))).run()

    def save_csv(self, path: Path) -> None:
        text = to_csv(self.document(), translate)

        def write() -> Path:
            partial = path.with_name(path.name + ".partial")
            partial.write_text(text, encoding="utf-8", newline="")
            partial.replace(path)
            return path

        run_in_background(self, write).on_success(
            lambda p: self.nav.show_message(self.tr("Report salvato in {path}").format(path=p))).run()

    def _ask_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Salva il report in PDF"), "report-wpt.pdf", "PDF (*.pdf)")
        if name and self.computed is not None:
            self.save_pdf(Path(name))

    def _ask_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Salva il report in CSV"), "report-wpt.csv", "CSV (*.csv)")
        if name and self.computed is not None:
            self.save_csv(Path(name))

    def on_changes(self, changes: Changes) -> None:
        if changes.persons or changes.requests or changes.referrals:
            self._stale = True
            if self.isVisible():
                self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()


_EMPTY: dict[str, Any] = {"persons_served": 0, "new_persons": 0, "requests": {"total": 0}, "follow_ups_overdue": 0,
                          "referrals": {"total": 0, "median_days_to_taken_in_charge": None,
                                        "p90_days_to_taken_in_charge": None}}
