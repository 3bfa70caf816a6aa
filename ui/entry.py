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


def write_slip(store: Store, referral_id: str, path: Path) -> Path:
    """``wpt-desk slip``: the referral slip as the app writes it (Qt lays the page out), with no window."""
    from PySide6.QtGui import QGuiApplication

    from ui.referral_slip import write_referral_slip
    from ui.self_test import use_offscreen_platform

    use_offscreen_platform()
    if QGuiApplication.instance() is None:
        write_slip.app = QGuiApplication([])  # type: ignore[attr-defined]  # lives as long as the command
    return write_referral_slip(store, referral_id, path)
