"""Nuova richiesta: the need (category, description, urgency, channel), then the services of that category
covering the person's municipality, then the referral slip to save as PDF or print. Keyboard all the way:
Enter goes on, Alt+letters reach every field, space ticks a service.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.domain import labels
from desktop.domain.enums import Channel, Urgency
from desktop.errors import describe_error
from desktop.operations.errors import OperationError
from desktop.operations.requests import NewRequest, RecordedRequest, record_request
from desktop.queries import reference
from desktop.queries.catalog import services_covering
from desktop.queries.person_record import person_for_view, slip_data
from desktop.reference.municipalities import name_of
from desktop.storage.store import Store
from ui import dialogs
from ui.operations import run_op
from ui.referral_slip import slip_html, write_referral_slip
from ui.referrals.service_choice import ServiceList
from ui.referrals.slip_actions import slip_file_name
from ui.vocabulary import vocab
from ui.widgets.fields import DateField, ErrorLabel
from ui.widgets.shortcuts import shortcut

FOLLOW_UP_DAYS = 14


class NeedPage(QWizardPage):
    def __init__(self, wizard: NewRequestWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("Il bisogno"))
        self.setSubTitle(self.tr("Categoria, una frase, urgenza e canale. Invio per andare avanti."))
        self.category = QComboBox(self)
        self.category.addItem(self.tr("Scegliere la categoria…"), "")
        for code, text in reference.categories(wizard.store):
            self.category.addItem(f"{code} — {vocab(text)}", code)
        self.description = QLineEdit(self)
        self.description.setPlaceholderText(self.tr("Es.: accompagnamento a una visita a Ivrea il 12"))
        self.urgency = QComboBox(self)
        for urgency, urgency_label in labels.URGENCY.items():
            self.urgency.addItem(vocab(urgency_label), urgency.value)
        self.urgency.setCurrentIndex(self.urgency.findData(Urgency.NORMAL.value))
        self.channel = QComboBox(self)
        for channel, channel_label in labels.CHANNEL.items():
            self.channel.addItem(vocab(channel_label), channel.value)
        form = QFormLayout(self)
        for caption, widget, name in (
            (self.tr("&Categoria"), self.category, self.tr("Categoria del bisogno")),
            (self.tr("&Descrizione"), self.description, self.tr("Descrizione del bisogno")),
            (self.tr("&Urgenza"), self.urgency, self.tr("Urgenza")),
            (self.tr("Ca&nale"), self.channel, self.tr("Canale")),
        ):
            widget.setAccessibleName(name)
            buddy = QLabel(caption, self)
            buddy.setBuddy(widget)
            form.addRow(buddy, widget)
        self.category.currentIndexChanged.connect(self.completeChanged)

    def initializePage(self) -> None:
        person = self.wizard_.person
        place = name_of(person.municipality_code) if person.municipality_code else self.tr("comune non indicato")
        self.setSubTitle(self.tr("Per {name} ({place}): categoria, una frase, urgenza e canale. "
                                 "Invio per andare avanti.").format(name=f"{person.last_name} {person.first_name}",
                                                                    place=place))
        self.category.setFocus()

    def isComplete(self) -> bool:
        return bool(self.category.currentData())


class ServicesPage(QWizardPage):
    def __init__(self, wizard: NewRequestWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("I servizi"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Crea richiesta e invii"))
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        self.services = ServiceList(self)
        self.services.setAccessibleName(self.tr("Servizi che coprono il comune: spazio per scegliere"))
        self.all_municipalities = QCheckBox(self.tr("Mostra anche i servizi che non coprono il &comune"), self)
        self.all_municipalities.setAccessibleName(self.tr("Mostra anche i servizi che non coprono il comune"))
        self.follow_up = DateField(self)
        self.follow_up.setAccessibleName(self.tr("Data di verifica"))
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.services, 1)
        layout.addWidget(self.all_municipalities)
        row = QFormLayout()
        label = QLabel(self.tr("&Verifica dell'invio il"), self)
        label.setBuddy(self.follow_up)
        row.addRow(label, self.follow_up)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.all_municipalities.toggled.connect(self._load)
        self.services.itemChanged.connect(lambda _item: self.completeChanged.emit())
        self._without_referral = False
        self.follow_up.textChanged.connect(self._follow_up_changed)

    def _follow_up_changed(self, _text: str) -> None:
        """The commit button is disabled while the date is wrong: say so beside it."""
        if self.follow_up.is_valid():
            self.error.clear_message()
        else:
            self.error.show_error(self.tr("Non si può creare la richiesta: la data di verifica non è una data "
                                          "(gg/mm/aaaa)."))
        self.completeChanged.emit()

    def initializePage(self) -> None:
        self.follow_up.set_value(date.today() + timedelta(days=FOLLOW_UP_DAYS))
        self.all_municipalities.setChecked(False)
        self._without_referral = False
        self._load()
        self.services.setFocus()

    def _load(self) -> None:
        wizard = self.wizard_
        category = wizard.need.category.currentData()
        municipality = wizard.person.municipality_code
        covering = None if self.all_municipalities.isChecked() or not municipality else municipality
        rows = services_covering(wizard.store, category, covering)
        place = name_of(municipality) if municipality else self.tr("comune di residenza non indicato")
        need = vocab(reference.CATEGORY_LABELS.get(category, category))
        if rows:
            self.where.setText(self.tr("Servizi per «{need}» a {place}: spazio per scegliere, uno o più.").format(
                need=need, place=place))
        else:
            self.where.setText(self.tr("Nessun servizio per «{need}» copre {place}: provare «Mostra anche…» "
                                       "o andare avanti senza invio.").format(need=need, place=place))
        self.services.set_services(rows)
        self.completeChanged.emit()

    def chosen(self) -> list[str]:
        return self.services.chosen()

    def check(self, service_id: str) -> None:
        """Tick a service (what space does on the selected row)."""
        self.services.check(service_id)

    def isComplete(self) -> bool:
        return self.follow_up.is_valid()

    def validatePage(self) -> bool:
        """Recorded: go on. Not yet: record it on the database thread; the wizard moves on when it is in.

        With services listed and none ticked (Enter on a highlighted, unticked row), ask first: a request
        without a referral must be the operator's choice, not a slip of the keyboard.
        """
        if self.wizard_.request_id is not None:
            return True
        self.error.clear_message()
        if self.services.count() and not self.chosen() and not self._without_referral:
            self.wizard_.question = dialogs.confirm(
                self, self.tr("Nessun servizio scelto"),
                self.tr("Nessun servizio è spuntato (la barra spaziatrice spunta quello evidenziato). "
                        "Registrare la richiesta senza invii?"),
                self.tr("Registra &senza invii"), self._record_without_referral, no=self.tr("&Scegli un servizio"),
                default_yes=False)
            return False
        self.wizard_.record_request()
        return False

    def _record_without_referral(self) -> None:
        self._without_referral = True
        self.wizard_.record_request()


class SlipPage(QWizardPage):
    def __init__(self, wizard: NewRequestWizard) -> None:
        super().__init__(wizard)
        self.wizard_ = wizard
        self.setTitle(self.tr("La scheda di invio"))
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self.tr("&Salva PDF… (Ctrl+S)"), self)
        self.print_button = QPushButton(self.tr("S&tampa… (Ctrl+P)"), self)
        self.save_button.setAccessibleName(self.tr("Salva la scheda di invio in PDF"))
        self.print_button.setAccessibleName(self.tr("Stampa la scheda di invio"))
        self.result = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.save_button)
        layout.addWidget(self.print_button)
        layout.addWidget(self.result)
        layout.addStretch()
        self.save_button.clicked.connect(self.wizard_.save_slips)
        self.print_button.clicked.connect(self.wizard_.print_slips)
        shortcut(QKeySequence.StandardKey.Save, self, self.wizard_.save_slips, Qt.ShortcutContext.WindowShortcut)
        shortcut(QKeySequence.StandardKey.Print, self, self.wizard_.print_slips, Qt.ShortcutContext.WindowShortcut)

    def initializePage(self) -> None:
        wizard = self.wizard_
        count = len(wizard.referral_ids)
        if count:
            done = self.tr("Richiesta registrata con %n invii.", "", count)
            self.summary.setText(done + " " + self.tr("Salvare o stampare la scheda da dare alla persona; poi Invio "
                                                      "per chiudere."))
        else:
            self.summary.setText(self.tr("Richiesta registrata senza invii: resta aperta."))
        self.save_button.setEnabled(bool(count))
        self.print_button.setEnabled(bool(count))
        why = "" if count else self.tr("Nessun invio registrato: non c'è una scheda da dare.")
        self.save_button.setToolTip(why)
        self.print_button.setToolTip(why)
        if count:
            self.save_button.setFocus()


class NewRequestWizard(QWizard):
    """Signals:
        created(str): the id of the new request (its referrals are in ``referral_ids``).
        slips_written(list): the PDF paths written by Salva PDF.
    """

    created = Signal(str)
    slips_written = Signal(list)

    def __init__(self, store: Store, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        person = person_for_view(store, person_id)
        if person is None:
            raise KeyError(person_id)
        self.person = person
        self.request_id: str | None = None
        self.referral_ids: list[str] = []
        self._recording = False
        self._slip_done = False  # saved as PDF or sent to a printer
        self.written: list[Path] = []
        self.question: QMessageBox | None = None
        self.setWindowTitle(self.tr("Nuova richiesta — {name}").format(name=f"{person.last_name} {person.first_name}"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Avanti >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Indietro"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Annulla"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Fine"))
        self.need = NeedPage(self)
        self.services = ServicesPage(self)
        self.slip = SlipPage(self)
        for page in (self.need, self.services, self.slip):
            self.addPage(page)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(760, 520)

    def is_dirty(self) -> bool:
        """Something typed that is not recorded yet."""
        return self.request_id is None and (
            bool(self.need.category.currentData()) or bool(self.need.description.text().strip()))

    def reject(self) -> None:
        """Esc / Annulla: ask before throwing away what was typed, or before closing without the slip."""
        if self.request_id is not None and self.referral_ids and not self._slip_done:
            self.question = dialogs.confirm(
                self, self.tr("Scheda di invio"),
                self.tr("La richiesta è registrata, ma la scheda di invio non è stata salvata né stampata: "
                        "chiudere senza scheda?"),
                self.tr("&Chiudi senza scheda"), super().reject, no=self.tr("&Torna alla scheda"), default_yes=False)
            return
        if not self.is_dirty():
            super().reject()
            return
        self.question = dialogs.confirm(
            self, self.tr("Nuova richiesta"),
            self.tr("La richiesta non è ancora registrata: scartare quanto scritto?"),
            self.tr("Sc&arta"), self._discard)

    def _discard(self) -> None:
        self.need.category.setCurrentIndex(0)
        self.need.description.clear()
        super().reject()

    def record_request(self) -> None:
        """Record the request and one referral per chosen service (one operation of the core, off the GUI
        thread); then the wizard goes on to the slip."""
        if self.request_id is not None or self._recording:
            return
        store, need = self.store, self.need
        new = NewRequest(
            person_id=self.person.id, category=need.category.currentData(), description=need.description.text(),
            urgency=Urgency(need.urgency.currentData()), channel=Channel(need.channel.currentData()),
            service_ids=tuple(self.services.chosen()), follow_up_on=self.services.follow_up.value(),
        )
        self._recording = True
        self.button(QWizard.WizardButton.CommitButton).setEnabled(False)
        run_op(self, lambda: record_request(store, new)).success(self._recorded).failure(self._not_recorded).run()

    def _recorded(self, recorded: RecordedRequest) -> None:
        self._recording = False
        self.request_id = recorded.request_id
        self.referral_ids = list(recorded.referral_ids)
        self.created.emit(recorded.request_id)
        if self.currentPage() is self.services:
            self.next()

    def _not_recorded(self, error: Exception) -> None:
        self._recording = False
        self.button(QWizard.WizardButton.CommitButton).setEnabled(True)
        self.services.error.show_error(str(error) if isinstance(error, OperationError) else
                                       self.tr("La richiesta non è stata registrata: {error}").format(
                                      error=describe_error(error)))

    def _slip_name(self, referral_id: str) -> str:
        return slip_file_name(slip_data(self.store, referral_id))

    def _slip_given(self) -> None:
        """The slip is out: Enter now closes the wizard, as the page says (not a second save dialog)."""
        self._slip_done = True
        finish = self.button(QWizard.WizardButton.FinishButton)
        if isinstance(finish, QPushButton):
            finish.setDefault(True)
        finish.setFocus()

    def save_slips(self) -> None:
        """Ask where, then write one PDF slip per referral."""
        folder = dialogs.save_folder()
        written: list[Path] = []
        for referral_id in self.referral_ids:
            path = dialogs.ask_save_path(self, folder / self._slip_name(referral_id))
            if path is None:
                break
            try:
                written.append(write_referral_slip(self.store, referral_id, path))
            except OSError as exc:
                self.slip.result.show_error(self.tr("Non riesco a scrivere il PDF: {error}").format(error=exc))
                return
            folder = path.parent
        if written:
            self.written.extend(written)
            self.slip.result.show_ok(self.tr("Salvato: {paths}").format(paths=", ".join(str(p) for p in written)))
            self._slip_given()
            self.slips_written.emit(written)

    def slips_html(self) -> str:
        parts: list[Any] = [slip_html(slip_data(self.store, r)) for r in self.referral_ids]
        return "<div style='page-break-before: always'></div>".join(parts)

    def print_slips(self) -> None:
        if not self.referral_ids:
            return
        if not QPrinterInfo.availablePrinters():
            self.slip.result.show_error(self.tr("Nessuna stampante disponibile su questo computer: usare «Salva PDF»."))
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def print_now() -> None:
            document = QTextDocument()
            document.setHtml(self.slips_html())
            painter_ok = printer.isValid()
            document.print_(printer)
            if painter_ok:
                self.slip.result.show_ok(self.tr("Scheda inviata alla stampante."))
                self._slip_given()
            else:
                self.slip.result.show_error(self.tr("La stampante non risponde: usare «Salva PDF»."))

        dialog.accepted.connect(print_now)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()
