"""Providers (Enti) on the central server: their accesses, and their answers to the referrals sent to them.

A coordinator gives a provider of the catalog an access for one network (``wpt-server provider-access``):
a one-time invitation URL (random token, kept as a SHA-256 hash, expiring) where the provider sets a
password (kept as an Argon2id hash). Logged in, the provider sees only the referrals sent to its own
services in that network, and answers them: each answer is a change of the synced referral (status,
who set it, the provider's note, the outcome) and a status change record, written by the server with
its own clock stamp, so it reaches every desk of the network at its next sync and merges with the
desks' offline edits by the same rules as any change (:mod:`sync.merge`).

A provider without an access confirms receipt with the referral's code and the person's birth date
(rate-limited). Nothing here logs or answers with personal data: refusals are one Italian sentence.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError, model_validator

from desktop.domain.entities import BY_NAME
from desktop.domain.enums import CLOSING_REFERRAL_STATUSES, LegalBasis, ReferralStatus
from desktop.domain.labels import LEGAL_BASIS
from desktop.domain.models import StatusChange
from desktop.domain.referral_code import normalize, referral_code
from desktop.ids import uuid7
from desktop.reference.categories import DEFAULT_CATEGORIES
from sync.entities import check_row, writable_fields
from sync.server.engine import SERVER_NODE, ServerError, SyncEngine
from sync.server.limits import SlidingWindow
from sync.server.storage import SHARED, ProviderAccess, ProviderSession, StoredRow

PUBLIC_URL_SETTING = "public_url"
INVITE_HOURS = 72
SESSION_HOURS = 8
MIN_PASSWORD, MAX_PASSWORD = 10, 200
MAX_NOTE_CHARS = 1000
LOGIN_FAILURES, LOGIN_WINDOW_SECONDS = 10, 15 * 60
CODE_TRIES, CODE_WINDOW_SECONDS = 5, 15 * 60
INVITE_PATH = "/enti/invito/"
_LOGIN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"

BAD_LOGIN = "Nome utente o password non corretti."
BAD_INVITE = "Invito non valido, scaduto o già usato: chiederne uno nuovo a chi coordina la rete."
BAD_CODE = "Codice o data di nascita non corrispondono a nessun invio."
NOT_FOUND = "Invio non trovato."

# The answers a provider gives on its page, by the value of the form's button.
ACTIONS: dict[str, ReferralStatus | None] = {
    "presa_in_carico": ReferralStatus.TAKEN_IN_CHARGE,
    "rifiuto": ReferralStatus.REFUSED_BY_SERVICE,
    "conclusione": ReferralStatus.COMPLETED,
    # No status of its own: the referral closes as the person's renunciation, with this reason.
    "non_presentata": ReferralStatus.WITHDRAWN_BY_PERSON,
    "nota": None,  # only the note for the desk
}
REFUSAL_REASONS = {
    "non_idoneo": "non idoneo",
    "nessuna_disponibilita": "nessuna disponibilità",
    "non_raggiungibile": "persona non raggiungibile",
    "altro": "altro",
}
NO_SHOW = "la persona non si è presentata"
RECEIVED_REASON = "ricevuto dal servizio (conferma con il codice dell'invio)"
OPEN_STATUSES = frozenset(s.value for s in ReferralStatus) - {s.value for s in CLOSING_REFERRAL_STATUSES} | {
    ReferralStatus.NO_ANSWER.value}
_AWAITING_ANSWER = frozenset({ReferralStatus.PROPOSED.value, ReferralStatus.SENT.value,
                              ReferralStatus.NO_ANSWER.value})

_CATEGORY_LABELS = {c.code: c.label for c in DEFAULT_CATEGORIES}
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NOTE_CHARS)]


class ProviderAnswer(BaseModel):
    """One answer from the provider page's form (every field bounded; unknown fields ignored)."""

    model_config = ConfigDict(extra="ignore")

    action: Literal["presa_in_carico", "rifiuto", "conclusione", "non_presentata", "nota"]
    reason: Literal["", "non_idoneo", "nessuna_disponibilita", "non_raggiungibile", "altro"] = ""
    outcome: Note = ""
    note: Note = ""

    @model_validator(mode="after")
    def _complete(self) -> ProviderAnswer:
        if self.action == "rifiuto" and not self.reason:
            raise ValueError("indicare il motivo del rifiuto")
        if self.action == "conclusione" and not self.outcome:
            raise ValueError("indicare l'esito")
        if self.action == "nota" and not self.note:
            raise ValueError("scrivere la nota")
        return self


class ReceiptConfirmation(BaseModel):
    """The code path's form: the referral's code and the person's birth date."""

    model_config = ConfigDict(extra="ignore")

    code: Annotated[str, StringConstraints(strip_whitespace=True, max_length=30)]
    birth_date: date


def answer_problem(exc: ValidationError) -> str:
    """One Italian sentence for an invalid form (never echoing what was typed)."""
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    for error in errors:
        message = str(error.get("msg", ""))
        if message.startswith("Value error, "):
            return message.removeprefix("Value error, ").capitalize() + "."
    fields = {str(e["loc"][0]) for e in errors if e.get("loc")}
    if fields & {"outcome", "note"}:
        return f"Il testo può avere al massimo {MAX_NOTE_CHARS} caratteri."
    if "birth_date" in fields:
        return "Data di nascita non valida: usare il formato AAAA-MM-GG."
    return "Dati del modulo non validi."


@dataclass(frozen=True)
class ReferralView:
    """What a provider sees of one referral: only what it needs to act on it (data minimisation)."""

    id: str
    code: str
    service: str
    referred_on: str
    follow_up_on: str
    status: str
    status_by: str
    person_name: str
    contact: str
    need: str
    legal_basis: str
    feedback: str
    outcome: str
    received_on: str


@dataclass(frozen=True)
class StalledReferral:
    network: str
    provider: str
    code: str
    service: str
    follow_up_on: str
    status: str
    received_on: str


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime | None = None) -> str:
    return (moment or _now()).isoformat(timespec="milliseconds")


def _sha(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_public_url(url: str) -> str:
    """The server's public address (what invitation links start with), or a ServerError in one sentence."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        port_ok, parts = False, urlsplit("")
    if (len(url) > 300 or parts.scheme not in ("http", "https") or not parts.hostname or not port_ok
            or parts.username or parts.password or parts.query or parts.fragment
            or any(c.isspace() for c in url)):
        raise ServerError("invalid", "Indirizzo pubblico non valido: usare un indirizzo http:// o https:// "
                                     "senza credenziali né parametri, es. https://wpt.esempio.it.")
    return url.rstrip("/")


class Providers:
    """Providers' accesses and answers, over the engine's storage (and its clock for the server's writes)."""

    def __init__(self, engine: SyncEngine) -> None:
        self.engine = engine
        self.storage = engine.storage
        self.hasher = PasswordHasher()  # Argon2id, the library's recommended parameters
        self.login_failures = SlidingWindow(LOGIN_FAILURES, LOGIN_WINDOW_SECONDS)
        self.code_tries = SlidingWindow(CODE_TRIES, CODE_WINDOW_SECONDS)
        self._dummy = self.hasher.hash(secrets.token_urlsafe(16))

    # -- the coordinator's commands --------------------------------------------------------------

    def public_url(self) -> str:
        url = self.storage.setting(PUBLIC_URL_SETTING)
        if not url:
            raise ServerError("invalid", "Manca l'indirizzo pubblico del server: impostarlo con "
                                         "wpt-server settings public-url URL.")
        return url

    def set_public_url(self, url: str) -> str:
        checked = check_public_url(url)
        with self.storage.transaction():
            self.storage.save_setting(PUBLIC_URL_SETTING, checked)
        return checked

    def _network_of(self, network: str | None) -> str:
        networks = sorted({d.network for d in self.storage.list_desks()})
        if network is None:
            if len(networks) != 1:
                raise ServerError("invalid", "Indicare la rete con --network (reti: "
                                             f"{', '.join(networks) or 'nessuna'}).")
            return networks[0]
        if network.strip() not in networks:
            raise ServerError("invalid", f"La rete «{network.strip()}» non ha sportelli registrati.")
        return network.strip()

    def invite(self, provider_id: str, network: str | None = None, *, by: str = "",
               hours: float = INVITE_HOURS) -> tuple[ProviderAccess, str]:
        """A new one-time invitation for the provider's access in ``network`` (created on first use);
        returns the access and the invitation URL. An older unused invitation stops working."""
        if not 0 < hours <= 24 * 30:
            raise ServerError("invalid", "La validità dell'invito va da pochi minuti a 30 giorni.")
        provider = self.storage.get_row(SHARED, "provider", provider_id.strip())
        if provider is None or provider.values.get("deleted"):
            raise ServerError("invalid", f"Ente sconosciuto «{provider_id.strip()[:64]}»: gli id degli enti sono "
                                         "in wpt-server catalog export.")
        url = self.public_url()
        network = self._network_of(network)
        token = secrets.token_urlsafe(24)
        now = _now()
        with self.storage.transaction():
            found = [a for a in self.storage.provider_accesses(provider.row_id, network) if a.revoked_at is None]
            access = found[-1] if found else ProviderAccess(
                id=uuid7(), provider_id=provider.row_id, network=network, name=str(provider.values.get("name", "")),
                login=self._new_login(), created_at=_iso(now), created_by=by)
            access = replace(access, invite_hash=_sha(token), invite_expires_at=_iso(now + timedelta(hours=hours)))
            self.storage.save_provider_access(access)
            self.storage.add_event(_iso(now), "accesso ente: invito", "", by,
                                   f"ente {provider.row_id}, rete {network}, valido {hours:g} ore")
        return access, f"{url}{INVITE_PATH}{token}"

    def _new_login(self) -> str:
        while True:
            login = "ente-" + "".join(secrets.choice(_LOGIN_ALPHABET) for _ in range(6))
            if self.storage.provider_access(login=login) is None:
                return login

    def revoke(self, provider_id: str, network: str | None = None, *, by: str = "") -> int:
        """Revoke the provider's access in ``network`` at once (its sessions end); how many were revoked."""
        network = self._network_of(network)
        now = _iso()
        count = 0
        with self.storage.transaction():
            for access in self.storage.provider_accesses(provider_id.strip(), network):
                if access.revoked_at is None:
                    self.storage.save_provider_access(replace(access, revoked_at=now, invite_hash=None))
                    self.storage.end_provider_sessions(access_id=access.id)
                    count += 1
            self.storage.add_event(now, "accesso ente: revoca", "", by, f"ente {provider_id.strip()[:64]}, "
                                                                        f"rete {network}")
        return count

    # -- invitation, login, session ----------------------------------------------------------------

    def invitation(self, token: str) -> ProviderAccess | None:
        """The access an invitation token opens, if it is valid (unused, not expired, not revoked)."""
        if not token or len(token) > 100:
            return None
        access = self.storage.provider_access(invite_hash=_sha(token))
        if (access is None or access.revoked_at or not access.invite_expires_at
                or _iso() >= access.invite_expires_at):
            return None
        return access

    def set_password(self, token: str, password: str, repeated: str) -> ProviderAccess:
        """Use the invitation: set the password (the invitation stops working)."""
        if password != repeated:
            raise ServerError("invalid", "Le due password non coincidono.")
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise ServerError("invalid", f"La password deve avere da {MIN_PASSWORD} a {MAX_PASSWORD} caratteri.")
        with self.storage.transaction():
            access = self.invitation(token)
            if access is None:
                raise ServerError("bad_invite", BAD_INVITE, 403)
            access = replace(access, password_hash=self.hasher.hash(password), invite_hash=None,
                             invite_expires_at=None)
            self.storage.save_provider_access(access)
            self.storage.end_provider_sessions(access_id=access.id)
            self.storage.add_event(_iso(), "accesso ente: password impostata", "", access.login,
                                   f"ente {access.provider_id}, rete {access.network}")
        return access

    def log_in(self, login: str, password: str, client: str) -> str:
        """A new session token, or a refusal; failures are counted per client address and per login."""
        login = login.strip().lower()[:64]
        for key in (f"client:{client}", f"login:{login}"):
            if not self.login_failures.allows(key):
                minutes = -(-self.login_failures.retry_after(key) // 60)
                raise ServerError("rate_limited", f"Troppi tentativi di accesso non riusciti: riprovare tra "
                                                  f"{minutes} minuti.", 429,
                                  retry_after=self.login_failures.retry_after(key))
        access = self.storage.provider_access(login=login) if login else None
        usable = access is not None and bool(access.password_hash) and not access.revoked_at
        # An unknown or unusable login costs the same hash as a known one: the time tells nothing.
        stored = access.password_hash if usable and access is not None and access.password_hash else self._dummy
        try:
            verified = self.hasher.verify(stored, password[:MAX_PASSWORD]) and usable
        except (VerificationError, InvalidHashError):
            verified = False
        if not verified or access is None:
            self.login_failures.spend(f"client:{client}")
            self.login_failures.spend(f"login:{login}")
            raise ServerError("bad_login", BAD_LOGIN, 403)
        token = secrets.token_urlsafe(32)
        now = _now()
        with self.storage.transaction():
            self.storage.end_provider_sessions(expired_before=_iso(now))
            self.storage.save_provider_session(ProviderSession(
                token_hash=_sha(token), access_id=access.id, created_at=_iso(now),
                expires_at=_iso(now + timedelta(hours=SESSION_HOURS))))
            self.storage.save_provider_access(replace(access, last_login_at=_iso(now)))
        return token

    def session(self, token: str | None) -> ProviderAccess | None:
        if not token or len(token) > 100:
            return None
        session = self.storage.provider_session(_sha(token))
        if session is None or _iso() >= session.expires_at:
            return None
        access = self.storage.provider_access(access_id=session.access_id)
        return access if access is not None and not access.revoked_at else None

    def log_out(self, token: str | None) -> None:
        if token and len(token) <= 100:
            with self.storage.transaction():
                self.storage.end_provider_sessions(token_hash=_sha(token))

    # -- what a provider sees -------------------------------------------------------------------------

    def _services(self, provider_id: str) -> dict[str, str]:
        return {r.row_id: str(r.values.get("name", "")) for r in self.storage.rows_of(SHARED, "service")
                if r.values.get("provider_id") == provider_id}

    def _view(self, network: str, referral: StoredRow, service: str) -> ReferralView:
        values = referral.values
        request = self.storage.get_row(network, "request", str(values.get("request_id")))
        person = (self.storage.get_row(network, "person", str(request.values.get("person_id")))
                  if request is not None else None)
        p = person.values if person is not None else {}
        category = str(request.values.get("category", "")) if request is not None else ""
        basis = p.get("legal_basis") or LegalBasis.PUBLIC_TASK.value
        try:
            basis_label = LEGAL_BASIS[LegalBasis(basis)]
        except ValueError:
            basis_label = str(basis)
        return ReferralView(
            id=referral.row_id, code=referral_code(referral.row_id), service=service,
            referred_on=str(values.get("referred_on") or ""), follow_up_on=str(values.get("follow_up_on") or ""),
            status=str(values.get("status", "")), status_by=str(values.get("status_by") or ""),
            person_name=f"{p.get('first_name', '')} {p.get('last_name', '')}".strip(),
            contact=str(p.get("phone") or p.get("email") or ""),
            need=_CATEGORY_LABELS.get(category, category), legal_basis=basis_label,
            feedback=str(values.get("provider_feedback") or ""), outcome=str(values.get("outcome") or ""),
            received_on=str(values.get("received_on") or ""),
        )

    def _accessed(self, access: ProviderAccess, what: str) -> None:
        """Who read which referrals, when (accountability, GDPR art. 5(2)): ids only, no personal data."""
        with self.storage.transaction():
            self.storage.add_event(_iso(), "accesso ente: consultazione", "", access.login,
                                   f"ente {access.provider_id}, rete {access.network}, {what}")

    def referrals(self, access: ProviderAccess) -> list[ReferralView]:
        """The live referrals sent to the access's provider's services in its network, newest first."""
        self._accessed(access, "elenco degli invii")
        services = self._services(access.provider_id)
        rows = [r for r in self.storage.rows_of(access.network, "referral")
                if r.values.get("service_id") in services and not r.values.get("deleted")]
        rows.sort(key=lambda r: (str(r.values.get("referred_on") or ""), r.row_id), reverse=True)
        return [self._view(access.network, r, services[str(r.values["service_id"])]) for r in rows]

    def _own_referral(self, access: ProviderAccess, referral_id: str) -> tuple[StoredRow, str]:
        """The referral if it is the provider's in its network; the same refusal whatever the reason."""
        services = self._services(access.provider_id)
        row = self.storage.get_row(access.network, "referral", referral_id[:64]) if referral_id else None
        if row is None or row.values.get("deleted") or row.values.get("service_id") not in services:
            raise ServerError("not_found", NOT_FOUND, 404)
        return row, services[str(row.values["service_id"])]

    def referral(self, access: ProviderAccess, referral_id: str) -> ReferralView:
        row, service = self._own_referral(access, referral_id)
        self._accessed(access, f"invio {row.row_id}")
        return self._view(access.network, row, service)

    # -- answers ------------------------------------------------------------------------------------

    def answer(self, access: ProviderAccess, referral_id: str, answer: ProviderAnswer) -> ReferralView:
        """Apply a provider's answer as a change of the synced referral, with its status change record."""
        with self.storage.transaction():
            row, service = self._own_referral(access, referral_id)
            if self._restricted(access.network, row):
                raise ServerError("restricted", "Il trattamento dei dati di questa persona è limitato: "
                                                "contattare lo sportello.", 409)
            current = str(row.values.get("status", ""))
            to = ACTIONS[answer.action]
            fields: dict[str, Any] = {}
            reason = ""
            if to is not None and to.value != current:
                if current not in OPEN_STATUSES:
                    raise ServerError("closed", "L'invio è già chiuso: per riaprirlo contattare lo sportello.", 409)
                reason = {"rifiuto": REFUSAL_REASONS.get(answer.reason, ""), "non_presentata": NO_SHOW,
                          "conclusione": "concluso dal servizio"}.get(answer.action, "preso in carico dal servizio")
                if answer.note and answer.action == "rifiuto":
                    reason = f"{reason}: {answer.note}"
                fields.update(status=to.value, status_by=access.name)
            if answer.outcome and answer.action == "conclusione":
                fields["outcome"] = answer.outcome
            if answer.note:
                fields["provider_feedback"] = answer.note
            if not fields:
                return self._view(access.network, row, service)
            self._write_referral(access.network, row, fields, current, reason, access.name)
            self.storage.add_event(_iso(), "invio aggiornato dall'ente", "", access.login,
                                   f"invio {row.row_id}: {fields.get('status', 'nota')}")
            updated = self.storage.get_row(access.network, "referral", row.row_id) or row
        return self._view(access.network, updated, service)

    def _restricted(self, network: str, referral: StoredRow) -> bool:
        request = self.storage.get_row(network, "request", str(referral.values.get("request_id")))
        person = self.storage.get_row(network, "person", str(request.values.get("person_id"))) if request else None
        return bool(person is not None and person.values.get("restricted"))

    def _write_referral(self, network: str, row: StoredRow, fields: dict[str, Any], from_status: str,
                        reason: str, by: str) -> None:
        """The referral's new values (checked with the desks' own model first) and, for a new status, its
        history record: who (the provider's access), when, why."""
        referral = BY_NAME["referral"]
        if check_row(referral, {**row.values, **fields, "id": row.row_id}) is not None:
            raise ServerError("invalid", "Dati non validi per questo invio.")
        self.engine.server_write(network, "referral", row.row_id, fields)
        if "status" in fields:
            entity = BY_NAME["status_change"]
            record = StatusChange(subject_type="referral", subject_id=row.row_id, from_status=from_status or None,
                                  to_status=fields["status"], reason=reason, changed_at=_now(), by_provider=by,
                                  origin_desk=SERVER_NODE, created_at=_now())
            columns = entity.to_columns(record)
            self.engine.server_write(network, "status_change", record.id,
                                     {f: columns[f] for f in writable_fields(entity)})

    # -- the code path (no access needed) -----------------------------------------------------------

    def confirm_receipt(self, confirmation: ReceiptConfirmation, client: str) -> ReferralView:
        """Mark "ricevuto dal servizio" the referral with this code, if the birth date is the person's.

        Every try counts against the client's address (and every code tried): a wrong guess learns only
        that this pair does not match."""
        code = normalize(confirmation.code)
        for key in (f"client:{client}", f"code:{code}"):
            if not self.code_tries.allows(key):
                minutes = -(-self.code_tries.retry_after(key) // 60)
                raise ServerError("rate_limited", f"Troppi tentativi: riprovare tra {minutes} minuti.", 429,
                                  retry_after=self.code_tries.retry_after(key))
        self.code_tries.spend(f"client:{client}")
        if code:
            self.code_tries.spend(f"code:{code}")
        with self.storage.transaction():
            found = next((r for r in self.storage.rows_in("referral", None)
                          if code and not r.values.get("deleted") and referral_code(r.row_id) == code), None)
            person = None
            if found is not None:
                request = self.storage.get_row(found.network, "request", str(found.values.get("request_id")))
                person = (self.storage.get_row(found.network, "person", str(request.values.get("person_id")))
                          if request is not None else None)
            if (found is None or person is None
                    or person.values.get("birth_date") != confirmation.birth_date.isoformat()):
                raise ServerError("bad_code", BAD_CODE, 403)
            service = self.storage.get_row(SHARED, "service", str(found.values.get("service_id")))
            provider = (self.storage.get_row(SHARED, "provider", str(service.values.get("provider_id")))
                        if service is not None else None)
            provider_name = str(provider.values.get("name", "")) if provider is not None else "servizio"
            fields: dict[str, Any] = {}
            current = str(found.values.get("status", ""))
            if not found.values.get("received_on"):
                fields["received_on"] = date.today().isoformat()
            if current == ReferralStatus.PROPOSED.value:
                fields.update(status=ReferralStatus.SENT.value, status_by=provider_name)
            if fields:
                self._write_referral(found.network, found, fields, current, RECEIVED_REASON, provider_name)
                self.storage.add_event(_iso(), "invio ricevuto dal servizio", "", provider_name,
                                       f"rete {found.network}, invio {found.row_id}")
            updated = self.storage.get_row(found.network, "referral", found.row_id) or found
            name = str(service.values.get("name", "")) if service is not None else ""
        return replace(self._view(found.network, updated, name), person_name="", contact="")

    # -- escalation -----------------------------------------------------------------------------------

    def stalled(self, today: date | None = None) -> list[StalledReferral]:
        """Referrals past their follow-up date with no answer from the provider, by provider."""
        day = (today or date.today()).isoformat()
        services = {r.row_id: r.values for r in self.storage.rows_of(SHARED, "service")}
        providers = {r.row_id: str(r.values.get("name", "")) for r in self.storage.rows_of(SHARED, "provider")}
        found = []
        for row in self.storage.rows_in("referral", None):
            v = row.values
            # A provider's answer is a status it set; only confirming receipt (status "inviato") is none.
            answered = bool(v.get("status_by")) and v.get("status") != ReferralStatus.SENT.value
            if (row.network == SHARED or v.get("deleted") or not v.get("follow_up_on")
                    or str(v["follow_up_on"]) >= day or v.get("status") not in _AWAITING_ANSWER or answered):
                continue
            service = services.get(str(v.get("service_id")), {})
            found.append(StalledReferral(
                network=row.network, provider=providers.get(str(service.get("provider_id")), "?"),
                code=referral_code(row.row_id), service=str(service.get("name", "")),
                follow_up_on=str(v["follow_up_on"]), status=str(v.get("status", "")),
                received_on=str(v.get("received_on") or "")))
        found.sort(key=lambda s: (s.network, s.provider, s.follow_up_on, s.code))
        return found


def same_secret(a: str, b: str) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))
