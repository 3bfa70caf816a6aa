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
import re
import zlib
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

from desktop.ids import STAMP_PATTERN
from sync.limits import (
    MAX_ANSWER_JSON_BYTES,
    MAX_CHANGES_PER_REQUEST,
    MAX_FIELDS_PER_CHANGE,
    MAX_ID_CHARS,
    MAX_INT,
    MAX_REASON_CHARS,
    MAX_SNAPSHOT_ROWS,
    MAX_VALUE_CHARS,
)

# Bump on any incompatible change of these models. The server accepts MIN..CURRENT.
PROTOCOL_VERSION = 1
MIN_PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-WPT-Protocol"
# The desk application's version (sent by the desk), and the newest the server's administrator announces.
APP_VERSION_HEADER = "X-WPT-App-Version"
LATEST_APP_HEADER = "X-WPT-Latest-App-Version"
_VERSION = re.compile(r"[0-9]{1,4}(\.[0-9]{1,4}){0,3}")


def version_tuple(text: str | None) -> tuple[int, ...] | None:
    """``"1.2.3"`` as ``(1, 2, 3)`` for comparing (trailing zeros dropped); None for anything else."""
    if not text or not _VERSION.fullmatch(text.strip()):
        return None
    parts = [int(p) for p in text.strip().split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)

# A batch (either direction) stays under this many bytes of uncompressed JSON, so a cut connection
# wastes little: compressed, a batch is about 25 KiB, a few seconds at 64 kbit/s.
DEFAULT_BATCH_BYTES = 128 * 1024
MAX_BATCH_BYTES = 1024 * 1024
# Refuse bodies that inflate beyond this (a hostile or broken peer cannot exhaust memory).
MAX_BODY_BYTES = MAX_ANSWER_JSON_BYTES

# Entities that are not domain tables but travel the same way.
CONFLICT_ENTITY = "conflict"
MERGE_ENTITY = "person_merge"


# What a field of a change may hold: column values (dates, lists as JSON text, booleans 0/1), bounded.
Scalar = Annotated[
    Annotated[str, Strict(), StringConstraints(max_length=MAX_VALUE_CHARS)]
    | Annotated[int, Strict(), Field(ge=-MAX_INT - 1, le=MAX_INT)]
    | Annotated[bool, Strict()]
    | None,
    Field(union_mode="left_to_right"),
]
FieldName = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID_CHARS, pattern=r"^[a-z_][a-z0-9_]*$")]
Identifier = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID_CHARS, pattern=r"^[A-Za-z0-9:._-]+$")]
Stamp = Annotated[str, StringConstraints(max_length=MAX_ID_CHARS + 22, pattern=STAMP_PATTERN)]
Cursor = Annotated[int, Field(ge=0, le=MAX_INT)]
# A first sync by snapshot (see SyncRequest.snapshot): "*" asks for one, "SEQ/PART/ENTITY/ROW_ID" is
# where one stopped (the log position it corresponds to, which record type, the last row sent), "" is none.
SNAPSHOT_START = "*"
SNAPSHOT_PATTERN = r"^(\*|[0-9]{1,18}/[0-9]{1,3}/[A-Za-z0-9:._-]{0,64})?$"
SnapshotPosition = Annotated[str, StringConstraints(max_length=130, pattern=SNAPSHOT_PATTERN)]


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
        stamps: only in a compact snapshot row (the desk asked for them, ``SyncRequest.compact_snapshot``):
            the fields last written after ``hlc``, each with its stamp. Such a change stands for the
            changes :meth:`expanded` gives: every field under ``hlc`` (the row's oldest stamp, creating
            it whole), then one change per newer stamp with its fields, as a snapshot sent them before.
            The server ignores it in what desks push.
    """

    model_config = ConfigDict(extra="ignore")

    change_id: Identifier
    entity: str = Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")
    row_id: Identifier
    fields: dict[FieldName, Scalar] = Field(max_length=MAX_FIELDS_PER_CHANGE)
    hlc: Stamp
    origin_desk: str = Field(default="", max_length=MAX_ID_CHARS)
    base: dict[FieldName, Stamp] = Field(default_factory=dict, max_length=MAX_FIELDS_PER_CHANGE)
    stamps: dict[FieldName, Stamp] = Field(default_factory=dict, max_length=MAX_FIELDS_PER_CHANGE)

    def size(self) -> int:
        """Bytes of this change as JSON (used to bound batches)."""
        return len(self.model_dump_json(exclude_defaults=True))

    def expanded(self) -> list[Change]:
        """The plain changes a compact snapshot row stands for (itself when it has no ``stamps``): all its
        fields under ``hlc``, then per newer stamp (oldest first) the fields ``stamps`` gives it. A
        stamp for a field the change does not carry is ignored."""
        if not self.stamps:
            return [self]
        by_stamp: dict[str, dict[str, Scalar]] = {}
        for name, stamp in self.stamps.items():
            if name in self.fields and stamp != self.hlc:
                by_stamp.setdefault(stamp, {})[name] = self.fields[name]
        stem = self.change_id[:MAX_ID_CHARS - 4]
        return [self.model_copy(update={"stamps": {}}),
                *(Change(change_id=f"{stem}.{number}", entity=self.entity, row_id=self.row_id, fields=fields,
                         hlc=stamp, origin_desk=self.origin_desk)
                  for number, (stamp, fields) in enumerate(sorted(by_stamp.items()), start=1))]


def snapshot_change_id(row_id: str, prefix: str = "s") -> str:
    """The change id a snapshot row travels (or is read) under: ``s:ROW_ID``, cut to an id's length (a row
    id may take all 64 characters)."""
    return f"{prefix}:{row_id}"[:MAX_ID_CHARS]


class SyncRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    changes: list[Change] = Field(default_factory=list, max_length=MAX_CHANGES_PER_REQUEST)
    cursor: Cursor = 0
    max_bytes: int = Field(default=DEFAULT_BATCH_BYTES, ge=1024, le=MAX_BATCH_BYTES)
    batch: str = Field(default="", max_length=80)  # digest of the change ids, echoed by the answer
    # Set by a desk restored from an old copy: send back its own changes logged after this position
    # (the newest of its own it knows the server accepted), which a pull otherwise leaves out.
    own_after: Cursor | None = None
    # A desk with nothing pulled yet (cursor 0) sends SNAPSHOT_START: the server may answer with the
    # network's current rows instead of its whole change history, page by page, each answer's
    # ``snapshot`` the position to send back; the last one has ``snapshot`` "" and the log cursor the
    # snapshot corresponds to, from which the desk pulls as usual. A server that does not know it
    # ignores it and replays the log.
    snapshot: SnapshotPosition = ""
    # The desk reads compact snapshot rows (one change per row with ``Change.stamps``): a server that
    # knows them sends them; an older server ignores it, an older desk never sets it.
    compact_snapshot: bool = False
    # The desk reads columnar snapshot pages (``SyncResponse.tables``, :mod:`sync.snapshot_table`): a
    # server that knows them sends the snapshot's rows so; an older one ignores it (and answers compact
    # rows, as ``compact_snapshot`` asks), an older desk never sets it.
    columnar_snapshot: bool = False

    @staticmethod
    def digest(changes: list[Change]) -> str:
        """Names this exact batch, so an answer that acknowledges "all" can only acknowledge it."""
        return hashlib.sha256("\n".join(c.change_id for c in changes).encode()).hexdigest()


class Rejected(BaseModel):
    """A change the server set aside, with why (``reason``: record types and fields, never values).

    ``current`` and ``stamps`` are the server's values and stamps of the fields the change wrote (of
    a row of the sender's own network; empty when the server has no such row): the desk that made the
    change rolls those fields back to them, so its replica does not keep what every other one refused.
    """

    change_id: str = Field(max_length=MAX_ID_CHARS)
    reason: str = Field(max_length=MAX_REASON_CHARS)
    current: dict[FieldName, Scalar] = Field(default_factory=dict, max_length=MAX_FIELDS_PER_CHANGE)
    stamps: dict[FieldName, Stamp] = Field(default_factory=dict, max_length=MAX_FIELDS_PER_CHANGE)


class _Answer(BaseModel):
    """The server's answer. ``cursor`` is where the next pull starts; ``more`` says it is not the end.

    ``acked_all`` acknowledges every change of the request not listed in ``rejected`` (3,000 ids would
    cost 50 KiB compressed); ``acked`` lists ids one by one otherwise.
    """

    model_config = ConfigDict(extra="ignore")

    acked: list[Annotated[str, StringConstraints(max_length=MAX_ID_CHARS)]] = Field(
        default_factory=list, max_length=MAX_CHANGES_PER_REQUEST)
    acked_all: bool = False
    batch: str = Field(default="", max_length=80)  # the request's ``batch``: ``acked_all`` applies to it only
    rejected: list[Rejected] = Field(default_factory=list, max_length=MAX_CHANGES_PER_REQUEST)
    cursor: Cursor
    more: bool = False
    network: str = Field(default="", max_length=200)
    # The log position of the newest change the server accepted from this installation, before this
    # request's batch (``own_before``: a desk that remembers a smaller ``own_seq`` was restored from an
    # old copy and misses its own later changes) and after it (``own_seq``, what the desk remembers).
    own_before: Cursor = 0
    own_seq: Cursor = 0
    snapshot: SnapshotPosition = ""  # where the snapshot under way stopped ("" when none or finished)


NodeName = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID_CHARS, pattern=r"^[A-Za-z0-9_-]+$")]


class SnapshotTable(BaseModel):
    """Snapshot rows of one record type, column by column (a desk asked: ``SyncRequest.columnar_snapshot``).

    ``fields`` names the values of every row once; ``nodes`` the stamps' nodes; each row is
    ``[row_id, [value per field], base, newer]``: ``base`` the stamp of every field not in ``newer``
    (``[wall delta, counter, node index]``), ``newer`` the fields last written after it
    (``[[field index, wall delta, counter, node index], ...]``, may be left out when empty). A stamp's
    wall time is sent as the difference from the previous stamp of the same node in the table, its
    counter likewise when that difference is 0 (:mod:`sync.snapshot_table` writes and reads them). A
    row stands for the compact change it is read into; rows are kept as sent (``Any``) so that a
    malformed one is set aside by the desk, not the whole answer refused.
    """

    model_config = ConfigDict(extra="ignore")

    entity: str = Field(min_length=1, max_length=40, pattern=r"^[a-z_]+$")
    fields: list[FieldName] = Field(max_length=MAX_FIELDS_PER_CHANGE)
    nodes: list[NodeName] = Field(max_length=MAX_SNAPSHOT_ROWS)
    rows: list[list[Any]] = Field(max_length=MAX_SNAPSHOT_ROWS)

    @model_validator(mode="after")
    def _names_once(self) -> SnapshotTable:
        if len(set(self.fields)) != len(self.fields) or len(set(self.nodes)) != len(self.nodes):
            raise ValueError("nomi ripetuti")
        return self


class SyncResponse(_Answer):
    __doc__ = _Answer.__doc__

    changes: list[Change] = Field(default_factory=list)
    # A columnar snapshot page (the desk asked for one): its rows, in the order of the snapshot.
    tables: list[SnapshotTable] = Field(default_factory=list, max_length=MAX_SNAPSHOT_ROWS)


class ReceivedAnswer(_Answer):
    """A :class:`SyncResponse` as a desk reads it: a received change that is not a valid
    :class:`Change` (a garbage stamp, a value of the wrong type) stays as the raw JSON value it
    was, so the desk can set it aside and go on, instead of refusing the whole answer."""

    changes: list[Annotated[Change | Any, Field(union_mode="left_to_right")]] = Field(default_factory=list)
    tables: list[SnapshotTable] = Field(default_factory=list, max_length=MAX_SNAPSHOT_ROWS)


class EnrollRequest(BaseModel):
    code: str = Field(min_length=1, max_length=64)
    desk_id: str = Field(min_length=1, max_length=MAX_ID_CHARS, pattern=r"^[A-Za-z0-9_-]+$")  # a stamp's node


class EnrollResponse(BaseModel):
    credential: str = Field(max_length=200)
    desk_name: str = Field(max_length=200)
    network: str = Field(max_length=200)
    role: str = Field(default="desk", max_length=20)  # "desk" or "coordinator" (may change the catalog)


class ErrorBody(BaseModel):
    """Body of every refusal. ``code`` is stable (for programs), ``message`` Italian (for people)."""

    code: str = Field(max_length=40)
    message: str = Field(max_length=MAX_REASON_CHARS)
    # With code "clock_ahead": the server's clock (a stamp) — where a desk's clock may resume.
    clock: str = Field(default="", max_length=MAX_ID_CHARS + 22)
    min_protocol: int = MIN_PROTOCOL_VERSION
    max_protocol: int = PROTOCOL_VERSION


class BodyError(ValueError):
    """A body that is not valid gzip-compressed JSON of the expected shape."""


class BodyTooLarge(BodyError):
    """A body larger than its bound, as sent or once inflated."""


def encode(model: BaseModel) -> bytes:
    """Gzip-compressed JSON of a model (fields left at their default are not sent)."""
    return gzip.compress(model.model_dump_json(exclude_defaults=True).encode("utf-8"), compresslevel=9)


def inflate(body: bytes, limit: int) -> bytes:
    """Inflate a gzip body, stopping past ``limit`` bytes (a 8 KB bomb never becomes 8 MiB).

    Raises:
        BodyError: truncated, not gzip, or larger than ``limit`` once inflated.
    """
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        raw = inflater.decompress(body, limit)
    except zlib.error as exc:
        raise BodyError("corpo compresso non valido") from exc
    if inflater.unconsumed_tail or len(raw) > limit:
        raise BodyTooLarge("corpo troppo grande")
    if not inflater.eof:
        raise BodyError("corpo compresso troncato")
    return raw


def decode_json(body: bytes, *, compressed: bool = True, limit: int = MAX_BODY_BYTES) -> Any:
    """Inflate (bounded) and parse a small body (errors, enrollment answers).

    Raises:
        BodyError: truncated, not gzip, too large once inflated, or not JSON.
    """
    raw = inflate(body, limit) if compressed else body
    if len(raw) > limit:
        raise BodyTooLarge("corpo troppo grande")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # also 4,301 digits, or deep nesting
        raise BodyError("JSON non valido") from exc
