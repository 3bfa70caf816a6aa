"""A real ``wpt-server`` (FastAPI under uvicorn) on a free loopback port, in a thread of the test process."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn

from desktop.storage.store import Store
from desktop.sync.client import SyncClient
from sync.server.app import create_app
from sync.server.engine import SyncEngine
from sync.server.storage import Storage, open_storage


class RunningServer:
    """``with RunningServer(dir) as server: server.url`` — started and ready, stopped on exit."""

    def __init__(self, data_dir: Path, tls: tuple[Path, Path] | None = None, database: str | None = None,
                 **app_options: Any) -> None:
        """``database``: a PostgreSQL URL instead of the SQLite file in ``data_dir``. ``app_options``: passed
        to :func:`create_app` (``clock_skew_seconds``, ``max_changes_per_hour``)."""
        self.data_dir, self.database = data_dir, database
        self._handles: list[Storage] = []
        self.scheme = "https" if tls else "http"
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        app = create_app(data_dir, database=database, **app_options)
        config = uvicorn.Config(app, log_level="warning", lifespan="on",
                                ssl_certfile=str(tls[0]) if tls else None, ssl_keyfile=str(tls[1]) if tls else None)
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, kwargs={"sockets": [self._socket]}, daemon=True)

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def __enter__(self) -> RunningServer:
        self._thread.start()
        deadline = time.monotonic() + 30
        # Readiness: uvicorn sets ``started`` once the socket serves requests.
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.01)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)
        self._socket.close()
        for storage in self._handles:
            storage.close()

    def engine(self) -> SyncEngine:
        """A second handle on the server's database, as the ``wpt-server`` commands use it."""
        storage = open_storage(self.data_dir, self.database)
        self._handles.append(storage)  # closed with the server
        return SyncEngine(storage)

    def enroll(self, store: Store, name: str, network: str, url: str | None = None, role: str = "desk") -> SyncClient:
        code = self.engine().create_enrollment(name, network, role=role)
        client = SyncClient(store, server=url or self.url, timeout=10)
        client.enroll(code)
        return client
