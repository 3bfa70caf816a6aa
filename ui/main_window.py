"""The main window: a sidebar of pages, the global person search (Ctrl+K) and the status bar.

Pages come from a registry, ``PAGES`` (key, label, factory); a later page joins with one line there or,
at run time, with :meth:`MainWindow.add_page`. A page may offer ``confirm_leave(proceed)`` to ask about
unsaved changes before the window leaves it or closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.operations.session import lock, lock_minutes, unlock
from desktop.storage.store import Store
from ui import background
from ui.changes import Changes, change_bus
from ui.lock import IdleWatcher, LockPanel
from ui.models.persons import PersonsModel
from ui.operations import run_op
from ui.pages import Navigation, Page, PageContext

if TYPE_CHECKING:
    from ui.persons.persons_page import PersonsPage
    from ui.sync.controller import SyncController
from ui.widgets.fonts import emphasize
from ui.widgets.shortcuts import shortcut
from ui.widgets.tab_order import chain, layout_order


def _persons(context: PageContext) -> Page:
    from ui.persons.persons_page import PersonsPage

    return PersonsPage(context)


def _requests(context: PageContext) -> Page:
    from ui.requests.requests_page import RequestsPage

    return RequestsPage(context)


def _referrals(context: PageContext) -> Page:
    from ui.referrals.referrals_page import ReferralsPage

    return ReferralsPage(context)


def _follow_ups(context: PageContext) -> Page:
    from ui.referrals.follow_ups_page import FollowUpsPage

    return FollowUpsPage(context)


def _catalog(context: PageContext) -> Page:
    from ui.catalog_page import CatalogPage

    return CatalogPage(context)


def _settings(context: PageContext) -> Page:
    from ui.settings_page import SettingsPage

    return SettingsPage(context)


def _operators(context: PageContext) -> Page:
    from ui.operators_page import OperatorsPage

    return OperatorsPage(context)


def _report(context: PageContext) -> Page:
    from ui.reports.report_page import ReportPage

    return ReportPage(context)


def _sync(context: PageContext) -> Page:
    from ui.sync.page import SyncPage

    return SyncPage(context)


@dataclass(frozen=True)
class PageSpec:
    """A sidebar page: ``label`` is the Italian source text, translated in the "MainWindow" context."""

    key: str
    label: str
    factory: Callable[[PageContext], Page]


PAGES: list[PageSpec] = [
    PageSpec("persons", str(QT_TRANSLATE_NOOP("MainWindow", "Persone")), _persons),
    PageSpec("requests", str(QT_TRANSLATE_NOOP("MainWindow", "Richieste")), _requests),
    PageSpec("referrals", str(QT_TRANSLATE_NOOP("MainWindow", "Invii")), _referrals),
    PageSpec("follow_ups", str(QT_TRANSLATE_NOOP("MainWindow", "Scadenze")), _follow_ups),
    PageSpec("catalog", str(QT_TRANSLATE_NOOP("MainWindow", "Catalogo servizi")), _catalog),
    PageSpec("sync", str(QT_TRANSLATE_NOOP("MainWindow", "Sincronizzazione")), _sync),
    PageSpec("settings", str(QT_TRANSLATE_NOOP("MainWindow", "Impostazioni")), _settings),
    PageSpec("report", str(QT_TRANSLATE_NOOP("MainWindow", "Report")), _report),
    PageSpec("operators", str(QT_TRANSLATE_NOOP("MainWindow", "Operatori")), _operators),
]


class MainWindow(QMainWindow):
    """Signals:
        changed(Changes): the app-level change signal, relayed to this window's pages while it is open.
        unlocked(): the lock panel let an operator back in (the same one, or another).
        replaced(MainWindow): the operator chose another language; this window closed and the one given,
            built in that language on the same store and page, took its place.

    Attributes:
        search: the global search field (Ctrl+K): filters the persons as the operator types.
        sidebar: the list of pages (Ctrl+1…Ctrl+9).
        pages: page widgets by key.
        question: the last question put to the operator (a non-blocking message box), for tests.
    """

    changed = Signal(object)
    unlocked = Signal()
    replaced = Signal(object)

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self._closed = False
        self.pages: dict[str, Page] = {}
        self._keys: list[str] = []
        self.question: QMessageBox | None = None
        self._closing_confirmed = False
        self._undo: Callable[[], None] | None = None
        self._identity = ""
        self.setWindowTitle(self.tr("WPT Desk — {desk}").format(desk=store.desk().name))
        self.resize(1280, 720)
        self.setMinimumSize(900, 560)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Cerca persona: cognome, nome, codice fiscale o telefono (Ctrl+K)"))
        self.search.setAccessibleName(self.tr("Cerca persona"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._search_changed)
        self.search.returnPressed.connect(self._search_enter)
        self.new_request_button = QPushButton(self.tr("Nuova &richiesta (Ctrl+R)"), self)
        self.new_request_button.setAccessibleName(self.tr("Nuova richiesta per la persona trovata"))
        self.new_request_button.clicked.connect(self.new_request_for_current)

        self.sidebar = QListWidget(self)
        self.sidebar.setAccessibleName(self.tr("Sezioni"))
        self.sidebar.setStyleSheet("QListWidget::item { padding: 9px 6px; }")
        emphasize(self.sidebar, 1.15)
        self.stack = QStackedWidget(self)

        self.help_button = QPushButton(self.tr("Guida (F1)"), self)
        self.help_button.setAccessibleName(self.tr("Guida e informazioni"))
        self.help_button.clicked.connect(self.show_help)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.new_request_button)
        from ui.tools import Tools

        self.tools = Tools(store, self, lambda text: self.statusBar().showMessage(text, 8000))
        self.tools.restore_chosen.connect(self.restore_backup)
        self.pending_restore: Path | None = None  # the backup to put in place once the window is closed
        top.addWidget(self.tools.button)
        top.addWidget(self.help_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(4, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addWidget(self.stack, 1)
        splitter = QSplitter(self)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        # The window's content, or the lock panel that hides it (after inactivity, Ctrl+L).
        self.screen_stack = QStackedWidget(self)
        self.screen_stack.addWidget(splitter)
        self.lock_panel = LockPanel(self)
        self.lock_panel.form.submitted.connect(self._unlock)
        self.screen_stack.addWidget(self.lock_panel)
        self.setCentralWidget(self.screen_stack)
        self.idle = IdleWatcher(lock_minutes(store), self.lock, self)

        self.undo_button = QPushButton(self.tr("Annulla (Ctrl+Alt+Z)"), self)
        self.undo_button.setAccessibleName(self.tr("Annulla l'eliminazione"))
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo)
        self.undo_label = QLabel(self)
        self.undo_label.hide()
        # The undo offer sits at the right (permanent widgets stay visible while a notice is shown);
        # the sync status joins there with add_status_widget.
        self.statusBar().addPermanentWidget(self.undo_label)
        self.statusBar().addPermanentWidget(self.undo_button)
        # Desk and operator are the status bar's resting message; a notice replaces it for a few seconds.
        self.statusBar().messageChanged.connect(self._status_message_changed)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.setInterval(30_000)
        self._undo_timer.timeout.connect(self._clear_undo)
        self._show_identity()

        self.nav = Navigation(
            open_person=self.open_person, new_person=self.new_person, new_request=self.new_request,
            new_request_for_current=self.new_request_for_current, show_page=self.show_page,
            offer_undo=self.offer_undo, show_message=lambda text: self.statusBar().showMessage(text, 5000),
            put_question=self._put_question,
        )
        self.page_context = PageContext(store, self.nav, self, self.add_status_widget)
        for spec in PAGES:
            self.add_page(spec.key, QCoreApplication.translate("MainWindow", spec.label),
                          spec.factory(self.page_context))
        self._fit_sidebar()
        self.sidebar.currentRowChanged.connect(self._sidebar_row_changed)
        self.sidebar.setCurrentRow(0)
        self.follow_reading_order()
        self.search.setFocus()  # the operator starts typing a surname at once

        shortcut("Ctrl+L", self, self.lock, Qt.ShortcutContext.WindowShortcut)
        shortcut("Ctrl+K", self, self.focus_search, Qt.ShortcutContext.WindowShortcut)
        shortcut("Ctrl+F", self, self.focus_search, Qt.ShortcutContext.WindowShortcut)
        # Ctrl+Z where no text field takes it; Ctrl+Alt+Z whatever has focus (a field's Ctrl+Z undoes typing).
        shortcut("Ctrl+Z", self, self.undo, Qt.ShortcutContext.WindowShortcut)
        shortcut("Ctrl+Alt+Z", self, self.undo, Qt.ShortcutContext.WindowShortcut)
        shortcut("Ctrl+N", self, self.new_person, Qt.ShortcutContext.WindowShortcut)
        shortcut(Qt.Key.Key_F1, self, self.show_help, Qt.ShortcutContext.WindowShortcut)
        shortcut("Ctrl+R", self.search, self.new_request_for_current, Qt.ShortcutContext.WidgetShortcut)
        shortcut(Qt.Key.Key_Down, self.search, self._search_down, Qt.ShortcutContext.WidgetShortcut)
        change_bus().changed.connect(self._relay_changes)
        self.changed.connect(self._on_changes)

    def show_sized(self) -> None:
        """Show the window maximised on a laptop-sized screen (1366×768 and the like), else at its size."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is None or screen.width() <= 1440 or screen.height() <= 900:
            self.showMaximized()
        else:
            self.show()

    # -- pages ----------------------------------------------------------------------------------------

    def add_page(self, key: str, label: str, widget: Page) -> None:
        """Add a page to the sidebar (Ctrl+<n> selects the n-th page); it hears what the core changes."""
        number = len(self._keys) + 1
        self.pages[key] = widget
        self.changed.connect(widget.on_changes)
        self._keys.append(key)
        self.stack.addWidget(widget)
        item = QListWidgetItem(f"{label}    Ctrl+{number}" if number <= 9 else label)
        item.setData(Qt.ItemDataRole.UserRole, key)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, label)
        item.setToolTip(f"{label} (Ctrl+{number})" if number <= 9 else label)
        self.sidebar.addItem(item)
        if number <= 9:
            shortcut(f"Ctrl+{number}", self, lambda: self.show_page(key), Qt.ShortcutContext.WindowShortcut)
        self._fit_sidebar()
        if len(self._keys) > len(PAGES):
            self.follow_reading_order()  # a page joining at run time

    def _fit_sidebar(self) -> None:
        """The sidebar as wide as its longest entry: no label cut, no empty band beside them."""
        margins = 2 * self.sidebar.frameWidth() + 12 + 2 * 6  # frame, item padding (style sheet), spare
        widest = max((self.sidebar.fontMetrics().horizontalAdvance(self.sidebar.item(i).text())
                      for i in range(self.sidebar.count())), default=150)
        self.sidebar.setFixedWidth(widest + margins)
        if hasattr(self, "splitter"):
            # The splitter's slot as wide as the sidebar: a wider slot left an empty band beside it.
            self.splitter.setSizes([widest + margins, max(1, self.splitter.width() - widest - margins)])

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_sidebar()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_sidebar()

    def current_key(self) -> str:
        return self._keys[self.sidebar.currentRow()] if self.sidebar.currentRow() >= 0 else ""

    def show_page(self, key: str, then: Callable[[], None] | None = None) -> None:
        """Switch to a page (asking first if the current one has unsaved changes), then run ``then``."""
        if key not in self.pages:
            raise KeyError(key)

        def go() -> None:
            self._set_row(self._keys.index(key))
            if then is not None:
                then()

        if key == self.current_key():
            go()
        else:
            self._confirm_leave(go)

    def _set_row(self, row: int) -> None:
        if self._keys[row] != "persons" and self.search.text():
            # The search filters the persons only: elsewhere its text would look like a filter that is not.
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self.persons_page.model.set_search("")
        self.sidebar.blockSignals(True)
        self.sidebar.setCurrentRow(row)
        self.sidebar.blockSignals(False)
        self.stack.setCurrentIndex(row)

    def _sidebar_row_changed(self, row: int) -> None:
        previous = self.stack.currentIndex()
        if row < 0 or row == previous:
            return
        self._set_row(previous)  # stay until the page agrees to be left
        self._confirm_leave(lambda: self._set_row(row))

    def _confirm_leave(self, proceed: Callable[[], None]) -> None:
        page = self.stack.currentWidget()
        if isinstance(page, Page):
            page.confirm_leave(proceed)
        else:
            proceed()

    def _put_question(self, box: QMessageBox) -> None:
        self.question = box

    @property
    def persons_page(self) -> PersonsPage:
        from ui.persons.persons_page import PersonsPage

        page = self.pages["persons"]
        assert isinstance(page, PersonsPage)
        return page

    @property
    def persons_model(self) -> PersonsModel:
        return self.persons_page.model

    def add_status_widget(self, widget: QWidget) -> None:
        """Put a permanent widget at the right of the status bar (e.g. the sync status)."""
        self.statusBar().addPermanentWidget(widget)

    def follow_reading_order(self) -> None:
        """Tab goes as an operator reads: the sections, the search bar left to right, the page shown, then
        the status bar (whatever order the widgets were made in)."""
        top = [self.search, self.new_request_button, self.tools.button, self.help_button]
        chain([self.sidebar, *top, *layout_order(self.stack), *layout_order(self.statusBar())])

    # -- search -----------------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_changed(self, text: str) -> None:
        page = self.persons_page
        page.model.set_search(text)
        if text.strip() and (self.current_key() != "persons" or page.stack.currentWidget() is not page.list_page):
            if not page.is_dirty():
                self._set_row(self._keys.index("persons"))
                page.show_list()
                self.search.setFocus()

    def _search_enter(self) -> None:
        page = self.persons_page
        if page.is_dirty():
            return
        self._set_row(self._keys.index("persons"))
        page.open_first_match()

    def _search_down(self) -> None:
        page = self.persons_page
        self._set_row(self._keys.index("persons"))
        page.show_list()
        if page.model.rowCount():
            page.view.selectRow(0)
            page.view.setFocus()

    def new_request_for_current(self) -> None:
        """Nuova richiesta for the person on screen, else the selected or first person found."""
        page = self.persons_page
        if self.current_key() == "persons" and page.stack.currentWidget() is page.detail and page.detail.person:
            self.new_request(page.detail.person.id)
            return
        model = page.model
        current = page.view.currentIndex()
        row = current.row() if current.isValid() else 0
        if model.rowCount() > row:
            self.new_request(model.person_id(row))
        else:
            self.statusBar().showMessage(self.tr("Cerca prima la persona (Ctrl+K)."), 5000)

    # -- actions ------------------------------------------------------------------------------------------

    def open_person(self, person_id: str) -> None:
        self.show_page("persons", lambda: self.persons_page.open_person(person_id))

    def new_person(self) -> None:
        """Nuova persona, prefilled from what the search holds (a surname and name, or a codice fiscale)."""
        prefill = self.search.text()
        self.show_page("persons", lambda: self.persons_page.new_person(prefill))

    @property
    def sync_controller(self) -> SyncController | None:
        from ui.sync.page import SyncPage

        page = self.pages.get("sync")
        return page.controller if isinstance(page, SyncPage) else None

    def new_request(self, person_id: str) -> None:
        """Open the Nuova richiesta wizard for a person (non-blocking)."""
        from ui.requests.new_request import NewRequestWizard

        wizard = NewRequestWizard(self.store, person_id, self)
        self.new_request_wizard = wizard
        wizard.open()

    def show_help(self) -> QWidget:
        """F1: the short guide inside the app (its «Informazioni» shows version, data folder and server)."""
        from ui.help import HelpDialog

        self.help_dialog = HelpDialog(self.store, self)
        self.help_dialog.open()
        return self.help_dialog

    def offer_undo(self, text: str, undo: Callable[[], None]) -> None:
        """Show ``text`` with an Annulla button in the status bar; Ctrl+Alt+Z (Ctrl+Z out of text fields)
        or the button runs ``undo``."""
        self._undo = undo
        self.undo_label.setText(text)
        self.undo_label.show()
        self.undo_button.show()
        self._undo_timer.start()

    def undo(self) -> None:
        """Run the undo on offer (it says when it is done: an undo runs on the database thread too)."""
        undo, self._undo = self._undo, None
        self._clear_undo()
        if undo is not None:
            undo()

    def _clear_undo(self) -> None:
        self._undo = None
        self.undo_label.hide()
        self.undo_button.hide()

    def _show_identity(self) -> None:
        desk = self.store.desk()
        self._identity = self.tr("Sportello: {desk} — Operatore: {operator}").format(
            desk=desk.name, operator=self.store.current_operator().name)
        self.statusBar().showMessage(self._identity)
        self.statusBar().setAccessibleDescription(self._identity)
        self.setWindowTitle(self.tr("WPT Desk — {desk}").format(desk=desk.name))

    def _relay_changes(self, changes: Changes) -> None:
        # A window left behind once its store is closed must not query it.
        if not self._closed and self.store.is_open():
            self.changed.emit(changes)

    def _status_message_changed(self, message: str) -> None:
        if not message:
            self.statusBar().showMessage(self._identity)

    def _on_changes(self, changes: Changes) -> None:
        if changes.settings:
            self._show_identity()
            self.idle.set_minutes(lock_minutes(self.store))
            from ui.i18n import current_language

            language = self.store.setting("language")
            if language and language != current_language():
                QTimer.singleShot(0, lambda: self.switch_language(language))

    # -- language -------------------------------------------------------------------------------------------

    def switch_language(self, language: str) -> MainWindow | None:
        """Speak ``language`` now: every text is rebuilt by building this window again (same store, size and
        page) and closing this one, which is more reliable than retranslating each widget in place.

        Returns the new window, or None when work typed elsewhere is unsaved (the language then applies at
        the next start, and the operator is told so).
        """
        from ui.i18n import install_translators

        if self._closed:
            return None
        wizard = getattr(self, "new_request_wizard", None)
        busy = wizard is not None and shiboken6.isValid(wizard) and wizard.isVisible()
        if busy or any(page.is_dirty() for page in self.pages.values()):
            self.statusBar().showMessage(self.tr("La lingua cambierà al prossimo avvio: ci sono modifiche non "
                                                 "salvate."), 8000)
            return None
        app = QCoreApplication.instance()
        assert app is not None
        install_translators(app, language)
        key = self.current_key()
        successor = MainWindow(self.store)
        successor.setGeometry(self.geometry())
        if self.isMaximized():
            successor.showMaximized()
        else:
            successor.show()
        successor.show_page(key)
        self._closing_confirmed = True
        self.close()
        self.replaced.emit(successor)
        return successor

    def restore_backup(self, path: Path) -> bool:
        """Close, for the app to put the backup ``path`` in place with the database closed and ask for the
        login again; refused (False) while something typed is not saved."""
        wizard = getattr(self, "new_request_wizard", None)
        busy = wizard is not None and shiboken6.isValid(wizard) and wizard.isVisible()
        if busy or any(page.is_dirty() for page in self.pages.values()):
            self.statusBar().showMessage(self.tr("Prima del ripristino salva o annulla le modifiche aperte."), 8000)
            return False
        self.pending_restore = path
        self._closing_confirmed = True
        self.close()
        return True

    # -- locking ---------------------------------------------------------------------------------------------

    def is_locked(self) -> bool:
        return self.screen_stack.currentWidget() is self.lock_panel

    def lock(self) -> None:
        """Hide the window's content until the operator's password, or another operator, gets back in."""
        if self.is_locked() or self._closed:
            return
        self.screen_stack.setCurrentWidget(self.lock_panel)
        self.lock_panel.show_for(self.store.current_operator().name)
        store = self.store
        run_op(self, lambda: lock(store)).run()

    def _unlock(self, name: str, password: str) -> None:
        store = self.store

        def unlocked(_operator: object) -> None:
            self.screen_stack.setCurrentIndex(0)
            self._show_identity()
            self.idle.set_minutes(lock_minutes(store))
            self.unlocked.emit()
            self.search.setFocus()

        run_op(self, lambda: unlock(store, name, password)).success(unlocked).failure(
            lambda error: self.lock_panel.form.refused(str(error))).run()

    # -- closing --------------------------------------------------------------------------------------------

    def _shut_down(self) -> None:
        """Stop listening to changes (the store may close next) and let queued database work finish."""
        self._closed = True
        self.idle.stop()
        if self.sync_controller is not None:
            self.sync_controller.stop()
        background.wait_idle()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing_confirmed:
            self._shut_down()
            event.accept()
            return
        wizard = getattr(self, "new_request_wizard", None)
        if wizard is not None and shiboken6.isValid(wizard) and wizard.isVisible() and wizard.is_dirty():
            event.ignore()
            wizard.raise_()
            wizard.reject()  # asks whether to discard what was typed
            return
        dirty = [w for w in self.pages.values() if w.is_dirty()]
        if not dirty:
            self._shut_down()
            event.accept()
            return
        event.ignore()
        page = dirty[0]
        self._set_row(self._keys.index(next(k for k, w in self.pages.items() if w is page)))

        def close_now() -> None:
            self._closing_confirmed = True
            self.close()

        page.confirm_leave(close_now)
