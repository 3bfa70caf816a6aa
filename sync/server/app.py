"""The HTTP layer of the server: two POST endpoints with gzip-compressed JSON bodies.

- ``POST /v1/enroll``: :class:`~sync.protocol.EnrollRequest` → :class:`~sync.protocol.EnrollResponse`
- ``POST /v1/sync`` (``Authorization: Bearer <credential>``): SyncRequest → SyncResponse
- ``GET /v1/health``: readiness probe.
- ``GET /metrics``: the process's counters for Prometheus, behind their own token (:mod:`sync.server.metrics`).
- ``/enti/…``: the providers' HTML pages (:mod:`sync.server.provider_pages`).

Every request states its protocol version in the ``X-WPT-Protocol`` header; one outside what this
server accepts gets 426 and an ErrorBody telling the desk to update, before anything is read or written.

Bounds (:mod:`sync.limits`): a body is read only up to its limit (Content-Length first, then as it
streams), inflated only up to its limit, and parsed by pydantic (depth, counts, sizes and integers
bounded by the models) on a worker thread, a few at a time, never on the event loop: other desks and
``/v1/health`` keep their answers while one hostile request is refused. Every refusal is a short
ErrorBody that never echoes the input.

Every request is logged as one JSON line (:mod:`sync.server.request_log`): route, status, duration,
bytes, desk and network, never a body nor a query string.
"""

from __future__ import annotations

import asyncio
import logging
import traceback
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TypeVar

import anyio.to_thread
from anyio import CapacityLimiter
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.requests import ClientDisconnect

from sync.limits import (
    DEFAULT_CLOCK_SKEW_SECONDS,
    MAX_CHANGES_PER_DESK_HOUR,
    MAX_CONCURRENT_BODIES,
    MAX_CONCURRENT_VALIDATIONS,
    MAX_REQUEST_BYTES,
    MAX_REQUEST_JSON_BYTES,
)
from sync.protocol import (
    APP_VERSION_HEADER,
    LATEST_APP_HEADER,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    BodyError,
    BodyTooLarge,
    EnrollRequest,
    ErrorBody,
    SyncRequest,
    encode,
    inflate,
    version_tuple,
)
from sync.server import request_log
from sync.server.engine import ServerError, SyncEngine
from sync.server.metrics import CONTENT_TYPE, METRICS_REFUSAL, Metrics, token_matches
from sync.server.provider_pages import add_provider_pages
from sync.server.providers import Providers
from sync.server.storage import StorageUnavailable, open_storage

logger = logging.getLogger("wpt.server")
M = TypeVar("M", bound=BaseModel)


def _error(status: int, code: str, message: str, *, clock: str = "", retry_after: int = 0) -> Response:
    if (facts := request_log.current()) is not None:
        facts.refusal = code
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    if retry_after:
        headers["Retry-After"] = str(retry_after)
    return JSONResponse(ErrorBody(code=code, message=message, clock=clock).model_dump(exclude_defaults=False),
                        status_code=status, headers=headers)


def _refusal(exc: ServerError) -> Response:
    return _error(exc.status, exc.code, exc.message, clock=exc.clock, retry_after=exc.retry_after)


def _unavailable() -> Response:
    return _error(503, "storage_unavailable", "Il server non raggiunge il suo database: riprovare tra poco.",
                  retry_after=5)


def _bad_request(exc: ValidationError | BodyError) -> Response:
    """400 naming at most where the first problem is (``changes.3.hlc``), never what was sent."""
    if isinstance(exc, ValidationError):
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        where = ".".join(str(p) for p in errors[0].get("loc", ()))[:80] if errors else ""
        return _error(400, "bad_request", f"Richiesta non valida ({where})." if where else "Richiesta non valida.")
    return _error(400, "bad_request", f"Richiesta non valida: {exc}.")


def _version_problem(request: Request) -> Response | None:
    raw = request.headers.get(PROTOCOL_HEADER, "")
    try:
        version = int(raw) if len(raw) < 10 else -1
    except ValueError:
        return _error(426, "protocol", "Versione del protocollo mancante: aggiornare l'applicazione.")
    if version < MIN_PROTOCOL_VERSION:
        return _error(426, "protocol", "Questa versione dell'applicazione non è più accettata dal server: "
                                       "aggiornare l'applicazione.")
    if version > PROTOCOL_VERSION:
        return _error(426, "protocol_server_old", "Il server è di una versione precedente all'applicazione: "
                                                  "aggiornare il server.")
    return None


async def _read_body(request: Request) -> bytes:
    """The body as sent, stopping past MAX_REQUEST_BYTES (nothing more is read or kept)."""
    declared = request.headers.get("Content-Length", "")
    if declared.isdigit() and (len(declared) > 12 or int(declared) > MAX_REQUEST_BYTES):
        raise BodyTooLarge("corpo troppo grande")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            raise BodyTooLarge("corpo troppo grande")
        chunks.append(chunk)
    return b"".join(chunks)


def _app_version_problem(request: Request, minimum: tuple[int, ...] | None, shown: str) -> Response | None:
    """A desk application older than the minimum the administrator set (one without a version is older)."""
    if minimum is None:
        return None
    version = version_tuple(request.headers.get(APP_VERSION_HEADER, "")[:20])
    if version is None or version < minimum:
        return _error(426, "protocol_app_old", f"Questa versione di WPT Desk non è più accettata dal server: "
                                               f"aggiornare l'applicazione alla {shown} o successiva. Le "
                                               "modifiche restano in attesa sullo sportello.")
    return None


def create_app(data_dir: Path | None, *, database: str | None = None,
               clock_skew_seconds: float = DEFAULT_CLOCK_SKEW_SECONDS,
               max_changes_per_hour: int = MAX_CHANGES_PER_DESK_HOUR,
               min_app_version: str = "", latest_app_version: str = "", metrics_token: str = "") -> FastAPI:
    """The server over the SQLite file in ``data_dir``, or over PostgreSQL when ``database`` is its URL.

    ``min_app_version``: desks older are refused (they keep their outbox and say to update);
    ``latest_app_version``: announced to every desk, which shows "aggiornamento disponibile" when older.
    ``metrics_token``: the token of ``GET /metrics`` (without one the endpoint answers 404).

    Raises:
        ValueError: a version that is not digits and dots (one Italian sentence).
    """
    for option, value in (("--min-desk-version", min_app_version), ("--latest-desk-version", latest_app_version)):
        if value and version_tuple(value) is None:
            raise ValueError(f"{option}: versione non valida «{value[:20]}» (per esempio 0.2.0).")
    minimum = version_tuple(min_app_version)
    announced = {LATEST_APP_HEADER: latest_app_version.strip()} if latest_app_version else {}
    storage = open_storage(data_dir, database)
    engine = SyncEngine(storage, clock_skew_seconds=clock_skew_seconds, max_changes_per_hour=max_changes_per_hour)
    engine.seed_reference()
    bodies = asyncio.Semaphore(MAX_CONCURRENT_BODIES)
    # Parsing has its own few threads: a hostile body's transient memory then lands in the same few
    # malloc arenas every time, instead of one arena per pool thread that each keeps its peak resident.
    parsers = ThreadPoolExecutor(max_workers=MAX_CONCURRENT_VALIDATIONS, thread_name_prefix="wpt-parse")
    workers = CapacityLimiter(16)  # database work; the storage serializes writes anyway

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        parsers.shutdown(wait=False, cancel_futures=True)
        storage.close()

    app = FastAPI(title="WPT Desk server", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.engine = engine
    metrics = Metrics()
    app.add_middleware(request_log.RequestLog, observe=metrics.observe)
    add_provider_pages(app, Providers(engine))

    def parse(model: type[M], body: bytes, compressed: bool) -> M:
        raw = inflate(body, MAX_REQUEST_JSON_BYTES) if compressed else body
        if len(raw) > MAX_REQUEST_JSON_BYTES:
            raise BodyTooLarge("corpo troppo grande")
        return model.model_validate_json(raw)

    async def handle(request: Request, model: type[M], work: Callable[[M], Awaitable[Response]]) -> Response:
        """Read, inflate and validate a body (bounded, off the event loop), then ``work`` on it."""
        problem = _version_problem(request)
        if problem is None:
            problem = _app_version_problem(request, minimum, min_app_version)
        if problem is not None:
            return problem
        try:
            async with bodies:
                body = await _read_body(request)
                compressed = request.headers.get("Content-Encoding", "").lower() == "gzip"
                parsed = await asyncio.get_running_loop().run_in_executor(parsers, parse, model, body, compressed)
                del body
            return await work(parsed)
        except BodyTooLarge:
            return _error(413, "too_large", "Richiesta troppo grande.")
        except ClientDisconnect:  # the line dropped mid-request: nothing was applied, nobody to answer
            logger.info("request cut by the client before its end")
            if (facts := request_log.current()) is not None:
                facts.refusal = "cut"
            return Response(status_code=400)
        except (BodyError, ValidationError) as exc:
            return _bad_request(exc)
        except ServerError as exc:
            return _refusal(exc)
        except StorageUnavailable:
            logger.warning("storage unavailable")
            return _unavailable()
        except Exception as exc:  # a bug: logged without the request's data, answered in one sentence
            logger.error("internal error %s at %s", exc.__class__.__name__,
                         "".join(traceback.format_tb(exc.__traceback__)[-3:]))
            return _error(500, "internal", "Errore interno del server: riprovare più tardi.")

    async def in_thread(fn: Callable[[], BaseModel]) -> Response:
        model = await anyio.to_thread.run_sync(fn, limiter=workers)
        content = await anyio.to_thread.run_sync(encode, model, limiter=workers)
        return Response(content, media_type="application/json",
                        headers={"Content-Encoding": "gzip", PROTOCOL_HEADER: str(PROTOCOL_VERSION), **announced})

    @app.get("/v1/health")
    def health() -> dict[str, int | str]:
        return {"protocol": PROTOCOL_VERSION, "min_protocol": MIN_PROTOCOL_VERSION, "storage": storage.kind,
                "min_app_version": min_app_version, "latest_app_version": latest_app_version}

    @app.get("/metrics")
    def metrics_page(request: Request) -> Response:
        if not metrics_token:
            return Response("Not Found", status_code=404, media_type="text/plain")
        if not token_matches(metrics_token, request.headers.get("Authorization", "")):
            if (facts := request_log.current()) is not None:
                facts.refusal = METRICS_REFUSAL
            return Response("Unauthorized", status_code=401, media_type="text/plain",
                            headers={"WWW-Authenticate": "Bearer"})
        return Response(metrics.render(), media_type=CONTENT_TYPE)

    @app.post("/v1/enroll")
    async def enroll(request: Request) -> Response:
        client = request.client.host if request.client else ""

        async def work(body: EnrollRequest) -> Response:
            return await in_thread(lambda: engine.redeem(body.code, body.desk_id, client))

        return await handle(request, EnrollRequest, work)

    @app.post("/v1/sync")
    async def sync(request: Request) -> Response:
        if (problem := _version_problem(request)) is not None:
            return problem
        auth = request.headers.get("Authorization", "")
        credential = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        try:
            principal = await anyio.to_thread.run_sync(engine.authenticate, credential, limiter=workers)
        except ServerError as exc:
            return _refusal(exc)
        except StorageUnavailable:
            logger.warning("storage unavailable")
            return _unavailable()
        facts = request_log.current()
        if facts is not None:
            facts.desk, facts.network = principal.name, principal.network

        def answer(body: SyncRequest) -> BaseModel:
            response = engine.sync(principal, body)
            if facts is not None:
                facts.pushed, facts.pulled = len(body.changes), len(response.changes)
            return response

        async def work(body: SyncRequest) -> Response:
            return await in_thread(lambda: answer(body))

        return await handle(request, SyncRequest, work)

    return app
