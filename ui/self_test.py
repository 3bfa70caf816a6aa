"""The Qt half of ``wpt-desk self-test``: the application offscreen, the main window, a slip PDF.

The core half (``desktop/self_test.py``) opens the fresh database and records a referral first; these
checks then prove that the bundle carries what Qt needs: a platform plugin, the window's widgets, the
app icon and the PDF writer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from desktop.self_test import Check, CheckFailed, SelfTest

# The native platform plugin each system needs to show a real window (besides "offscreen").
NATIVE_PLATFORM = {"linux": "xcb", "win32": "windows", "darwin": "cocoa"}


def use_offscreen_platform() -> None:
    """Run headless unless the caller chose a platform: the self-test never shows a window.

    Also silences the one warning the offscreen platform always prints (it cannot pass size hints to a
    window manager it does not have); every other Qt message still reaches stderr.
    """
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        if "does not support propagateSizeHints" not in message:
            print(f"Qt: {message}", file=sys.stderr)

    qInstallMessageHandler(handler)


def _application(test: SelfTest) -> str:
    from PySide6.QtCore import QLibraryInfo

    from ui.app import application

    app = application()
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    native = NATIVE_PLATFORM.get(sys.platform)
    if native is not None and not any(f"q{native}." in path.name for path in plugins.glob("*")):
        raise CheckFailed(f"manca il modulo grafico «{native}» per mostrare le finestre (cercato in {plugins})")
    return f"Qt {QLibraryInfo.version().toString()}, piattaforma «{app.platformName()}»"


def _icon(test: SelfTest) -> str:
    from ui.app_icon import app_icon

    icon = app_icon()
    sizes = icon.availableSizes()
    if icon.isNull() or not sizes:
        raise CheckFailed("l'icona dell'applicazione non si carica")
    return f"icona caricata ({len(sizes)} dimensioni)"


def _qt_translations(test: SelfTest) -> str:
    from PySide6.QtCore import QLibraryInfo, QTranslator

    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator()
    if not translator.load("qtbase_it", folder):
        raise CheckFailed(f"manca la traduzione italiana dei testi di Qt (qtbase_it.qm in {folder})")
    return "testi di Qt in italiano disponibili (qtbase_it)"


def _main_window(test: SelfTest) -> str:
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    window = MainWindow(test.opened_store())
    try:
        window.show()
        QApplication.processEvents()
        if not window.isVisible():
            raise CheckFailed("la finestra principale non si apre")
        return f"finestra principale aperta («{window.windowTitle()}»)"
    finally:
        window.close()
        window.deleteLater()
        QApplication.processEvents()


def _referral_slip(test: SelfTest) -> str:
    from ui.referral_slip import write_referral_slip

    if test.referral_id is None:
        raise CheckFailed("nessun invio registrato per cui scrivere la scheda")
    path = write_referral_slip(test.opened_store(), test.referral_id, test.folder / "scheda-di-invio.pdf")
    data = path.read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise CheckFailed(f"la scheda di invio {path.name} non è un PDF completo")
    return f"scheda di invio PDF scritta ({len(data) // 1024} KB)"


UI_CHECKS: list[Check] = [
    ("Interfaccia", _application),
    ("Icona", _icon),
    ("Traduzioni", _qt_translations),
    ("Finestra", _main_window),
    ("Scheda di invio", _referral_slip),
]
