"""`make bench-startup`: time from launching the frozen app to its first window, against a frozen bare dialog.

    .venv/bin/python packaging/bench_startup.py dist/wpt-desk/wpt-desk [--runs 15]

The app, started with ``WPT_STARTUP_PROBE=1``, prints ``startup-probe: window shown`` once its first
window is shown and quits (see ``ui/app.py``); so does ``packaging/bare_window.py``, a bare PySide6
dialog, frozen here by PyInstaller into ``build/bare-window/`` (once; again when the script changes),
as the floor of issue 16 («the same freezing»). Timed from ``Popen`` to that line: the first start
after a drop of the OS file cache when the system allows it (root on Linux), so a true cold start; on
an empty data folder (the first window is the set-up); on a set-up desk (the login, a desk's usual
start), in turn with the bare dialog, with the ratio of the medians (goal ≤ 1.3×). The platform is
``offscreen`` unless QT_QPA_PLATFORM says otherwise. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROBE_LINE = "startup-probe: window shown"


def drop_file_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def launch(command: list[str], data_dir: Path) -> float:
    env = {**os.environ, "WPT_STARTUP_PROBE": "1", "WPT_DATA_DIR": str(data_dir)}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.strip() == PROBE_LINE:
            elapsed = time.perf_counter() - started
            break
    else:
        errors = process.stderr.read() if process.stderr else ""
        raise SystemExit(f"The app exited without showing its window:\n{errors}")
    process.wait(timeout=60)
    return elapsed


def summary(label: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (f"{label:<44} median {statistics.median(ms):6.0f} ms   min {min(ms):6.0f}   max {max(ms):6.0f}"
            f"   ({len(ms)} runs)")


BARE_WINDOW = Path(__file__).resolve().with_name("bare_window.py")
FLOOR_DIR = Path(__file__).resolve().parents[1] / "build" / "bare-window"


def frozen_floor() -> Path:
    """The bare dialog frozen by PyInstaller (one folder, as the app), built when missing or older than its script."""
    name = BARE_WINDOW.stem
    exe = FLOOR_DIR / "dist" / name / (f"{name}.exe" if sys.platform == "win32" else name)
    if not exe.is_file() or exe.stat().st_mtime < BARE_WINDOW.stat().st_mtime:
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--log-level", "WARN",
                        "--distpath", str(FLOOR_DIR / "dist"), "--workpath", str(FLOOR_DIR / "work"),
                        "--specpath", str(FLOOR_DIR), str(BARE_WINDOW)], check=True)
    return exe


def set_up(command: list[str], folder: Path) -> None:
    """A desk set up in ``folder`` (``wpt-desk init``), so that its first window is the login."""
    env = {**os.environ, "WPT_PASSWORD": "bench-startup-password", "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([*command, "--data-dir", str(folder), "init", "--admin", "Amministratore"], env=env,
                   check=True, capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable", help="the frozen app, or 'source' for python -m desktop")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    command = [sys.executable, "-m", "desktop"] if args.executable == "source" else [args.executable]
    floor = [str(frozen_floor())] if args.executable != "source" else [sys.executable, str(BARE_WINDOW)]

    with tempfile.TemporaryDirectory(prefix="wpt-bench-") as folder:
        dropped = drop_file_cache()
        cold = launch(command, Path(folder) / "cold")
        print(f"Startup to first window of {' '.join(command)} (platform "
              f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')}):")
        cache = "OS file cache dropped" if dropped else "OS file cache NOT dropped: not allowed here"
        print(f"{'cold start, first run (' + cache + ')':<44} {cold * 1000:6.0f} ms")
        fresh = [launch(command, Path(folder) / f"fresh-{i}") for i in range(args.runs)]
        print(summary("empty data folder (the set-up)", fresh))
        existing = Path(folder) / "existing"
        set_up(command, existing)
        launch(command, existing), launch(floor, existing)
        ours, bare = [], []
        for _ in range(args.runs):  # in turn: the machine's other load falls on both alike
            ours.append(launch(command, existing))
            bare.append(launch(floor, existing))
        print(summary("set-up desk (the login, the usual start)", ours))
        print(summary("floor: a bare PySide6 dialog, frozen alike", bare))
        ratio = statistics.median(ours) / statistics.median(bare)
        print(f"{'ratio of the medians (goal ≤ 1.3×)':<44} {ratio:6.2f}×  {'met' if ratio <= 1.3 else 'NOT MET'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
