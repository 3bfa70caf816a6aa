"""What the command line (``desktop.cli``) asks of the interface, in one module it loads lazily."""

from __future__ import annotations

from pathlib import Path

from desktop.storage.store import Store
from ui.app import run
from ui.self_test import UI_CHECKS, use_offscreen_platform

__all__ = ["UI_CHECKS", "run", "use_offscreen_platform", "write_slip"]


def write_slip(store: Store, referral_id: str, path: Path) -> Path:
    """``wpt-desk slip``: the referral slip as the app writes it (Qt lays the page out), with no window."""
    from PySide6.QtGui import QGuiApplication

    from ui.referral_slip import write_referral_slip

    use_offscreen_platform()
    if QGuiApplication.instance() is None:
        write_slip.app = QGuiApplication([])  # type: ignore[attr-defined]  # lives as long as the command
    return write_referral_slip(store, referral_id, path)
