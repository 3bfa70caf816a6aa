"""Runs sync cycles in the background: on a schedule, on demand, and with backoff while offline.

The round trips run on the network thread (``ui.background.network_pool``), never on the GUI thread;
results come back as signals. While the server answers, a cycle runs every few minutes and shortly
after a local change; while it does not, attempts back off exponentially with jitter, so the desk
notices quickly when the line comes back without hammering a dead one.
"""

from __future__ import annotations

import logging
import random
import time
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.storage import backups, sync_tables
from desktop.storage.errors import StorageError
from desktop.storage.store import Store
from desktop.sync.client import SyncClient, SyncError, SyncReport
from desktop.sync.review import review_count
from ui.background import run_in_background, run_on_network
from ui.changes import Changes, change_bus, publish

logger = logging.getLogger(__name__)

# Kinds of SyncError after which retrying soon cannot help (someone must act).
_NEEDS_ACTION = frozenset({"revoked", "unauthorized", "protocol", "setup", "clock"})


@dataclass(frozen=True)
class SyncState:
    """What the desk shows about sync.

    Attributes:
        enrolled: the desk has a credential for a server.
        running: a cycle is in progress.
        online: the server answered the last attempt (None before any attempt).
        last_ok: ISO time of the last complete cycle.
        error: the Italian sentence of the last failure ("" after a success).
        error_kind: offline, busy, revoked, unauthorized, protocol, server, response, setup, clock.
        pending: local changes waiting to be sent.
        to_review: conflicts, possible duplicates and set-aside changes to review.
        next_attempt_ms: in how long the next automatic attempt runs (None: none scheduled).
        next_attempt_at: when it runs, as a Unix time (for "prossimo tentativo alle 10:45").
        update: a newer version of WPT Desk the server announced ("" when none).
    """

    enrolled: bool = False
    running: bool = False
    online: bool | None = None
    last_ok: str | None = None
    error: str = ""
    error_kind: str = ""
    pending: int = 0
    to_review: int = 0
    next_attempt_ms: int | None = None
    next_attempt_at: float | None = None
    update: str = ""


class SyncController(QObject):
    """Signals:
        state_changed(SyncState): after every change of state (GUI thread).
        finished(object): a cycle ended with a SyncReport or a SyncError.
        enrolled(bool, str): an enrollment attempt ended (ok, Italian message).
    """

    state_changed = Signal(object)
    finished = Signal(object)
    enrolled = Signal(bool, str)

    INTERVAL_MS = 5 * 60_000
    AFTER_CHANGE_MS = 20_000
    BACKOFF_BASE_MS = 15_000
    BACKOFF_MAX_MS = 15 * 60_000
    NEEDS_ACTION_RETRY_MS = 60 * 60_000

    def __init__(self, store: Store, parent: QObject | None = None, *, automatic: bool = True) -> None:
        super().__init__(parent)
        self.store = store
        self.automatic = automatic
        self._failures = 0
        self._again = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        saved = sync_tables.sync_settings(store)
        self.state = SyncState(
            enrolled=saved.enrolled, last_ok=saved.last_ok, error=saved.last_error,
            pending=sync_tables.outbox_count(store),
        )
        change_bus().changed.connect(self._local_change)
        run_in_background(self, lambda: review_count(store)).on_success(
            lambda count: self._set(to_review=count)
        ).run()
        if self.automatic and self.state.enrolled:
            self._schedule(1_000)

    # -- actions ------------------------------------------------------------------------------------

    def sync_now(self) -> None:
        """Start a cycle now (if one is running, another follows it)."""
        if not self.state.enrolled:
            self._set(error=self.tr("Sportello non registrato: inserire l'indirizzo del server e il codice."),
                      error_kind="setup")
            return
        if self._stopped:
            return
        if self.state.running:
            self._again = True
            return
        self._timer.stop()
        self._set(running=True, next_attempt_ms=None, next_attempt_at=None)
        store = self.store
        run_on_network(self, lambda: _cycle(store)).on_success(self._cycle_done).on_error(self._cycle_failed).run()

    def enroll(self, server: str, code: str, ca_cert: Path | None = None) -> None:
        """Trade a one-time code for this desk's credential (in the background)."""
        store = self.store

        def work() -> str:
            return SyncClient(store, server=server.strip(), verify=ca_cert, timeout=30).enroll(code).network

        run_on_network(self, work).on_success(self._enroll_done).on_error(self._enroll_failed).run()

    def stop(self) -> None:
        """No more cycles, and the result of one still running is dropped (the window is closing)."""
        self._timer.stop()
        self.automatic = False
        self._stopped = True

    # -- results ------------------------------------------------------------------------------------

    def _cycle_done(self, report: SyncReport) -> None:
        if self._stopped:
            return
        self._failures = 0
        self._set(running=False, online=True, last_ok=sync_tables.sync_settings(self.store).last_ok, error="",
                  error_kind="", pending=report.pending, to_review=report.to_review, update=report.update)
        publish(report.changes)
        self.finished.emit(report)
        self._after_cycle(self.INTERVAL_MS)

    def _cycle_failed(self, error: Exception) -> None:
        if self._stopped:
            return
        if not isinstance(error, SyncError):
            error = SyncError("response", self.tr("Sincronizzazione non riuscita: {error}").format(error=error))
        online = error.kind not in ("offline",)
        self._set(running=False, online=online, error=error.message, error_kind=error.kind,
                  pending=sync_tables.outbox_count(self.store))
        self.finished.emit(error)
        if error.kind in _NEEDS_ACTION:
            self._after_cycle(self.NEEDS_ACTION_RETRY_MS)
        else:
            self._failures += 1
            self._after_cycle(self.backoff_ms(self._failures))

    def _after_cycle(self, delay_ms: int) -> None:
        if self._again:
            self._again = False
            self.sync_now()
        else:
            self._schedule(delay_ms)

    def _enroll_done(self, network: str) -> None:
        if self._stopped:
            return
        self._set(enrolled=True, error="", error_kind="")
        self.enrolled.emit(True, self.tr("Sportello registrato nella rete «{network}».").format(network=network))
        self.sync_now()

    def _enroll_failed(self, error: Exception) -> None:
        message = error.message if isinstance(error, SyncError) else str(error)
        self.enrolled.emit(False, message)

    # -- scheduling -----------------------------------------------------------------------------------

    @classmethod
    def backoff_ms(cls, failures: int) -> int:
        """Delay before retry number ``failures``: exponential, capped, with full jitter in its upper half."""
        ceiling = min(cls.BACKOFF_MAX_MS, cls.BACKOFF_BASE_MS * 2 ** max(0, failures - 1))
        return int(ceiling * random.uniform(0.5, 1.0))

    def _schedule(self, delay_ms: int) -> None:
        if not self.automatic or not self.state.enrolled:
            self._set(next_attempt_ms=None, next_attempt_at=None)
            return
        self._timer.start(delay_ms)
        self._set(next_attempt_ms=delay_ms, next_attempt_at=time.time() + delay_ms / 1000)

    def _local_change(self, changes: Changes) -> None:
        if not changes:
            return
        self.refresh()
        if not self.automatic:
            return
        # Send a fresh change soon, unless a retry is already due sooner or the server is away.
        if self.state.online and not self.state.running and self.automatic and self.state.enrolled:
            if not self._timer.isActive() or self._timer.remainingTime() > self.AFTER_CHANGE_MS:
                self._schedule(self.AFTER_CHANGE_MS)

    def refresh(self) -> None:
        """Re-read the counts of changes waiting and items to review (on the database thread).

        A window closing meanwhile (store closed) just drops the result.
        """
        store = self.store
        run_in_background(self, lambda: (sync_tables.outbox_count(store), review_count(store))).on_success(
            lambda counts: self._set(pending=counts[0], to_review=counts[1])
        ).on_error(lambda _error: None).run()

    def _set(self, **changes: object) -> None:
        self.state = replace(self.state, **changes)  # type: ignore[arg-type]
        self.state_changed.emit(self.state)


def _cycle(store: Store) -> SyncReport:
    """One full cycle (network thread); after one that received many changes, the automatic backup (a
    folder that cannot be written does not fail the sync: the next large sync or the next start tries again)."""
    report = SyncClient(store).sync()
    if report.received >= backups.LARGE_CHANGE:
        try:
            backups.automatic_backup(store)
        except StorageError:
            logger.warning("automatic backup after a sync not written")
    return report
