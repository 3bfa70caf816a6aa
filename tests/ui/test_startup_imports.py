"""The first window (the login) is built without what only an opened desk needs: a regression here costs
the start-up figure of ``make bench`` (issue 16) tens to hundreds of milliseconds."""

from __future__ import annotations

import subprocess
import sys

DEFERRED = ("sqlcipher3", "argon2", "pydantic", "httpx", "desktop.storage.store", "desktop.storage.opening",
            "desktop.storage.keys", "desktop.domain.models", "desktop.cli.data_commands", "ui.main_window")
PROBE = (
    "import sys\n"
    "from desktop.cli import _window_args\n"
    "assert _window_args(['--data-dir', 'x']).command is None\n"
    "import ui.app, ui.login\n"
    "from ui.login import LoginDialog\n"
    f"print(' '.join(m for m in {DEFERRED!r} if m in sys.modules))\n"
)


def test_the_login_window_imports_no_driver_store_models_or_commands() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert done.stdout.split() == []
