"""Every item model in the window, ours and the ones Qt builds for us, passes the model tester."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from pytestqt.qtbot import QtBot

from desktop.services.demo import fill
from desktop.storage.store import Store
from tests.ui.conftest import wait_background
from ui.changes import Changes, publish
from ui.main_window import MainWindow


def test_every_model_of_the_window_passes_the_model_tester(
    qtbot: QtBot, store: Store, window: MainWindow, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    fill(store, persons=12, seed=2)
    publish(Changes(persons=True, requests=True, referrals=True, catalog=True))  # what a write from elsewhere announces
    for key in list(window.pages):
        window.show_page(key)
    wait_background(qtbot)
    assert window.persons_model.rowCount() == 12
    window.persons_page.open_person(window.persons_model.person_id(0))
    wait_background(qtbot)
    models = window.findChildren(QAbstractItemModel)
    assert len(models) >= 8
    for model in models:
        qtmodeltester.check(model)
