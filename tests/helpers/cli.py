"""Run the real ``wpt-desk`` and ``wpt-server`` commands in a subprocess, as a user or a cron job would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.desks import cli_env


def wpt_desk(data_dir: Path, *args: str | Path, input_text: str | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``wpt-desk --data-dir DATA_DIR ARGS``: the desk set up first if new, run by its administrator
    (``env`` overrides, e.g. another operator's WPT_OPERATOR and WPT_PASSWORD, or LANG=en_GB.UTF-8)."""
    extra = env or {}
    full = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    full.pop("WPT_DATA_DIR", None)
    # The command line speaks the environment's language (Italian unless it asks for English): the
    # tests read its Italian, whatever the machine's locale, unless ``env`` sets LANG.
    for name in ("LC_ALL", "LC_MESSAGES"):
        full.pop(name, None)
    full["LANG"] = "C.UTF-8"
    if not (args and args[0] == "init"):
        full.update(cli_env(data_dir, args))
    full.update(extra)
    full = {k: v for k, v in full.items() if v != ""}
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=full, input=input_text, timeout=300,
    )


def wpt_server(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``wpt-server ARGS`` (``env`` added to this process's environment; an empty value removes a variable)."""
    full = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    full = {k: v for k, v in full.items() if v != ""}
    return subprocess.run([sys.executable, "-m", "sync.server.cli", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=120, env=full)
