"""Create or edit a person: the codice fiscale fills birth data at once, errors show inline, doubles are offered.

The form never saves half a person: Save stays disabled while the codice fiscale is invalid or a possible
duplicate has not been dealt with (open the existing record, or confirm it is someone else).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import fiscal_code, labels
from desktop.domain.enums import ConsentMethod, ConsentPurpose, LegalBasis, Sex, SpecialCategoryBasis
from desktop.domain.models import Person
from desktop.errors import describe_error
from desktop.operations.errors import OperationError
from desktop.operations.persons import person_from
from desktop.operations.rights import active_consent, save_person_with_consents
from desktop.queries.notices import privacy_notices
from desktop.queries.persons import possible_duplicates
from desktop.reference import municipalities
from desktop.storage.store import Store
from ui.operations import run_op
from ui.vocabulary import vocab
from ui.widgets import colours
from ui.widgets.fields import DateField, ErrorLabel, format_date
from ui.widgets.fonts import emphasize
from ui.widgets.municipality_picker import MunicipalityPicker
from ui.widgets.shortcuts import shortcut


class PersonForm(QWidget):
    """Signals:
        saved(str): the id of the person just saved.
        cancelled(): the operator left the form without saving.
        open_existing(str): the operator chose to open a possible duplicate instead.
    """

    saved = Signal(str)
    cancelled = Signal()
    open_existing = Signal(str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._person: Person | None = None
        self._snapshot: dict[str, Any] = {}
        self._duplicates: list[Person] = []
        self.question: QMessageBox | None = None
        self._saving = False

        self.title = QLabel(self)
        emphasize(self.title, 1.5, bold=True)

        self.fiscal_code = QLineEdit(self)
        self.fiscal_code.setMaxLength(20)
        self.fiscal_code.setPlaceholderText(self.tr("16 caratteri; compila nascita, sesso e luogo"))
        self.fiscal_code_message = ErrorLabel(self)
        # A warning, not a refusal: codes issued with an error exist, and the operator has the card.
        self.names_message = ErrorLabel(self)
        self.last_name = QLineEdit(self)
        self.first_name = QLineEdit(self)
        self.birth_date = DateField(self)
        self.sex = QComboBox(self)
        self.sex.addItem(self.tr("—"), "")
        for sex, sex_label in labels.SEX.items():
            self.sex.addItem(vocab(sex_label), sex.value)
        self.birthplace = MunicipalityPicker(self, territory_only=False)
        self.municipality = MunicipalityPicker(self)
        self.address = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.privacy_notice_on = DateField(self)
        self.privacy_today = QPushButton(self.tr("Consegnata &oggi"), self)
        self.legal_basis = QComboBox(self)
        for basis, basis_label in labels.LEGAL_BASIS.items():
            self.legal_basis.addItem(vocab(basis_label), basis.value)
        self.notice_version = QComboBox(self)
        # The art. 9(2) condition for the special-category data (health, social condition) the desk records.
        self.special_basis = QComboBox(self)
        for special, special_label in labels.SPECIAL_CATEGORY_BASIS.items():
            self.special_basis.addItem(vocab(special_label), special.value)
        self.basis_hint = QLabel(self.tr("Predefinite per lo sportello comunale: compito di interesse pubblico (art. "
                                         "6.1.e GDPR) con art. 9.2.g GDPR e art. 2-sexies Codice privacy; il "
                                         "consenso serve solo per gli usi facoltativi qui sotto."), self)
        self.basis_hint.setWordWrap(True)
        self.basis_hint.setStyleSheet(colours.css(colours.HINT))
        # Consents to optional uses (art. 7): ticked, recorded as given today in the way chosen; unticked,
        # withdrawn today. A withdrawn consent stops that use on every desk.
        self.consent_sms = QCheckBox(self.tr("Consenso ai promemoria via SMS"), self)
        self.consent_email = QCheckBox(self.tr("Consenso alle notizie sui servizi via e-mail"), self)
        self.consent_method = QComboBox(self)
        for method, method_label in labels.CONSENT_METHOD.items():
            self.consent_method.addItem(vocab(method_label), method.value)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)

        self.duplicate_box = QFrame(self)
        self.duplicate_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.duplicate_box.setStyleSheet(
            f"QFrame {{ background: {colours.pick(colours.WARNING_PANEL)}; }} "
            f"QLabel {{ color: {colours.pick(colours.WARNING_PANEL_TEXT)}; }}")
        self.duplicate_text = QLabel(self.duplicate_box)
        self.duplicate_text.setWordWrap(True)
        self.open_duplicate = QPushButton(self.tr("Apri la scheda &esistente"), self.duplicate_box)
        self.create_anyway = QCheckBox(self.tr("È un'altra persona: crea &comunque"), self.duplicate_box)
        dup_layout = QVBoxLayout(self.duplicate_box)
        dup_layout.addWidget(self.duplicate_text)
        dup_row = QHBoxLayout()
        dup_row.addWidget(self.open_duplicate)
        dup_row.addWidget(self.create_anyway)
        dup_row.addStretch()
        dup_layout.addLayout(dup_row)
        self.duplicate_box.hide()

        self.error = ErrorLabel(self)
        self.save_button = QPushButton(self.tr("&Salva (Ctrl+S)"), self)
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Annulla (Esc)"), self)
        # Why Save is disabled, beside it (the tooltip alone is seen by nobody using the keyboard).
        self.save_hint = QLabel(self)
        self.save_hint.setWordWrap(True)
        self.save_hint.setStyleSheet(colours.css(colours.WARNING))
        self.save_hint.setAccessibleName(self.tr("Perché non si può salvare"))

        names = {
            self.fiscal_code: self.tr("Codice fiscale"), self.last_name: self.tr("Cognome"),
            self.first_name: self.tr("Nome"), self.birth_date: self.tr("Data di nascita"),
            self.sex: self.tr("Sesso"), self.birthplace: self.tr("Luogo di nascita"),
            self.municipality: self.tr("Comune di residenza"), self.address: self.tr("Indirizzo"),
            self.phone: self.tr("Telefono"), self.email: self.tr("E-mail"),
            self.privacy_notice_on: self.tr("Informativa privacy consegnata il"),
            self.notice_version: self.tr("Versione dell'informativa"),
            self.legal_basis: self.tr("Base giuridica"),
            self.special_basis: self.tr("Condizione per i dati particolari (art. 9)"),
            self.consent_method: self.tr("Consenso dato"),
            self.notes: self.tr("Note (nucleo, fragilità)"),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for widget, name in names.items():
            widget.setAccessibleName(name)
            if widget is self.privacy_notice_on:
                row = QHBoxLayout()
                row.addWidget(self.privacy_notice_on)
                row.addWidget(self.privacy_today)
                row.addStretch()
                privacy_label = QLabel(self.tr("&Informativa privacy consegnata il"), self)
                privacy_label.setBuddy(self.privacy_notice_on)
                form.addRow(privacy_label, row)
                continue
            if widget is self.consent_method:
                form.addRow("", self.basis_hint)
                form.addRow("", self.consent_sms)
                form.addRow("", self.consent_email)
            buddy = QLabel(name, self)
            buddy.setBuddy(widget)
            form.addRow(buddy, widget)
            if widget is self.fiscal_code:
                form.addRow("", self.fiscal_code_message)
            if widget is self.first_name:
                form.addRow("", self.names_message)
        self.privacy_today.setAccessibleName(self.tr("Informativa consegnata oggi"))
        self.consent_sms.setAccessibleName(self.tr("Consenso SMS"))
        self.consent_email.setAccessibleName(self.tr("Consenso e-mail"))
        self.save_button.setAccessibleName(self.tr("Salva persona"))
        self.cancel_button.setAccessibleName(self.tr("Annulla modifiche"))
        self.open_duplicate.setAccessibleName(self.tr("Apri la scheda esistente"))
        self.create_anyway.setAccessibleName(self.tr("Crea comunque"))

        inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.addLayout(form)
        inner_layout.addStretch()
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        inner.setMaximumWidth(980)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_hint, 1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.duplicate_box)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        order = [self.fiscal_code, self.last_name, self.first_name, self.birth_date, self.sex, self.birthplace,
                 self.municipality, self.address, self.phone, self.email, self.privacy_notice_on,
                 self.privacy_today, self.notice_version, self.legal_basis, self.special_basis, self.consent_sms,
                 self.consent_email, self.consent_method, self.notes, self.open_duplicate,
                 self.create_anyway, self.save_button, self.cancel_button]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.fiscal_code.textChanged.connect(self._fiscal_code_changed)
        for field in (self.last_name, self.first_name, self.birth_date):
            field.textChanged.connect(self._check_duplicates)
        for field in (self.fiscal_code, self.last_name, self.first_name):
            field.textChanged.connect(self._check_names)
        for field in (self.last_name, self.first_name, self.birth_date, self.municipality, self.birthplace,
                      self.email, self.phone, self.privacy_notice_on):
            field.textChanged.connect(self._update_save)
        self.create_anyway.toggled.connect(self._update_save)
        self.open_duplicate.clicked.connect(self._open_duplicate)
        self.privacy_today.clicked.connect(self._notice_given_today)
        for box in (self.consent_sms, self.consent_email):
            box.toggled.connect(self._update_consent_method)
        self.save_button.clicked.connect(lambda: self.save())  # not save(checked): clicked passes a bool
        self.cancel_button.clicked.connect(self.cancelled)
        shortcut(QKeySequence.StandardKey.Save, self, self.save, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut(Qt.Key.Key_Escape, self, self.cancelled.emit, Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.edit(None)

    # -- loading ----------------------------------------------------------------------------------

    def edit(self, person: Person | None) -> None:
        """Show ``person`` for editing, or an empty form for a new one."""
        self._person = person
        self.title.setText(self.tr("Nuova persona") if person is None
                           else self.tr("Modifica: {name}").format(name=f"{person.last_name} {person.first_name}"))
        p = person
        self.fiscal_code.setText(p.fiscal_code or "" if p else "")
        self.last_name.setText(p.last_name if p else "")
        self.first_name.setText(p.first_name if p else "")
        self.birth_date.set_value(p.birth_date if p else None)
        self.sex.setCurrentIndex(max(0, self.sex.findData(p.sex if p and p.sex else "")))
        self.birthplace.set_code(p.birthplace_code if p else None, self._birthplace_name(p))
        self.municipality.set_code(p.municipality_code if p else None)
        self.address.setText(p.address if p else "")
        self.phone.setText(p.phone if p else "")
        self.email.setText(p.email if p else "")
        self.privacy_notice_on.set_value(p.privacy_notice_on if p else None)
        self.legal_basis.setCurrentIndex(max(0, self.legal_basis.findData(p.legal_basis if p
                                                                            else LegalBasis.PUBLIC_TASK.value)))
        self._load_notice_versions(p.notice_version if p else "")
        self.special_basis.setCurrentIndex(max(0, self.special_basis.findData(
            p.special_category_basis if p else SpecialCategoryBasis.PUBLIC_INTEREST.value)))
        self.consent_sms.setChecked(self._consented(p, ConsentPurpose.SMS_REMINDERS))
        self.consent_email.setChecked(self._consented(p, ConsentPurpose.EMAIL_NEWS))
        self.consent_method.setCurrentIndex(0)
        self._update_consent_method()
        self.notes.setPlainText(p.notes if p else "")
        self.create_anyway.setChecked(False)
        self.error.clear_message()
        self._fiscal_code_changed(self.fiscal_code.text())
        self._snapshot = self._values()
        self._update_save()

    def _consented(self, person: Person | None, purpose: ConsentPurpose) -> bool:
        return person is not None and active_consent(self.store, person.id, purpose) is not None

    def _load_notice_versions(self, version: str) -> None:
        """The versions of the notice this desk knows (newest first), plus the person's own if unknown."""
        self.notice_version.clear()
        self.notice_version.addItem(self.tr("—"), "")
        for notice in reversed(privacy_notices(self.store)):
            self.notice_version.addItem(self.tr("{version} (dal {day})").format(
                version=notice.version, day=format_date(notice.valid_from)), notice.version)
        if version and self.notice_version.findData(version) < 0:
            self.notice_version.addItem(version, version)
        self.notice_version.setCurrentIndex(max(0, self.notice_version.findData(version)))

    def _notice_given_today(self) -> None:
        self.privacy_notice_on.set_value(date.today())
        if self.notice_version.count() > 1:
            self.notice_version.setCurrentIndex(1)  # the newest version

    def _update_consent_method(self) -> None:
        """How the consent was given matters only for one being given now."""
        new = any(box.isChecked() and not self._consented(self._person, purpose)
                  for box, purpose in self._consent_boxes())
        self.consent_method.setEnabled(new)

    def _consent_boxes(self) -> list[tuple[QCheckBox, ConsentPurpose]]:
        return [(self.consent_sms, ConsentPurpose.SMS_REMINDERS), (self.consent_email, ConsentPurpose.EMAIL_NEWS)]

    @staticmethod
    def _birthplace_name(person: Person | None) -> str:
        """The name of a birthplace abroad, which only the codice fiscale knows."""
        if person is None or not person.fiscal_code:
            return ""
        try:
            return fiscal_code.decode(person.fiscal_code).birthplace_name.title()
        except fiscal_code.FiscalCodeError:
            return ""

    def focus_first(self) -> None:
        self.fiscal_code.setFocus()

    def is_new(self) -> bool:
        return self._person is None

    def person(self) -> Person | None:
        """The person being edited (None for a new one), as last saved."""
        return self._person

    def is_dirty(self) -> bool:
        return self._values() != self._snapshot

    def discard(self) -> None:
        self.edit(self._person)

    def _values(self) -> dict[str, Any]:
        return {
            "fiscal_code": self.fiscal_code.text().strip(), "last_name": self.last_name.text().strip(),
            "first_name": self.first_name.text().strip(), "birth_date": self.birth_date.text().strip(),
            "sex": self.sex.currentData(), "birthplace": self.birthplace.text().strip(),
            "municipality": self.municipality.text().strip(), "address": self.address.text().strip(),
            "phone": self.phone.text().strip(), "email": self.email.text().strip(),
            "privacy": self.privacy_notice_on.text().strip(), "legal_basis": self.legal_basis.currentData(),
            "notice_version": self.notice_version.currentData(), "special": self.special_basis.currentData(),
            "consent_sms": self.consent_sms.isChecked(), "consent_email": self.consent_email.isChecked(),
            "notes": self.notes.toPlainText().strip(),
        }

    # -- live checks --------------------------------------------------------------------------------

    def fiscal_code_error(self) -> str:
        """Why the typed codice fiscale is invalid ('' when empty or valid)."""
        text = self.fiscal_code.text().strip()
        if not text:
            return ""
        try:
            fiscal_code.decode(text)
        except fiscal_code.FiscalCodeError as exc:
            reason = str(exc)
            return reason[:1].upper() + reason[1:] + "."
        return ""

    def _fiscal_code_changed(self, text: str) -> None:
        text = text.strip()
        self.fiscal_code.setStyleSheet("")
        if not text:
            self.fiscal_code_message.clear_message()
        else:
            try:
                decoded = fiscal_code.decode(text)
            except fiscal_code.FiscalCodeError:
                self.fiscal_code_message.show_error(self.fiscal_code_error())
                self.fiscal_code.setStyleSheet(f"QLineEdit {{ border: 2px solid {colours.pick(colours.ERROR)}; }}")
            else:
                if not self._birth_date_agrees(decoded):
                    self.birth_date.set_value(decoded.birth_date)
                self.sex.setCurrentIndex(max(0, self.sex.findData(decoded.sex.value)))
                place = decoded.birthplace_name or municipalities.name_of(decoded.birthplace_code)
                place = place.title() if place.isupper() else place
                self.birthplace.set_code(decoded.birthplace_code, place)
                born = self.tr("Codice fiscale valido: nata il {born} a {place}.") if decoded.sex is Sex.FEMALE \
                    else self.tr("Codice fiscale valido: nato il {born} a {place}.")
                self.fiscal_code_message.show_ok(born.format(born=format_date(decoded.birth_date), place=place))
        reason = self.fiscal_code_message.text() if text else ""
        self.fiscal_code.setToolTip(reason)
        self.fiscal_code.setAccessibleDescription(reason)
        self._check_duplicates()
        self._update_save()

    def _check_names(self) -> None:
        """Warn when surname and name do not fit the codice fiscale (a typo in one or the other)."""
        mismatch = "" if self.fiscal_code_error() else fiscal_code.names_mismatch(
            self.fiscal_code.text(), self.last_name.text(), self.first_name.text())
        if mismatch:
            self.names_message.show_error(self.tr("Attenzione: {problem}. Controllare prima di salvare.").format(
                problem=mismatch))
        else:
            self.names_message.clear_message()
        for field in (self.last_name, self.first_name):
            field.setAccessibleDescription(self.names_message.text())

    def _birth_date_agrees(self, decoded: fiscal_code.DecodedFiscalCode) -> bool:
        """The typed birth date fits the code (a centenarian's year is a century off the code's)."""
        try:
            typed = self.birth_date.value()
        except ValueError:
            return False
        if typed is None:
            return False
        try:
            fiscal_code.check_consistent(decoded, typed, None)
        except fiscal_code.FiscalCodeError:
            return False
        return True

    def _probe(self) -> Person | None:
        """The person as typed so far, if enough is typed to look for duplicates."""
        last, first = self.last_name.text().strip(), self.first_name.text().strip()
        cf = self.fiscal_code.text().strip()
        try:
            born = self.birth_date.value()
        except ValueError:
            born = None
        if self.fiscal_code_error():
            cf = ""
        if not cf and not (last and first and born):
            return None
        try:
            return Person.model_construct(
                id=self._person.id if self._person else "",
                fiscal_code=fiscal_code.normalize(cf) or None,
                last_name=last, first_name=first, birth_date=born,
            )
        except ValueError:
            return None

    def _check_duplicates(self) -> None:
        probe = self._probe()
        found = possible_duplicates(self.store, probe) if probe is not None else []
        self._duplicates = found
        if not found:
            self.duplicate_box.hide()
            self.create_anyway.setChecked(False)
        else:
            lines = [
                f"{p.last_name} {p.first_name}"
                + (f", nato/a il {format_date(p.birth_date)}" if p.birth_date else "")
                + (f", CF {p.fiscal_code}" if p.fiscal_code else "")
                + (f", {municipalities.name_of(p.municipality_code)}" if p.municipality_code else "")
                for p in found
            ]
            self.duplicate_text.setText(
                self.tr("Attenzione, possibile doppione: esiste già") + "\n" + "\n".join(lines)
            )
            self.duplicate_box.show()
        self._update_save()

    def duplicates(self) -> list[Person]:
        return list(self._duplicates)

    def _blocking_problem(self) -> str:
        if error := self.fiscal_code_error():
            return error
        if not self.last_name.text().strip() or not self.first_name.text().strip():
            return self.tr("Scrivere cognome e nome.")
        if not self.birth_date.is_valid():
            return self.tr("La data di nascita non è una data (gg/mm/aaaa).")
        if not self.privacy_notice_on.is_valid():
            return self.tr("La data dell'informativa non è una data (gg/mm/aaaa).")
        if not self.municipality.is_valid():
            return self.tr("Non si può salvare: «{text}» non è uno dei comuni del territorio (scegliere dall'elenco "
                           "che si apre scrivendo).").format(text=self.municipality.text().strip())
        if not self.birthplace.is_valid():
            return self.tr("Non si può salvare: «{text}» non è un comune conosciuto come luogo di nascita "
                           "(scegliere dall'elenco).").format(text=self.birthplace.text().strip())
        return ""

    def _update_save(self) -> None:
        problem = self._blocking_problem()
        self.save_button.setEnabled(not problem and not self._saving)
        self.save_button.setToolTip(problem)
        # A form just opened is empty, not wrong: the hint waits for something typed.
        typed = any(f.text().strip() for f in (self.fiscal_code, self.last_name, self.first_name, self.birth_date,
                                                 self.municipality, self.birthplace))
        self.save_hint.setText(problem if problem and typed else "")

    def _ask_duplicate(self, then: Callable[[], None] | None = None) -> None:
        """Offer the possible duplicate before a second record is created: open it, or create anyway."""
        existing = self._duplicates[0]
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Possibile doppione"))
        box.setText(self.duplicate_text.text())
        box.setInformativeText(self.tr("Aprire la scheda esistente invece di crearne una nuova?"))
        open_button = box.addButton(self.tr("Apri la scheda &esistente"), QMessageBox.ButtonRole.AcceptRole)
        create_button = box.addButton(self.tr("Crea &comunque"), QMessageBox.ButtonRole.DestructiveRole)
        cancel_button = box.addButton(self.tr("A&nnulla"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(open_button)
        box.setEscapeButton(cancel_button)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(button: object) -> None:
            if button is open_button:
                self.open_existing.emit(existing.id)
            elif button is create_button:
                self.create_anyway.setChecked(True)
                self.save(then)

        box.buttonClicked.connect(chosen)
        self.question = box
        box.open()

    def _open_duplicate(self) -> None:
        if self._duplicates:
            self.open_existing.emit(self._duplicates[0].id)

    # -- saving -------------------------------------------------------------------------------------

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save if everything is valid (on the database thread; ``saved`` follows, then ``then``).

        On a problem show it inline, save nothing and return False.
        """
        if self._saving:
            return False
        if problem := self._blocking_problem():
            self.error.show_error(problem)
            return False
        if self._duplicates and not self.create_anyway.isChecked():
            self._ask_duplicate(then)
            return False
        base = self._person.model_dump() if self._person else {}
        birthplace = self.birthplace.code()
        base.update(
            fiscal_code=self.fiscal_code.text().strip() or None,
            last_name=self.last_name.text(), first_name=self.first_name.text(),
            birth_date=self.birth_date.value(), sex=Sex(self.sex.currentData()) if self.sex.currentData() else None,
            birthplace_code=birthplace, municipality_code=self.municipality.code(),
            address=self.address.text(), phone=self.phone.text(), email=self.email.text(),
            privacy_notice_on=self.privacy_notice_on.value(), legal_basis=self.legal_basis.currentData(),
            notice_version=self.notice_version.currentData() or (
                self.notice_version.itemData(1) if self.privacy_notice_on.value() and self.notice_version.count() > 1
                else ""),
            special_category_basis=self.special_basis.currentData(),
            consent_sms=self.consent_sms.isChecked(), notes=self.notes.toPlainText(),
        )
        method = ConsentMethod(self.consent_method.currentData())
        consents = {purpose: (method if box.isChecked() else None) for box, purpose in self._consent_boxes()}
        try:
            person = person_from(base)
        except OperationError as exc:
            self.error.show_error(str(exc))
            return False
        store, values = self.store, self._values()
        for picker in (self.birthplace, self.municipality):
            picker.close_suggestions()  # Ctrl+S while suggestions are open: the form is done with them
        self._saving = True
        self.save_button.setEnabled(False)

        def saved(person: Person) -> None:
            self._saving = False
            self._person = person
            self._snapshot = values
            self.error.clear_message()
            self._update_save()
            self.saved.emit(person.id)
            if then is not None:
                then()

        def refused(error: Exception) -> None:
            self._saving = False
            self._update_save()
            self.error.show_error(str(error) if isinstance(error, OperationError) else
                                  self.tr("La persona non è stata salvata: {error}").format(
                                      error=describe_error(error)))

        run_op(self, lambda: save_person_with_consents(store, person, consents)).success(saved).failure(refused).run()
        return True
