"""The desk's key file (``wpt-desk.keys`` beside the database): the database key, wrapped.

The desk database is encrypted (SQLCipher) with one random 256-bit key. That key is never stored as
such: it is wrapped once per operator (with a key derived from their password by Argon2id), once for
the desk's recovery key (printed at set-up, kept at the municipality) and, if IT turns unattended jobs
on, once for a machine key. Changing a password rewraps the key; the database is never re-encrypted.

A wrap is ``key XOR pad`` with an HMAC-SHA256 tag, where ``pad`` and the tag's key are the 64 bytes that
Argon2id derives from the secret and the wrap's own random salt (parameters stored with the wrap). Each
wrap has a new salt, so no pad ever serves twice; the tag tells a wrong password from a right one
without revealing anything. The file holds no personal data and nothing usable without a secret; it
also counts failed logins, which slow further attempts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.storage.errors import AuthenticationError, StorageError
from desktop.storage.files import KEYS_FILENAME as KEYS_FILENAME

if TYPE_CHECKING:  # the login window reads the key file before any model is needed
    from desktop.domain.models import Operator

KEY_BYTES = 32
FORMAT = 1
OPERATOR, RECOVERY, MACHINE = "operator", "recovery", "machine"
# After this many wrong passwords in a row for one name, each further attempt waits longer.
FREE_ATTEMPTS = 5
MAX_DELAY_SECONDS = 300
_CONTEXT = b"wpt-desk key wrap v1"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: ``time_cost`` passes over ``memory_kib`` KiB with ``parallelism`` lanes.

    The default is RFC 9106's second recommended setting (64 MiB, 3 passes, 4 lanes): about 0.1 s here.
    """

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


DEFAULT_KDF = KdfParams()


@dataclass
class Wrap:
    """The database key wrapped for one secret (an operator's password, the recovery key, a machine key)."""

    kind: str
    name: str  # the operator's name (login), "" for the recovery and machine keys
    operator_id: str
    salt: str
    wrapped: str
    tag: str
    kdf: dict[str, int] = field(default_factory=lambda: asdict(DEFAULT_KDF))


@dataclass
class KeyFile:
    """The key file's content. ``failures``: name (lower case) → [count, ISO time of the last failure];
    ``failed_logins``: (name, time) pairs not yet written to the access log (it is encrypted, the file not)."""

    wraps: list[Wrap] = field(default_factory=list)
    failures: dict[str, list[Any]] = field(default_factory=dict)
    failed_logins: list[list[str]] = field(default_factory=list)

    # -- reading and writing -------------------------------------------------------------------

    @staticmethod
    def path_in(folder: Path) -> Path:
        return Path(folder) / KEYS_FILENAME

    @classmethod
    def load(cls, path: Path) -> KeyFile:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise ValueError(data.get("format"))
            return cls([Wrap(**w) for w in data["wraps"]], dict(data.get("failures", {})),
                       list(data.get("failed_logins", [])))
        except FileNotFoundError:
            raise
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StorageError(f"Il file delle chiavi {path} è danneggiato o di un'altra versione: "
                               "usare la chiave di recupero con una copia integra.") from exc

    def save(self, path: Path) -> None:
        """Write atomically, readable by its owner only."""
        data = {"format": FORMAT, "wraps": [asdict(w) for w in self.wraps], "failures": self.failures,
                "failed_logins": self.failed_logins}
        partial = path.with_name(path.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, path)

    # -- wraps ---------------------------------------------------------------------------------

    def operator_wrap(self, name: str) -> Wrap | None:
        wanted = name.strip().casefold()
        return next((w for w in self.wraps if w.kind == OPERATOR and w.name.casefold() == wanted), None)

    def of_kind(self, kind: str) -> Wrap | None:
        return next((w for w in self.wraps if w.kind == kind), None)

    def put(self, wrap: Wrap) -> None:
        """Add ``wrap``, replacing the one for the same operator (or of the same kind for the others)."""
        self.wraps = [w for w in self.wraps if not _same_slot(w, wrap)] + [wrap]

    def remove_operator(self, operator_id: str) -> None:
        self.wraps = [w for w in self.wraps if not (w.kind == OPERATOR and w.operator_id == operator_id)]

    def remove_kind(self, kind: str) -> None:
        self.wraps = [w for w in self.wraps if w.kind != kind]

    # -- failed attempts -----------------------------------------------------------------------

    def wait_seconds(self, name: str, now: datetime) -> int:
        """How long ``name`` must wait before the next attempt (0: at once)."""
        count, last = self.failures.get(name.strip().casefold(), [0, ""])
        if count < FREE_ATTEMPTS or not last:
            return 0
        delay = min(MAX_DELAY_SECONDS, 2 ** (count - FREE_ATTEMPTS + 1))
        elapsed = (now - datetime.fromisoformat(last)).total_seconds()
        return max(0, int(delay - elapsed + 0.999))

    def failed(self, name: str, now: datetime) -> None:
        key = name.strip().casefold()
        count = self.failures.get(key, [0, ""])[0]
        self.failures[key] = [count + 1, now.isoformat(timespec="milliseconds")]
        self.failed_logins.append([name.strip()[:80], now.isoformat(timespec="milliseconds")])

    def succeeded(self, name: str) -> None:
        self.failures.pop(name.strip().casefold(), None)


@dataclass(frozen=True)
class UnlockedKeys:
    """The database key of an open store and its key file: what rewrapping for a new password needs."""

    path: Path
    key: bytes

    def load(self) -> KeyFile:
        return KeyFile.load(self.path)

    def set_password(self, operator: Operator, password: str, kdf: KdfParams = DEFAULT_KDF) -> None:
        check_password(password)
        key_file = self.load()
        key_file.put(wrap(self.key, password, kind=OPERATOR, name=operator.name, operator_id=operator.id,
                               kdf=kdf))
        key_file.succeeded(operator.name)
        key_file.save(self.path)

    def forget_operator(self, operator: Operator) -> None:
        key_file = self.load()
        key_file.remove_operator(operator.id)
        key_file.save(self.path)

    def set_machine_key(self, secret: str | None) -> None:
        key_file = self.load()
        key_file.remove_kind(MACHINE)
        if secret is not None:
            key_file.put(wrap(self.key, secret, kind=MACHINE))
        key_file.save(self.path)


def _same_slot(a: Wrap, b: Wrap) -> bool:
    if a.kind != b.kind:
        return False
    return a.operator_id == b.operator_id if a.kind == OPERATOR else True


def new_database_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _derive(secret: str, salt: bytes, kdf: KdfParams) -> tuple[bytes, bytes]:
    from argon2.low_level import Type, hash_secret_raw  # at the first password, not at the login window's start

    derived = hash_secret_raw(secret.encode("utf-8"), salt, time_cost=kdf.time_cost, memory_cost=kdf.memory_kib,
                              parallelism=kdf.parallelism, hash_len=2 * KEY_BYTES, type=Type.ID)
    return derived[:KEY_BYTES], derived[KEY_BYTES:]


def _tag(mac_key: bytes, kind: str, operator_id: str, wrapped: bytes) -> bytes:
    message = b"\0".join((_CONTEXT, kind.encode(), operator_id.encode(), wrapped))
    return hmac.new(mac_key, message, hashlib.sha256).digest()


def wrap(key: bytes, secret: str, *, kind: str, name: str = "", operator_id: str = "",
         kdf: KdfParams = DEFAULT_KDF) -> Wrap:
    """The database ``key`` wrapped for ``secret``."""
    salt = secrets.token_bytes(16)
    pad, mac_key = _derive(secret, salt, kdf)
    wrapped = bytes(a ^ b for a, b in zip(key, pad, strict=True))
    return Wrap(kind, name.strip(), operator_id, _b64(salt), _b64(wrapped),
                _b64(_tag(mac_key, kind, operator_id, wrapped)), asdict(kdf))


def unwrap(w: Wrap, secret: str) -> bytes | None:
    """The database key, or None when ``secret`` is not the one ``w`` was made for."""
    pad, mac_key = _derive(secret, _unb64(w.salt), KdfParams(**w.kdf))
    wrapped = _unb64(w.wrapped)
    if not hmac.compare_digest(_tag(mac_key, w.kind, w.operator_id, wrapped), _unb64(w.tag)):
        return None
    return bytes(a ^ b for a, b in zip(wrapped, pad, strict=True))


def new_recovery_key() -> str:
    """28 characters in groups of four (140 bits), easy to read aloud and type: no 0/O, 1/I."""
    raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(28))
    return "-".join(raw[i:i + 4] for i in range(0, 28, 4))


def normalize_recovery_key(text: str) -> str:
    raw = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def new_machine_key() -> str:
    return secrets.token_urlsafe(32)


def check_password(password: str) -> str:
    """A password good enough for a shared desk PC (at least 8 characters), or an AuthenticationError."""
    if len(password) < 8:
        raise AuthenticationError("La password deve avere almeno 8 caratteri.")
    return password


def utc_now() -> datetime:
    return datetime.now(UTC)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))
