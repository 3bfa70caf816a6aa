"""The application icon (drawn by packaging/make_icons.py), as a QIcon with every PNG size."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from desktop.paths import resource

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        path = resource(f"icons/wpt-desk-{size}.png")
        if path.is_file():
            icon.addFile(str(path), QSize(size, size))  # its size given: the file is read when drawn
    return icon
