"""One person: who they are, whether the privacy notice was given, and the timeline of what happened."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import fiscal_code, labels
from desktop.domain.enums import ConsentMethod, ConsentPurpose, LegalBasis, Sex, SpecialCategoryBasis
from desktop.domain.models import Person
from desktop.domain.roles import Role
from desktop.operations.authorization import may
from desktop.operations.persons import record_privacy_notice
from desktop.operations.rights import consents_of, decide_objection, erase_person, object_to_processing, set_restriction
from desktop.queries import person_record
from desktop.queries.access import person_accesses
from desktop.reference.municipalities import name_of
from desktop.storage.store import Store
from sync.audit import AccessEntry
from ui import dialogs
from ui.background import run_in_background
from ui.changes import Changes
from ui.dialogs import ask_text, confirm, inform, save_folder
from ui.models.keyset import Column, it_date
from ui.models.table import RowsTableModel
from ui.operations import run_op
from ui.referrals.slip_actions import AddReferralDialog, save_slip
from ui.referrals.status_dialog import StatusDialog
from ui.requests.note_dialog import NoteDialog
from ui.vocabulary import vocab
from ui.widgets import colours
from ui.widgets.fields import format_date
from ui.widgets.fonts import emphasize
from ui.widgets.shortcuts import shortcut

KIND_LABELS = {"request": "Richiesta", "referral": "Invio", "status": "Cambio di stato", "note": "Nota",
               "rectification": "Rettifica"}


# What each access log action reads as in the list of accesses to a record.
ACCESS_LABELS = {
    "view": "Scheda aperta", "edit": "Scheda aperta per modificarla", "timeline": "Cronologia consultata",
    "slip": "Scheda di invio stampata o salvata", "create": "Creazione", "update": "Modifica",
    "delete": "Eliminazione", "restore": "Ripristino", "merge": "Unione", "erase": "Cancellazione",
    "audit_view": "Accessi consultati", "export": "Esportazione",
}


def _birthplace(person: Person) -> str:
    """The birthplace's name; one abroad (Z…) is named by the codice fiscale."""
    name = name_of(person.birthplace_code)
    if name == person.birthplace_code and person.fiscal_code:
        try:
            return fiscal_code.decode(person.fiscal_code).birthplace_name.title() or name
        except fiscal_code.FiscalCodeError:
            return name
    return name


class PersonDetail(QWidget):
    """Signals:
        edit_requested(str), new_request_requested(str), delete_requested(str), back_requested().
        timeline_loaded(): the timeline of the shown person is in.
        notice(str): a sentence for the status bar (a slip saved again, referrals added).
    """

    edit_requested = Signal(str)
    new_request_requested = Signal(str)
    delete_requested = Signal(str)
    back_requested = Signal()
    timeline_loaded = Signal()
    notice = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.person: Person | None = None
        self.name = QLabel(self)
        emphasize(self.name, 1.6, bold=True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.RichText)
        self.privacy = QLabel(self)
        self.privacy.setAccessibleName(self.tr("Informativa privacy"))
        self.privacy_today = QPushButton(self.tr("Informativa consegnata &oggi"), self)

        self.new_request_button = QPushButton(self.tr("&Nuova richiesta (Ctrl+R)"), self)
        self.note_button = QPushButton(self.tr("No&ta (Ctrl+T)"), self)
        self.edit_button = QPushButton(self.tr("&Modifica (Ctrl+E)"), self)
        self.delete_button = QPushButton(self.tr("&Elimina (Canc)"), self)
        self.back_button = QPushButton(self.tr("&Torna all'elenco (Esc)"), self)
        # On the timeline's selected line: the slip of a referral again, more referrals for its request.
        self.slip_button = QPushButton(self.tr("Ri&stampa scheda (Ctrl+P)"), self)
        self.slip_button.setAccessibleName(self.tr("Salva di nuovo la scheda dell'invio scelto"))
        self.slip_button.setToolTip(self.tr("Scegliere un invio nella cronologia"))
        self.slip_button.clicked.connect(self.reprint_slip)
        self.add_referral_button = QPushButton(self.tr("A&ggiungi invio (Ctrl+I)"), self)
        self.add_referral_button.setAccessibleName(self.tr("Aggiungi un invio alla richiesta scelta"))
        self.add_referral_button.setToolTip(self.tr("Scegliere una richiesta o un invio nella cronologia"))
        self.add_referral_button.clicked.connect(self.add_referral)
        # Who accessed this record and when: for coordinators (the core checks it too).
        self.accesses_button = QPushButton(self.tr("&Accessi alla scheda"), self)
        self.accesses_button.setAccessibleName(self.tr("Chi ha consultato la scheda"))
        self.accesses_button.clicked.connect(self.show_accesses)
        # The citizen's rights (GDPR arts. 15, 17, 18): for coordinators (the core checks it too).
        self.access_export_button = QPushButton(self.tr("Esporta &dati (art. 15)"), self)
        self.access_export_button.setAccessibleName(self.tr("Esporta tutti i dati della persona per la persona"))
        self.access_export_button.clicked.connect(self.export_for_person)
        self.restrict_button = QPushButton(self.tr("&Limita trattamento"), self)
        self.restrict_button.clicked.connect(self.toggle_restriction)
        self.erase_button = QPushButton(self.tr("&Cancella dati (art. 17)"), self)
        self.erase_button.setAccessibleName(self.tr("Cancella la persona su ogni sportello"))
        self.erase_button.clicked.connect(self.ask_erase)
        # Objection (art. 21): recorded by any operator, decided by a coordinator.
        self.object_button = QPushButton(self.tr("&Opposizione (art. 21)"), self)
        self.object_button.setAccessibleName(self.tr("Registra l'opposizione della persona al trattamento"))
        self.object_button.clicked.connect(self.ask_objection)
        self.decide_button = QPushButton(self.tr("Decidi sull'&opposizione"), self)
        self.decide_button.clicked.connect(self.ask_decision)
        # The privacy notice of the version the person received (or the current one), to print or save.
        self.notice_button = QPushButton(self.tr("Stampa &informativa"), self)
        self.notice_button.setAccessibleName(self.tr("Salva in PDF l'informativa privacy"))
        self.notice_button.clicked.connect(self.save_notice)
        self.restricted_label = QLabel(self)
        self.restricted_label.setStyleSheet(colours.css(colours.ERROR, "font-weight: bold;"))
        self.accesses_model = RowsTableModel([
            Column("at", self.tr("Quando"), lambda r: it_date(r["at"]) + " " + r["at"][11:16]),
            Column("operator", self.tr("Operatore"), lambda r: r["operator"]),
            Column("action", self.tr("Azione"), lambda r: vocab(ACCESS_LABELS.get(r["action"], r["action"]))),
        ], self)
        self.accesses = QTableView(self)
        self.accesses.setModel(self.accesses_model)
        self.accesses.setAccessibleName(self.tr("Accessi alla scheda della persona"))
        self.accesses.verticalHeader().setVisible(False)
        self.accesses.horizontalHeader().setStretchLastSection(True)
        self.accesses.hide()
        for button, name in ((self.new_request_button, self.tr("Nuova richiesta")),
                             (self.note_button, self.tr("Aggiungi una nota")),
                             (self.edit_button, self.tr("Modifica persona")),
                             (self.delete_button, self.tr("Elimina persona")),
                             (self.back_button, self.tr("Torna all'elenco"))):
            button.setAccessibleName(name)

        self.timeline_model = RowsTableModel([
            Column("on", self.tr("Data"), lambda r: it_date(r["on"])),
            Column("kind", self.tr("Tipo"), lambda r: vocab(KIND_LABELS.get(r["kind"], r["kind"]))),
            Column("text", self.tr("Descrizione"), lambda r: r["text"]),
        ], self)
        self.timeline = QTableView(self)
        self.timeline.setModel(self.timeline_model)
        self.timeline.setAccessibleName(self.tr("Cronologia della persona"))
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline.setWordWrap(True)
        self.timeline.setToolTip(self.tr("Invio o F2 su una richiesta o un invio: cambia lo stato"))
        self.timeline.activated.connect(lambda _index: self.change_status())
        shortcut(Qt.Key.Key_F2, self.timeline, self.change_status, Qt.ShortcutContext.WidgetShortcut)
        self.timeline_hint = QLabel(self)
        self.timeline_hint.setWordWrap(True)
        self.timeline_hint.hide()

        actions = QHBoxLayout()
        for button in (self.new_request_button, self.note_button, self.edit_button, self.delete_button,
                       self.accesses_button):
            actions.addWidget(button)
        actions.addStretch()
        # The rights' actions on a line of their own: on one line with the others, at 1366 px, the
        # buttons were cut ("uova richiesta (Ctrl+R").
        rights_row = QHBoxLayout()
        for button in (self.notice_button, self.object_button, self.decide_button, self.access_export_button,
                       self.restrict_button, self.erase_button):
            rights_row.addWidget(button)
        rights_row.addStretch()
        privacy_row = QHBoxLayout()
        privacy_row.addWidget(self.privacy)
        privacy_row.addWidget(self.privacy_today)
        privacy_row.addStretch()
        layout = QVBoxLayout(self)
        # "Back to the list" beside the name, top right: on the line of the actions it was cut at 150 % font.
        header = QHBoxLayout()
        header.addWidget(self.name, 1)
        header.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)
        layout.addWidget(self.facts)
        layout.addLayout(privacy_row)
        layout.addWidget(self.restricted_label)
        layout.addLayout(actions)
        layout.addLayout(rights_row)
        timeline_row = QHBoxLayout()
        timeline_title = QLabel(self.tr("Cronologia: richieste, invii, cambi di stato, note, rettifiche"), self)
        timeline_row.addWidget(timeline_title, 1)
        timeline_row.addWidget(self.slip_button)
        timeline_row.addWidget(self.add_referral_button)
        layout.addLayout(timeline_row)
        layout.addWidget(self.timeline_hint)
        layout.addWidget(self.timeline, 1)
        layout.addWidget(self.accesses, 1)

        self.new_request_button.clicked.connect(self._new_request)
        self.edit_button.clicked.connect(self._edit)
        self.note_button.clicked.connect(self.add_note)
        self.delete_button.clicked.connect(self._delete)
        self.back_button.clicked.connect(self.back_requested)
        self.privacy_today.clicked.connect(self._privacy_given_today)
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut("Ctrl+R", self, self._new_request, context)
        shortcut("Ctrl+E", self, self._edit, context)
        shortcut("Ctrl+T", self, self.add_note, context)
        shortcut("Ctrl+P", self, self.reprint_slip, context)
        shortcut("Ctrl+I", self, self.add_referral, context)
        shortcut(Qt.Key.Key_Delete, self, self._delete, context)
        shortcut(Qt.Key.Key_Escape, self, self.back_requested.emit, context)

    def show_person(self, person_id: str) -> bool:
        person = person_record.person_for_view(self.store, person_id)
        if person is None:
            return False
        self.person = person
        self.name.setText(f"{person.last_name} {person.first_name}")
        facts: list[tuple[str, str]] = [
            (self.tr("Codice fiscale"), person.fiscal_code or self.tr("non indicato")),
            (self.tr("Nascita"), " ".join(v for v in (
                format_date(person.birth_date),
                self.tr("a {place}").format(place=_birthplace(person)) if person.birthplace_code else "",
            ) if v) or self.tr("non indicata")),
            (self.tr("Sesso"), vocab(labels.SEX[Sex(person.sex)]) if person.sex else ""),
            (self.tr("Residenza"), ", ".join(v for v in (person.address, name_of(person.municipality_code)) if v)),
            (self.tr("Telefono"), person.phone),
            (self.tr("E-mail"), person.email),
            (self.tr("Note"), person.notes),
            (self.tr("Base giuridica"), vocab(labels.LEGAL_BASIS[LegalBasis(person.legal_basis)])),
            (self.tr("Dati particolari"),
             vocab(labels.SPECIAL_CATEGORY_BASIS[SpecialCategoryBasis(person.special_category_basis)])),
            (self.tr("Consensi"), self._consents_text(person.id)),
            (self.tr("Opposizione"), self._objection_text(person)),
        ]
        hint = colours.pick(colours.HINT)
        self.facts.setText("<table>" + "".join(
            f"<tr><td style='color:{hint};padding-right:12px'>{html.escape(k)}</td><td>{html.escape(v)}</td></tr>"
            for k, v in facts if v) + "</table>")
        if person.privacy_notice_on:
            self.privacy.setText(self.tr("Informativa privacy consegnata il {day} (versione {version})").format(
                day=format_date(person.privacy_notice_on), version=person.notice_version or "-"))
            self.privacy.setStyleSheet("")
            self.privacy_today.hide()
        else:
            self.privacy.setText(self.tr("Informativa privacy: non ancora consegnata"))
            self.privacy.setStyleSheet(colours.css(colours.ERROR, "font-weight: bold;"))
            self.privacy_today.show()
        self.accesses_button.setVisible(may(self.store, Role.COORDINATOR))
        self.delete_button.setVisible(may(self.store, Role.COORDINATOR))
        for button in (self.access_export_button, self.restrict_button, self.erase_button):
            button.setVisible(may(self.store, Role.COORDINATOR))
        self.restrict_button.setText(self.tr("Togli &limitazione") if person.restricted
                                     else self.tr("&Limita trattamento"))
        self.restricted_label.setText(self.tr("Trattamento limitato (art. 18 GDPR): la scheda non si modifica e non "
                                              "si esporta.") if person.restricted else "")
        self.restricted_label.setVisible(person.restricted)
        for button in (self.edit_button, self.new_request_button, self.note_button, self.delete_button,
                       self.add_referral_button):
            button.setEnabled(not person.restricted)
            button.setToolTip(self.tr("Trattamento limitato (art. 18 GDPR): la scheda non si modifica.")
                              if person.restricted else "")
        pending = person.objection_on is not None and not person.objection_outcome
        self.object_button.setVisible(not pending)
        self.decide_button.setVisible(pending and may(self.store, Role.COORDINATOR))
        self.accesses.hide()
        self._load_timeline()
        return True

    def _consents_text(self, person_id: str) -> str:
        """Each consent to an optional use: given when and how, withdrawn when (art. 7)."""
        parts = []
        for c in consents_of(self.store, person_id):
            text = self.tr("{purpose}: dato il {given} ({method})").format(
                purpose=vocab(labels.CONSENT_PURPOSE[ConsentPurpose(c.purpose)]), given=format_date(c.given_on),
                method=vocab(labels.CONSENT_METHOD[ConsentMethod(c.method)]).lower())
            if c.withdrawn_on is not None:
                text += self.tr(", revocato il {day}").format(day=format_date(c.withdrawn_on))
            parts.append(text)
        return "; ".join(parts) or self.tr("nessuno")

    def _objection_text(self, person: Person) -> str:
        if person.objection_on is None:
            return ""
        if not person.objection_outcome:
            return self.tr("presentata il {day}, in attesa della decisione di un coordinatore").format(
                day=format_date(person.objection_on))
        return self.tr("presentata il {day}, respinta per motivi legittimi cogenti").format(
            day=format_date(person.objection_on))

    def show_accesses(self) -> None:
        """Who accessed this person's record and when, newest first (the reading is logged too)."""
        if self.person is None:
            return
        store, person_id = self.store, self.person.id

        def shown(entries: list[AccessEntry]) -> None:
            self.accesses_model.set_rows([{"at": e.at, "operator": e.operator_name or "-", "action": e.action}
                                          for e in entries])
            self.accesses.show()

        run_in_background(self, lambda: person_accesses(store, person_id)).on_success(shown).run()

    def privacy_text(self) -> str:
        return self.privacy.text()

    def _load_timeline(self) -> None:
        if self.person is None:
            return
        person_id = self.person.id
        store, translate = self.store, QCoreApplication.translate  # the lines in the operator's language
        run_in_background(self, lambda: person_record.person_timeline(store, person_id, translate)).on_success(
            lambda entries: self._show_timeline(person_id, entries)).run()

    def _show_timeline(self, person_id: str, entries: list[person_record.TimelineEntry]) -> None:
        if self.person is None or self.person.id != person_id:
            return
        rows: list[dict[str, Any]] = [
            {"on": e.on, "kind": e.kind, "text": e.text, "subject_id": e.subject_id, "subject_kind": e.subject_kind}
            for e in entries
        ]
        self.timeline_model.set_rows(rows)
        self.timeline.resizeColumnToContents(0)
        self.timeline.resizeColumnToContents(1)
        if rows:
            self.timeline_hint.hide()
            self.timeline.selectRow(0)
        else:
            self.timeline_hint.setText(self.tr("Nessuna richiesta registrata per questa persona — Ctrl+R per "
                                               "registrarne una."))
            self.timeline_hint.show()
        self.timeline_loaded.emit()

    def on_changes(self, changes: Changes) -> None:
        if self.person is not None and (changes.persons or changes.requests or changes.referrals):
            if not self.show_person(self.person.id):
                self.person = None

    def _new_request(self) -> None:
        if self.person is not None:
            self.new_request_requested.emit(self.person.id)

    def change_status(self) -> StatusDialog | None:
        """Open the status dialog of the request or referral selected in the timeline."""
        index = self.timeline.currentIndex()
        if not index.isValid():
            return None
        row = self.timeline_model.row(index.row())
        kind = row["subject_kind"]
        if kind not in ("request", "referral"):
            return None
        self.status_dialog = StatusDialog(self.store, kind, row["subject_id"], self)
        self.status_dialog.open()
        return self.status_dialog

    def _selected_subject(self) -> tuple[str, str] | None:
        index = self.timeline.currentIndex()
        if not index.isValid():
            return None
        row = self.timeline_model.row(index.row())
        return str(row["subject_kind"]), str(row["subject_id"])

    def reprint_slip(self) -> Path | None:
        """Save the slip of the referral selected in the timeline again (Ctrl+P)."""
        subject = self._selected_subject()
        if subject is None or subject[0] != "referral":
            self.notice.emit(self.tr("Scegliere un invio nella cronologia per ristamparne la scheda."))
            return None
        path, sentence = save_slip(self, self.store, subject[1])
        if sentence:
            self.notice.emit(sentence)
        return path

    def add_referral(self) -> AddReferralDialog | None:
        """Refer the request selected in the timeline (or the request of the selected referral) to more
        services (Ctrl+I)."""
        subject = self._selected_subject()
        if self.person is None or self.person.restricted:
            return None
        if subject is None or subject[0] not in ("request", "referral"):
            self.notice.emit(self.tr("Scegliere una richiesta nella cronologia per aggiungere un invio."))
            return None
        try:
            self.referral_dialog = AddReferralDialog(self.store, subject[0], subject[1], self)
        except KeyError:
            return None
        self.referral_dialog.added.connect(lambda ids: self.notice.emit(
            self.tr("Aggiunti %n invii: Ctrl+P per la scheda.", "", len(ids))))
        self.referral_dialog.open()
        return self.referral_dialog

    def add_note(self) -> NoteDialog | None:
        """Open the note dialog (non-blocking) for one of the person's requests."""
        if self.person is None:
            return None
        self.note_dialog = NoteDialog(self.store, self.person.id, self)
        self.note_dialog.open()
        return self.note_dialog

    def _edit(self) -> None:
        if self.person is not None:
            self.edit_requested.emit(self.person.id)

    def _delete(self) -> None:
        if self.person is not None:
            self.delete_requested.emit(self.person.id)

    def export_for_person(self) -> None:
        """Write the person's access export (PDF and JSON) into a folder the coordinator chooses."""
        if self.person is None:
            return
        from PySide6.QtWidgets import QFileDialog

        from desktop.services.access_export import write_access_export

        folder = QFileDialog.getExistingDirectory(self, self.tr("Cartella per i dati della persona"),
                                                  str(save_folder()))
        if not folder:
            return
        store, person_id = self.store, self.person.id

        def written(files: Any) -> None:
            self.export_notice = inform(self, self.tr("Dati esportati"), self.tr("Scritti {pdf} e {json}.").format(
                pdf=files.pdf.name, json=files.json.name))

        # The PDF in the operator's language (the JSON is for programs: its keys stay as they are).
        translate = QCoreApplication.translate
        run_in_background(self, lambda: write_access_export(store, person_id, Path(folder), translate)) \
            .on_success(written).run()

    def toggle_restriction(self) -> None:
        if self.person is not None:
            store, person_id, restricted = self.store, self.person.id, not self.person.restricted
            run_op(self, lambda: set_restriction(store, person_id, restricted)).run()

    def ask_erase(self) -> QInputDialog | None:
        """Ask the reason (non-blocking), then confirm naming the person; then erase them on every desk."""
        if self.person is None:
            return None
        name = f"{self.person.last_name} {self.person.first_name}"
        store, person_id = self.store, self.person.id

        def erase(reason: str) -> None:
            run_op(self, lambda: erase_person(store, person_id, reason)).success(
                lambda _done: self.back_requested.emit()).run()

        def confirm_erase(reason: str) -> None:
            self.erase_question = confirm(
                self, self.tr("Cancellazione dei dati"),
                self.tr("Cancellare per sempre {name} con le sue richieste, gli invii e le note, su questo e su ogni "
                        "sportello della rete? Resta solo la traccia della cancellazione.").format(name=name),
                self.tr("&Cancella per sempre"), lambda: erase(reason), default_yes=False)

        self.reason_dialog = ask_text(
            self, self.tr("Cancellazione dei dati"),
            self.tr("Motivo della cancellazione di {name} (senza nomi né dati della persona):").format(name=name),
            self.tr("Richiesta dell'interessato (art. 17 GDPR)"), confirm_erase)
        return self.reason_dialog

    def ask_objection(self) -> QMessageBox | None:
        """Record the person's objection (art. 21) after a confirmation that says its effect."""
        if self.person is None:
            return None
        store, person_id = self.store, self.person.id
        name = f"{self.person.last_name} {self.person.first_name}"
        self.objection_question = confirm(
            self, self.tr("Opposizione al trattamento"),
            self.tr("Registrare l'opposizione di {name} al trattamento dei suoi dati (art. 21 GDPR)? La scheda "
                    "sarà limitata e ogni consenso revocato, su ogni sportello, finché un coordinatore non "
                    "decide.").format(name=name),
            self.tr("&Registra l'opposizione"), lambda: self._run(lambda: object_to_processing(store, person_id)),
            default_yes=False)
        return self.objection_question

    def _run(self, op: Any) -> None:
        run_op(self, op).run()

    def ask_decision(self) -> QMessageBox | None:
        """A coordinator decides on a pending objection: uphold (erase) or reject (resume), with the reason."""
        if self.person is None:
            return None
        store, person_id = self.store, self.person.id
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Decisione sull'opposizione"))
        box.setText(self.tr("Accogliere l'opposizione cancella la persona su ogni sportello (art. 17). Respingerla "
                            "richiede motivi legittimi cogenti (art. 21) e toglie la limitazione."))
        uphold = box.addButton(self.tr("&Accogli e cancella"), QMessageBox.ButtonRole.DestructiveRole)
        reject = box.addButton(self.tr("&Respingi"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("A&nnulla"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def decided(upheld: bool, reason: str) -> None:
            op = run_op(self, lambda: decide_objection(store, person_id, upheld, reason))
            if upheld:
                op = op.success(lambda _done: self.back_requested.emit())
            op.run()

        def chosen(button: object) -> None:
            if button in (uphold, reject):
                upheld = button is uphold
                self.reason_dialog = ask_text(
                    self, self.tr("Decisione sull'opposizione"),
                    self.tr("Motivo della decisione (senza nomi né dati della persona):"),
                    self.tr("Nessun motivo legittimo cogente") if upheld else "",
                    lambda reason: decided(upheld, reason))

        box.buttonClicked.connect(chosen)
        box.open()
        self.decision_question = box
        return box

    def save_notice(self) -> Path | None:
        """Save the privacy notice the person received (the current one if none) as a PDF to print."""
        if self.person is None:
            return None
        from ui.privacy_notice import notice_file_name, write_notice_pdf

        version = self.person.notice_version
        path = dialogs.ask_save_path(self, save_folder() / notice_file_name(self.store, version))
        if path is None:
            return None
        try:
            written = write_notice_pdf(self.store, version, path)
        except (OSError, LookupError) as exc:
            self.export_notice = inform(self, self.tr("Informativa"), self.tr(
                "Non riesco a scrivere il PDF: {error}").format(error=exc))
            return None
        self.export_notice = inform(self, self.tr("Informativa"), self.tr("Salvata: {path}").format(path=written))
        return written

    def _privacy_given_today(self) -> None:
        if self.person is None:
            return
        store, person_id = self.store, self.person.id
        run_op(self, lambda: record_privacy_notice(store, person_id, date.today())).run()
