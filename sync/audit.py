"""The access log's entries and their hash chain, shared by the desk (which writes and verifies them) and
the server (which verifies each desk's chain as it arrives and keeps it).

An entry says when, which operator at which desk did what to which record, never the personal values
themselves. Each entry carries the hash of the one before it on its desk, so a removed, reordered or
altered entry breaks the chain from there on.
"""

from __future__ import annotations

import hashlib
import json

from pydantic import BaseModel, ConfigDict, Field

ACCESS_ENTITY = "access"
GENESIS_HASH = "0" * 64

# What an entry records (the action names are stable: they are on the server for 24 months).
LOGIN, LOGIN_FAILED, LOCK, UNLOCK, LOGOUT = "login", "login_failed", "lock", "unlock", "logout"
VIEW, EDIT, TIMELINE, SLIP, EXPORT, AUDIT_VIEW = "view", "edit", "timeline", "slip", "export", "audit_view"
STATUS, NOTE = "status", "note"  # opened to change a request's or referral's status; to add a note
CREATE, UPDATE, DELETE, RESTORE, MERGE, ERASE = "create", "update", "delete", "restore", "merge", "erase"
ACTIONS = frozenset({LOGIN, LOGIN_FAILED, LOCK, UNLOCK, LOGOUT, VIEW, EDIT, TIMELINE, SLIP, EXPORT, AUDIT_VIEW,
                     STATUS, NOTE, CREATE, UPDATE, DELETE, RESTORE, MERGE, ERASE})


class AccessEntry(BaseModel):
    """One entry of a desk's access log.

    Attributes:
        n: its place in the desk's chain, from 1.
        at: when (UTC, ISO 8601).
        person_id: the person whose data was accessed ("" for a login, an export of everything...).
        record_kind, record_id: the record acted on ("person", "request", "export"...), "all" for a whole export.
        prev_hash: the hash of entry ``n - 1`` of the same desk (:data:`GENESIS_HASH` for the first).
        hash: :func:`entry_hash` of this entry.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=64)
    n: int = Field(ge=1)
    at: str = Field(min_length=1, max_length=40)
    desk_id: str = Field(min_length=1, max_length=64)
    operator_id: str = Field(default="", max_length=64)
    operator_name: str = Field(default="", max_length=200)
    action: str = Field(min_length=1, max_length=20)
    record_kind: str = Field(default="", max_length=40)
    record_id: str = Field(default="", max_length=64)
    person_id: str = Field(default="", max_length=64)
    prev_hash: str = Field(min_length=64, max_length=64)
    hash: str = Field(min_length=64, max_length=64)


_HASHED = ("id", "n", "at", "desk_id", "operator_id", "operator_name", "action", "record_kind", "record_id",
           "person_id", "prev_hash")


def entry_hash(values: dict[str, object]) -> str:
    """SHA-256 of the entry's fields (all but ``hash``) as canonical JSON."""
    canonical = json.dumps([values[name] for name in _HASHED], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def chain_problem(entry: AccessEntry, previous: AccessEntry | None) -> str:
    """Why ``entry`` does not follow ``previous`` in a desk's chain ("" when it does)."""
    if entry_hash(entry.model_dump()) != entry.hash:
        return f"la voce n. {entry.n} è stata alterata"
    if problem := sequence_problem(entry, previous):
        return problem
    if entry.prev_hash != (GENESIS_HASH if previous is None else previous.hash):
        return f"la voce n. {entry.n} non segue la voce precedente"
    return ""


def sequence_problem(entry: AccessEntry, previous: AccessEntry | None) -> str:
    """Why ``entry``'s number does not follow ``previous``'s ("" when it does)."""
    expected_n = 1 if previous is None else previous.n + 1
    if entry.n != expected_n:
        return f"manca la voce n. {expected_n}" if entry.n > expected_n else f"la voce n. {entry.n} è ripetuta"
    return ""
