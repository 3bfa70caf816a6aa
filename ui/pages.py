"""What every page of the main window is and gets.

A page is a :class:`Page`: it says whether it holds unsaved work (``is_dirty``), asks before being left
(``confirm_leave``) and reacts to what the core changed (``on_changes``). It is built from a
:class:`PageContext`: the store to read, a :class:`Navigation` to move the operator elsewhere, and the
widget to live in — not the whole main window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.operations.changes import Changes
from desktop.storage.store import Store


@dataclass(frozen=True)
class Navigation:
    """What a page may ask of the window around it.

    Attributes:
        open_person: show a person's card.
        new_person: the form for a new person, prefilled from what the search holds.
        new_request: the Nuova richiesta wizard for a person.
        new_request_for_current: the wizard for the person on screen or selected.
        show_page: switch to a page by key (asking the current one first), then run ``then``.
        offer_undo: a text with an Annulla button in the status bar (Ctrl+Alt+Z, or Ctrl+Z out of text fields).
        show_message: a notice in the status bar for a few seconds.
        put_question: remember the question a page opened (tests find it as ``window.question``).
    """

    open_person: Callable[[str], None]
    new_person: Callable[[], None]
    new_request: Callable[[str], None]
    new_request_for_current: Callable[[], None]
    show_page: Callable[..., None]
    offer_undo: Callable[[str, Callable[[], None]], None]
    show_message: Callable[[str], None]
    put_question: Callable[[QMessageBox], None]


@dataclass(frozen=True)
class PageContext:
    """What a page is built with."""

    store: Store
    nav: Navigation
    parent: QWidget
    add_status_widget: Callable[[QWidget], None]


class Page(QWidget):
    """The page protocol, with the defaults of a page that holds no unsaved work."""

    def __init__(self, context: PageContext) -> None:
        super().__init__(context.parent)
        self.store = context.store
        self.nav = context.nav

    def is_dirty(self) -> bool:
        """Something typed that is not saved yet."""
        return False

    def confirm_leave(self, proceed: Callable[[], None]) -> None:
        """Run ``proceed`` now if nothing is unsaved; otherwise ask first (and maybe not run it)."""
        proceed()

    def on_changes(self, changes: Changes) -> None:
        """The core changed records (emitted once per operation, on the GUI thread)."""
