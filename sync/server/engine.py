"""The server's sync logic: enrollment, authentication, applying pushed changes, serving pulls.

Independent of HTTP (the FastAPI app is a thin layer over it) and of the database (through
:class:`~sync.server.storage.Storage`).
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from desktop.domain.entities import CategoryRecord, entity_of
from desktop.domain.models import Record
from desktop.ids import REFERENCE_STAMP, HybridLogicalClock, reference_id, uuid7
from desktop.reference.catalog import sample_providers, sample_services
from desktop.reference.categories import DEFAULT_CATEGORIES
from sync.audit import ACCESS_ENTITY
from sync.entities import CATALOG_ENTITIES, SYNC_ENTITIES, writable_fields
from sync.merge import LostWrite, merge_fields
from sync.protocol import (
    CONFLICT_ENTITY,
    MERGE_ENTITY,
    Change,
    EnrollResponse,
    Rejected,
    SyncRequest,
    SyncResponse,
)
from sync.server.audit import receive_entry
from sync.server.storage import DeskInfo, Storage, StoredRow

SERVER_NODE = "server"
DEFAULT_CODE_HOURS = 72
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


class ServerError(Exception):
    """A refusal with a stable code (for programs) and an Italian message (for people)."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def normalize_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


class SyncEngine:
    """Everything the server does, over one storage."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.clock = HybridLogicalClock(SERVER_NODE)

    # -- reference data ---------------------------------------------------------------------------

    def seed_reference(self) -> int:
        """Store the taxonomy and catalog rows every desk also seeds (same ids, oldest stamp); once."""
        records: list[Record] = [CategoryRecord.of(c, id=reference_id("category", c.code)) for c in DEFAULT_CATEGORIES]
        records += [*sample_providers(), *sample_services()]
        added = 0
        with self.storage.transaction():
            for record in records:
                entity = entity_of(record)
                if self.storage.get_row(entity.name, record.id):
                    continue
                values = entity.to_columns(record)
                fields = {f: values[f] for f in writable_fields(entity)}
                fields["origin_desk"] = None
                change = Change(change_id=f"reference:{entity.name}:{record.id}", entity=entity.name,
                                row_id=record.id, fields=fields, hlc=REFERENCE_STAMP, origin_desk=SERVER_NODE)
                self.storage.put_row(StoredRow(entity.name, record.id, None, fields,
                                               {f: REFERENCE_STAMP for f in fields}))
                self.storage.append_log(None, None, change)
                added += 1
        return added

    # -- desks ------------------------------------------------------------------------------------

    def create_enrollment(self, name: str, network: str, hours: float = DEFAULT_CODE_HOURS) -> str:
        """Register desk ``name`` in ``network`` (created on first use); return its one-time code."""
        name, network = name.strip(), network.strip()
        if not name or not network:
            raise ServerError("invalid", "Il nome dello sportello e della rete non possono essere vuoti.")
        if hours < 0:
            raise ServerError("invalid", "La validità del codice non può essere negativa.")
        raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(16))
        code = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
        expires = (_now() + timedelta(hours=hours)).isoformat(timespec="milliseconds")
        with self.storage.transaction():
            desk = self.storage.desk_by_name(name)
            if desk is not None and desk.network != network:
                raise ServerError("invalid", f"Lo sportello «{name}» è già registrato nella rete «{desk.network}».")
            if desk is None:
                desk = DeskInfo(id=uuid7(), name=name, network=network, desk_id=None, code_hash=None,
                                code_expires_at=None, code_consumed=False, credential_hash=None,
                                revoked_at=None, last_sync_at=None,
                                created_at=_now().isoformat(timespec="seconds"))
            # A new code for an existing desk (reinstalled PC): the old credential works until it is used.
            self.storage.save_desk(replace(desk, code_hash=_hash(normalize_code(code)), code_expires_at=expires,
                                           code_consumed=False, desk_id=None, revoked_at=None))
        return code

    def redeem(self, code: str, desk_id: str) -> EnrollResponse:
        """Trade an enrollment code for a credential.

        The same desk may retry with the same code (its answer was lost on a cut connection) until its
        first sync; another desk never can.
        """
        with self.storage.transaction():
            desk = self.storage.desk_by_code(_hash(normalize_code(code)))
            if desk is None:
                raise ServerError("bad_code", "Codice di registrazione non valido.", 403)
            if desk.revoked_at:
                raise ServerError("revoked", "Lo sportello è stato revocato sul server.", 403)
            if desk.code_expires_at and _now().isoformat(timespec="milliseconds") >= desk.code_expires_at:
                raise ServerError("expired", "Il codice di registrazione è scaduto: chiederne uno nuovo.", 403)
            if desk.code_consumed or (desk.desk_id is not None and desk.desk_id != desk_id):
                raise ServerError("used_code", "Il codice di registrazione è già stato usato.", 403)
            credential = "wpt1." + secrets.token_urlsafe(32)
            self.storage.save_desk(replace(desk, desk_id=desk_id, credential_hash=_hash(credential)))
        return EnrollResponse(credential=credential, desk_name=desk.name, network=desk.network)

    def authenticate(self, credential: str | None) -> DeskInfo:
        if not credential:
            raise ServerError("unauthorized", "Credenziale dello sportello mancante.", 401)
        desk = self.storage.desk_by_credential(_hash(credential))
        if desk is None:
            raise ServerError("unauthorized", "Credenziale dello sportello non valida.", 401)
        if desk.revoked_at:
            raise ServerError("revoked", "Lo sportello è stato revocato sul server.", 403)
        return desk

    def revoke(self, name: str) -> None:
        with self.storage.transaction():
            desk = self.storage.desk_by_name(name)
            if desk is None:
                raise ServerError("unknown", f"Nessuno sportello si chiama «{name}».")
            # The credential hash stays, so the desk is told it was revoked (not just "unknown").
            self.storage.save_desk(replace(desk, revoked_at=_now().isoformat(timespec="seconds"), code_hash=None))

    # -- sync -------------------------------------------------------------------------------------

    def sync(self, desk: DeskInfo, request: SyncRequest) -> SyncResponse:
        """Apply the pushed batch and return what the desk has not seen yet, in one transaction."""
        rejected: list[Rejected] = []
        with self.storage.transaction():
            current = self.storage.desk_by_name(desk.name)
            if current is None or current.revoked_at or current.credential_hash != desk.credential_hash:
                raise ServerError("revoked", "Lo sportello è stato revocato sul server.", 403)
            for change in request.changes:
                reason = self.storage.outcome(change.change_id)
                if reason is None:
                    reason = self._apply(desk, change)
                    self.storage.record_outcome(change.change_id, desk.id, reason)
                if reason:
                    rejected.append(Rejected(change_id=change.change_id, reason=reason))
            self.storage.save_desk(replace(current, code_consumed=True,
                                           last_sync_at=_now().isoformat(timespec="seconds")))
        changes, cursor, more = self._pull(desk, request.cursor, request.max_bytes)
        return SyncResponse(acked=[], acked_all=True, batch=request.batch, rejected=rejected, changes=changes,
                            cursor=cursor, more=more, network=desk.network)

    def _pull(self, desk: DeskInfo, cursor: int, max_bytes: int) -> tuple[list[Change], int, bool]:
        out: list[Change] = []
        size = 0
        while True:
            entries = self.storage.read_log(desk.network, cursor, 200)
            if not entries:
                return out, cursor, False
            for entry in entries:
                if entry.source_desk != desk.desk_id:  # a reinstalled desk (new id) gets its own rows back
                    change_size = entry.change.size()
                    if out and size + change_size > max_bytes:
                        return out, cursor, True
                    out.append(entry.change)
                    size += change_size
                cursor = entry.seq

    def _apply(self, desk: DeskInfo, change: Change) -> str:
        """Apply one pushed change; return "" when accepted, else the reason it was set aside."""
        if change.entity == ACCESS_ENTITY:
            return receive_entry(self.storage, desk, change)
        entity = SYNC_ENTITIES.get(change.entity)
        if entity is None:
            return f"tipo di dato sconosciuto: «{change.entity}»"
        try:
            HybridLogicalClock.parse(change.hlc)
        except ValueError:
            return "marca temporale non valida"
        if change.entity == MERGE_ENTITY:
            return self._requested_merge(desk, change)
        unknown = set(change.fields) - writable_fields(entity)
        if unknown:
            return f"campi sconosciuti per «{change.entity}»: {', '.join(sorted(unknown))}"
        network = None if change.entity in CATALOG_ENTITIES else desk.network
        row = self.storage.get_row(change.entity, change.row_id)
        if row is not None and row.network != network:
            return "la riga appartiene a un'altra rete"
        if row is None and change.entity == CONFLICT_ENTITY:
            return "segnalazione di conflitto sconosciuta"
        row = row or StoredRow(change.entity, change.row_id, network, {}, {})
        result = merge_fields(row.values, row.clocks, change.fields, change.hlc, change.base)
        values = {**row.values, **result.won}
        try:
            entity.from_columns({**values, "id": change.row_id})
        except (ValidationError, ValueError, TypeError) as exc:
            return _validation_reason(exc)
        self.clock.observe(change.hlc)
        self.storage.put_row(replace(row, values=values, clocks={**row.clocks, **result.stamps}))
        self.storage.append_log(network, desk.desk_id, change)
        if change.entity != CONFLICT_ENTITY:
            for lost in result.lost:
                self._record_conflict(network, change.entity, change.row_id, lost)
        if network is not None:
            self._after_write(network, change.entity, change.row_id, values)
        return ""

    # -- server writes --------------------------------------------------------------------------

    def _write(self, network: str | None, entity: str, row_id: str, fields: dict[str, Any]) -> None:
        """A write the server makes itself (conflict record, merge, redirect), sent to every desk."""
        row = self.storage.get_row(entity, row_id) or StoredRow(entity, row_id, network, {}, {})
        stamp = self.clock.now()
        base = {f: row.clocks[f] for f in fields if f in row.clocks}
        change = Change(change_id=uuid7(), entity=entity, row_id=row_id, fields=fields, hlc=stamp,
                        origin_desk=SERVER_NODE, base=base)
        result = merge_fields(row.values, row.clocks, fields, stamp, base)
        self.storage.put_row(replace(row, values={**row.values, **result.won},
                                     clocks={**row.clocks, **result.stamps}))
        self.storage.append_log(network, None, change)

    def _record_conflict(self, network: str | None, entity: str, row_id: str, lost: LostWrite) -> None:
        now = _now().isoformat(timespec="milliseconds")
        self._write(network, CONFLICT_ENTITY, uuid7(), {
            "entity": entity, "row_id": row_id, "field": lost.field,
            "kept_value": json.dumps(lost.kept_value, ensure_ascii=False), "kept_stamp": lost.kept_stamp,
            "lost_value": json.dumps(lost.lost_value, ensure_ascii=False), "lost_stamp": lost.lost_stamp,
            "lost_desk": lost.lost_desk, "resolved": 0, "resolution": "", "deleted": 0,
            "origin_desk": SERVER_NODE, "created_at": now,
        })

    def _after_write(self, network: str, entity: str, row_id: str, values: dict[str, Any]) -> None:
        """Keep one person per codice fiscale, and children pointing to surviving persons."""
        if entity == "person" and values.get("fiscal_code") and not values.get("deleted"):
            same = [r for r in self.storage.find_rows(network, "person", "fiscal_code", values["fiscal_code"])
                    if not r.values.get("deleted")]
            if len(same) > 1:
                survivor = min(r.row_id for r in same)
                for other in same:
                    if other.row_id != survivor:
                        self._merge_persons(network, other.row_id, survivor, "stesso codice fiscale")
        elif entity == "request":
            target = self._surviving_person(values.get("person_id"))
            if target != values.get("person_id"):
                self._write(network, "request", row_id, {"person_id": target})

    def _surviving_person(self, person_id: str | None) -> str | None:
        seen: set[str] = set()
        while person_id and person_id not in seen:
            seen.add(person_id)
            merge = self.storage.get_row(MERGE_ENTITY, person_id)
            if merge is None:
                break
            person_id = merge.values["into_id"]
        return person_id

    def _merge_persons(self, network: str, merged: str, into: str, reason: str) -> None:
        now = _now().isoformat(timespec="milliseconds")
        self._write(network, MERGE_ENTITY, merged, {
            "into_id": into, "reason": reason, "deleted": 0, "origin_desk": SERVER_NODE, "created_at": now,
        })
        self._write(network, "person", merged, {"deleted": 1})
        for child in self.storage.find_rows(network, "request", "person_id", merged):
            self._write(network, "request", child.row_id, {"person_id": into})

    def _requested_merge(self, desk: DeskInfo, change: Change) -> str:
        """A coordinator merged two persons (possible duplicates without a codice fiscale)."""
        into = change.fields.get("into_id")
        merged = self.storage.get_row("person", change.row_id)
        target = self.storage.get_row("person", into) if isinstance(into, str) else None
        if merged is None or target is None or merged.network != desk.network or target.network != desk.network:
            return "unione di persone sconosciute"
        if merged.row_id == target.row_id or self.storage.get_row(MERGE_ENTITY, merged.row_id):
            return ""
        self._merge_persons(desk.network, merged.row_id, target.row_id, str(change.fields.get("reason", "")))
        return ""


def _validation_reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        parts = []
        for error in exc.errors()[:3]:
            where = ".".join(str(p) for p in error.get("loc", ()))
            parts.append(f"{where}: {error.get('msg', '')}" if where else str(error.get("msg", "")))
        return "dati non validi (" + "; ".join(parts) + ")"
    return f"dati non validi ({exc})"
