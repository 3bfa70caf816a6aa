"""Run ``wpt-desk`` either from the source tree or from the PyInstaller bundle.

``WPT_FROZEN_EXE=dist/wpt-desk/wpt-desk`` (set by ``make test-dist``) points the frozen smoke tests
at the bundle; without it they run ``python -m desktop``, so the very same checks guard both.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.desks import cli_env

ROOT = Path(__file__).resolve().parent.parent.parent


def frozen_exe() -> Path | None:
    configured = os.environ.get("WPT_FROZEN_EXE")
    if not configured:
        return None
    exe = Path(configured)
    exe = exe if exe.is_absolute() else ROOT / exe
    if not exe.is_file():
        pytest.fail(f"WPT_FROZEN_EXE={configured}: no such executable (run `make dist` first)")
    return exe


def command() -> list[str]:
    exe = frozen_exe()
    return [str(exe)] if exe is not None else [sys.executable, "-m", "desktop"]


def run_desk(data_dir: Path, *args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, headless, on ``data_dir``, as IT or CI would run it."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("WPT_DATA_DIR", None)
    env.update(cli_env(data_dir, args))
    return subprocess.run(
        [*command(), "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=300, cwd=cwd or ROOT,
    )
