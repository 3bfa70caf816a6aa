"""Run the real ``wpt-desk`` command in a subprocess, as a user or a cron job would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def wpt_desk(data_dir: Path, *args: str | Path, input_text: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}
    env.pop("WPT_DATA_DIR", None)
    return subprocess.run(
        [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", env=env, input=input_text, timeout=300,
    )
