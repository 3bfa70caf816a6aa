"""Read-only queries the desk screens need beyond the store's own: lists with names joined, timelines.

Functions take a :class:`Store`; they never write. Kept apart from the store so the store stays small.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain import labels
from desktop.domain.enums import CLOSING_REFERRAL_STATUSES, RequestStatus
from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.storage.store import Store

CATEGORY_LABELS = {c.code: c.label for c in DEFAULT_CATEGORIES}


def fts_match(text: str) -> str | None:
    """The FTS5 MATCH expression for words typed in a search field (each word a prefix), or None."""
    tokens = [t for t in re.split(r"[^\w]+", text.strip()) if t]
    if not tokens:
        return None
    return " ".join(f'"{t}"*' for t in tokens)


def categories(store: Store) -> list[tuple[str, str]]:
    """(code, label) of the live need categories, in taxonomy order."""
    rows = store.query("SELECT code, label FROM categories WHERE deleted = 0 ORDER BY seq")
    found = [(str(r["code"]), str(r["label"])) for r in rows]
    return found or [(c.code, c.label) for c in DEFAULT_CATEGORIES]


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a person's history: what happened on which day."""

    on: str  # ISO date or timestamp, sortable
    kind: str  # "request" | "referral" | "status" | "note"
    text: str
    subject_id: str


def person_timeline(store: Store, person_id: str) -> list[TimelineEntry]:
    """Requests, referrals, status changes and notes of a person, newest first."""
    entries: list[TimelineEntry] = []
    requests = store.query(
        "SELECT id, opened_on, category, description, status, created_at FROM requests "
        "WHERE person_id = ? AND deleted = 0",
        (person_id,),
    )
    request_ids = [r["id"] for r in requests]
    for r in requests:
        text = f"Richiesta: {CATEGORY_LABELS.get(r['category'], r['category'])}"
        if r["description"]:
            text += f" — {r['description']}"
        entries.append(TimelineEntry(f"{r['opened_on']}T{(r['created_at'] or '')[11:]}", "request", text, r["id"]))
    if not request_ids:
        return entries
    marks = ", ".join("?" for _ in request_ids)
    referrals = store.query(
        "SELECT f.id, f.referred_on, f.status, f.follow_up_on, f.created_at, s.name AS service_name "
        f"FROM referrals f JOIN services s ON s.id = f.service_id WHERE f.deleted = 0 AND f.request_id IN ({marks})",
        tuple(request_ids),
    )
    for f in referrals:
        text = f"Invio a {f['service_name']}"
        if f["follow_up_on"]:
            text += f" (verifica il {_it_date(f['follow_up_on'])})"
        entries.append(TimelineEntry(f"{f['referred_on']}T{(f['created_at'] or '')[11:]}", "referral", text, f["id"]))
    subjects = request_ids + [f["id"] for f in referrals]
    marks = ", ".join("?" for _ in subjects)
    for c in store.query(
        "SELECT subject_id, subject_type, from_status, to_status, reason, changed_at FROM status_changes "
        f"WHERE deleted = 0 AND subject_id IN ({marks})",
        tuple(subjects),
    ):
        if c["from_status"] is None:
            continue  # the creation itself is already a line
        what = "Richiesta" if c["subject_type"] == "request" else "Invio"
        text = f"{what}: {_status_label(c['to_status'])}"
        if c["reason"]:
            text += f" — {c['reason']}"
        entries.append(TimelineEntry(str(c["changed_at"]), "status", text, c["subject_id"]))
    marks = ", ".join("?" for _ in request_ids)
    for n in store.query(
        f"SELECT id, noted_on, kind, text, created_at FROM notes WHERE deleted = 0 AND request_id IN ({marks})",
        tuple(request_ids),
    ):
        entries.append(TimelineEntry(f"{n['noted_on']}T{(n['created_at'] or '')[11:]}", "note", f"Nota: {n['text']}",
                                     n["id"]))
    entries.sort(key=lambda e: e.on, reverse=True)
    return entries


def _it_date(iso: str) -> str:
    year, month, day = iso[:10].split("-")
    return f"{day}/{month}/{year}"


def _status_label(value: str) -> str:
    for table in (labels.REQUEST_STATUS, labels.REFERRAL_STATUS):
        for status, label in table.items():
            if status.value == value:
                return label
    return value


def requests_of_person(store: Store, person_id: str) -> list[dict[str, Any]]:
    return store.query(
        "SELECT * FROM requests WHERE person_id = ? AND deleted = 0 ORDER BY opened_on DESC, seq DESC", (person_id,)
    )


# The FROM clause of the referrals lists (Invii, Scadenze): names joined for display and filtering.
REFERRALS_FROM = (
    "referrals f JOIN requests q ON q.id = f.request_id JOIN persons p ON p.id = q.person_id "
    "JOIN services s ON s.id = f.service_id JOIN providers v ON v.id = s.provider_id "
    "LEFT JOIN desks d ON d.id = q.desk_id"
)
REFERRALS_SELECT = (
    "f.seq, f.id, f.status, f.referred_on, f.follow_up_on, f.outcome, q.id AS request_id, q.desk_id, "
    "q.category, p.id AS person_id, p.last_name || ' ' || p.first_name AS person_name, "
    "s.name AS service_name, v.name AS provider_name, coalesce(d.name, '') AS desk_name"
)


def follow_ups_due(store: Store, on: date, desk_id: str | None = None) -> list[dict[str, Any]]:
    """Open referrals to check by ``on`` (today and overdue), with names; one desk's or every desk's.

    The selection of :meth:`Store.follow_ups_due`, without deleted requests or persons, with what the
    Scadenze screen shows.
    """
    closing = tuple(s.value for s in CLOSING_REFERRAL_STATUSES)
    marks = ", ".join("?" for _ in closing)
    return store.query(
        f"SELECT {REFERRALS_SELECT} FROM {REFERRALS_FROM} "
        f"WHERE f.deleted = 0 AND q.deleted = 0 AND p.deleted = 0 AND f.follow_up_on <= ? "
        f"AND f.status NOT IN ({marks}) "
        "AND (? IS NULL OR q.desk_id = ?) ORDER BY f.follow_up_on, f.seq",
        (on.isoformat(), *closing, desk_id, desk_id),
    )


def desks(store: Store) -> list[tuple[str, str]]:
    """(id, name) of the desks known to this replica."""
    return [(str(r["id"]), str(r["name"])) for r in store.query(
        "SELECT id, name FROM desks WHERE deleted = 0 ORDER BY name COLLATE NOCASE")]


def catalog(
    store: Store, category: str | None = None, provider_kind: str | None = None, municipality_code: str | None = None
) -> list[dict[str, Any]]:
    """Live services with their provider, filtered by category, provider kind and municipality covered."""
    rows = store.services_covering(category, municipality_code)
    return [r for r in rows if provider_kind is None or r["provider_kind"] == provider_kind]


def open_request_statuses() -> tuple[str, ...]:
    return tuple(s.value for s in (RequestStatus.OPEN, RequestStatus.IN_PROGRESS, RequestStatus.REFERRED))
