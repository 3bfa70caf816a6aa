"""The app is the desk's one writer: a second start (or a writing command running) gets one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.storage.writer_lock import ALREADY_OPEN, WriterLock
from tests.helpers.desks import open_desk
from ui import app
from ui.i18n import install_translators


def test_a_second_app_on_the_same_desk_says_it_is_already_open(qtbot: QtBot, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "desk"
    open_desk(folder).close()
    shown: list[str] = []
    # The one blocking message box of the start, answered as the operator would (read, then OK).
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, _title, text: shown.append(text))
    try:
        with WriterLock(folder):  # the first app (or a writing command) holds the desk
            assert app.run(folder) == 2
        # In the language the start chose (the last one used, else the system's).
        assert shown == [QCoreApplication.translate("App", ALREADY_OPEN)]
    finally:
        install_translators(app.application(), "it")  # as the other tests expect
