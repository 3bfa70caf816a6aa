"""A real ``wpt-server serve`` in its own process on loopback, whose memory can be measured (Linux /proc)
and whose log (JSON lines on its stderr) is kept in a file beside its data folder."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Any

import httpx

from desktop.storage.store import Store
from desktop.sync.client import SyncClient
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
        # A file, not a pipe: a pipe nobody reads fills up and stops the server at its next log line.
        self.log_path = data_dir.with_name(f"{data_dir.name}.log")
        self._log: IO[str] | None = None

    def __enter__(self) -> ServerProcess:
        self._log = self.log_path.open("a", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "serve", "--data-dir", str(self.data_dir),
             "--port", str(self.port), *(("--database", self.database) if self.database else ()), *self._args],
            stdout=subprocess.DEVNULL, stderr=self._log, text=True,
        )
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return self
            except httpx.TransportError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError("wpt-server serve did not start")
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL, as a crash or the OOM killer would, and wait for it; its log is closed."""
        assert self.process is not None
        self.process.kill()
        self.process.wait()
        self._close_log()

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._close_log()

    def log_text(self) -> str:
        """Everything the server wrote on its stderr so far."""
        return self.log_path.read_text(encoding="utf-8")

    def log_lines(self) -> list[dict[str, Any]]:
        """The server's log, one JSON object per line (a line that is not JSON fails the test)."""
        return [json.loads(line) for line in self.log_text().splitlines() if line.strip()]

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

    def cpu_seconds(self) -> float:
        """User and system CPU time the process has used so far."""
        assert self.process is not None
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def engine(self) -> SyncEngine:
        """A handle on the server's database, as the ``wpt-server`` commands use it."""
        return SyncEngine(open_storage(self.data_dir, self.database))

    def enroll(self, store: Store, name: str, network: str) -> SyncClient:
        """Enroll the desk of ``store`` as ``name`` in ``network`` (the code made as `wpt-server` makes it)."""
        engine = self.engine()
        try:
            code = engine.create_enrollment(name, network)
        finally:
            engine.storage.close()
        client = SyncClient(store, server=self.url, timeout=10)
        client.enroll(code)
        return client
