"""The server's sync logic: enrollment, authentication, applying pushed changes, serving pulls.

Independent of HTTP (the FastAPI app is a thin layer over it) and of the database (through
:class:`~sync.server.storage.Storage`).

What a credential can do (README "Security"): a credential belongs to one installation of one desk
and carries a role (``desk`` or ``coordinator``). Every row it reads or writes is looked up in its
own network; the catalog and taxonomy (shared by every network) change only from a coordinator or
``wpt-server catalog import``. The server, not the sender, sets who created a row and keeps when
each change arrived; stamps must be well formed, of the sender's own clock and not ahead of the
server's clock by more than the allowed skew.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import secrets
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError

from desktop.domain.entities import BY_NAME, CREATION_FIELDS, CategoryRecord, entity_of
from desktop.domain.models import MAX_NAME_CHARS, Record
from desktop.ids import REFERENCE_STAMP, HybridLogicalClock, reference_id, uuid7
from desktop.reference.catalog import sample_providers, sample_services
from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.reference.privacy import notice_records
from sync.audit import ACCESS_ENTITY
from sync.entities import CATALOG_ENTITIES, SYNC_ENTITIES, check_row, writable_fields
from sync.limits import (
    DEFAULT_CLOCK_SKEW_SECONDS,
    ENROLL_CLIENT_WINDOW_SECONDS,
    ENROLL_DESK_WINDOW_SECONDS,
    ENROLL_FAILURES_PER_CLIENT,
    ENROLL_FAILURES_PER_DESK,
    MAX_ANSWER_JSON_BYTES,
    MAX_CHANGES_PER_DESK_HOUR,
    MAX_PULL_SCAN,
    SNAPSHOT_PAGE_FACTOR,
)
from sync.merge import LostWrite, field_holders, had_seen, merge_fields
from sync.protocol import (
    CONFLICT_ENTITY,
    MERGE_ENTITY,
    SNAPSHOT_START,
    Change,
    EnrollResponse,
    Rejected,
    SnapshotTable,
    SyncRequest,
    SyncResponse,
    snapshot_change_id,
)
from sync.server.audit import receive_entry
from sync.server.compaction import compaction_floor
from sync.server.limits import SlidingWindow
from sync.server.storage import (
    ROLE_COORDINATOR,
    ROLE_DESK,
    ROLES,
    SHARED,
    Credential,
    DeskInfo,
    EnrollmentCode,
    Storage,
    StoredRow,
)
from sync.snapshot_table import TableWriter

logger = logging.getLogger("wpt.server")

SERVER_NODE = "server"
DEFAULT_CODE_HOURS = 72
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone
_CODE_LENGTH, _SELECTOR_LENGTH = 16, 4
# Every failed enrollment gets this same answer: a guess learns nothing about which codes exist.
BAD_CODE_MESSAGE = ("Codice di registrazione non valido, scaduto o già usato: chiederne uno nuovo a chi "
                    "gestisce il server della rete.")
# The keys of a catalog file and the entity of their items (the privacy notice texts travel with the catalog).
_CATALOG_KEYS = {"categories": "category", "providers": "provider", "services": "service",
                 "notices": "privacy_notice"}
CATALOG_REFUSED = "solo un coordinatore può modificare il catalogo dei servizi e le categorie"
ERASURE_ENTITY = "erasure"
NETWORK_SETTING_ENTITY = "network_setting"
NETWORK_SETTING_REFUSED = "solo un coordinatore o un amministratore può cambiare le impostazioni della rete"
ERASURE_REFUSED = "solo un coordinatore o un amministratore dello sportello può cancellare una persona"
RECTIFICATION_ENTITY = "rectification"
RECTIFICATION_NAME_REFUSED = "una rettifica porta il nome del proprio operatore, non un altro"
_ERASING_ROLES = ("coordinatore", "amministratore")
_NAME_MAX = 200
PROVIDER_ANSWER_REFUSED = "solo l'ente, sulla pagina del server, può rispondere a un invio a suo nome"


class ServerError(Exception):
    """A refusal with a stable code (for programs) and an Italian message (for people).

    Attributes:
        clock: with ``clock_ahead``, the server's clock as a stamp.
        retry_after: with ``rate_limited``, seconds to wait.
    """

    def __init__(self, code: str, message: str, status: int = 400, *, clock: str = "", retry_after: int = 0) -> None:
        super().__init__(message)
        self.code, self.message, self.status = code, message, status
        self.clock, self.retry_after = clock, retry_after


@dataclass(frozen=True)
class Principal:
    """Who is syncing: a desk, through one of its credentials."""

    desk: DeskInfo
    credential: Credential

    @property
    def name(self) -> str:
        return self.desk.name

    @property
    def network(self) -> str:
        return self.desk.network

    @property
    def desk_id(self) -> str:
        """The installation's own id: the node of its stamps and the origin of the rows it creates."""
        return self.credential.desk_id

    @property
    def role(self) -> str:
        return self.credential.role


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime | None = None) -> str:
    return (moment or _now()).isoformat(timespec="milliseconds")


def normalize_code(code: str) -> str:
    return "".join(c for c in code.upper() if c.isalnum())


def _creation_time(claimed: Any, received_at: str) -> str:
    """A row's creation time as the sender says, if it is a time and not after it arrived here."""
    if isinstance(claimed, str):
        try:
            moment = datetime.fromisoformat(claimed)
        except ValueError:
            return received_at
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        if moment <= datetime.fromisoformat(received_at):
            return claimed
    return received_at


class SyncEngine:
    """Everything the server does, over one storage.

    Args:
        clock_skew_seconds: how far ahead of the server's clock a pushed stamp may be.
        max_changes_per_hour: changes one desk may push in an hour (its budget; resends count).
    """

    def __init__(self, storage: Storage, *, clock_skew_seconds: float = DEFAULT_CLOCK_SKEW_SECONDS,
                 max_changes_per_hour: int = MAX_CHANGES_PER_DESK_HOUR) -> None:
        self.storage = storage
        # Resumed from the stamp kept in the database: after a restart the server's own writes still
        # come after every stamp it had seen (a desk whose clock ran fast included).
        self.clock = HybridLogicalClock(SERVER_NODE, storage.clock_stamp())
        self.clock_skew_ms = int(clock_skew_seconds * 1000)
        self.desk_budget = SlidingWindow(max_changes_per_hour, 3600)
        self.client_failures = SlidingWindow(ENROLL_FAILURES_PER_CLIENT, ENROLL_CLIENT_WINDOW_SECONDS)
        self.code_failures = SlidingWindow(ENROLL_FAILURES_PER_DESK, ENROLL_DESK_WINDOW_SECONDS)
        self._erased = False  # an erasure was applied in the current transaction

    # -- reference data ---------------------------------------------------------------------------

    def seed_reference(self) -> int:
        """Store the taxonomy and catalog rows every desk also seeds (same ids, oldest stamp); once."""
        records: list[Record] = [CategoryRecord.of(c, id=reference_id("category", c.code)) for c in DEFAULT_CATEGORIES]
        records += [*sample_providers(), *sample_services(), *notice_records()]
        added = 0
        with self.storage.transaction():
            for record in records:
                entity = entity_of(record)
                if self.storage.get_row(SHARED, entity.name, record.id):
                    continue
                values = entity.to_columns(record)
                fields = {f: values[f] for f in writable_fields(entity)}
                fields["origin_desk"] = None
                change = Change(change_id=f"reference:{entity.name}:{record.id}", entity=entity.name,
                                row_id=record.id, fields=fields, hlc=REFERENCE_STAMP, origin_desk=SERVER_NODE)
                self.storage.put_row(StoredRow(entity.name, record.id, SHARED, fields,
                                               {f: REFERENCE_STAMP for f in fields}))
                self.storage.append_log(None, None, change, desk=SERVER_NODE)
                added += 1
        return added

    # -- desks: codes, credentials, revocation -------------------------------------------------------

    def create_enrollment(self, name: str, network: str, hours: float = DEFAULT_CODE_HOURS, *,
                          role: str = ROLE_DESK, by: str = "") -> str:
        """Register desk ``name`` in ``network`` (created on first use); return a new one-time code.

        A new code for a known desk (a replacement PC) closes its older unused codes; whoever redeems
        it gets a new credential, and the desk's previous credentials stop working at that moment.
        A revoked credential never works again.
        """
        name, network = name.strip(), network.strip()
        if not name or not network:
            raise ServerError("invalid", "Il nome dello sportello e della rete non possono essere vuoti.")
        if len(name) > _NAME_MAX or len(network) > _NAME_MAX:
            raise ServerError("invalid", f"Il nome dello sportello e della rete non possono superare {_NAME_MAX} "
                                         "caratteri.")
        if role not in ROLES:
            raise ServerError("invalid", f"Ruolo sconosciuto «{role}»: usare {' o '.join(ROLES)}.")
        if hours < 0:
            raise ServerError("invalid", "La validità del codice non può essere negativa.")
        now = _now()
        with self.storage.transaction():
            desk = self.storage.desk_by_name(name)
            if desk is not None and desk.network != network:
                raise ServerError("invalid", f"Lo sportello «{name}» è già registrato nella rete «{desk.network}».")
            if desk is None:
                desk = DeskInfo(id=uuid7(), name=name, network=network, created_at=_iso(now))
                self.storage.save_desk(desk)
            for old in self.storage.codes_of(desk.id):
                if old.redeemed_by is None and old.closed_at is None:
                    self.storage.save_code(replace(old, closed_at=_iso(now),
                                                   closed_reason="sostituito da un nuovo codice"))
            while True:
                raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_LENGTH))
                if self.storage.code_by_selector(raw[:_SELECTOR_LENGTH]) is None:
                    break
            self.storage.save_code(EnrollmentCode(
                id=uuid7(), desk=desk.id, role=role, selector=raw[:_SELECTOR_LENGTH], code_hash=_hash(raw),
                created_at=_iso(now), created_by=by, expires_at=_iso(now + timedelta(hours=hours)),
            ))
            self.storage.add_event(_iso(now), "codice emesso", desk.name, by,
                                   f"ruolo {role}, valido {hours:g} {'ora' if hours == 1 else 'ore'}")
        return "-".join(raw[i:i + 4] for i in range(0, _CODE_LENGTH, 4))

    def redeem(self, code: str, desk_id: str, client: str = "") -> EnrollResponse:
        """Trade an enrollment code for a credential.

        The same installation may retry with the same code (its answer was lost on a cut connection)
        until its first sync; another never can. Every failure gets the same answer; failures are
        counted per client address and per code, and past the limit refused for a while.
        """
        if not self.client_failures.allows(client):
            minutes = -(-self.client_failures.retry_after(client) // 60)
            raise ServerError("rate_limited", f"Troppi tentativi di registrazione non riusciti da questo indirizzo: "
                                              f"riprovare tra {minutes} minuti.", 429,
                              retry_after=self.client_failures.retry_after(client))
        normalized = normalize_code(code)
        now = _now()
        answer: EnrollResponse | None = None
        with self.storage.transaction():
            found = self.storage.code_by_selector(normalized[:_SELECTOR_LENGTH]) if len(normalized) == _CODE_LENGTH \
                else None
            problem = self._redeem_problem(found, normalized, desk_id, now)
            desk = self.storage.desk_by_id(found.desk) if found is not None else None
            if problem or found is None or desk is None:
                self.client_failures.spend(client)
                if found is not None:
                    self.code_failures.spend(found.id)
                self.storage.add_event(_iso(now), "registrazione rifiutata", desk.name if desk else "", client,
                                       problem or "codice sconosciuto")
            else:
                for old in self.storage.credentials_of(desk.id):
                    if old.revoked_at is None:
                        reason = ("nuovo tentativo con lo stesso codice" if old.code == found.id
                                  else "sostituita dalla registrazione di una nuova installazione")
                        self.storage.save_credential(replace(old, revoked_at=_iso(now), revoked_by="registrazione",
                                                             revoked_reason=reason))
                credential = "wpt1." + secrets.token_urlsafe(32)
                self.storage.save_credential(Credential(
                    id=uuid7(), desk=desk.id, role=found.role, hash=_hash(credential), desk_id=desk_id, code=found.id,
                    issued_at=_iso(now),
                ))
                self.storage.save_code(replace(found, redeemed_by=desk_id, redeemed_at=_iso(now)))
                self.storage.add_event(_iso(now), "registrato", desk.name, client,
                                       f"installazione {desk_id}, ruolo {found.role}")
                answer = EnrollResponse(credential=credential, desk_name=desk.name, network=desk.network,
                                        role=found.role)
        if answer is None:
            raise ServerError("bad_code", BAD_CODE_MESSAGE, 403)
        return answer

    def _redeem_problem(self, found: EnrollmentCode | None, normalized: str, desk_id: str, now: datetime) -> str:
        """Why a code cannot be redeemed (for the server's event log only; the desk is told nothing)."""
        if found is None:
            return "codice sconosciuto"
        if not self.code_failures.allows(found.id):
            return "troppi tentativi errati per questo codice"
        if not hmac.compare_digest(found.code_hash, _hash(normalized)):
            return "codice errato"
        if found.closed_at:
            return f"codice annullato ({found.closed_reason})"
        if _iso(now) >= found.expires_at:
            return "codice scaduto"
        if found.redeemed_by is not None:
            if found.redeemed_by != desk_id:
                return "codice già usato da un'altra installazione"
            issued = [c for c in self.storage.credentials_of(found.desk) if c.code == found.id]
            if any(c.first_sync_at for c in issued):
                return "codice già usato"
        return ""

    def authenticate(self, credential: str | None) -> Principal:
        if not credential or len(credential) > 200:
            raise ServerError("unauthorized", "Credenziale dello sportello mancante o non valida.", 401)
        found = self.storage.credential_by_hash(_hash(credential))
        if found is None:
            raise ServerError("unauthorized", "Credenziale dello sportello non valida.", 401)
        desk = self.storage.desk_by_id(found.desk)
        if found.revoked_at or desk is None:
            raise ServerError("revoked", "Lo sportello è stato revocato sul server.", 403)
        return Principal(desk, found)

    def revoke(self, name: str, *, by: str = "", reason: str = "") -> int:
        """Revoke every credential of desk ``name`` and close its unused codes, at once; return how many
        credentials were still valid. Recorded with who and when."""
        now = _iso()
        with self.storage.transaction():
            desk = self.storage.desk_by_name(name)
            if desk is None:
                raise ServerError("unknown", f"Nessuno sportello si chiama «{name}».")
            revoked = 0
            for credential in self.storage.credentials_of(desk.id):
                if credential.revoked_at is None:
                    self.storage.save_credential(replace(credential, revoked_at=now, revoked_by=by,
                                                         revoked_reason=reason or "revocata"))
                    revoked += 1
            for code in self.storage.codes_of(desk.id):
                if code.redeemed_by is None and code.closed_at is None:
                    self.storage.save_code(replace(code, closed_at=now, closed_reason="sportello revocato"))
            self.storage.add_event(now, "revocato", desk.name, by, reason)
        logger.warning("desk revoked: %s (by %s)", desk.name, by or "?")
        return revoked

    # -- catalog ----------------------------------------------------------------------------------

    def import_catalog(self, data: Any, *, by: str = "") -> dict[str, int]:
        """Add or update categories, providers and services from ``{"categories": [...], "providers":
        [...], "services": [...]}`` (each item the fields of its record; ``id`` optional, derived from
        the code or name, so importing a file twice changes nothing). All or nothing.

        Returns:
            how many rows were added, updated and left unchanged.
        """
        if not isinstance(data, dict) or set(data) - set(_CATALOG_KEYS):
            raise ServerError("invalid", "Il file deve contenere un oggetto JSON con le chiavi «categories», "
                                         "«providers», «services» e «notices».")
        counts = {"aggiunti": 0, "aggiornati": 0, "invariati": 0}
        now = _iso()
        with self.storage.transaction():
            for key, name in _CATALOG_KEYS.items():
                items = data.get(key, [])
                if not isinstance(items, list):
                    raise ServerError("invalid", f"«{key}» deve essere un elenco.")
                for number, item in enumerate(items, start=1):
                    counts[self._import_one(key, name, number, item, now)] += 1
            self.storage.add_event(now, "catalogo importato", "", by,
                                   ", ".join(f"{v} {k}" for k, v in counts.items()))
        return counts

    def _import_one(self, key: str, name: str, number: int, item: Any, now: str) -> str:
        entity = BY_NAME[name]
        where = f"elemento {number} di «{key}»"
        if not isinstance(item, dict):
            raise ServerError("invalid", f"Catalogo non importato: {where} non è un oggetto.")
        if name == "privacy_notice":  # same id as the desks' built-in copy of that version
            row_id = str(item.get("id") or reference_id("privacy_notice", str(item.get("version", ""))))
        else:
            natural = (item.get("code") if name == "category"
                       else f"{item.get('provider_id', '')}/{item.get('name', '')}")
            row_id = str(item.get("id") or reference_id(f"catalogo-{name}", str(natural)))
        try:
            record = entity.model.model_validate({**item, "id": row_id})
        except ValidationError as exc:
            names = sorted({str(e["loc"][0]) for e in exc.errors() if e.get("loc")})
            raise ServerError("invalid", f"Catalogo non importato: {where}, campi non validi: "
                                         f"{', '.join(names) or 'dati'}.") from None
        if name == "service" and self.storage.get_row(SHARED, "provider", str(item.get("provider_id"))) is None:
            raise ServerError("invalid", f"Catalogo non importato: {where}, l'ente «{item.get('provider_id')}» "
                                         "non esiste (importarlo nello stesso file, prima dei servizi).")
        columns = entity.to_columns(record)
        existing = self.storage.get_row(SHARED, name, row_id)
        fields = {f: columns[f] for f in entity.fields}
        if existing is None:
            fields.update(origin_desk=SERVER_NODE, created_at=now)
        else:
            fields = {f: v for f, v in fields.items() if existing.values.get(f) != v}
            if not fields:
                return "invariati"
        self._write(SHARED, name, row_id, fields)
        return "aggiunti" if existing is None else "aggiornati"

    def catalog(self) -> dict[str, list[dict[str, Any]]]:
        """The shared catalog in the format :meth:`import_catalog` reads (``wpt-server catalog export``)."""
        out: dict[str, list[dict[str, Any]]] = {}
        for key, name in _CATALOG_KEYS.items():
            entity = BY_NAME[name]
            items = []
            for row in self.storage.rows_of(SHARED, name):
                record = entity.from_columns({**row.values, "id": row.row_id})
                items.append(record.model_dump(mode="json", include={"id", *entity.fields}))
            out[key] = items
        return out

    # -- sync -------------------------------------------------------------------------------------

    def sync(self, principal: Principal, request: SyncRequest) -> SyncResponse:
        """Apply the pushed batch and return what the desk has not seen yet, in one transaction."""
        self._check_clock(principal, request.changes)
        desk = principal.desk
        if request.changes and not self.desk_budget.allows(desk.id, len(request.changes)):
            wait = self.desk_budget.retry_after(desk.id)
            logger.warning("desk %s over its hourly budget of changes", desk.name)
            raise ServerError("rate_limited", f"Lo sportello ha inviato troppe modifiche nell'ultima ora: le altre "
                                              f"partiranno tra {-(-wait // 60)} minuti.", 429, retry_after=wait)
        rejected: list[Rejected] = []
        # Where the newest change accepted from this installation sits in the log, before this batch: a
        # desk that remembers less was restored from an old copy and pulls its own changes again.
        own_seq = self.storage.last_acked_seq(desk.network, principal.desk_id)
        with self.storage.transaction():
            current = self.storage.credential_by_id(principal.credential.id)
            if current is None or current.revoked_at:
                raise ServerError("revoked", "Lo sportello è stato revocato sul server.", 403)
            now = _iso()
            for change in request.changes:
                reason = self.storage.outcome(desk.id, change.change_id)
                if reason is None:
                    reason = self._apply(principal, change, now)
                    self.storage.record_outcome(desk.id, change.change_id, reason)
                if reason:
                    rejected.append(self._rejection(principal, change, reason))
            self.storage.save_credential(replace(current, first_sync_at=current.first_sync_at or now,
                                                 last_sync_at=now))
        if self._erased:
            self._erased = False
            self.storage.after_erasure()
        if request.changes:
            self.desk_budget.spend(desk.id, len(request.changes))
        snapshot = ""
        tables: list[SnapshotTable] = []
        # A cursor below what compaction dropped would replay a thinned history: the current rows instead.
        behind = not request.snapshot and 0 < request.cursor < compaction_floor(self.storage)
        if behind or (request.snapshot and (request.snapshot != SNAPSHOT_START or request.cursor == 0)):
            changes, tables, cursor, snapshot = self._snapshot(
                principal, SNAPSHOT_START if behind else request.snapshot, request.max_bytes,
                compact=request.compact_snapshot, columnar=request.columnar_snapshot)
            more = True
        else:
            changes, cursor, more = self._pull(principal, request.cursor, request.max_bytes,
                                               own_after=request.own_after)
            if 0 < request.cursor < compaction_floor(self.storage):  # compacted while this pull read the log
                changes, tables, cursor, snapshot = self._snapshot(
                    principal, SNAPSHOT_START, request.max_bytes, compact=request.compact_snapshot,
                    columnar=request.columnar_snapshot)
                more = True
        own_after_batch = self.storage.last_acked_seq(desk.network, principal.desk_id) if request.changes else own_seq
        return SyncResponse(acked=[], acked_all=True, batch=request.batch, rejected=rejected, changes=changes,
                            tables=tables, cursor=cursor, more=more, network=desk.network, snapshot=snapshot,
                            own_before=own_seq, own_seq=own_after_batch)

    def _rejection(self, principal: Principal, change: Change, reason: str) -> Rejected:
        """A set-aside change with the server's own values of the fields it wrote, which the desk rolls
        back to (a row of the sender's network only; of the shared catalog for catalog entities)."""
        entity = SYNC_ENTITIES.get(change.entity)
        row = None
        if entity is not None and change.entity != ACCESS_ENTITY:
            network = SHARED if change.entity in CATALOG_ENTITIES else principal.network
            row = self.storage.get_row(network, change.entity, change.row_id)
        if row is None or entity is None:
            return Rejected(change_id=change.change_id, reason=reason)
        names = [f for f in change.fields if f in writable_fields(entity) and f in row.values
                 and HybridLogicalClock.is_valid(row.clocks.get(f))]
        try:
            return Rejected(change_id=change.change_id, reason=reason, current={f: row.values[f] for f in names},
                            stamps={f: row.clocks[f] for f in names})
        except ValidationError:  # a value kept by an older version past today's bounds: no rollback offered
            return Rejected(change_id=change.change_id, reason=reason)

    def _check_clock(self, principal: Principal, changes: list[Change]) -> None:
        """A batch stamped ahead of the server's clock is refused whole: applied, it would win every
        later write of those fields for as long as it is ahead (and for ever if far ahead)."""
        if not changes:
            return
        newest = max(HybridLogicalClock.parse(c.hlc)[0] for c in changes)
        ahead_ms = newest - time.time_ns() // 1_000_000
        if ahead_ms > self.clock_skew_ms:
            logger.warning("desk %s: stamps %d s ahead of the server clock, batch refused", principal.name,
                           ahead_ms // 1000)
            raise ServerError(
                "clock_ahead",
                f"Data e ora dello sportello sono avanti di circa {max(1, round(ahead_ms / 60_000))} minuti rispetto "
                "al server: correggere l'orologio del computer. Le modifiche restano in attesa.",
                409, clock=self.clock.now(),
            )

    def _snapshot(self, principal: Principal, position: str, max_bytes: int, *, compact: bool = False,
                  columnar: bool = False) -> tuple[list[Change], list[SnapshotTable], int, str]:
        """One page of the network's current rows (the catalog's first, then the network's own), for a
        desk that has pulled nothing yet: a few changes per row instead of every change it ever had.

        Returns the changes (or the tables), the cursor and the position to continue from; with position
        "" the snapshot is complete and the cursor is the log position it corresponds to: every change
        after it is pulled from the log as usual. Rows written while the snapshot is under way may
        be sent twice (in the snapshot with their newest values and in the log): merging by stamps
        makes that harmless; rows created behind the position are in the log after the cursor.
        ``compact``: one change per row, its newer stamps in ``Change.stamps`` (the desk expands it into
        the same changes). ``columnar``: the same rows as tables (:mod:`sync.snapshot_table`), each counted
        as no less than it takes there, against a compact page's bytes.
        """
        if position == SNAPSHOT_START:
            horizon, part, row_id = self.storage.last_seq(), 0, ""
        else:
            seq, part_text, row_id = position.split("/")
            # Never past the log's end: a position is the desk's to send back, not to invent.
            horizon, part = min(int(seq), self.storage.last_seq()), int(part_text)
        # Parents before children (the order of SYNC_ENTITIES), so a desk seldom parks a row.
        parts = [(SHARED, name) for name in SYNC_ENTITIES if name in CATALOG_ENTITIES]
        parts += [(principal.network, name) for name in SYNC_ENTITIES if name not in CATALOG_ENTITIES]
        if compact or columnar:  # never near what a desk inflates at most
            max_bytes = min(max_bytes * SNAPSHOT_PAGE_FACTOR, MAX_ANSWER_JSON_BYTES // 4)
        out: list[Change] = []
        tables = TableWriter()
        size = scanned = 0
        while part < len(parts):
            rows = self.storage.snapshot_rows(*parts[part], row_id, 200)
            if not rows:
                part, row_id = part + 1, ""
                continue
            for row in rows:
                # A catalog row as seeded (every desk seeds the same ids and values, with the oldest stamp)
                # is not sent: the desk has it already.
                seeded = row.network == SHARED and all(c == REFERENCE_STAMP for c in row.clocks.values())
                stamps = {name: _stamp_of(row, name) for name in row.values}
                if columnar:
                    changes, row_size = [], 0 if seeded or not row.values else _columns_size(row, stamps)
                else:
                    changes = [] if seeded else _row_changes(row, compact=compact)
                    row_size = sum(c.size() for c in changes)
                if size and size + row_size > max_bytes:
                    return out, tables.tables, 0, f"{horizon}/{part}/{row_id}"
                if columnar and row_size:
                    tables.add(row.entity, row.row_id, row.values, stamps)
                out.extend(changes)
                size += row_size
                row_id = row.row_id
                scanned += 1
                if scanned >= MAX_PULL_SCAN:
                    return out, tables.tables, 0, f"{horizon}/{part}/{row_id}"
        return out, tables.tables, horizon, ""

    def _pull(self, principal: Principal, cursor: int, max_bytes: int,
              own_after: int | None = None) -> tuple[list[Change], int, bool]:
        """The log after ``cursor`` up to ``max_bytes``; a desk's own changes are left out (it has them),
        except those after ``own_after``, which a desk restored from an old copy asks for again."""
        out: list[Change] = []
        size = scanned = 0
        while True:
            entries = self.storage.read_log(principal.network, cursor, 200)
            if not entries:
                return out, cursor, False
            for entry in entries:
                # A reinstalled desk (new id) gets its own rows back; a restored one those it asks for.
                if entry.source_desk != principal.desk_id or (own_after is not None and entry.seq > own_after):
                    change_size = entry.change.size()
                    if out and size + change_size > max_bytes:
                        return out, cursor, True
                    out.append(entry.change)
                    size += change_size
                cursor = entry.seq
                scanned += 1
                if scanned >= MAX_PULL_SCAN:  # bounded work per request, even over a desk's own rows
                    return out, cursor, True

    def _apply(self, principal: Principal, change: Change, now: str) -> str:
        """Apply one pushed change; return "" when accepted, else the reason it was set aside.

        Reasons name record types and fields, never values, nor anything of another network.
        """
        if change.entity == ACCESS_ENTITY:
            return receive_entry(self.storage, principal, change)
        entity = SYNC_ENTITIES.get(change.entity)
        if entity is None:
            return f"tipo di dato sconosciuto: «{change.entity}»"
        if HybridLogicalClock.parse(change.hlc)[2] != principal.desk_id:
            return "marca temporale di un altro sportello"
        if change.entity in CATALOG_ENTITIES and principal.role != ROLE_COORDINATOR:
            logger.warning("desk %s: catalog change refused (%s)", principal.name, change.entity)
            self.storage.add_event(now, "modifica del catalogo rifiutata", principal.name, principal.name,
                                   f"{change.entity} {change.row_id}")
            return CATALOG_REFUSED
        if change.entity != ERASURE_ENTITY and self._of_erased(principal.network, change):
            return ""  # a late change of an erased person's row (an offline edit): the erasure wins
        if change.entity == MERGE_ENTITY:
            return self._requested_merge(principal, change)
        unknown = sorted(set(change.fields) - writable_fields(entity))
        if unknown:
            return f"campi sconosciuti per «{change.entity}»: {', '.join(unknown[:5])}"
        network = SHARED if change.entity in CATALOG_ENTITIES else principal.network
        row = self.storage.get_row(network, change.entity, change.row_id)
        if row is None and change.entity == CONFLICT_ENTITY:
            return "segnalazione di conflitto sconosciuta"
        forged = self._forged(principal, change, row, network)
        if forged:
            return forged
        # Who created a row and when it arrived are the server's to say: creation fields are set once,
        # from the credential; a claimed creation time is kept only if it is not after its arrival.
        fields = {k: v for k, v in change.fields.items() if k not in CREATION_FIELDS}
        if row is None:
            fields["origin_desk"] = principal.desk_id
            fields["created_at"] = _creation_time(change.fields.get("created_at"), now)
        row = row or StoredRow(change.entity, change.row_id, network, {}, {})
        result = merge_fields(row.values, row.clocks, fields, change.hlc, change.base, row.holders)
        values = {**row.values, **result.won}
        problem = check_row(entity, {**values, "id": change.row_id})
        if problem is not None:
            return problem.reason
        self.clock.observe(change.hlc)
        self.storage.save_clock(self.clock.last())
        self.storage.put_row(replace(row, values=values, clocks={**row.clocks, **result.stamps},
                                     holders=_holders(row.holders, result.holders)))
        logged = change.model_copy(update={"fields": fields, "origin_desk": principal.desk_id, "stamps": {}})
        self.storage.append_log(network or None, principal.desk_id, logged, desk=principal.name, received_at=now)
        if change.entity != CONFLICT_ENTITY:
            for lost in result.lost:
                self._record_conflict(network, change.entity, change.row_id, lost)
        if change.entity in RESTORABLE_ENTITIES and row.values:
            self._edit_meets_deletion(principal, change, row)
        if network != SHARED:
            self._after_write(network, change.entity, change.row_id, values)
        return ""

    def _edit_meets_deletion(self, principal: Principal, change: Change, before: StoredRow) -> None:
        """An edit and a deletion of the same record, neither having seen the other, become a review item
        (a conflict record on the ``deleted`` field: kept deleted, lost alive), which a coordinator may
        settle by restoring the record with the edit. Without it the edit lived on only in the tombstone.

        Either order: an edit of a record already deleted here (its desk had it alive: desks refuse to
        edit deleted records), or a deletion whose desk had not seen some write of the record (a deletion
        carries the stamps of every field its desk had, in ``base``). A merged person is not one: its
        tombstone points to the survivor.
        """
        network = before.network
        if self.storage.get_row(network, MERGE_ENTITY, change.row_id) is not None:
            return
        ignored = {"deleted", *CREATION_FIELDS}
        deleted_stamp = before.clocks.get("deleted", "")
        if before.values.get("deleted") and "deleted" not in change.fields:
            # Even a value equal to the deleted record's: its desk changed it (desks send only what they
            # changed), concurrently with a deletion that had not seen it.
            if any(f not in ignored for f in change.fields):
                self._record_conflict(network, change.entity, change.row_id, LostWrite(
                    "deleted", before.values["deleted"], deleted_stamp, 0, change.hlc))
        elif (not before.values.get("deleted") and change.fields.get("deleted")
              and set(change.base) - set(change.fields)):  # an older desk sends no such stamps: not judged
            # Every write holding a field's value counts, not only the field's stamp: of two desks writing
            # the same value, the deleting desk may have seen only its own write (the merge rule of
            # sync.merge: an equal value does not make the other write seen).
            unseen = [holder for name, stamp in before.clocks.items() if name not in ignored
                      for held in (field_holders(before.clocks, before.holders, name),)
                      for holder in held
                      if HybridLogicalClock.is_valid(holder)
                      and HybridLogicalClock.parse(holder)[2] not in (principal.desk_id, SERVER_NODE)
                      and not had_seen(holder, held, change.base.get(name, ""), stamp, change.hlc)]
            if unseen:
                self._record_conflict(network, change.entity, change.row_id, LostWrite(
                    "deleted", change.fields["deleted"], change.hlc, 0, max(unseen)))

    def _forged(self, principal: Principal, change: Change, row: StoredRow | None, network: str) -> str:
        """A write that claims to be someone else's: another desk's record, request or operator."""
        fields = change.fields
        # A provider's answer is the server's write (sync/server/providers.py): a desk may set a status of
        # its own ("" as its source), never one in a provider's name it did not get from the server.
        for entity, name in (("referral", "status_by"), ("status_change", "by_provider")):
            claimed = fields.get(name)
            if change.entity == entity and claimed not in (None, "") and claimed != (row.values.get(name)
                                                                                    if row else None):
                return PROVIDER_ANSWER_REFUSED
        operator = fields.get("operator_id")
        if operator is not None and (not isinstance(operator, str)
                                     or self.storage.get_row(network, "operator", operator) is None):
            return "operatore sconosciuto nella rete"
        if change.entity == RECTIFICATION_ENTITY and "operator_name" in fields:
            # The history names the operator the desk's credential vouches for, never another name.
            named = self.storage.get_row(network, "operator", str(operator)) if operator is not None else None
            if fields["operator_name"] != (named.values.get("name", "")[:MAX_NAME_CHARS] if named else ""):
                return RECTIFICATION_NAME_REFUSED
        if change.entity == ERASURE_ENTITY:
            eraser = self.storage.get_row(network, "operator", str(operator))
            if eraser is None or eraser.values.get("role") not in _ERASING_ROLES:
                return ERASURE_REFUSED
        if change.entity == NETWORK_SETTING_ENTITY:
            # An update names its operator only when another one made it: then the row's own is the setter.
            setter_id = operator if operator is not None else (row.values.get("operator_id") if row else None)
            setter = self.storage.get_row(network, "operator", str(setter_id))
            if setter is None or setter.values.get("role") not in _ERASING_ROLES:
                return NETWORK_SETTING_REFUSED
        if change.entity == "desk" and change.row_id != principal.desk_id and principal.role != ROLE_COORDINATOR:
            return "uno sportello può modificare solo i propri dati"
        if row is None and change.entity in ("request", "operator") and fields.get("desk_id") not in (
                None, principal.desk_id):
            return "lo sportello indicato non è quello che invia la modifica"
        return ""

    # -- server writes --------------------------------------------------------------------------

    def server_write(self, network: str, entity: str, row_id: str, fields: dict[str, Any]) -> None:
        """A change the server makes on someone's behalf (a provider's answer on the server's page): a
        change of the synced record like any other, stamped by the server's clock after every stamp of
        the fields it replaces, sent to every desk of ``network``. Call inside a storage transaction."""
        self._write(network, entity, row_id, fields)

    def _write(self, network: str, entity: str, row_id: str, fields: dict[str, Any]) -> None:
        """A write the server makes itself (conflict record, merge, redirect, catalog import), sent to
        every desk of ``network`` (of every network for the catalog)."""
        row = self.storage.get_row(network, entity, row_id) or StoredRow(entity, row_id, network, {}, {})
        # After every stamp of the fields it replaces, whatever the clocks of the desks that wrote them:
        # a merge's tombstone or re-pointing never loses against a desk whose clock ran ahead.
        for field_name in fields:
            if HybridLogicalClock.is_valid(row.clocks.get(field_name)):
                self.clock.observe(row.clocks[field_name])
        stamp = self.clock.now()
        self.storage.save_clock(stamp)
        base = {f: row.clocks[f] for f in fields if f in row.clocks}
        change = Change(change_id=uuid7(), entity=entity, row_id=row_id, fields=fields, hlc=stamp,
                        origin_desk=SERVER_NODE, base=base)
        # The server has seen every holder: what it replaces is not lost, so result.lost is ignored.
        result = merge_fields(row.values, row.clocks, fields, stamp, base, row.holders)
        self.storage.put_row(replace(row, values={**row.values, **result.won},
                                     clocks={**row.clocks, **result.stamps},
                                     holders=_holders(row.holders, result.holders)))
        self.storage.append_log(network or None, None, change, desk=SERVER_NODE, received_at=_iso())

    def _record_conflict(self, network: str, entity: str, row_id: str, lost: LostWrite) -> None:
        now = _iso()
        self._write(network, CONFLICT_ENTITY, uuid7(), {
            "entity": entity, "row_id": row_id, "field": lost.field,
            "kept_value": json.dumps(lost.kept_value, ensure_ascii=False), "kept_stamp": lost.kept_stamp,
            "lost_value": json.dumps(lost.lost_value, ensure_ascii=False), "lost_stamp": lost.lost_stamp,
            "lost_desk": lost.lost_desk, "resolved": 0, "resolution": "", "deleted": 0,
            "origin_desk": SERVER_NODE, "created_at": now,
        })

    def _of_erased(self, network: str, change: Change) -> bool:
        parents = [v for k, v in change.fields.items()
                   if k in ("person_id", "request_id", "subject_id", "row_id", "into_id") and isinstance(v, str)]
        return any(self.storage.is_erased(network, i) for i in (change.row_id, *parents))

    def _erase(self, network: str, person_id: str) -> None:
        """Apply an erasure (GDPR art. 17) to the server's own state and change history."""
        removed = self.storage.erase_person(network, person_id)
        self.storage.add_event(_iso(), "persona cancellata", "", "", f"persona {person_id}, {len(removed)} record")
        self._erased = True

    def _after_write(self, network: str, entity: str, row_id: str, values: dict[str, Any]) -> None:
        """Keep one person per codice fiscale, and children pointing to surviving persons; apply erasures."""
        if entity == ERASURE_ENTITY:
            self._erase(network, row_id)
        elif entity == "person" and values.get("fiscal_code") and not values.get("deleted"):
            same = [r for r in self.storage.find_rows(network, "person", "fiscal_code", values["fiscal_code"])
                    if not r.values.get("deleted")]
            if len(same) > 1:
                survivor = self._survivor(network, [r.row_id for r in same])
                for other in same:
                    if other.row_id != survivor:
                        self._merge_persons(network, other.row_id, survivor, "stesso codice fiscale")
        elif entity == "request":
            target = self._surviving_person(network, values.get("person_id"))
            if target != values.get("person_id"):
                self._write(network, "request", row_id, {"person_id": target})

    def _survivor(self, network: str, person_ids: list[str]) -> str:
        """Which of the live persons sharing a codice fiscale the others merge into: the one whose first
        change reached the server first (ties, never expected, by id).

        Neither stamps nor ids are used: a stamp (and a UUIDv7 id) comes from the clock of the desk that
        made the record, so a desk whose clock is a year behind would make its offline record the
        survivor and hide the one every other desk has been working on. Arrival order at the server is
        the one order no desk's clock can move, and the record that arrived first is the one with the
        history (requests, edits) the network already saw.
        """
        def arrival(person_id: str) -> tuple[int, str]:
            seq = self.storage.first_logged(network, "person", person_id)
            return (seq if seq is not None else 1 << 62, person_id)

        return min(person_ids, key=arrival)

    def _surviving_person(self, network: str, person_id: str | None) -> str | None:
        seen: set[str] = set()
        while person_id and person_id not in seen:
            seen.add(person_id)
            merge = self.storage.get_row(network, MERGE_ENTITY, person_id)
            if merge is None:
                break
            person_id = merge.values["into_id"]
        return person_id

    def _merge_persons(self, network: str, merged: str, into: str, reason: str) -> None:
        now = _iso()
        self._carry_values(network, merged, into)
        self._write(network, MERGE_ENTITY, merged, {
            "into_id": into, "reason": reason, "deleted": 0, "origin_desk": SERVER_NODE, "created_at": now,
        })
        self._write(network, "person", merged, {"deleted": 1})
        for child in self.storage.find_rows(network, "request", "person_id", merged):
            self._write(network, "request", child.row_id, {"person_id": into})

    def _carry_values(self, network: str, merged: str, into: str) -> None:
        """What only the merged person had (a phone, an address, notes) goes to the survivor; where both
        have a value and they differ, the survivor keeps its own and the other is a review item (a
        conflict record the coordinator settles). Nothing stays only on the tombstone."""
        lost_row = self.storage.get_row(network, "person", merged)
        kept_row = self.storage.get_row(network, "person", into)
        if lost_row is None or kept_row is None:
            return
        carried: dict[str, Any] = {}
        differing: list[LostWrite] = []
        for name in _CARRIED_PERSON_FIELDS:
            lost, kept = lost_row.values.get(name), kept_row.values.get(name)
            if lost in (None, "") or lost == kept:
                continue
            if kept in (None, ""):
                carried[name] = lost
            else:
                differing.append(LostWrite(name, kept, _stamp_of(kept_row, name), lost,
                                           _stamp_of(lost_row, name)))
        entity = SYNC_ENTITIES["person"]
        if carried and check_row(entity, {**kept_row.values, **carried, "id": into}) is not None:
            # Together they would not make a valid person: nothing is carried, each is offered for review.
            differing += [LostWrite(n, kept_row.values.get(n), _stamp_of(kept_row, n), v, _stamp_of(lost_row, n))
                          for n, v in carried.items()]
            carried = {}
        if carried:
            self._write(network, "person", into, carried)
        for lost_write in differing:
            self._record_conflict(network, "person", into, lost_write)

    def _requested_merge(self, principal: Principal, change: Change) -> str:
        """A coordinator merged two persons (possible duplicates without a codice fiscale)."""
        network = principal.network
        into = change.fields.get("into_id")
        merged = self.storage.get_row(network, "person", change.row_id)
        target = self.storage.get_row(network, "person", into) if isinstance(into, str) else None
        if merged is None or target is None:
            return "unione di persone sconosciute"
        if merged.row_id == target.row_id or self.storage.get_row(network, MERGE_ENTITY, merged.row_id):
            return ""
        reason = change.fields.get("reason")
        self._merge_persons(network, merged.row_id, target.row_id, reason if isinstance(reason, str) else "")
        return ""


# Records whose edit meeting a deletion becomes a review item that restores them.
RESTORABLE_ENTITIES = ("person", "request", "referral", "note")

# A person's values carried to the survivor of a merge (not the tombstone flag, nor what made them one).
_CARRIED_PERSON_FIELDS = tuple(f for f in BY_NAME["person"].fields if f not in ("deleted", "fiscal_code"))


def _stamp_of(row: StoredRow, name: str) -> str:
    stamp = row.clocks.get(name)
    return stamp if isinstance(stamp, str) and HybridLogicalClock.is_valid(stamp) else REFERENCE_STAMP


def _columns_size(row: StoredRow, stamps: dict[str, str]) -> int:
    """At least what a row takes in a columnar page, inflated (UTF-8): its id, its values, and as much as
    a stamp can take (``[63,1796193013448,99999,4999],``) for its base and for each field written later."""
    base = min(stamps.values())
    later = sum(stamp != base for stamp in stamps.values())
    values = json.dumps(list(row.values.values()), ensure_ascii=False).encode()
    return 16 + len(row.row_id) + len(values) + 32 * (1 + later)


def _row_changes(row: StoredRow, *, compact: bool = False) -> list[Change]:
    """A row as changes a desk applies with the same rules as any other, ending with the server's values
    and stamps: the first creates the row whole (every value, under the row's oldest stamp: a desk's
    table may need columns its model defaults, e.g. a foreign key), then one per newer stamp with the
    fields last written at it, under that stamp. Those values travel twice; a row written once, once.
    ``compact``: the same as one change whose ``stamps`` name the newer stamps (:meth:`Change.expanded`
    gives the changes back): each value and the row's id travel once."""
    stamps = {name: _stamp_of(row, name) for name in row.values}
    by_stamp: dict[str, dict[str, Any]] = {}
    for name, stamp in stamps.items():
        by_stamp.setdefault(stamp, {})[name] = row.values[name]
    ordered = sorted(by_stamp)
    if not ordered:
        return []
    if compact:
        newer = {name: stamp for name, stamp in stamps.items() if stamp != ordered[0]}
        return [Change(change_id=snapshot_change_id(row.row_id), entity=row.entity, row_id=row.row_id,
                       fields=dict(row.values), hlc=ordered[0], stamps=newer)]
    groups = [dict(row.values), *(by_stamp[stamp] for stamp in ordered[1:])]
    return [Change(change_id=snapshot_change_id(row.row_id, f"s{number}"), entity=row.entity, row_id=row.row_id,
                   fields=fields, hlc=stamp)
            for number, (stamp, fields) in enumerate(zip(ordered, groups, strict=True))]


def _holders(stored: dict[str, list[str]], changed: dict[str, list[str]]) -> dict[str, list[str]]:
    """A row's holders after a merge: only fields held by more than one write are stored."""
    merged = {**stored, **changed}
    return {name: stamps for name, stamps in merged.items() if len(stamps) > 1}
