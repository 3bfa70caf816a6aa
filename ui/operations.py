"""Run an operation of the core off the GUI thread, in the style of Anki's ``CollectionOp``::

    run_op(self, lambda: persons.register_person(store, person)).success(self._saved).run()

The operation runs on the database thread (one at a time, in order: :mod:`ui.background`); back on the
GUI thread its :class:`~desktop.operations.changes.Changes` go out on the app's one change signal, so
every page showing those records reloads, and only then ``success`` gets the operation's value. No page
chooses its own refresh flags. A refusal (:class:`~desktop.operations.errors.OperationError`) or any
other failure goes to ``failure`` or, when none is given, to a one-sentence Italian dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QWidget

from desktop.operations.changes import Done
from desktop.operations.deletion import Deletion, undo_deletion
from desktop.storage.store import Store
from ui.background import BackgroundOp, show_error
from ui.changes import publish
from ui.pages import Navigation

T = TypeVar("T")


class CollectionOp(Generic[T]):
    """An operation to run; chain ``success``/``failure``, then ``run()``."""

    def __init__(self, parent: QObject | None, op: Callable[[], Done[T]]) -> None:
        self._parent = parent
        self._op = op
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[Exception], None] | None = None

    def success(self, callback: Callable[[T], None]) -> CollectionOp[T]:
        self._success = callback
        return self

    def failure(self, callback: Callable[[Exception], None]) -> CollectionOp[T]:
        self._failure = callback
        return self

    def run(self) -> CollectionOp[T]:
        # No parent for the background job: what the operation changed is published even when the
        # widget that started it has closed meanwhile; only the callbacks need it alive.
        BackgroundOp(None, self._op).on_success(self._done).on_error(self._failed).run()
        return self

    def _alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _done(self, done: Any) -> None:
        assert isinstance(done, Done), f"an operation returns Done, not {type(done).__name__}"
        publish(done.changes)
        if self._success is not None and self._alive():
            self._success(done.value)

    def _failed(self, error: Exception) -> None:
        if not self._alive():
            return
        if self._failure is not None:
            self._failure(error)
        else:
            show_error(self._parent if isinstance(self._parent, QWidget) else None, error)


def run_op(parent: QObject | None, op: Callable[[], Done[T]]) -> CollectionOp[T]:
    """Prepare an operation of the core to run on the database thread."""
    return CollectionOp(parent, op)


def offer_undo_deletion(nav: Navigation, store: Store, text: str, deletion: Deletion) -> None:
    """Offer Annulla (Ctrl+Alt+Z) in the status bar for a deletion: it brings back exactly what was deleted."""

    def undo() -> None:
        run_op(None, lambda: undo_deletion(store, deletion)).success(
            lambda _none: nav.show_message(QCoreApplication.translate("Operations", "Operazione annullata."))).run()

    nav.offer_undo(text, undo)


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def dependants_text(deletion: Deletion) -> str:
    """'2 richieste, 1 invio e 3 note' — what a deletion takes along ('' when nothing)."""
    forms = (("request", _tr("Operations", "1 richiesta"), _tr("Operations", "{n} richieste")),
             ("referral", _tr("Operations", "1 invio"), _tr("Operations", "{n} invii")),
             ("note", _tr("Operations", "1 nota"), _tr("Operations", "{n} note")))
    parts = [one if (n := deletion.count(entity)) == 1 else many.format(n=n)
             for entity, one, many in forms if deletion.count(entity)]
    if len(parts) > 1:
        return _tr("Operations", "{list} e {last}").format(list=", ".join(parts[:-1]), last=parts[-1])
    return parts[0] if parts else ""


def confirm_deletion(parent: QWidget, nav: Navigation, preview: Deletion, what: str, go: Callable[[], None]) -> None:
    """Ask before deleting something that has dependants (naming them); delete at once otherwise."""
    along = dependants_text(preview)
    if not along:
        go()
        return
    from ui.dialogs import confirm

    nav.put_question(confirm(
        parent, _tr("Operations", "Eliminare?"),
        _tr("Operations", "Eliminare {what}? Si eliminano anche {along}. "
                          "Subito dopo si può annullare (Ctrl+Alt+Z).").format(what=what, along=along),
        _tr("Operations", "&Elimina"), go, default_yes=False))
