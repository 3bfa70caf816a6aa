"""`make bench-startup`: time from launching the frozen app to its main window on screen.

    .venv/bin/python packaging/bench_startup.py dist/wpt-desk/wpt-desk [--runs 5]

The app, started with ``WPT_STARTUP_PROBE=1``, prints ``startup-probe: window shown`` once the main
window is shown and quits (see ``ui/app.py``). Timed from ``Popen`` to that line, on a fresh data
folder (first start: the database is created and seeded) and on an existing one (a desk's usual
morning start). The first run follows a drop of the OS file cache when the system allows it (root on
Linux), so it is a true cold start; the platform is ``offscreen`` unless QT_QPA_PLATFORM says
otherwise. Prints figures; asserts nothing.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("executable", help="the frozen app, or 'source' for python -m desktop")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    command = [sys.executable, "-m", "desktop"] if args.executable == "source" else [args.executable]

    with tempfile.TemporaryDirectory(prefix="wpt-bench-") as folder:
        dropped = drop_file_cache()
        cold = launch(command, Path(folder) / "cold")
        print(f"Startup to first window of {' '.join(command)} (platform "
              f"{os.environ.get('QT_QPA_PLATFORM', 'offscreen')}):")
        cache = "OS file cache dropped" if dropped else "OS file cache NOT dropped: not allowed here"
        print(f"{'cold start, first run (' + cache + ')':<44} {cold * 1000:6.0f} ms")
        fresh = [launch(command, Path(folder) / f"fresh-{i}") for i in range(args.runs)]
        print(summary("new desk (database created and seeded)", fresh))
        existing = Path(folder) / "existing"
        launch(command, existing)
        again = [launch(command, existing) for _ in range(args.runs)]
        print(summary("existing desk (usual start)", again))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
