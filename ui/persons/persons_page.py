"""The Persone page: the list (sortable, filtered by the global search and by municipality), a person's
detail with the timeline, and the create/edit form, one at a time."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.deletion import Deletion, delete_person, person_deletion
from desktop.queries.person_record import person_for_edit
from ui.background import run_in_background
from ui.changes import Changes
from ui.dialogs import Unsaved, ask_unsaved
from ui.models.persons import PersonsModel
from ui.operations import confirm_deletion, offer_undo_deletion, run_op
from ui.pages import Page, PageContext
from ui.persons.person_detail import PersonDetail
from ui.persons.person_form import PersonForm
from ui.widgets.municipality_picker import MunicipalityPicker
from ui.widgets.shortcuts import shortcut

_CF_LIKE = re.compile(r"^[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}")


class PersonsPage(Page):
    """Signals:
        shown_person(str): a person's detail is on screen.
    """

    shown_person = Signal(str)

    def __init__(self, context: PageContext) -> None:
        super().__init__(context)
        self.stack = QStackedWidget(self)

        # list
        self.list_page = QWidget(self)
        self.usage = self.tr("Scrivere nella ricerca (Ctrl+K) cognome, nome, codice fiscale o telefono; "
                             "Invio apre la persona, Ctrl+R registra una richiesta per la persona scelta.")
        self.hint = QLabel(self.usage, self.list_page)
        self.model = PersonsModel(self.store, self)
        self._open_when_loaded = False
        self.model.reloaded.connect(self._reloaded)
        self.view = QTableView(self.list_page)
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Elenco persone"))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setStretchLastSection(True)
        char = self.view.fontMetrics().averageCharWidth()
        for column, width in enumerate((20, 18, 24, 16, 28)):
            self.view.setColumnWidth(column, width * char)
        self.view.activated.connect(self._activated)
        self.municipality_filter = MunicipalityPicker(self.list_page)
        self.municipality_filter.setAccessibleName(self.tr("Filtra per comune di residenza"))
        self.municipality_filter.setPlaceholderText(self.tr("Tutti i comuni"))
        self.municipality_filter.code_changed.connect(lambda code: self.model.set_municipality(code or None))
        self.new_button = QPushButton(self.tr("&Nuova persona (Ctrl+N)"), self.list_page)
        self.new_button.setAccessibleName(self.tr("Nuova persona"))
        self.new_button.clicked.connect(lambda: self.nav.new_person())
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        filter_label = QLabel(self.tr("&Comune:"), self.list_page)
        filter_label.setBuddy(self.municipality_filter)
        top.addWidget(filter_label)
        top.addWidget(self.municipality_filter)
        top.addStretch()
        top.addWidget(self.new_button)
        list_layout = QVBoxLayout(self.list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(top)
        list_layout.addWidget(self.view, 1)
        list_layout.addWidget(self.hint)

        self.detail = PersonDetail(self.store, self)
        self.form = PersonForm(self.store, self)
        for page in (self.list_page, self.detail, self.form):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.detail.edit_requested.connect(self.edit_person)
        self.detail.new_request_requested.connect(self.nav.new_request)
        self.detail.delete_requested.connect(self.delete_person)
        self.detail.back_requested.connect(self.show_list)
        self.detail.notice.connect(self.nav.show_message)
        self.form.saved.connect(self._saved)
        self.form.cancelled.connect(self._form_cancelled)
        self.form.open_existing.connect(self._open_existing)
        shortcut("Ctrl+R", self.view, self.nav.new_request_for_current, Qt.ShortcutContext.WidgetShortcut)

    # -- navigation ---------------------------------------------------------------------------------

    def show_list(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        self.view.setFocus()

    def open_person(self, person_id: str) -> None:
        if self.detail.show_person(person_id):
            self.stack.setCurrentWidget(self.detail)
            if not self.isActiveWindow():
                # A completion popup closed meanwhile may have kept the activation: the card is what the
                # operator works on now, and its keys (Ctrl+R...) must reach it.
                self.activateWindow()
            self.detail.new_request_button.setFocus()
            self.shown_person.emit(person_id)

    def open_first_match(self) -> None:
        """Open the selected person of the list, or the first one (Enter in the search field).

        If the search is still running, the person opens as soon as its results are in.
        """
        if self.model.is_loading():
            self._open_when_loaded = True
            return
        current = self.view.currentIndex()
        row = current.row() if current.isValid() else 0
        if self.model.rowCount() > row:
            self.open_person(self.model.person_id(row))

    def new_person(self, prefill: str = "") -> None:
        self.form.edit(None)
        prefill = prefill.strip()
        if prefill and _CF_LIKE.match(prefill):
            self.form.fiscal_code.setText(prefill.upper())
        elif prefill:
            words = prefill.split()
            self.form.last_name.setText(words[0].title())
            if len(words) > 1:
                self.form.first_name.setText(" ".join(words[1:]).title())
        self.stack.setCurrentWidget(self.form)
        self.form.focus_first()

    def edit_person(self, person_id: str) -> None:
        person = person_for_edit(self.store, person_id)
        if person is None:
            return
        self.form.edit(person)
        self.stack.setCurrentWidget(self.form)
        self.form.focus_first()

    def delete_person(self, person_id: str) -> None:
        """Soft-delete a person with their requests; Annulla in the status bar brings them all back."""
        person = self.detail.person
        name = f"{person.last_name} {person.first_name}" if person is not None and person.id == person_id else ""
        store = self.store

        def deleted(deletion: Deletion) -> None:
            self.show_list()
            offer_undo_deletion(self.nav, store, self.tr("Eliminata la persona {name}.").format(name=name), deletion)

        def delete() -> None:
            run_op(self, lambda: delete_person(store, person_id)).success(deleted).run()

        run_in_background(self, lambda: person_deletion(store, person_id)).on_success(
            lambda preview: confirm_deletion(self, self.nav, preview, self.tr("la persona {name}").format(name=name),
                                             delete)).run()

    # -- the dirty form -------------------------------------------------------------------------------

    def is_dirty(self) -> bool:
        return self.stack.currentWidget() is self.form and self.form.is_dirty()

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save the form (on the database thread); ``then`` runs once it is saved. False if it cannot."""
        return self.form.save(then=then)

    def discard(self) -> None:
        self.form.discard()
        self._leave_form()

    def confirm_leave(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` now if nothing is unsaved; otherwise ask Salva / Scarta / Annulla first."""
        if not self.is_dirty():
            proceed()
            return

        def chosen(choice: Unsaved) -> None:
            if choice is Unsaved.SAVE:
                self.form.save(then=proceed)
            elif choice is Unsaved.DISCARD:
                self.form.discard()
                proceed()

        self.nav.put_question(ask_unsaved(self, chosen, self.tr("scheda persona")))

    def _form_cancelled(self) -> None:
        self.confirm_leave(self._leave_form)

    def _leave_form(self) -> None:
        person = self.form.person()
        if person is not None:
            self.open_person(person.id)
        else:
            self.show_list()

    def _open_existing(self, person_id: str) -> None:
        self.form.edit(None)  # nothing typed is kept: the operator chose the existing record
        self.open_person(person_id)

    def _saved(self, person_id: str) -> None:
        self.open_person(person_id)
        self.nav.show_message(self.tr("Persona salvata."))

    def _reloaded(self) -> None:
        if self.model.rowCount():
            self.hint.setText(self.usage)
            self.hint.setStyleSheet("")
        else:
            searched = self.model.search_text()
            self.hint.setText(self.tr("Nessuna persona trovata per «{text}» — Ctrl+N per registrarla.").format(
                text=searched) if searched else self.tr("Nessuna persona registrata — Ctrl+N per registrarne una."))
            emphasize_hint = "font-weight: bold;"
            self.hint.setStyleSheet(emphasize_hint)
        if self._open_when_loaded:
            self._open_when_loaded = False
            self.open_first_match()

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_person(self.model.person_id(index.row()))

    def on_changes(self, changes: Changes) -> None:
        if changes.persons:
            self.model.refresh_later()
        self.detail.on_changes(changes)
