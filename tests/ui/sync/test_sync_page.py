"""The Sincronizzazione page and the background controller, against a real server on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.sync.client import SyncClient, SyncError, SyncReport
from desktop.sync.review import list_conflicts
from tests.helpers.desks import open_desk
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.sync_server import RunningServer
from tests.ui.conftest import wait_background
from ui.main_window import MainWindow
from ui.sync.controller import SyncController


@pytest.fixture
def server(tmp_path: Path) -> Iterator[RunningServer]:
    with RunningServer(tmp_path / "server") as running:
        yield running


def _open_sync_page(qtbot: QtBot, window: MainWindow) -> MainWindow:
    window.show_page("sync")
    qtbot.waitUntil(lambda: window.current_key() == "sync")
    return window


def test_enroll_from_the_page_then_sync_now(
    qtbot: QtBot, store: Store, server: RunningServer, window: MainWindow
) -> None:
    store.save(Person(last_name="Giachino", first_name="Teresa"))
    _open_sync_page(qtbot, window)
    page = window.pages["sync"]
    controller = window.sync_controller
    assert controller is not None and not controller.state.enrolled
    assert page.enroll_box.isVisible() and not page.sync_button.isEnabled()

    code = server.engine().create_enrollment("Sportello di Ceres", "valli-di-lanzo")
    qtbot.keyClicks(page.server_edit, server.url)
    qtbot.keyClicks(page.code_edit, code)
    with qtbot.waitSignal(controller.finished, timeout=30_000) as cycle:
        with qtbot.waitSignal(controller.enrolled, timeout=30_000) as enrolled:
            qtbot.keyClick(page.code_edit, Qt.Key.Key_Return)
    assert enrolled.args[0] is True and "valli-di-lanzo" in enrolled.args[1]
    assert isinstance(cycle.args[0], SyncReport) and cycle.args[0].complete
    state = controller.state
    assert state.online and state.pending == 0 and state.last_ok and not state.error
    assert not page.enroll_box.isVisible()
    assert sync_tables.outbox_count(store) == 0

    store.save(Person(last_name="Ferrero", first_name="Battista"))
    with qtbot.waitSignal(controller.finished, timeout=30_000) as again:
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert isinstance(again.args[0], SyncReport) and again.args[0].acked >= 1
    assert "0 modifiche in attesa" in page.state_label.text()


def test_offline_backs_off_and_keeps_changes(qtbot: QtBot, store: Store, server: RunningServer) -> None:
    with FaultProxy(server.port) as proxy:
        server.enroll(store, "Sportello di Usseglio", "valli-di-lanzo", url=proxy.url)
    # The proxy is gone: the line is down.
    store.save(Person(last_name="Cravero", first_name="Maria"))
    controller = SyncController(store, automatic=True)
    controller._timer.stop()  # drive attempts by hand; the schedule is what is checked
    delays = []
    for _ in range(3):
        with qtbot.waitSignal(controller.finished, timeout=30_000) as failed:
            controller.sync_now()
        assert isinstance(failed.args[0], SyncError) and failed.args[0].kind == "offline"
        delays.append(controller.state.next_attempt_ms)
        assert controller._timer.isActive()
    assert controller.state.online is False and controller.state.pending == sync_tables.outbox_count(store) > 0
    from ui.sync.status_widget import SyncStatusWidget

    text = SyncStatusWidget(controller).text()
    assert text.startswith("Non in linea") and "nuovo tentativo alle" in text
    base = SyncController.BACKOFF_BASE_MS
    for attempt, delay in enumerate(delays, start=1):
        ceiling = base * 2 ** (attempt - 1)
        assert delay is not None and ceiling // 2 <= delay <= ceiling
    controller.stop()


def test_the_gui_keeps_running_during_a_slow_sync(qtbot: QtBot, store: Store, server: RunningServer) -> None:
    with FaultProxy(server.port) as proxy:
        server.enroll(store, "Sportello di Oulx", "alta-valle", url=proxy.url)
        for i in range(30):
            store.save(Person(last_name=f"Rossetti{i}", first_name="Anna"))
        proxy.faults = Faults(delay=0.3)  # 300 ms each way on every chunk: a mountain line
        controller = SyncController(store, automatic=False)
        ticks = []
        timer = QTimer()
        timer.timeout.connect(lambda: ticks.append(controller.state.running))
        timer.start(20)
        with qtbot.waitSignal(controller.finished, timeout=60_000) as done:
            controller.sync_now()
        timer.stop()
    assert isinstance(done.args[0], SyncReport) and done.args[0].complete
    # The GUI thread's event loop went on while the cycle ran on the network thread.
    assert ticks.count(True) >= 5


def test_a_conflict_shows_up_for_review_and_is_resolved(
    qtbot: QtBot, tmp_path: Path, store: Store, server: RunningServer, window: MainWindow
) -> None:
    other = open_desk(tmp_path / "other")
    try:
        mine = server.enroll(store, "Sportello A", "rete")
        theirs = server.enroll(other, "Sportello B", "rete")
        person = store.save(Person(last_name="Bonino", first_name="Pietro", phone="000 000 0001"))
        mine.sync()
        theirs.sync()
        copy = other.get(Person, person.id)
        assert copy is not None
        copy.phone = "000 000 0002"
        other.save(copy)
        person.phone = "000 000 0003"
        store.save(person)
        theirs.sync()
        mine.sync()
        SyncClient(other).sync()
        expected = list_conflicts(store)
        assert expected, "two concurrent edits of one field leave a conflict to review"

        _open_sync_page(qtbot, window)
        page = window.pages["sync"]
        page.reload()
        qtbot.waitUntil(lambda: page.conflicts_table.rowCount() == len(expected))
        assert "Bonino" in page.conflicts_table.item(0, 0).text()
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.conflicts_table.rowCount() == len(expected) - 1)
        assert len(list_conflicts(store)) == len(expected) - 1
    finally:
        other.close()


def test_preconfigured_install_asks_only_for_the_code(qtbot: QtBot, store: Store, server: RunningServer) -> None:
    (store.path.parent / "wpt-desk.toml").write_text(
        f'[server]\nurl = "{server.url}"\nnetwork = "valli-di-lanzo"\n', encoding="utf-8"
    )
    window = MainWindow(store)  # after the file is in place: the page reads it when built
    qtbot.addWidget(window)
    window.show()
    _open_sync_page(qtbot, window)
    page = window.pages["sync"]
    assert page.server_edit.text() == server.url
    assert "valli-di-lanzo" in page.enroll_box.title()
    code = server.engine().create_enrollment("Sportello di Lemie", "valli-di-lanzo")
    controller = window.sync_controller
    assert controller is not None
    qtbot.keyClicks(page.code_edit, code)
    with qtbot.waitSignal(controller.finished, timeout=30_000), \
            qtbot.waitSignal(controller.enrolled, timeout=30_000) as enrolled:
        qtbot.mouseClick(page.enroll_button, Qt.MouseButton.LeftButton)
    assert enrolled.args[0] is True
    window._closing_confirmed = True
    window.close()  # before the store fixture closes the database


def test_an_edit_that_met_a_deletion_is_listed_and_the_record_restored_from_the_page(
    qtbot: QtBot, tmp_path: Path, store: Store, server: RunningServer, window: MainWindow
) -> None:
    from desktop.operations.deletion import delete_person

    other = open_desk(tmp_path / "other")
    try:
        mine = server.enroll(store, "Sportello A", "rete")
        theirs = server.enroll(other, "Sportello B", "rete")
        person = store.save(Person(last_name="Bonino", first_name="Pietro"))
        mine.sync()
        theirs.sync()
        delete_person(store, person.id)
        copy = other.get(Person, person.id)
        assert copy is not None
        other.save(copy.model_copy(update={"phone": "000 000 0002"}))
        for client in (mine, theirs, mine):
            assert client.sync().complete

        _open_sync_page(qtbot, window)
        page = window.pages["sync"]
        page.reload()
        qtbot.waitUntil(lambda: page.conflicts_table.rowCount() == 1)
        assert "Bonino" in page.conflicts_table.item(0, 0).text()
        assert page.conflicts_table.item(0, 1).text() == "modificato altrove dopo l'eliminazione"
        page.conflicts_table.setCurrentCell(0, 0)
        assert page.restore_button.text() == "Ripristina il record eliminato"
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.conflicts_table.rowCount() == 0)
        back = store.get(Person, person.id)
        assert back is not None and not back.deleted and back.phone == "000 000 0002"
    finally:
        other.close()


def test_the_status_bar_announces_a_change_of_sync_state(qtbot: QtBot, store: Store, server: RunningServer) -> None:
    from PySide6.QtGui import QAccessible

    from ui.sync.status_widget import SyncStatusWidget

    with FaultProxy(server.port) as proxy:
        server.enroll(store, "Sportello di Lemie", "valli-di-lanzo", url=proxy.url)
    controller = SyncController(store, automatic=True)
    controller._timer.stop()
    status = SyncStatusWidget(controller)
    qtbot.addWidget(status)
    before = QAccessible.queryAccessibleInterface(status).text(QAccessible.Text.Description)
    assert before == status.text()
    with qtbot.waitSignal(controller.finished, timeout=30_000):
        controller.sync_now()  # the proxy is gone: the line is down
    after = QAccessible.queryAccessibleInterface(status).text(QAccessible.Text.Description)
    assert after != before and after.startswith("Non in linea") and after == status.text()
    assert QAccessible.queryAccessibleInterface(status).text(QAccessible.Text.Name) == "Stato della sincronizzazione"
    controller.stop()


def test_the_page_says_when_the_server_announces_a_newer_version(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    with RunningServer(tmp_path / "announcing", latest_app_version="99.1") as announcing:
        announcing.enroll(store, "Sportello di Viù", "valli-di-lanzo")
        window = MainWindow(store)
        window.resize(1366, 768)
        window.show()
        qtbot.waitExposed(window)
        try:
            _open_sync_page(qtbot, window)
            page = window.pages["sync"]
            controller = window.sync_controller
            assert controller is not None and controller.state.enrolled
            if not controller.state.running and not page.update_label.isVisible():
                with qtbot.waitSignal(controller.finished, timeout=30_000):
                    controller.sync_now()
            qtbot.waitUntil(lambda: page.update_label.isVisible())
            assert "WPT Desk 99.1" in page.update_label.text() and controller.state.update == "99.1"
        finally:
            window._closing_confirmed = True
            window.close()
            wait_background(qtbot)
