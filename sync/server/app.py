"""The HTTP layer of the server: two POST endpoints with gzip-compressed JSON bodies.

- ``POST /v1/enroll``: :class:`~sync.protocol.EnrollRequest` → :class:`~sync.protocol.EnrollResponse`
- ``POST /v1/sync`` (``Authorization: Bearer <credential>``): SyncRequest → SyncResponse
- ``GET /v1/health``: readiness probe.

Every request states its protocol version in the ``X-WPT-Protocol`` header; one outside what this
server accepts gets 426 and an ErrorBody telling the desk to update, before anything is read or written.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ValidationError
from starlette.concurrency import run_in_threadpool

from sync.protocol import (
    MAX_BODY_BYTES,
    MIN_PROTOCOL_VERSION,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    BodyError,
    EnrollRequest,
    ErrorBody,
    SyncRequest,
    decode_json,
    encode,
)
from sync.server.engine import ServerError, SyncEngine
from sync.server.storage import SQLiteStorage


def _error(status: int, code: str, message: str) -> Response:
    return JSONResponse(ErrorBody(code=code, message=message).model_dump(), status_code=status,
                        headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION)})


def _ok(model: BaseModel) -> Response:
    return Response(encode(model), media_type="application/json",
                    headers={"Content-Encoding": "gzip", PROTOCOL_HEADER: str(PROTOCOL_VERSION)})


def _version_problem(request: Request) -> Response | None:
    raw = request.headers.get(PROTOCOL_HEADER, "")
    try:
        version = int(raw)
    except ValueError:
        return _error(426, "protocol", "Versione del protocollo mancante: aggiornare l'applicazione.")
    if version < MIN_PROTOCOL_VERSION:
        return _error(426, "protocol", "Questa versione dell'applicazione non è più accettata dal server: "
                                       "aggiornare l'applicazione.")
    if version > PROTOCOL_VERSION:
        return _error(426, "protocol_server_old", "Il server è di una versione precedente all'applicazione: "
                                                  "aggiornare il server.")
    return None


async def _body(request: Request) -> object:
    declared = request.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise BodyError("corpo troppo grande")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise BodyError("corpo troppo grande")
    compressed = request.headers.get("Content-Encoding", "").lower() == "gzip"
    return decode_json(body, compressed=compressed)


def create_app(data_dir: Path) -> FastAPI:
    storage = SQLiteStorage(data_dir)
    engine = SyncEngine(storage)
    engine.seed_reference()
    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        storage.close()

    app = FastAPI(title="WPT Desk server", docs_url=None, redoc_url=None, openapi_url=None, lifespan=lifespan)
    app.state.engine = engine

    @app.get("/v1/health")
    def health() -> dict[str, int]:
        return {"protocol": PROTOCOL_VERSION, "min_protocol": MIN_PROTOCOL_VERSION}

    @app.post("/v1/enroll")
    async def enroll(request: Request) -> Response:
        if (problem := _version_problem(request)) is not None:
            return problem
        try:
            body = EnrollRequest.model_validate(await _body(request))
            return _ok(await run_in_threadpool(engine.redeem, body.code, body.desk_id))
        except (BodyError, ValidationError) as exc:
            return _error(400, "bad_request", f"Richiesta non valida: {exc}")
        except ServerError as exc:
            return _error(exc.status, exc.code, exc.message)

    @app.post("/v1/sync")
    async def sync(request: Request) -> Response:
        if (problem := _version_problem(request)) is not None:
            return problem
        auth = request.headers.get("Authorization", "")
        credential = auth[7:].strip() if auth.lower().startswith("bearer ") else None
        try:
            desk = await run_in_threadpool(engine.authenticate, credential)
            body = SyncRequest.model_validate(await _body(request))
            return _ok(await run_in_threadpool(engine.sync, desk, body))
        except (BodyError, ValidationError) as exc:
            return _error(400, "bad_request", f"Richiesta non valida: {exc}")
        except ServerError as exc:
            return _error(exc.status, exc.code, exc.message)

    return app
