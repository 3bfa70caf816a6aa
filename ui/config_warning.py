"""A bad ``wpt-desk.toml`` at start: named in a warning over the main window, never a crash."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop.config import ConfigError, DeskConfig, load_config


def warn_about_config(data_dir: Path, parent: QWidget) -> DeskConfig:
    """The configuration in effect; an invalid ``wpt-desk.toml`` is named in a warning, not a crash.

    The warning (object name ``configWarning``, a child of ``parent``) does not block: the desk works
    offline all the same, only what the file configures (the server) is left unset.
    """
    try:
        return load_config(data_dir)
    except ConfigError as exc:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QApplication.translate("App", "WPT Desk — configurazione"),
            QApplication.translate(
                "App", "{problem}\n\nLo sportello funziona comunque, ma senza le impostazioni di quel file: "
                "chiedere all'assistenza di correggerlo."
            ).format(problem=exc),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setObjectName("configWarning")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return DeskConfig()
