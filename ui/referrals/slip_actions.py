"""After the wizard: reprint a referral's slip, and refer an existing request to more services.

Both are reached from the person's timeline and from the Invii page, on the selected line.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.errors import describe_os_error
from desktop.operations.errors import OperationError
from desktop.operations.requests import add_referrals
from desktop.queries import reference
from desktop.queries.catalog import services_covering
from desktop.queries.person_record import SlipData, request_to_refer, slip_data
from desktop.reference.municipalities import name_of
from desktop.storage.store import Store
from ui import dialogs
from ui.operations import run_op
from ui.referral_slip import write_referral_slip
from ui.referrals.service_choice import ServiceList
from ui.vocabulary import vocab
from ui.widgets.fields import DateField, ErrorLabel

FOLLOW_UP_DAYS = 14


def slip_file_name(data: SlipData) -> str:
    """The suggested file name of a slip: person and service, safe on every file system."""
    stem = f"scheda-invio-{data.person.last_name}-{data.person.first_name}-{data.service.name}"
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in stem)
    return f"{safe[:90]}.pdf"


def save_slip(parent: QWidget, store: Store, referral_id: str) -> tuple[Path | None, str]:
    """Ask where, then write the slip of a referral again. Returns the path written (None if the operator
    cancelled or it failed) and the sentence to show."""
    try:
        data = slip_data(store, referral_id)
    except OperationError as exc:
        return None, str(exc)
    path = dialogs.ask_save_path(parent, dialogs.save_folder() / slip_file_name(data))
    if path is None:
        return None, ""
    try:
        written = write_referral_slip(store, referral_id, path)
    except OSError as exc:
        return None, parent.tr("Non riesco a scrivere il PDF: {error}").format(error=describe_os_error(exc))
    return written, parent.tr("Scheda di invio salvata: {path}").format(path=written)


class AddReferralDialog(QDialog):
    """Aggiungi invio: more services for a request already recorded (space ticks, Invio confirms).

    Signals:
        added(tuple): the ids of the referrals recorded.
    """

    added = Signal(tuple)

    def __init__(self, store: Store, subject_kind: str, subject_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        found = request_to_refer(store, subject_kind, subject_id)
        if found is None:
            raise KeyError(subject_id)
        self.request, person = found
        name = f"{person.last_name} {person.first_name}"
        need = vocab(reference.CATEGORY_LABELS.get(self.request.category, self.request.category))
        self.setWindowTitle(self.tr("Aggiungi invio — {name}").format(name=name))
        self.setAccessibleName(self.tr("Aggiungi invio"))
        place = name_of(person.municipality_code) if person.municipality_code else ""
        self.where = QLabel(self.tr("Richiesta «{need}» di {name}: spuntare con lo spazio i servizi a cui inviare "
                                    "la persona.").format(need=need, name=name), self)
        self.where.setWordWrap(True)
        self.services = ServiceList(self)
        self.services.setAccessibleName(self.tr("Servizi: spazio per scegliere"))
        rows = services_covering(store, self.request.category, person.municipality_code or None)
        if not rows and place:
            rows = services_covering(store, self.request.category, None)
        self.services.set_services(rows)
        self.follow_up = DateField(self)
        self.follow_up.setAccessibleName(self.tr("Data di verifica"))
        self.follow_up.set_value(date.today() + timedelta(days=FOLLOW_UP_DAYS))
        self.error = ErrorLabel(self)
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton(self.tr("&Aggiungi invio"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Annulla"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        label = QLabel(self.tr("&Verifica dell'invio il"), self)
        label.setBuddy(self.follow_up)
        form.addRow(label, self.follow_up)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.services, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.services.setFocus()

    def accept(self) -> None:
        """Record the referrals on the database thread; the dialog closes when they are in."""
        chosen = self.services.chosen()
        if not chosen:
            self.error.show_error(self.tr("Nessun servizio spuntato: la barra spaziatrice spunta quello "
                                          "evidenziato."))
            return
        if not self.follow_up.is_valid():
            self.error.show_error(self.tr("La data di verifica non è valida (gg/mm/aaaa)."))
            return
        store, request_id, follow_up = self.store, self.request.id, self.follow_up.value()
        self.ok.setEnabled(False)

        def done(ids: tuple[str, ...]) -> None:
            self.added.emit(ids)
            super(AddReferralDialog, self).accept()

        def refused(error: Exception) -> None:
            self.ok.setEnabled(True)
            self.error.show_error(str(error) if isinstance(error, OperationError)
                                  else self.tr("L'invio non è stato registrato."))

        run_op(self, lambda: add_referrals(store, request_id, chosen, follow_up)).success(done).failure(
            refused).run()
