"""Run database work off the GUI thread and get its result (or error) back on the GUI thread.

One single-worker pool owns the database work, so operations run one at a time in the order they were
started, never two at once on the connection::

    run_in_background(self, lambda: person_record.person_timeline(store, pid)).on_success(self._show).run()

The function never touches a widget. Its result goes to ``on_success``; an exception goes to
``on_error`` or, when none is given, to an Italian error dialog. If ``parent`` is gone by then, the
result is dropped.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from desktop.errors import describe_error
from desktop.operations.errors import OperationError

log = logging.getLogger(__name__)

_pool: QThreadPool | None = None
# Operations started and not yet delivered, by token. Only the GUI thread adds and removes them.
_running: dict[int, BackgroundOp] = {}
_tokens = itertools.count(1)


def db_pool() -> QThreadPool:
    """The single-worker pool of database work."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(1)
        _pool.setExpiryTimeout(-1)
    return _pool


_network_pool: QThreadPool | None = None


def network_pool() -> QThreadPool:
    """The single-worker pool of network work (sync): a slow line never holds up database work."""
    global _network_pool
    if _network_pool is None:
        _network_pool = QThreadPool()
        _network_pool.setMaxThreadCount(1)
        _network_pool.setExpiryTimeout(-1)
    return _network_pool


def pending() -> int:
    """Operations started and not yet delivered (tests wait for 0)."""
    return len(_running)


def wait_idle(msecs: int = 30_000) -> None:
    """Block until the worker is idle (at shutdown, before the store is closed)."""
    db_pool().waitForDone(msecs)


class _Dispatcher(QObject):
    """Carries each result from the worker thread to the GUI thread.

    One for the whole application, made on the GUI thread and never deleted: no per-operation QObject is
    ever destroyed by a worker thread, nor inside its own slot (either crashes Qt now and then).
    """

    delivered = Signal(int, object, object)  # token, result, (exception, traceback) or None

    def __init__(self) -> None:
        super().__init__(None)
        self.delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(int, object, object)
    def _deliver(self, token: int, result: Any, failure: tuple[Exception, str] | None) -> None:
        op = _running.pop(token, None)
        if op is not None:
            op._finish(result, failure)


_dispatcher: _Dispatcher | None = None


def _the_dispatcher() -> _Dispatcher:
    global _dispatcher
    if _dispatcher is None:
        _dispatcher = _Dispatcher()
    return _dispatcher


class _Job(QRunnable):
    def __init__(self, token: int, fn: Callable[[], Any], dispatcher: _Dispatcher) -> None:
        super().__init__()
        self._token = token
        self._fn: Callable[[], Any] | None = fn
        self._dispatcher = dispatcher

    def run(self) -> None:
        fn, self._fn = self._fn, None
        assert fn is not None
        failure: tuple[Exception, str] | None = None
        result: Any = None
        try:
            result = fn()
        except Exception as exc:  # delivered to the GUI thread, never lost
            failure = (exc, traceback.format_exc())
        # The operation on the GUI thread holds the function too: the last reference to what it
        # captured (a widget, say) is never dropped on this thread.
        del fn
        self._dispatcher.delivered.emit(self._token, result, failure)


class BackgroundOp:
    """A function to run on the database thread, with callbacks run on the GUI thread."""

    def __init__(self, parent: QObject | None, fn: Callable[[], Any], pool: QThreadPool | None = None) -> None:
        self._pool = pool
        self._parent = parent
        self._fn = fn
        self._success: Callable[[Any], None] | None = None
        self._error: Callable[[Exception], None] | None = None

    def on_success(self, callback: Callable[[Any], None]) -> BackgroundOp:
        self._success = callback
        return self

    def on_error(self, callback: Callable[[Exception], None]) -> BackgroundOp:
        self._error = callback
        return self

    def run(self) -> BackgroundOp:
        token = next(_tokens)
        _running[token] = self
        (self._pool or db_pool()).start(_Job(token, self._fn, _the_dispatcher()))
        return self

    def _parent_alive(self) -> bool:
        return self._parent is None or shiboken6.isValid(self._parent)

    def _finish(self, result: Any, failure: tuple[Exception, str] | None) -> None:
        if failure is None:
            if self._success is not None and self._parent_alive():
                self._success(result)
            return
        exc, trace = failure
        if not self._parent_alive():
            log.error("background operation failed after its window closed:\n%s", trace)
        elif self._error is not None:
            log.info("background operation failed (handled):\n%s", trace)
            self._error(exc)
        else:
            log.error("background operation failed:\n%s", trace)
            show_error(self._parent if isinstance(self._parent, QWidget) else None, exc)


def run_in_background(parent: QObject | None, fn: Callable[[], Any]) -> BackgroundOp:
    """Prepare ``fn`` to run on the database thread; chain ``on_success``/``on_error`` then ``run()``."""
    return BackgroundOp(parent, fn)


def run_on_network(parent: QObject | None, fn: Callable[[], Any]) -> BackgroundOp:
    """Like :func:`run_in_background`, on the network thread (for sync round trips)."""
    return BackgroundOp(parent, fn, network_pool())


def show_error(parent: QWidget | None, exc: Exception) -> None:
    """The default for an unhandled error: one Italian sentence, non-blocking."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("Background", "Errore"))
    if isinstance(exc, OperationError):
        box.setText(str(exc))  # the core's own sentence
    else:
        box.setText(QCoreApplication.translate("Background", "L'operazione non è riuscita: {error}").format(
            error=describe_error(exc)))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
