"""Background sync for the app: cycles run on a worker thread, never on the GUI thread.

The controller starts a cycle every few minutes, at once when the network comes back, and on demand
(``sync_now``, the "Sincronizza ora" button). While the server cannot be reached it retries with
exponential backoff and jitter (so a valley's desks do not all retry in the same second).
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from desktop.storage.store import Store
from sync.client import LAST_ERROR_KEY, LAST_OK_KEY, SyncClient, SyncError, SyncReport, is_enrolled, review_count

DEFAULT_INTERVAL_MS = 5 * 60 * 1000
DEFAULT_BACKOFF_BASE_MS = 10 * 1000
# While offline, retries are also the probes that notice the connection is back: keep the cap short.
DEFAULT_BACKOFF_MAX_MS = 5 * 60 * 1000


@dataclass(frozen=True)
class SyncState:
    """What the page and the status bar show.

    Attributes:
        enrolled: the desk has a server and a credential.
        online: the last attempt reached the server (None before the first attempt).
        running: a cycle is in progress.
        last_success: ISO time of the last complete cycle.
        pending: local changes waiting to be sent.
        to_review: conflicts, possible duplicates and set-aside changes to review.
        message: the last failure, in Italian ("" after a success).
    """

    enrolled: bool
    online: bool | None
    running: bool
    last_success: str | None
    pending: int
    to_review: int
    message: str = ""


class SyncWorker(QObject):
    """Runs one cycle when asked; lives on the sync thread.

    Signals:
        finished(report, error): a SyncReport or None, a SyncError or None.
    """

    finished = Signal(object, object)

    def __init__(self, store: Store, client_options: dict[str, Any]) -> None:
        super().__init__()
        self.store = store
        self.client_options = client_options
        self.last_thread_id: int | None = None  # the thread the last cycle ran on (never the GUI's)

    @Slot()
    def run(self) -> None:
        self.last_thread_id = threading.get_ident()
        try:
            report: SyncReport | None = SyncClient(self.store, **self.client_options).sync()
            self.finished.emit(report, None)
        except SyncError as exc:
            self.finished.emit(None, exc)
        except Exception as exc:  # noqa: BLE001 - a failed cycle must never take the app down
            self.finished.emit(None, SyncError("server", f"Errore imprevisto durante la sincronizzazione: {exc}"))


class SyncController(QObject):
    """Schedules sync cycles and publishes the sync state.

    Signals:
        stateChanged(SyncState): after every change of state (cycle started or finished).
        cycleFinished(bool): a cycle ended; True when everything was exchanged.
    """

    stateChanged = Signal(object)
    cycleFinished = Signal(bool)
    _run = Signal()

    def __init__(
        self, store: Store, parent: QObject | None = None, *, interval_ms: int = DEFAULT_INTERVAL_MS,
        backoff_base_ms: int = DEFAULT_BACKOFF_BASE_MS, backoff_max_ms: int = DEFAULT_BACKOFF_MAX_MS,
        client_options: dict[str, Any] | None = None, rng: random.Random | None = None,
        watch_network: bool = False,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.interval_ms = interval_ms
        self.backoff_base_ms = backoff_base_ms
        self.backoff_max_ms = backoff_max_ms
        self.failures = 0
        self.next_delay_ms: int | None = None
        self._rng = rng or random.Random()
        self._running = False
        self._online: bool | None = None
        self._message = ""
        self._thread = QThread(self)
        self._thread.setObjectName("wpt-sync")
        self.worker = SyncWorker(store, client_options or {})
        self.worker.moveToThread(self._thread)
        self._run.connect(self.worker.run)
        self.worker.finished.connect(self._finished)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        if watch_network:
            self._watch_network()

    # -- lifecycle --------------------------------------------------------------------------------

    def start(self, first_delay_ms: int = 0) -> None:
        """Start the worker thread and schedule the first cycle."""
        if not self._thread.isRunning():
            self._thread.start()
        self._schedule(first_delay_ms)

    def stop(self) -> None:
        """Stop scheduling and wait for a cycle in progress to end (call before closing the store)."""
        self._timer.stop()
        self._thread.quit()
        self._thread.wait()

    # -- cycles -----------------------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> None:
        """Start a cycle now, unless one is running (then nothing: its result is coming)."""
        if self._running:
            return
        if not is_enrolled(self.store):
            self._message = self.tr("Sportello non registrato sul server centrale.")
            self.stateChanged.emit(self.state())
            return
        if not self._thread.isRunning():
            self._thread.start()
        self._timer.stop()
        self._running = True
        self.stateChanged.emit(self.state())
        self._run.emit()

    @Slot(object, object)
    def _finished(self, report: SyncReport | None, error: SyncError | None) -> None:
        self._running = False
        if error is None:
            self._online, self._message, self.failures = True, "", 0
            self._schedule(self.interval_ms)
        elif error.kind == "offline":
            self._online, self._message = False, error.message
            self.failures += 1
            self._schedule(self.backoff_delay(self.failures))
        else:
            # The server answered (revoked, outdated...): retrying sooner would not help.
            self._online, self._message = True, error.message
            self._schedule(self.interval_ms)
        self.stateChanged.emit(self.state())
        self.cycleFinished.emit(error is None and report is not None and report.complete)

    def backoff_delay(self, failures: int) -> int:
        """Exponential backoff with jitter: between half and all of base·2^(failures-1), capped."""
        ceiling = min(self.backoff_max_ms, self.backoff_base_ms * 2 ** max(0, failures - 1))
        return int(ceiling * self._rng.uniform(0.5, 1.0))

    def _schedule(self, delay_ms: int) -> None:
        self.next_delay_ms = delay_ms
        self._timer.start(delay_ms)

    # -- state --------------------------------------------------------------------------------------

    def state(self) -> SyncState:
        return SyncState(
            enrolled=is_enrolled(self.store),
            online=self._online,
            running=self._running,
            last_success=self.store.setting(LAST_OK_KEY),
            pending=self.store.outbox_count(),
            to_review=review_count(self.store),
            message=self._message or (self.store.setting(LAST_ERROR_KEY) or "" if self._online is None else ""),
        )

    # -- network reachability -------------------------------------------------------------------

    def _watch_network(self) -> None:
        """Sync as soon as the system says the network is back (when the platform can tell).

        Opt-in: PySide6 deletes the QNetworkInformation singleton at interpreter exit with a
        "shared QObject was deleted directly" warning; the backoff retries notice a returning
        connection within ``backoff_max_ms`` anyway.
        """
        try:
            from PySide6.QtNetwork import QNetworkInformation
        except ImportError:
            return
        if not QNetworkInformation.loadBackendByFeatures(QNetworkInformation.Feature.Reachability):
            return
        info = QNetworkInformation.instance()
        if info is not None:
            info.reachabilityChanged.connect(self._reachability_changed)

    @Slot(object)
    def _reachability_changed(self, reachability: Any) -> None:
        from PySide6.QtNetwork import QNetworkInformation

        if reachability == QNetworkInformation.Reachability.Online and self._online is not True:
            self.failures = 0
            self.sync_now()
