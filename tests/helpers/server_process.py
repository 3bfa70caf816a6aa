"""A real ``wpt-server serve`` in its own process on loopback, whose memory can be measured (Linux /proc)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType

import httpx

from sync.server.engine import SyncEngine
from sync.server.storage import open_storage


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


class ServerProcess:
    """``with ServerProcess(dir) as server: server.url, server.rss_mb(), server.peak_rss_mb()``."""

    def __init__(self, data_dir: Path, *args: str, database: str | None = None) -> None:
        """``database``: a PostgreSQL URL instead of the SQLite file in ``data_dir``."""
        self.data_dir, self.database = data_dir, database
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._args = args
        self.process: subprocess.Popen[str] | None = None

    def __enter__(self) -> ServerProcess:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "serve", "--data-dir", str(self.data_dir),
             "--port", str(self.port), *(("--database", self.database) if self.database else ()), *self._args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("wpt-server serve did not start")
            time.sleep(0.05)

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        if self.process.stderr:
            self.process.stderr.close()

    def _status_kb(self, key: str) -> int:
        assert self.process is not None
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
        raise KeyError(key)

    def rss_mb(self) -> float:
        """Resident memory now."""
        return self._status_kb("VmRSS") / 1024

    def peak_rss_mb(self) -> float:
        """The highest resident memory since the process started (the kernel's high-water mark)."""
        return self._status_kb("VmHWM") / 1024

    def engine(self) -> SyncEngine:
        """A handle on the server's database, as the ``wpt-server`` commands use it."""
        return SyncEngine(open_storage(self.data_dir, self.database))
