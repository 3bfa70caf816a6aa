"""The sync controller (cycles off the GUI thread, backoff) and the Sincronizzazione page, on a real server."""

from __future__ import annotations

import random
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.storage.store import Store
from sync.review import list_conflicts
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.sync_server import RunningServer
from ui.sync_controller import SyncController, SyncState
from ui.sync_page import SyncPage, SyncStatusWidget


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    with RunningServer(tmp_path / "server") as running:
        yield running


@pytest.fixture
def proxy(server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy(server.port) as running:
        yield running


@pytest.fixture
def controllers() -> Iterator[list[SyncController]]:
    made: list[SyncController] = []
    yield made
    for controller in made:
        controller.stop()


def _controller(store: Store, made: list[SyncController], **options: object) -> SyncController:
    controller = SyncController(store, client_options={"timeout": 10}, **options)  # type: ignore[arg-type]
    made.append(controller)
    return controller


def test_a_cycle_runs_off_the_gui_thread_and_reports_state(
    qtbot: QtBot, server: RunningServer, store: Store, controllers: list[SyncController]
) -> None:
    server.enroll(store, "A", "rete")
    store.save(Person(last_name="Fassino", first_name="Rosa"))
    controller = _controller(store, controllers)
    states: list[SyncState] = []
    controller.stateChanged.connect(states.append)
    controller.start(first_delay_ms=10_000_000)
    with qtbot.waitSignal(controller.cycleFinished, timeout=30_000) as finished:
        controller.sync_now()
    assert finished.args == [True]
    assert states[0].running and not states[-1].running
    final = controller.state()
    assert final.online is True and final.pending == 0 and final.last_success
    assert controller.next_delay_ms == controller.interval_ms
    assert controller.worker.last_thread_id not in (None, threading.get_ident())


def test_offline_backs_off_exponentially_with_jitter_then_recovers(
    qtbot: QtBot, server: RunningServer, proxy: FaultProxy, store: Store, controllers: list[SyncController]
) -> None:
    server.enroll(store, "A", "rete", url=proxy.url)
    store.save(Person(last_name="Rinaudo", first_name="Pia"))
    controller = _controller(store, controllers, backoff_base_ms=60_000, backoff_max_ms=600_000,
                             rng=random.Random(7))
    controller.start(first_delay_ms=10_000_000)
    proxy.faults = Faults(refuse=True)
    delays = []
    for _ in range(3):
        with qtbot.waitSignal(controller.cycleFinished, timeout=30_000) as finished:
            controller.sync_now()
        assert finished.args == [False]
        delays.append(controller.next_delay_ms)
    for attempt, delay in enumerate(delays, start=1):
        ceiling = 60_000 * 2 ** (attempt - 1)
        assert delay is not None and ceiling // 2 <= delay <= ceiling
    state = controller.state()
    assert state.online is False and state.pending == 1 and "raggiungibile" in state.message

    proxy.faults = Faults()
    with qtbot.waitSignal(controller.cycleFinished, timeout=30_000) as finished:
        controller.sync_now()
    assert finished.args == [True] and controller.failures == 0 and controller.state().online is True


def test_sync_page_shows_state_and_resolves_a_conflict(
    qtbot: QtBot, qtmodeltester: object, server: RunningServer, tmp_path: Path, controllers: list[SyncController]
) -> None:
    with Store.in_folder(tmp_path / "a") as a, Store.in_folder(tmp_path / "b") as b:
        ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
        person = a.save(Person(last_name="Bosio", first_name="Lina"))
        assert ca.sync().complete and cb.sync().complete
        for store, phone in ((a, "011 1"), (b, "011 2")):
            copy = store.get(Person, person.id)
            assert copy is not None
            copy.phone = phone + "00 000"
            store.save(copy)
        assert ca.sync().complete and cb.sync().complete

        controller = _controller(a, controllers)
        page = SyncPage(a, controller)
        status = SyncStatusWidget(controller)
        qtbot.addWidget(page)
        qtbot.addWidget(status)
        page.show()
        with qtbot.waitSignal(controller.cycleFinished, timeout=30_000):
            qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        assert page.state_label.text() == "In linea"
        assert "In linea" in status.text() and "1 da rivedere" in status.text()
        qtmodeltester.check(page.model)  # type: ignore[attr-defined]
        assert [item.kind for item in page.model.items] == ["conflict"]
        assert not page.keep_button.isEnabled()

        page.view.selectRow(0)
        assert page.keep_button.isEnabled() and page.restore_button.isEnabled()
        qtbot.mouseClick(page.keep_button, Qt.MouseButton.LeftButton)
        assert list_conflicts(a) == [] and page.model.items == []
        assert page.pending_label.text() == "Modifiche in attesa di invio: 1"  # the resolution syncs
        with qtbot.waitSignal(controller.cycleFinished, timeout=30_000):
            qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
        assert cb.sync().complete and list_conflicts(b) == []
        controller.stop()


def test_the_app_window_gets_the_sync_status_and_page(qtbot: QtBot, store: Store) -> None:
    from ui.main_window import MainWindow
    from ui.sync_wiring import attach_sync

    window = MainWindow(store)
    qtbot.addWidget(window)
    controller = attach_sync(window, store)
    try:
        status = window.statusBar().findChild(SyncStatusWidget)
        assert status is not None and status.text().startswith("Non registrato")
        with qtbot.waitSignal(controller.stateChanged, timeout=10_000):
            controller.sync_now()  # not enrolled: says so, without a network attempt
        assert controller.state().enrolled is False and "non registrato" in controller.state().message
    finally:
        controller.stop()


def test_a_sidebar_window_gets_the_sincronizzazione_page(qtbot: QtBot, store: Store) -> None:
    from PySide6.QtWidgets import QMainWindow, QWidget

    from ui.sync_wiring import attach_sync

    class SidebarWindow(QMainWindow):
        """The shape of the sidebar main window: ``add_page(widget, title)``."""

        def __init__(self) -> None:
            super().__init__()
            self.pages: list[tuple[QWidget, str]] = []

        def add_page(self, widget: QWidget, title: str) -> None:
            self.pages.append((widget, title))

    window = SidebarWindow()
    qtbot.addWidget(window)
    controller = attach_sync(window, store)
    try:
        assert [(type(w), t) for w, t in window.pages] == [(SyncPage, "Sincronizzazione")]
    finally:
        controller.stop()
