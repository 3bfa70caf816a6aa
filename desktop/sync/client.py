"""The desk side of sync: enrollment and the sync cycle (httpx, no Qt; the app runs it off the GUI thread).

A cycle repeats one round trip — push a batch of the outbox, pull what is new — until the outbox is
empty and the server has nothing more. After each answer, one local transaction deletes the
acknowledged changes from the outbox, sets aside the rejected ones, applies the received ones and
moves the pull cursor: a cut connection at any point loses nothing and the next cycle resumes there
(resending a batch the server already applied only gets the same acknowledgement back).

Nothing the server sends is trusted: an answer is read only up to a byte cap (and inflated only up
to another), every received change is validated before it is stored (:mod:`desktop.sync.apply`),
and one that does not validate is parked with its reason while the cursor moves on.
"""

from __future__ import annotations

import sqlite3
import ssl
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from pydantic import BaseModel, ValidationError

from desktop import __version__
from desktop.operations.changes import Changes, changes_of_entities
from desktop.server_url import check_server_url
from desktop.storage import sync_tables
from desktop.storage.erasure import wipe_after_erasure
from desktop.storage.store import Store, utc_now
from desktop.sync.apply import apply_changes, retry_parked, roll_back_rejected
from desktop.sync.clock import TOLERANCE_MS, clock_ahead_ms, restamp_ahead
from desktop.sync.review import review_count
from sync.limits import (
    MAX_ANSWER_BYTES,
    MAX_ANSWER_JSON_BYTES,
    MAX_CHANGE_BYTES,
    MAX_CHANGES_PER_REQUEST,
    MAX_ERROR_BYTES,
)
from sync.protocol import (
    APP_VERSION_HEADER,
    DEFAULT_BATCH_BYTES,
    LATEST_APP_HEADER,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    SNAPSHOT_START,
    BodyError,
    Change,
    EnrollRequest,
    EnrollResponse,
    ErrorBody,
    ReceivedAnswer,
    Rejected,
    SyncRequest,
    inflate,
    version_tuple,
)
from sync.protocol import encode as encode_body
from sync.snapshot_table import read_tables

MAX_ROUNDS = 10_000
MIN_BATCH_BYTES = 4 * 1024
# Added to the batch after each round trip that got through (additive increase, as TCP's congestion
# window): after cuts halved it to the floor, a line that recovers is back to full batches within
# about 30 round trips instead of staying at the floor until a whole clean cycle.
BATCH_STEP_BYTES = 4 * 1024
MAX_CUTS_PER_CYCLE = 8


class SyncError(Exception):
    """Sync could not complete. ``kind``: offline, busy (the server asks to wait), revoked, unauthorized,
    protocol, server, response, setup, clock (this computer's clock is ahead of the server's)."""

    def __init__(self, kind: str, message: str, *, mid_transfer: bool = False, clock: str = "") -> None:
        super().__init__(message)
        self.kind, self.message = kind, message
        # The connection was cut after it was made: a smaller batch may get through.
        self.mid_transfer = mid_transfer
        # With kind "clock": the server's clock (a stamp).
        self.clock = clock


@dataclass
class SyncReport:
    """What one cycle did (also what ``wpt-desk sync`` prints)."""

    sent: int = 0
    acked: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    received: int = 0
    parked: int = 0
    rounds: int = 0
    bytes_up: int = 0
    bytes_down: int = 0
    pending: int = 0
    to_review: int = 0
    complete: bool = False
    erased: int = 0  # persons erased (art. 17) at another desk, removed here
    update: str = ""  # a newer version of WPT Desk the server announced ("" when none)
    erased_edits: int = 0  # of those, edited on this desk: the erasure won and the edit is gone
    # What the received changes touched, for the screens to reload.
    changes: Changes = field(default_factory=Changes)
    rolled_back: int = 0  # of the rejected changes, those undone here (back to the server's values)
    # This desk was restored from an old copy: its own later changes were pulled back from the server.
    recovered_own: bool = False


def is_enrolled(store: Store) -> bool:
    return sync_tables.sync_settings(store).enrolled


class SyncClient:
    """Talks to the server on behalf of one desk store.

    Args:
        store: the desk database.
        server: base URL (default: the one saved at enrollment).
        verify: TLS verification: True, False, or the path of a CA certificate (private CA).
        transport: an httpx transport (tests route through a fault-injecting proxy with the URL instead).
    """

    def __init__(
        self, store: Store, *, server: str | None = None, verify: bool | str | Path | None = None,
        timeout: float = 60.0, batch_bytes: int = DEFAULT_BATCH_BYTES,
        transport: httpx.BaseTransport | None = None, request_deadline: float = 180.0,
    ) -> None:
        self.store = store
        # Per read, httpx's timeout restarts with every byte: a server trickling its answer would hold a
        # cron job or the app's sync for ever. Past this many seconds a request is abandoned.
        self.request_deadline = request_deadline
        saved = sync_tables.sync_settings(store)
        self.server = (server or saved.server or "").rstrip("/")
        ca = verify if verify is not None else saved.ca_cert
        self.verify: Any = str(ca) if isinstance(ca, Path) else (ca if ca not in (None, "") else True)
        self.timeout = httpx.Timeout(timeout, connect=min(timeout, 15.0))
        remembered = saved.batch_bytes
        # A size learnt on this line (after cuts) wins over the default, never over an explicit choice;
        # it grows back towards the chosen size (the ceiling) while round trips get through.
        self.max_batch_bytes = batch_bytes
        self.batch_bytes = (min(remembered, batch_bytes) if remembered and batch_bytes == DEFAULT_BATCH_BYTES
                            else batch_bytes)
        self.transport = transport
        self._http: httpx.Client | None = None
        self.update = ""  # a newer desk version the server announced ("" when none, or not newer)

    # -- http -----------------------------------------------------------------------------------

    def _client(self) -> httpx.Client:
        try:
            verify = ssl.create_default_context(cafile=self.verify) if isinstance(self.verify, str) else self.verify
            return httpx.Client(base_url=self.server, verify=verify, timeout=self.timeout, transport=self.transport)
        except (OSError, ValueError) as exc:  # e.g. a CA certificate file that cannot be read
            raise SyncError("setup", f"Certificato del server non utilizzabile ({exc}).") from exc

    def _post(self, path: str, model: BaseModel, credential: str | None = None) -> tuple[bytes, int, int]:
        """POST a model; return the answer's JSON (read and inflated within bounds), bytes up and down."""
        if not self.server:
            raise SyncError("setup", "Sportello non registrato: usare prima «wpt-desk enroll».")
        try:  # also an address saved by an older version or written into the database by hand
            check_server_url(self.server)
        except ValueError as exc:
            raise SyncError("setup", f"Indirizzo del server non accettato: {exc}. Nulla è stato inviato.") from exc
        body = encode_body(model)
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION), APP_VERSION_HEADER: __version__,
                   "Content-Encoding": "gzip", "Content-Type": "application/json", "Accept-Encoding": "gzip"}
        if credential:
            headers["Authorization"] = f"Bearer {credential}"
        own_client = self._http is None
        client = self._client() if own_client else self._http
        assert client is not None
        expired = threading.Event()

        def abandon() -> None:
            expired.set()
            client.close()  # a blocking read on the socket fails at once

        watchdog = threading.Timer(self.request_deadline, abandon)
        watchdog.daemon = True
        watchdog.start()
        try:
            # Streamed, and abandoned past the cap: a hostile server or a man in the middle cannot make the
            # desk hold a 1 GiB answer (it holds at most MAX_ANSWER_BYTES).
            with client.stream("POST", path, content=body, headers=headers) as response:
                cap = MAX_ANSWER_BYTES if response.status_code == 200 else MAX_ERROR_BYTES
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_raw():
                    size += len(chunk)
                    if size > cap:
                        if response.status_code != 200:
                            break  # a refusal: its first bytes say enough
                        raise SyncError("response", "Risposta del server troppo grande: non letta. Le modifiche "
                                                    "restano in attesa.")
                    chunks.append(chunk)
                content = b"".join(chunks)
                down = response.num_bytes_downloaded
        except (httpx.TransportError, httpx.DecodingError, OSError, RuntimeError) as exc:
            if expired.is_set():
                if not own_client:
                    self._http = self._client()  # the abandoned one is closed; the cycle may go on
                raise SyncError("offline", f"Il server non ha completato la risposta entro "
                                           f"{self.request_deadline:g} secondi: nuovo tentativo più tardi.") from exc
            if isinstance(exc, RuntimeError):
                raise
            raise _transport_error(exc) from exc
        except ValueError as exc:  # e.g. a CA certificate file that cannot be read
            raise SyncError("setup", f"Configurazione della connessione non valida ({exc}).") from exc
        finally:
            watchdog.cancel()
            if own_client:
                client.close()
        encoding = response.headers.get("Content-Encoding", "").lower()
        try:
            raw = inflate(content, MAX_ANSWER_JSON_BYTES) if encoding == "gzip" else content
        except BodyError as exc:
            if response.status_code != 200:
                raw = b""
            elif exc.args and "troncato" in str(exc.args[0]):
                raise SyncError("offline", "Connessione interrotta durante la risposta del server.",
                                mid_transfer=True) from exc
            else:
                raise SyncError("response", f"Risposta del server non valida ({exc}).") from exc
        if encoding not in ("", "gzip", "identity") or len(raw) > MAX_ANSWER_JSON_BYTES:
            raise SyncError("response", "Risposta del server non valida: le modifiche restano in attesa.")
        if response.status_code != 200:
            raise _refusal(response.status_code, raw, response.headers.get("Retry-After", ""))
        version = response.headers.get(PROTOCOL_HEADER)
        # Not our server, or one speaking another version: nothing it says is acted upon.
        if version is None:
            raise SyncError("response", "Risposta del server non valida (non è un server WPT Desk): "
                                        "le modifiche restano in attesa.")
        if version != str(PROTOCOL_VERSION):
            raise SyncError("protocol", "Il server risponde con un'altra versione del protocollo: aggiornare "
                                        "l'applicazione o il server. Le modifiche restano in attesa.")
        announced = response.headers.get(LATEST_APP_HEADER, "")[:20]
        if (latest := version_tuple(announced)) is not None:  # anything else a server says there is ignored
            mine = version_tuple(__version__)
            self.update = announced.strip() if mine is not None and latest > mine else ""
        return raw, len(body), down

    # -- enrollment -------------------------------------------------------------------------------

    def enroll(self, code: str) -> EnrollResponse:
        """Trade a one-time code for this desk's credential and remember the server.

        Safe to repeat with the same code if the answer was lost: the server recognises this desk.
        """
        raw, _, _ = self._post("/v1/enroll", EnrollRequest(code=code.strip()[:64], desk_id=self.store.desk_id))
        try:
            answer = EnrollResponse.model_validate_json(raw)
        except ValidationError as exc:
            raise SyncError("response", "Risposta del server non valida alla registrazione.") from exc
        sync_tables.save_enrollment(
            self.store, server=self.server, credential=answer.credential, network=answer.network,
            desk_name=answer.desk_name, ca_cert=self.verify if isinstance(self.verify, str) else None,
        )
        return answer

    # -- sync ---------------------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """One full cycle. Raises SyncError (with an Italian message) when it could not finish;
        everything exchanged before the failure stays committed."""
        credential = sync_tables.sync_settings(self.store).credential
        if not credential:
            raise SyncError("setup", "Sportello non registrato: usare prima «wpt-desk enroll».")
        report = SyncReport()
        if not self.server:
            raise SyncError("setup", "Sportello non registrato: usare prima «wpt-desk enroll».")
        self._http = self._client()  # one connection for the whole cycle (no handshake per round trip)
        try:
            cuts = 0  # consecutive cuts
            restamped = False
            for _ in range(MAX_ROUNDS):
                batch = self._next_batch()
                state = sync_tables.sync_settings(self.store)
                cursor = state.cursor
                # Nothing pulled yet: ask for the network's current rows rather than its whole history
                # (resumed where it stopped after a cut: the position is saved with each page).
                snapshot = state.snapshot or (SNAPSHOT_START if cursor == 0 else "")
                request = SyncRequest(changes=batch, cursor=cursor, max_bytes=self.batch_bytes,
                                      batch=SyncRequest.digest(batch), snapshot=snapshot, compact_snapshot=True,
                                      columnar_snapshot=True,
                                      own_after=state.own_recovery[0] if state.own_recovery else None)
                try:
                    data, up, down = self._post("/v1/sync", request, credential)
                except SyncError as exc:
                    if exc.kind == "clock":
                        # Stamps from a clock that was ahead: once this computer's clock is right, stamp the
                        # pending changes again after the server's clock (once per cycle), else say so.
                        if not restamped and restamp_ahead(self.store, exc.clock):
                            restamped = True
                            continue
                        raise _clock_error(exc) from None
                    # A line that drops every transfer past some size: halve the batch (push and
                    # pull) and try again at once, down to a floor; remember the size for next time.
                    # Give up only after several cuts in a row with no round getting through.
                    if not exc.mid_transfer or cuts >= MAX_CUTS_PER_CYCLE:
                        raise
                    cuts += 1
                    self._set_batch_bytes(self.batch_bytes // 2)
                    continue
                cuts = 0
                if self.batch_bytes < self.max_batch_bytes:
                    self._set_batch_bytes(self.batch_bytes + BATCH_STEP_BYTES)  # it got through: a bit bigger
                report.rounds += 1
                report.bytes_up += up
                report.bytes_down += down
                try:
                    answer = ReceivedAnswer.model_validate_json(data)
                except ValidationError as exc:
                    raise SyncError("response", "Risposta del server non valida: le modifiche restano in "
                                                "attesa.") from exc
                progress = self._commit(batch, request.batch, answer, report, cursor, snapshot)
                if sync_tables.sync_settings(self.store).own_recovery is not None:
                    continue  # restored from an old copy: its own later changes are on their way back
                if not progress and (batch or answer.more):  # nothing acknowledged, the cursor stands still
                    raise SyncError("response", "Il server non ha confermato le modifiche inviate: riprovare più "
                                                "tardi. Le modifiche restano in attesa.")
                if not answer.more and sync_tables.outbox_count(self.store) == 0:
                    report.complete = True
                    sync_tables.record_success(self.store, utc_now())
                    break
        except SyncError as exc:
            sync_tables.record_failure(self.store, exc.message)
            raise
        finally:
            self._http.close()
            self._http = None
            report.pending = sync_tables.outbox_count(self.store)
            report.to_review = review_count(self.store)
            report.update = self.update
        return report

    def _next_batch(self) -> list[Change]:
        """The oldest outbox entries, up to the batch size in bytes (always at least one) and the
        server's count of changes per request.

        An entry no server would accept (past the protocol's bounds, e.g. written before they
        existed) is set aside here, with its reason, instead of blocking every later change.
        """
        batch: list[Change] = []
        size = 0
        last = 0
        while True:
            entries = sync_tables.outbox_after(self.store, last)
            if not entries:
                return batch
            for entry in entries:
                last = entry.seq
                try:
                    change = Change(change_id=entry.change_id, entity=entry.entity, row_id=entry.row_id,
                                    fields=entry.fields, hlc=entry.hlc, origin_desk=self.store.desk_id,
                                    base=entry.base)
                    change_size = change.size()
                    if change_size * 4 > MAX_CHANGE_BYTES and len(change.model_dump_json().encode()) > \
                            MAX_CHANGE_BYTES:
                        raise ValueError("too large for any request")
                except (ValidationError, ValueError):
                    with self.store.transaction() as conn:
                        sync_tables.set_aside_unsendable(conn, entry, "modifica fuori dai limiti del protocollo: "
                                                                      "non inviata", utc_now())
                    continue
                if batch and (size + change_size > self.batch_bytes or len(batch) >= MAX_CHANGES_PER_REQUEST):
                    return batch
                batch.append(change)
                size += change_size

    def _set_batch_bytes(self, size: int) -> None:
        ceiling = min(self.max_batch_bytes, DEFAULT_BATCH_BYTES)
        self.batch_bytes = max(min(MIN_BATCH_BYTES, ceiling), min(ceiling, size))
        sync_tables.set_batch_bytes(self.store, self.batch_bytes)

    def _commit(self, batch: list[Change], digest: str, answer: ReceivedAnswer, report: SyncReport,
                cursor: int, snapshot: str = "") -> bool:
        """Apply one answer in one local transaction; return whether anything moved (a change of ours
        acknowledged or rejected, or the pull cursor: an answer repeating the same changes at the same
        cursor moves nothing, so a server cannot keep the desk looping)."""
        sent = {c.change_id: c for c in batch}
        refused = {r.change_id for r in answer.rejected}
        # "All acknowledged" counts only for the batch it names: a stale or foreign answer acks nothing.
        acked = [i for i in sent if i not in refused] if answer.acked_all and answer.batch == digest else answer.acked
        moved = (bool(set(acked) & set(sent)) or bool(refused & set(sent)) or answer.cursor != cursor
                 or (answer.snapshot not in ("", SNAPSHOT_START) and answer.snapshot != snapshot))
        with self.store.transaction() as conn:
            for change_id in acked:
                if change_id in sent:
                    sync_tables.drop_from_outbox(conn, change_id)
                    report.acked += 1
            now = utc_now()
            rolled_back: set[str] = set()
            by_row: dict[tuple[str, str], list[tuple[Change, Rejected]]] = {}
            for item in answer.rejected:
                change = sent.get(item.change_id)
                if change is None:
                    continue
                sync_tables.set_aside(conn, change.change_id, change.entity, change.row_id,
                                      change.model_dump_json(), item.reason, now)
                report.rejected.append((item.change_id, item.reason))
                by_row.setdefault((change.entity, change.row_id), []).append((change, item))
            for (entity, row_id), items in by_row.items():
                undone = self._roll_back(conn, entity, row_id, items)
                if undone:
                    report.rolled_back += undone
                    rolled_back.add(row_id)
                    report.changes = report.changes | changes_of_entities({entity})
            if rolled_back:  # what was received before and did not fit the rejected change may fit now
                retry_parked(self.store, rows=frozenset(rolled_back))
            # A columnar snapshot page's rows are read into the compact changes they stand for, each
            # validated as any received change (one that is not valid is set aside, the rest applied).
            received = [*answer.changes, *read_tables(answer.tables)]
            applied = apply_changes(self.store, received)
            sync_tables.set_cursor(conn, self._own_recovery(conn, answer, cursor, report))
            sync_tables.set_snapshot(conn, "" if answer.snapshot == SNAPSHOT_START else answer.snapshot)
        report.sent += len(batch)
        report.received += len(received)
        report.parked = sync_tables.parked_count(self.store)
        report.changes = report.changes | changes_of_entities(applied.entities)
        if applied.erased:
            report.erased += applied.erased
            report.erased_edits += applied.erased_edits
            wipe_after_erasure(self.store)
        if answer.rejected or applied.invalid:
            report.changes = report.changes | Changes(review=True)
        return moved


    def _roll_back(self, conn: sqlite3.Connection, entity: str, row_id: str,
                   items: list[tuple[Change, Rejected]]) -> int:
        """Roll back this answer's rejected changes of one record, with those of earlier answers that
        could not go back alone; return how many were rolled back.

        Together first (see :func:`~desktop.sync.apply.roll_back_rejected`), then this answer's alone,
        then each alone. One that still cannot go back keeps the server's values and waits for the next
        rejection of its record: of two changes that only fit the server's row together, the second may
        be sent in a later round trip (small batches after cuts) or a later cycle.
        """
        waiting: list[tuple[Change, Rejected]] = []
        for _change_id, change_text, values_text in sync_tables.waiting_rollbacks(conn, entity, row_id):
            try:
                waiting.append((Change.model_validate_json(change_text), Rejected.model_validate_json(values_text)))
            except ValidationError:
                continue  # not readable (edited by hand?): it cannot be rolled back, the rest still can

        def back(group: list[tuple[Change, Rejected]]) -> bool:
            return roll_back_rejected(self.store, [(c, r.current, r.stamps) for c, r in group])

        done: list[tuple[Change, Rejected]] = []
        if waiting and back([*waiting, *items]):
            done = [*waiting, *items]
        elif back(items):
            done = list(items)
        else:
            done = [each for each in items if back([each])]
        undone = {c.change_id for c, _ in done}
        sync_tables.rolled_back(conn, [c.change_id for c, _ in waiting if c.change_id in undone])
        for change, item in items:
            if change.change_id not in undone and item.current:
                sync_tables.wait_for_rollback(conn, change.change_id, item.model_dump_json())
        return len(done)

    def _own_recovery(self, conn: sqlite3.Connection, answer: ReceivedAnswer, cursor: int, report: SyncReport) -> int:
        """Notice a desk restored from an old copy, and bring its own later changes back; return the
        cursor to keep.

        The server says where the newest change it accepted from this desk sits in its log (before the
        batch just sent). A desk that remembers an older one is a copy from before those changes (a
        backup put back under the same desk id): a pull leaves a desk's own changes out, so it would
        never see them again. It asks for its own changes after the position it remembers, from its
        cursor (the changes of that copy's time are all after it), until the cursor passes the server's
        position; applying them again is harmless (same stamps). Nothing is sent twice: the outbox of
        the old copy is resent and the server acknowledges what it already has.
        """
        state = sync_tables.sync_settings(self.store)
        recovery = state.own_recovery
        new_cursor = answer.cursor
        if recovery is None and state.own_seq is not None and answer.own_before > state.own_seq:
            recovery = (state.own_seq, answer.own_before)
            report.recovered_own = True
            new_cursor = cursor  # this answer's pull left those changes out: pull that part again
        elif recovery is not None and answer.cursor >= recovery[1]:
            recovery = None
        sync_tables.set_own_progress(conn, max(answer.own_seq, answer.own_before), recovery)
        return new_cursor


# Why the network failed, in Italian (httpx's text is English and technical); the first that matches wins.
_NETWORK_REASONS = (
    ("name or service not known", "il nome del server non si trova"),
    ("nodename nor servname", "il nome del server non si trova"),
    ("getaddrinfo", "il nome del server non si trova"),
    ("temporary failure in name resolution", "il nome del server non si trova"),
    ("connection refused", "connessione rifiutata: il server non è in ascolto"),
    ("network is unreachable", "la rete non è raggiungibile"),
    ("no route to host", "la rete non è raggiungibile"),
    ("timed out", "tempo scaduto"),
    ("reset by peer", "connessione interrotta"),
)


def _network_reason(exc: Exception) -> str:
    if isinstance(exc, httpx.TimeoutException):
        return "tempo scaduto"
    text = str(exc).lower()
    return next((said for found, said in _NETWORK_REASONS if found in text), "connessione interrotta")


def _transport_error(exc: Exception) -> SyncError:
    if isinstance(exc, httpx.DecodingError):
        return SyncError("offline", "Connessione interrotta durante la risposta del server.", mid_transfer=True)
    if "CERTIFICATE_VERIFY_FAILED" in str(exc) or "WRONG_VERSION_NUMBER" in str(exc):
        return SyncError("tls", "Il certificato del server non è valido o non è firmato dall'autorità "
                                "indicata (--ca-cert): connessione rifiutata.")
    cut = not isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout)
    return SyncError("offline", f"Server non raggiungibile: {_network_reason(exc)}.", mid_transfer=cut)


def _refusal(status: int, content: bytes, retry_after: str = "") -> SyncError:
    try:
        error = ErrorBody.model_validate_json(content)
        code, message, clock = error.code, error.message, error.clock
    except ValidationError:
        code, message, clock = "", "", ""
    if status == 426 or code.startswith("protocol"):
        if code == "protocol_server_old":
            return SyncError("protocol", message or "Il server è di una versione precedente: aggiornare il server.")
        return SyncError("protocol", message or "Versione non più accettata dal server: aggiornare l'applicazione.")
    if code == "revoked":
        return SyncError("revoked", "Questo sportello è stato revocato sul server: rivolgersi al coordinatore.")
    if code == "clock_ahead" and status == 409:
        return SyncError("clock", message or "L'orologio di questo computer è avanti rispetto al server.", clock=clock)
    if status == 401:
        return SyncError("unauthorized", "Il server non riconosce questo sportello: registrarlo di nuovo.")
    if status == 403:
        return SyncError("unauthorized", message or "Il server ha rifiutato la richiesta.")
    if status == 404:
        return SyncError("protocol", "Il server non conosce questo protocollo: aggiornare l'applicazione "
                                     "o verificare l'indirizzo del server.")
    if status == 413:
        # A batch bigger than this server takes: a smaller one may pass (as after a cut).
        return SyncError("offline", "Il server ha rifiutato un invio troppo grande: nuovo tentativo con invii "
                                    "più piccoli.", mid_transfer=True)
    if status == 429:
        wait = f" (tra circa {int(retry_after) // 60 + 1} minuti)" if retry_after.isdigit() else ""
        return SyncError("busy", (message or "Il server chiede di riprovare più tardi.") + wait)
    if status >= 500:
        return SyncError("server", f"Errore del server (HTTP {status}): riprovare più tardi.")
    return SyncError("server", message or f"Il server ha rifiutato la richiesta (HTTP {status}).")


def _clock_error(exc: SyncError) -> SyncError:
    """The server refused stamps from the future and this computer's clock is still ahead."""
    try:
        ahead = clock_ahead_ms(exc.clock)
    except ValueError:
        return exc
    if ahead <= TOLERANCE_MS:
        return exc  # this computer's clock is right: the server's own sentence says what it refused
    minutes = max(1, round(ahead / 60_000))
    return SyncError("clock", f"L'orologio di questo computer è avanti di circa {minutes} minuti rispetto al "
                              "server: correggere data e ora del computer, poi sincronizzare di nuovo. Le modifiche "
                              "restano in attesa (nulla è perso).", clock=exc.clock)
