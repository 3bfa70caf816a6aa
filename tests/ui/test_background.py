"""The background helper: results and errors come back on the GUI thread."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from ui.background import run_in_background


def test_background_helper_delivers_result_and_error_on_the_gui_thread(qtbot: QtBot) -> None:
    from PySide6.QtCore import QThread

    gui = QThread.currentThread()
    results: list[object] = []
    op = run_in_background(None, lambda: 6 * 7)
    op.on_success(lambda r: results.append((r, QThread.currentThread() is gui))).run()
    errors: list[Exception] = []

    def fail() -> None:
        raise ValueError("disco pieno")

    run_in_background(None, fail).on_error(errors.append).run()
    qtbot.waitUntil(lambda: bool(results and errors))
    assert results == [(42, True)]
    assert str(errors[0]) == "disco pieno"


def test_thousands_of_operations_started_in_a_row_are_delivered_in_order(qtbot: QtBot) -> None:
    """Typing in a search starts one operation per key and nobody keeps them: each must still be
    delivered, in order, and none may take the application down (a QObject per operation, freed by the
    worker thread or inside its own slot, crashed Qt now and then)."""
    import gc
    import sqlite3

    from PySide6.QtWidgets import QLabel

    from ui import background

    db = sqlite3.connect(":memory:", check_same_thread=False)

    def query(conn: sqlite3.Connection) -> int:
        return int(conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
                                " SELECT sum(i) FROM n").fetchone()[0])

    label = QLabel()
    qtbot.addWidget(label)
    delivered: list[int] = []
    started = 3000
    for n in range(started):
        # The function captures a widget, as a page's reload does: its last reference is never dropped
        # on the worker thread. It runs a query, which lets go of the GIL, so the threads overlap.
        run_in_background(label, lambda n=n: (n, label, query(db))[0]).on_success(delivered.append).run()
        qtbot.wait(0)
        if n % 50 == 0:
            gc.collect()
    qtbot.waitUntil(lambda: background.pending() == 0, timeout=30_000)
    assert delivered == list(range(started))
