"""A fault-injecting TCP proxy between desks and the server (threads, loopback only).

Every accepted connection gets a :class:`Faults` plan (fixed, or drawn by a ``plan`` callable): one-way
delay, bandwidth limit, and cuts — close both sides after N bytes of the request (mid-request) or of
the response (mid-response). It counts the bytes that crossed it, both ways, like a network would.
"""

from __future__ import annotations

import queue
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType


@dataclass(frozen=True)
class Faults:
    """What happens to one connection.

    Attributes:
        delay: seconds each chunk is held in each direction (one-way latency).
        rate: bytes per second in each direction (None: unlimited).
        cut_request_after: close the connection after this many bytes towards the server.
        cut_response_after: close the connection after this many bytes towards the desk.
        refuse: close at once (the server looks down).
    """

    delay: float = 0.0
    rate: float | None = None
    cut_request_after: int | None = None
    cut_response_after: int | None = None
    refuse: bool = False


class FaultProxy:
    """``with FaultProxy(server_port) as proxy: url = proxy.url`` — then set ``proxy.faults`` or ``proxy.plan``."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.faults = Faults()
        self.plan: Callable[[], Faults] | None = None
        self.bytes_up = 0
        self.bytes_down = 0
        self.connections = 0
        self.cuts = 0
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.2)
        self.port = self._listener.getsockname()[1]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._sockets: set[socket.socket] = set()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset_counters(self) -> None:
        with self._lock:
            self.bytes_up = self.bytes_down = self.connections = self.cuts = 0

    def __enter__(self) -> FaultProxy:
        thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._stop.set()
        self._listener.close()
        with self._lock:
            for sock in list(self._sockets):
                _shut(sock)
        for thread in self._threads:
            thread.join(timeout=5)

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            faults = self.plan() if self.plan is not None else self.faults
            with self._lock:
                self.connections += 1
            if faults.refuse:
                _shut(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _shut(client)
                continue
            Connection(self, client, upstream, faults).start()

    # bookkeeping used by connections
    def _track(self, sock: socket.socket, add: bool) -> None:
        with self._lock:
            (self._sockets.add if add else self._sockets.discard)(sock)

    def _count(self, up: bool, n: int) -> None:
        with self._lock:
            if up:
                self.bytes_up += n
            else:
                self.bytes_down += n


class Connection:
    """One proxied connection: per direction a reader (stamps arrival) and a writer (delay, rate, cut)."""

    def __init__(self, proxy: FaultProxy, client: socket.socket, upstream: socket.socket, faults: Faults) -> None:
        self.proxy, self.client, self.upstream, self.faults = proxy, client, upstream, faults
        self.closed = threading.Event()
        for sock in (client, upstream):
            sock.settimeout(None)
            proxy._track(sock, True)

    def start(self) -> None:
        for up in (True, False):
            source, sink = (self.client, self.upstream) if up else (self.upstream, self.client)
            limit = self.faults.cut_request_after if up else self.faults.cut_response_after
            chunks: queue.Queue[tuple[float, bytes] | None] = queue.Queue()
            threading.Thread(target=self._read, args=(source, chunks), daemon=True).start()
            threading.Thread(target=self._write, args=(sink, chunks, up, limit), daemon=True).start()

    def _read(self, source: socket.socket, chunks: queue.Queue[tuple[float, bytes] | None]) -> None:
        try:
            while not self.closed.is_set():
                data = source.recv(16384)
                if not data:
                    break
                chunks.put((time.monotonic(), data))
        except OSError:
            pass
        chunks.put(None)

    def _write(
        self, sink: socket.socket, chunks: queue.Queue[tuple[float, bytes] | None], up: bool, limit: int | None
    ) -> None:
        sent = 0
        try:
            while True:
                item = chunks.get()
                if item is None or self.closed.is_set():
                    break
                arrived, data = item
                wait = arrived + self.faults.delay - time.monotonic()
                if wait > 0:
                    time.sleep(wait)  # latency of the simulated link
                if limit is not None and sent + len(data) > limit:
                    data = data[: max(0, limit - sent)]
                    if data:
                        sink.sendall(data)
                        self.proxy._count(up, len(data))
                    with self.proxy._lock:
                        self.proxy.cuts += 1
                    break
                for start in range(0, len(data), 1024):
                    piece = data[start:start + 1024]
                    if self.faults.rate:
                        time.sleep(len(piece) / self.faults.rate)  # bandwidth of the simulated link
                    sink.sendall(piece)
                    self.proxy._count(up, len(piece))
                sent += len(data)
        except OSError:
            pass
        self._close_all()

    def _close_all(self) -> None:
        if self.closed.is_set():
            return
        self.closed.set()
        for sock in (self.client, self.upstream):
            _shut(sock)
            self.proxy._track(sock, False)


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()
