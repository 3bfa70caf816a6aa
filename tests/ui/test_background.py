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
