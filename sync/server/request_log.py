"""The server's log as JSON lines, one per request and one per event, never with personal data.

A request's line holds its time, a request id (made here: a client's own header is never trusted), the
desk and network it authenticated as (set by the route, "" before that), the route as declared (the
template ``/enti/invito/{token}``, never the path as sent nor its query string), the status, the
duration and the bytes in and out. Bodies are never logged. uvicorn's own access log is turned off
(it prints the path with the query string); its other messages go through the same formatter.

Each request's facts live in a :class:`RequestFacts` in a context variable, so a refusal made deep in
the app (:func:`sync.server.app._error`) names its reason for the log line and the metrics.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

ACCESS_LOGGER = "wpt.server.access"
UNMATCHED_ROUTE = "(other)"  # a path no route declares: what was sent is not written down


@dataclass
class RequestFacts:
    """What one request's log line and metrics say about it (all values the server chose)."""

    request_id: str
    method: str
    desk: str = ""
    network: str = ""
    refusal: str = ""  # the ErrorBody code of a refusal ("" when none)
    pushed: int = 0
    pulled: int = 0


CURRENT: ContextVar[RequestFacts | None] = ContextVar("wpt_request_facts", default=None)


def current() -> RequestFacts | None:
    """The facts of the request being served (None outside one)."""
    return CURRENT.get()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class JsonLines(logging.Formatter):
    """One JSON object per line: ``time``, ``level``, ``logger``, ``message`` and the record's ``fields``
    (a dict passed as ``extra={"fields": …}``). A traceback is reduced to the exception's class."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {"time": _now(), "level": record.levelname.lower(), "logger": record.name}
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        else:
            line["message"] = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            line["error"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False, separators=(",", ":"), default=str)


def log_config(log_file: Path | None = None) -> dict[str, Any]:
    """The ``logging.config`` dictionary of ``wpt-server serve``: every logger (ours and uvicorn's) writes
    JSON lines to ``log_file`` (appended) or to stderr."""
    handler: dict[str, Any] = ({"class": "logging.FileHandler", "filename": str(log_file), "encoding": "utf-8"}
                               if log_file else {"class": "logging.StreamHandler", "stream": "ext://sys.stderr"})
    handler["formatter"] = "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": JsonLines}},
        "handlers": {"json": handler},
        "loggers": {
            "wpt": {"handlers": ["json"], "level": "INFO", "propagate": False},
            "uvicorn": {"handlers": ["json"], "level": "INFO", "propagate": False},
            "uvicorn.error": {"level": "INFO"},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


def _route_of(scope: Scope) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else UNMATCHED_ROUTE


Observer = Callable[[RequestFacts, str, int, float, int, int], None]


class RequestLog:
    """ASGI middleware: one access line per HTTP request, and ``observe(facts, route, status, seconds,
    bytes_in, bytes_out)`` for the metrics."""

    def __init__(self, app: ASGIApp, observe: Observer | None = None) -> None:
        self.app = app
        self.observe = observe
        self.logger = logging.getLogger(ACCESS_LOGGER)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        facts = RequestFacts(request_id=uuid.uuid4().hex, method=str(scope.get("method", ""))[:10])
        token = CURRENT.set(facts)
        started = time.perf_counter()
        status, sizes = 500, [0, 0]

        async def counting_receive() -> Message:
            message = await receive()
            if message.get("type") == "http.request":
                sizes[0] += len(message.get("body", b""))
            return message

        async def counting_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
                message.setdefault("headers", []).append((b"x-request-id", facts.request_id.encode()))
            elif message["type"] == "http.response.body":
                sizes[1] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, counting_send)
        finally:
            CURRENT.reset(token)
            seconds = time.perf_counter() - started
            route = _route_of(scope)
            line: dict[str, Any] = {
                "request_id": facts.request_id, "method": facts.method, "route": route, "status": status,
                "duration_ms": round(seconds * 1000, 2), "bytes_in": sizes[0], "bytes_out": sizes[1],
                "desk": facts.desk, "network": facts.network,
            }
            if facts.refusal:
                line["refusal"] = facts.refusal
            if facts.pushed or facts.pulled:
                line.update(pushed=facts.pushed, pulled=facts.pulled)
            self.logger.info("request", extra={"fields": line})
            if self.observe is not None:
                try:
                    self.observe(facts, route, status, seconds, sizes[0], sizes[1])
                except Exception as exc:  # the metrics never break an answer already sent
                    print(f"metrics: {exc.__class__.__name__}", file=sys.stderr)
