"""What the command line (``desktop.cli``) asks of the interface, in one module it loads lazily."""

from __future__ import annotations

from typing import Any

from ui.app import run

__all__ = ["run"]  # and UI_CHECKS, use_offscreen_platform (below)


def __getattr__(name: str) -> Any:
    """The self-test's checks, imported only by ``wpt-desk self-test`` (the window's start needs none)."""
    if name in ("UI_CHECKS", "use_offscreen_platform"):
        from ui import self_test

        return getattr(self_test, name)
    raise AttributeError(name)
