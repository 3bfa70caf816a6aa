"""What the command line (``desktop.cli``) asks of the interface, in one module it loads lazily."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ui.app import run

if TYPE_CHECKING:
    from desktop.storage.store import Store

__all__ = ["run", "write_slip"]  # and UI_CHECKS, use_offscreen_platform (below)


def __getattr__(name: str) -> Any:
    """The self-test's checks, imported only by ``wpt-desk self-test`` (the window's start needs none)."""
    if name in ("UI_CHECKS", "use_offscreen_platform"):
        from ui import self_test

        return getattr(self_test, name)
    raise AttributeError(name)


def write_slip(store: Store, referral_id: str, path: Path, language: str = "it") -> Path:
    """``wpt-desk slip``: the referral slip as the app writes it (Qt lays the page out), with no window,
    in ``language`` (the command line's)."""
    from PySide6.QtGui import QGuiApplication

    from ui import i18n
    from ui.referral_slip import write_referral_slip
    from ui.self_test import use_offscreen_platform

    use_offscreen_platform()
    app = QGuiApplication.instance()
    if app is None:
        app = write_slip.app = QGuiApplication([])  # type: ignore[attr-defined]  # lives as long as the command
    if language != i18n.SOURCE_LANGUAGE:
        i18n.install_translators(app, language, remember=False)
    return write_referral_slip(store, referral_id, path)
