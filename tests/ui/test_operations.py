"""Operations run off the GUI thread (ui/operations.py): what they changed is announced once, then success
runs; a refusal reaches the page; a slow disk never freezes the window."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person
from desktop.operations.changes import Changes
from desktop.operations.errors import OperationError
from desktop.operations.persons import edit_person, register_person
from desktop.storage import access_log
from desktop.storage.store import Store
from ui import background
from ui.changes import change_bus
from ui.main_window import MainWindow
from ui.operations import run_op
from ui.persons.persons_page import PersonsPage

SLOW_WRITE_S = 0.3


def logged_after(ended: list[float]) -> str:
    """The ISO time when the first slow write ended (wall clock, as the access log records)."""
    from datetime import UTC, datetime

    return datetime.fromtimestamp(time.time() - (time.monotonic() - ended[0]), UTC).isoformat(timespec="milliseconds")


@pytest.fixture
def slow_disk(store: Store) -> Iterator[list[float]]:
    """Every write of a person takes 300 ms, as on an old laptop's spinning disk.

    A temporary trigger (not in the file) calls a function that sleeps; it runs on the thread that writes.
    The list collects the moments the slow writes ended.
    """
    ended: list[float] = []

    def slow() -> None:
        time.sleep(SLOW_WRITE_S)
        ended.append(time.monotonic())

    store.conn.create_function("wpt_slow_disk", 0, slow)
    store.conn.execute("CREATE TEMP TRIGGER slow_person_update AFTER UPDATE ON main.persons "
                       "BEGIN SELECT wpt_slow_disk(); END")
    yield ended
    store.conn.execute("DROP TRIGGER IF EXISTS slow_person_update")


def test_changes_are_announced_before_success_and_only_once(qtbot: QtBot, store: Store) -> None:
    heard: list[object] = []
    change_bus().changed.connect(heard.append)
    done: list[str] = []
    person = Person(last_name="Bonino", first_name="Rita")
    op = run_op(None, lambda: register_person(store, person)).success(
        lambda saved: done.append(f"{len(heard)}:{saved.id}"))
    with qtbot.waitSignal(change_bus().changed):
        op.run()
    qtbot.waitUntil(lambda: bool(done))
    assert heard == [Changes(persons=True, review=True)]
    assert done == [f"1:{person.id}"]  # the pages had reloaded when success ran


def test_a_refusal_goes_to_failure_and_announces_nothing(qtbot: QtBot, store: Store) -> None:
    heard: list[object] = []
    change_bus().changed.connect(heard.append)
    failed: list[Exception] = []
    run_op(None, lambda: edit_person(store, Person(last_name="Mai", first_name="Vista"))).failure(
        failed.append).run()
    qtbot.waitUntil(lambda: bool(failed))
    assert isinstance(failed[0], OperationError) and "non esiste" in str(failed[0])
    assert heard == []


def test_typing_goes_on_while_a_save_waits_for_a_slow_disk(
    qtbot: QtBot, store: Store, window: MainWindow, slow_disk: list[float]
) -> None:
    person = store.save(Person(last_name="Ghione", first_name="Rita"))
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    page.edit_person(person.id)
    page.form.phone.setFocus()
    qtbot.keyClicks(page.form.phone, "000 111 2222")

    qtbot.keyClick(page.form.phone, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # the save starts
    assert background.pending() > 0 and not slow_disk
    window.search.setFocus()
    qtbot.keyClicks(window.search, "Ghio")  # the operator keeps typing meanwhile
    typed_at = time.monotonic()
    assert window.search.text() == "Ghio"
    with qtbot.waitSignal(page.form.saved, timeout=10_000):
        pass
    # The keys were handled before the slow write ended: the window never waited for the disk.
    assert slow_disk and typed_at < slow_disk[0]
    saved = store.get(Person, person.id)
    assert saved is not None and saved.phone == "000 111 2222"
    qtbot.waitUntil(lambda: not window.persons_model.is_loading())
    assert window.persons_model.search_text() == "Ghio"


def test_opening_a_person_and_sorting_do_not_wait_for_a_slow_write(
    qtbot: QtBot, store: Store, window: MainWindow, slow_disk: list[float]
) -> None:
    other = store.save(Person(last_name="Bonino", first_name="Rita"))
    person = store.save(Person(last_name="Ghione", first_name="Rita"))
    page = window.pages["persons"]
    assert isinstance(page, PersonsPage)
    window.persons_model.refresh()
    person.phone = "000 111 2222"
    with qtbot.waitSignal(change_bus().changed, timeout=10_000):
        run_op(None, lambda: edit_person(store, person)).run()  # a write that waits 300 ms for the disk
        # Meanwhile the operator opens another person's card, edits it, and sorts the list:
        page.open_person(other.id)
        assert page.detail.person is not None and page.detail.person.id == other.id
        page.edit_person(other.id)
        assert page.form.last_name.text() == "Bonino"
        window.persons_model.sort(1, Qt.SortOrder.DescendingOrder)
        done_at = time.monotonic()
        assert not slow_disk  # all of it happened before the write reached the disk
    assert slow_disk and done_at < slow_disk[0]
    # The reads were logged all the same, right after the write, with the time they were made.
    qtbot.waitUntil(lambda: background.pending() == 0)
    logged = [e for e in access_log.entries(store, person_id=other.id) if e.action in ("view", "edit")][:2]
    assert [e.action for e in logged] == ["view", "edit"] and all(e.at < logged_after(slow_disk) for e in logged)
    page.form.discard()
