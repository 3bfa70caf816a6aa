"""Invii: every referral with its status, filterable; change status (F2) and the follow-up date there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from desktop.domain import labels
from desktop.domain.enums import ReferralStatus
from desktop.operations.changes import Changes
from desktop.queries import referrals
from desktop.storage.store import Store
from ui.list_page import ListPage
from ui.models.keyset import Column, KeysetTableModel, it_date
from ui.pages import PageContext
from ui.referrals.slip_actions import AddReferralDialog, save_slip
from ui.vocabulary import vocab
from ui.widgets.shortcuts import shortcut


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def referral_status_label(value: str) -> str:
    try:
        return vocab(labels.REFERRAL_STATUS[ReferralStatus(value)])
    except ValueError:
        return value


def _status_source(row: dict[str, str]) -> str:
    """Where a referral's status came from: the desk, or the provider on the server's page."""
    if row["status_by"]:
        return _tr("ReferralsModel", "Ente: {provider}").format(provider=row["status_by"])
    return _tr("ReferralsModel", "Sportello")


class ReferralsModel(KeysetTableModel):
    """Every live referral with the person, service, provider and desk, newest first by default."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        columns = [
            Column("referred_on", _tr("ReferralsModel", "Inviato il"), lambda r: it_date(r["referred_on"])),
            Column("person", _tr("ReferralsModel", "Persona"), lambda r: r["person_name"]),
            Column("service", _tr("ReferralsModel", "Servizio"), lambda r: r["service_name"]),
            Column("provider", _tr("ReferralsModel", "Ente"), lambda r: r["provider_name"]),
            Column("status", _tr("ReferralsModel", "Stato"), lambda r: referral_status_label(r["status"])),
            Column("status_by", _tr("ReferralsModel", "Stato dato da"), _status_source),
            Column("follow_up_on", _tr("ReferralsModel", "Verifica il"), lambda r: it_date(r["follow_up_on"])),
            Column("desk", _tr("ReferralsModel", "Sportello"), lambda r: r["desk_name"]),
            Column("provider_feedback", _tr("ReferralsModel", "Nota dell'ente"), lambda r: r["provider_feedback"]),
        ]
        super().__init__(store, referrals.REFERRALS, columns, parent, sort_column=0, descending=True)
        self.refresh()

    def set_status(self, status: str | None) -> None:
        """A status value, "open" for every non-closing one, or None for all."""
        self.set_filter("status", referrals.status_filter(status))

    def set_text(self, text: str) -> None:
        self.set_filter("text", referrals.text_filter(text))


class ReferralsPage(ListPage):
    status_kind = "referral"

    def __init__(self, context: PageContext) -> None:
        model = ReferralsModel(context.store)
        super().__init__(context, model, QCoreApplication.translate("ReferralsPage", "Elenco invii"),
                         widths=(13, 24, 36, 34, 20, 13))
        model.setParent(self)
        self.model: ReferralsModel = model
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Filtra per stato"))
        self.status.addItem(self.tr("Tutti gli stati"), "")
        self.status.addItem(self.tr("Solo aperti"), referrals.OPEN)
        for value, label in labels.REFERRAL_STATUS.items():
            self.status.addItem(vocab(label), value.value)
        self.text = QLineEdit(self)
        self.text.setAccessibleName(self.tr("Filtra per persona, servizio o ente"))
        self.text.setPlaceholderText(self.tr("Filtra per persona, servizio o ente"))
        self.text.setClearButtonEnabled(True)
        self.add_filter(self.status, self.tr("S&tato:"))
        self.add_filter(self.text, stretch=1)
        self.change_button = self.add_button(self.tr("Stato e &verifica… (F2)"), self.tr("Cambia stato dell'invio"),
                                             self.change_status)
        self.person_button = self.add_button(self.tr("Apri &persona (Invio)"), self.tr("Apri la persona dell'invio"),
                                             self.open_person)
        self.slip_button = self.add_button(self.tr("Ri&stampa scheda (Ctrl+P)"),
                                           self.tr("Salva di nuovo la scheda dell'invio scelto"), self.reprint_slip)
        self.add_referral_button = self.add_button(self.tr("A&ggiungi invio (Ctrl+I)"),
                                                   self.tr("Aggiungi un invio alla stessa richiesta"),
                                                   self.add_referral)
        self.export_button = self.add_export_button(QCoreApplication.translate("ReferralsPage", "Invii"), "invii")
        within = Qt.ShortcutContext.WidgetWithChildrenShortcut
        shortcut("Ctrl+P", self, self.reprint_slip, within)
        shortcut("Ctrl+I", self, self.add_referral, within)
        self.status.currentIndexChanged.connect(lambda _i: self.model.set_status(self.status.currentData()))
        self.text.textChanged.connect(self.model.set_text)

    def reprint_slip(self) -> Path | None:
        """Save the selected referral's slip again (Ctrl+P)."""
        referral_id = self.current_id()
        if referral_id is None:
            self.nav.show_message(self.tr("Scegliere un invio nell'elenco per ristamparne la scheda."))
            return None
        path, sentence = save_slip(self, self.store, referral_id)
        if sentence:
            self.nav.show_message(sentence)
        return path

    def add_referral(self) -> AddReferralDialog | None:
        """Refer the selected referral's request to more services (Ctrl+I)."""
        referral_id = self.current_id()
        if referral_id is None:
            self.nav.show_message(self.tr("Scegliere un invio nell'elenco per aggiungerne un altro alla stessa "
                                          "richiesta."))
            return None
        try:
            self.referral_dialog = AddReferralDialog(self.store, "referral", referral_id, self)
        except KeyError:
            return None
        self.referral_dialog.added.connect(lambda ids: self.nav.show_message(
            self.tr("Aggiunti %n invii.", "", len(ids))))
        self.referral_dialog.open()
        return self.referral_dialog

    def empty_text(self) -> str:
        return QCoreApplication.translate("ReferralsPage", "Nessun invio con questi filtri — "
                                                   "un invio nasce da Nuova richiesta (Ctrl+R) o da «Aggiungi invio».")

    def shows(self, changes: Changes) -> bool:
        return bool(changes.referrals or changes.persons or changes.catalog)

    def reload(self) -> None:
        self.model.refresh_later()
