"""The one place the command line reaches the Qt interface: loaded lazily, only for the window and the
self-test's Qt checks, so every other command runs without Qt (the core imports no Qt or ``ui``)."""

from __future__ import annotations

import importlib
from types import ModuleType

from desktop.cli.errors import CliError
from desktop.translation import Translate

UI_ENTRY = "ui.entry"


def ui_entry() -> ModuleType:
    """The interface's entry module (``run(data_dir)``, ``UI_CHECKS``, ``use_offscreen_platform()``)."""
    try:
        return importlib.import_module(UI_ENTRY)
    except ImportError as exc:
        raise CliError(f"L'interfaccia grafica non è disponibile su questo sistema ({exc}).") from exc


def ui_translator(language: str) -> Translate | None:
    """The interface's catalogue of ``language`` as a translate function (Qt's core only, no window), None
    when none is shipped: the command line's documents in the environment's language."""
    try:
        i18n = importlib.import_module("ui.i18n")
    except ImportError as exc:
        raise CliError(f"L'interfaccia grafica non è disponibile su questo sistema ({exc}).") from exc
    found: Translate | None = i18n.catalogue(language)
    return found
