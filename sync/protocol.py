"""The wire protocol between desks and the central server (pydantic models shared by both sides).

One round trip both pushes and pulls: a :class:`SyncRequest` carries a batch of the desk's outgoing
changes and its pull cursor; the :class:`SyncResponse` acknowledges (or rejects) each change and
returns the changes that became visible after the cursor, the new cursor and whether more is pending.
Bodies are gzip-compressed JSON both ways. Imports no Qt and nothing of the server.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import zlib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

# Bump on any incompatible change of these models. The server accepts MIN..CURRENT.
PROTOCOL_VERSION = 1
MIN_PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-WPT-Protocol"

# A batch (either direction) stays under this many bytes of uncompressed JSON, so a cut connection
# wastes little: compressed, a batch is about 25 KiB, a few seconds at 64 kbit/s.
DEFAULT_BATCH_BYTES = 128 * 1024
MAX_BATCH_BYTES = 1024 * 1024
# Refuse bodies that inflate beyond this (a hostile or broken peer cannot exhaust memory).
MAX_BODY_BYTES = 8 * 1024 * 1024

# Entities that are not domain tables but travel the same way.
CONFLICT_ENTITY = "conflict"
MERGE_ENTITY = "person_merge"


class Change(BaseModel):
    """One write to one row: the fields it set, all stamped with ``hlc``.

    Attributes:
        change_id: client-generated id (UUIDv7); resending it is harmless.
        entity: the record type ("person", "request", ...).
        row_id: the id of the row written.
        fields: column values written (dates ISO text, lists JSON text, booleans 0/1).
        hlc: the hybrid logical clock stamp of the write.
        origin_desk: the desk that made the write ("server" for writes the server makes).
        base: for each field, the stamp of the value this write overwrote on its replica (absent when
            the field had no value there): how the server tells a sequential edit from a concurrent one.
    """

    model_config = ConfigDict(extra="ignore")

    change_id: str = Field(min_length=1, max_length=64)
    entity: str = Field(min_length=1, max_length=40)
    row_id: str = Field(min_length=1, max_length=64)
    fields: dict[str, Any]
    hlc: str = Field(min_length=1, max_length=120)
    origin_desk: str = Field(max_length=64)
    base: dict[str, str] = Field(default_factory=dict)

    def size(self) -> int:
        """Bytes of this change as JSON (used to bound batches)."""
        return len(self.model_dump_json(exclude_defaults=True))


class SyncRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    changes: list[Change] = Field(default_factory=list)
    cursor: int = Field(default=0, ge=0)
    max_bytes: int = Field(default=DEFAULT_BATCH_BYTES, ge=1024, le=MAX_BATCH_BYTES)
    batch: str = Field(default="", max_length=80)  # digest of the change ids, echoed by the answer

    @staticmethod
    def digest(changes: list[Change]) -> str:
        """Names this exact batch, so an answer that acknowledges "all" can only acknowledge it."""
        return hashlib.sha256("\n".join(c.change_id for c in changes).encode()).hexdigest()


class Rejected(BaseModel):
    change_id: str
    reason: str


class SyncResponse(BaseModel):
    """The server's answer. ``cursor`` is where the next pull starts; ``more`` says it is not the end.

    ``acked_all`` acknowledges every change of the request not listed in ``rejected`` (3,000 ids would
    cost 50 KiB compressed); ``acked`` lists ids one by one otherwise.
    """

    model_config = ConfigDict(extra="ignore")

    acked: list[str] = Field(default_factory=list)
    acked_all: bool = False
    batch: str = ""  # the request's ``batch``: ``acked_all`` applies to that batch only
    rejected: list[Rejected] = Field(default_factory=list)
    changes: list[Change] = Field(default_factory=list)
    cursor: int = Field(ge=0)
    more: bool = False
    network: str = ""


class EnrollRequest(BaseModel):
    code: str = Field(min_length=1, max_length=200)
    desk_id: str = Field(min_length=1, max_length=64)


class EnrollResponse(BaseModel):
    credential: str
    desk_name: str
    network: str


class ErrorBody(BaseModel):
    """Body of every refusal. ``code`` is stable (for programs), ``message`` Italian (for people)."""

    code: str
    message: str
    min_protocol: int = MIN_PROTOCOL_VERSION
    max_protocol: int = PROTOCOL_VERSION


class BodyError(ValueError):
    """A body that is not valid gzip-compressed JSON of the expected shape."""


def encode(model: BaseModel) -> bytes:
    """Gzip-compressed JSON of a model (fields left at their default are not sent)."""
    return gzip.compress(model.model_dump_json(exclude_defaults=True).encode("utf-8"), compresslevel=9)


def decode_json(body: bytes, *, compressed: bool = True) -> Any:
    """Inflate (bounded) and parse a body.

    Raises:
        BodyError: truncated, not gzip, too large once inflated, or not JSON.
    """
    raw = body
    if compressed:
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            raw = inflater.decompress(body, MAX_BODY_BYTES)
        except zlib.error as exc:
            raise BodyError(f"corpo compresso non valido ({exc})") from exc
        if inflater.unconsumed_tail:
            raise BodyError("corpo troppo grande")
        if not inflater.eof:
            raise BodyError("corpo compresso troncato")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BodyError(f"JSON non valido ({exc})") from exc
