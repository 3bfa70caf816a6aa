"""What the command line (``desktop.cli``) asks of the interface, in one module it loads lazily."""

from __future__ import annotations

from ui.app import run
from ui.self_test import UI_CHECKS, use_offscreen_platform

__all__ = ["UI_CHECKS", "run", "use_offscreen_platform"]
