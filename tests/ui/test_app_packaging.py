"""What the packaged app adds at start: its icon, and a non-blocking warning for a bad wpt-desk.toml."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImageReader
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop.config import CONFIG_NAME
from desktop.paths import resource
from desktop.storage.store import Store
from ui.app_icon import ICON_SIZES, app_icon
from ui.config_warning import warn_about_config
from ui.main_window import MainWindow


def test_the_app_icon_comes_in_every_generated_size(qtbot: QtBot) -> None:
    icon = app_icon()

    assert {size.width() for size in icon.availableSizes()} == set(ICON_SIZES)
    assert not icon.pixmap(32, 32).isNull()


def test_the_windows_icon_file_holds_the_generated_sizes(qtbot: QtBot) -> None:
    reader = QImageReader(str(resource("icons/wpt-desk.ico")))
    sizes = set()
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        sizes.add(reader.read().width())

    assert reader.imageCount() > 0
    assert sizes <= set(ICON_SIZES) and {16, 32, 48, 256} <= sizes


def test_an_invalid_configuration_is_named_in_a_warning_and_the_window_stays_usable(
    qtbot: QtBot, store: Store, data_dir: Path
) -> None:
    path = data_dir / CONFIG_NAME
    path.write_text('[server]\nurl = "ftp://wpt.example.it"\n', encoding="utf-8")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()

    config = warn_about_config(data_dir, window)

    assert config.source is None and config.server.url is None
    box = window.findChild(QMessageBox, "configWarning")
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert str(path) in box.text() and "«server.url»" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible())
    assert window.isEnabled()


def test_a_valid_configuration_shows_no_warning(qtbot: QtBot, store: Store, data_dir: Path) -> None:
    (data_dir / CONFIG_NAME).write_text('[server]\nurl = "https://wpt.example.it"\n', encoding="utf-8")
    window = MainWindow(store)
    qtbot.addWidget(window)

    config = warn_about_config(data_dir, window)

    assert config.server.url == "https://wpt.example.it"
    assert window.findChild(QMessageBox, "configWarning") is None

