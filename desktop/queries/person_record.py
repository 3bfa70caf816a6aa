"""Every read of one person's record, one function per kind of read.

Opening a person's card, editing it, showing their history, printing a slip about them: each goes
through a function here, and each such function passes :func:`_accessed`, the one place where an
access log (who looked at whom, when, why) hooks in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain import labels
from desktop.domain.models import Desk, Person, Provider, Referral, Request, Service
from desktop.operations.errors import PERSON_NOT_FOUND, NotFoundError
from desktop.queries.reference import CATEGORY_LABELS
from desktop.storage import access_log
from desktop.storage.store import Store, utc_now
from desktop.translation import N_, Translate, italian
from sync.audit import EDIT, EXPORT, NOTE, SLIP, STATUS, TIMELINE, VIEW

__all__ = ["EDIT", "NOTE", "SLIP", "STATUS", "TIMELINE", "VIEW"]


def _accessed(store: Store, person_id: str, purpose: str) -> None:
    """Every read of a person's record passes here (``purpose``: view, edit, timeline, slip): one entry of
    the access log."""
    # Who read it and when, even if the entry is written a moment later (after a write in progress).
    at, operator = utc_now(), store.operator
    store.write_soon(lambda: access_log.append(
        store, purpose, record_kind="person", record_id=person_id, person_id=person_id, at=at,
        operator_id=operator.id if operator else None, operator_name=operator.name if operator else None))


def _live_person(store: Store, person_id: str) -> Person | None:
    person = store.get(Person, person_id)
    return person if person is not None and not person.deleted else None


def person_for_view(store: Store, person_id: str) -> Person | None:
    """The person's card (None if deleted or merged away)."""
    person = _live_person(store, person_id)
    if person is not None:
        _accessed(store, person_id, VIEW)
    return person


def person_for_edit(store: Store, person_id: str) -> Person | None:
    """The person's values, to edit them."""
    person = _live_person(store, person_id)
    if person is not None:
        _accessed(store, person_id, EDIT)
    return person


def request_for_status(store: Store, request_id: str) -> Request | None:
    """A live request, to change its status."""
    request = store.get(Request, request_id)
    if request is None or request.deleted:
        return None
    _accessed(store, request.person_id, STATUS)
    return request


def referral_for_status(store: Store, referral_id: str) -> Referral | None:
    """A live referral, to change its status, follow-up date and outcome."""
    referral = store.get(Referral, referral_id)
    request = store.get(Request, referral.request_id) if referral is not None and not referral.deleted else None
    if referral is None or request is None:
        return None
    _accessed(store, request.person_id, STATUS)
    return referral


def request_to_refer(store: Store, subject_kind: str, subject_id: str) -> tuple[Request, Person] | None:
    """The live request (and its person) that a new referral would join: ``subject_id`` is the request's id,
    or with ``subject_kind`` "referral" the id of one of its referrals. None if either is gone."""
    if subject_kind == "referral":
        referral = store.get(Referral, subject_id)
        if referral is None or referral.deleted:
            return None
        subject_id = referral.request_id
    request = store.get(Request, subject_id)
    person = _live_person(store, request.person_id) if request is not None and not request.deleted else None
    if request is None or person is None:
        return None
    _accessed(store, person.id, VIEW)
    return request, person


def subject_title(store: Store, kind: str, record_id: str) -> tuple[str, str]:
    """Who and what a request or referral is about, for a dialog's title: the person's "Surname Name" and
    the service (a referral) or the category's label (a request); ("", "") if gone. Read after an access
    already logged."""
    if kind == "referral":
        rows = store.query(
            "SELECT p.last_name || ' ' || p.first_name AS who, s.name AS what FROM referrals f "
            "JOIN requests q ON q.id = f.request_id JOIN persons p ON p.id = q.person_id "
            "JOIN services s ON s.id = f.service_id WHERE f.id = ?", (record_id,))
        return (rows[0]["who"], rows[0]["what"]) if rows else ("", "")
    rows = store.query(
        "SELECT p.last_name || ' ' || p.first_name AS who, q.category AS what FROM requests q "
        "JOIN persons p ON p.id = q.person_id WHERE q.id = ?", (record_id,))
    return (rows[0]["who"], CATEGORY_LABELS.get(rows[0]["what"], rows[0]["what"])) if rows else ("", "")


def requests_for_note(store: Store, person_id: str) -> list[dict[str, Any]]:
    """A person's live requests, newest first, to add a note to one of them."""
    _accessed(store, person_id, NOTE)
    return store.query(
        "SELECT * FROM requests WHERE person_id = ? AND deleted = 0 ORDER BY opened_on DESC, seq DESC", (person_id,)
    )


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One line of a person's history: what happened on which day.

    ``subject_kind`` is what the line is about ("request", "referral", "note", "rectification"),
    ``subject_id`` its id.
    """

    on: str  # ISO date or timestamp, sortable
    kind: str  # "request" | "referral" | "status" | "note" | "rectification"
    text: str
    subject_id: str
    subject_kind: str


def person_timeline(store: Store, person_id: str, translate: Translate = italian) -> list[TimelineEntry]:
    """Requests, referrals, status changes, notes and rectifications of a person, newest first; the lines'
    words through ``translate`` (context "Timeline", the labels "Vocabulary"), Italian by default."""
    _accessed(store, person_id, TIMELINE)

    def t(source: str, **values: str) -> str:
        return translate("Timeline", source).format(**values)

    def v(text: str) -> str:
        return translate("Vocabulary", text)

    entries: list[TimelineEntry] = []
    requests = store.query(
        "SELECT id, opened_on, category, description, status, created_at FROM requests "
        "WHERE person_id = ? AND deleted = 0",
        (person_id,),
    )
    request_ids = [r["id"] for r in requests]
    for r in requests:
        text = t(N_("Timeline", "Richiesta: {category}"), category=v(CATEGORY_LABELS.get(r["category"], r["category"])))
        if r["description"]:
            text += f" — {r['description']}"
        entries.append(TimelineEntry(f"{r['opened_on']}T{(r['created_at'] or '')[11:]}", "request", text, r["id"],
                                     "request"))
    for c in store.query("SELECT id, rectified_at, operator_name, changed_fields FROM rectifications "
                         "WHERE person_id = ? AND deleted = 0", (person_id,)):
        text = t(N_("Timeline", "Dati anagrafici rettificati: {fields}"),
                 fields=labels.person_fields(json.loads(c["changed_fields"]), v))
        if c["operator_name"]:
            text += t(N_("Timeline", " (operatore: {operator})"), operator=c["operator_name"])
        entries.append(TimelineEntry(str(c["rectified_at"]), "rectification", text, c["id"], "rectification"))
    if not request_ids:
        entries.sort(key=lambda e: e.on, reverse=True)
        return entries
    marks = ", ".join("?" for _ in request_ids)
    referrals = store.query(
        "SELECT f.id, f.referred_on, f.status, f.follow_up_on, f.created_at, f.provider_feedback, f.received_on, "
        "s.name AS service_name "
        f"FROM referrals f JOIN services s ON s.id = f.service_id WHERE f.deleted = 0 AND f.request_id IN ({marks})",
        tuple(request_ids),
    )
    for f in referrals:
        text = t(N_("Timeline", "Invio a {service}"), service=f["service_name"])
        if f["follow_up_on"]:
            text += t(N_("Timeline", " (verifica il {day})"), day=_it_date(f["follow_up_on"]))
        if f["received_on"]:
            text += t(N_("Timeline", "; ricevuto dal servizio il {day}"), day=_it_date(f["received_on"]))
        if f["provider_feedback"]:
            text += t(N_("Timeline", " — nota dell'ente: {note}"), note=f["provider_feedback"])
        entries.append(TimelineEntry(f"{f['referred_on']}T{(f['created_at'] or '')[11:]}", "referral", text, f["id"],
                                     "referral"))
    subjects = request_ids + [f["id"] for f in referrals]
    marks = ", ".join("?" for _ in subjects)
    for c in store.query(
        "SELECT subject_id, subject_type, from_status, to_status, reason, changed_at, by_provider FROM status_changes "
        f"WHERE deleted = 0 AND subject_id IN ({marks})",
        tuple(subjects),
    ):
        if c["from_status"] is None:
            continue  # the creation itself is already a line
        status = v(_status_label(c["to_status"]))
        text = (t(N_("Timeline", "Richiesta: {status}"), status=status) if c["subject_type"] == "request"
                else t(N_("Timeline", "Invio: {status}"), status=status))
        if c["by_provider"]:
            text += t(N_("Timeline", " (dall'ente {provider})"), provider=c["by_provider"])
        if c["reason"]:
            text += f" — {c['reason']}"
        entries.append(TimelineEntry(str(c["changed_at"]), "status", text, c["subject_id"], c["subject_type"]))
    marks = ", ".join("?" for _ in request_ids)
    for n in store.query(
        f"SELECT id, noted_on, kind, text, created_at FROM notes WHERE deleted = 0 AND request_id IN ({marks})",
        tuple(request_ids),
    ):
        entries.append(TimelineEntry(f"{n['noted_on']}T{(n['created_at'] or '')[11:]}", "note",
                                     t(N_("Timeline", "Nota: {text}"), text=n["text"]), n["id"], "note"))
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


@dataclass(frozen=True)
class SlipData:
    """What a referral slip shows: who, to which service of which provider, sent by which desk."""

    person: Person
    referral: Referral
    service: Service
    provider: Provider
    desk: Desk
    operator_name: str
    printed_on: date


def slip_data(store: Store, referral_id: str) -> SlipData:
    """The slip of a referral (raises NotFoundError if the referral or what it points to is gone)."""
    referral = store.get(Referral, referral_id)
    request = store.get(Request, referral.request_id) if referral is not None else None
    service = store.get(Service, referral.service_id) if referral is not None else None
    person = store.get(Person, request.person_id) if request is not None else None
    provider = store.get(Provider, service.provider_id) if service is not None else None
    if referral is None or service is None or person is None or provider is None:
        raise NotFoundError("L'invio non è più completo su questo sportello: la scheda non si può preparare.")
    _accessed(store, person.id, SLIP)
    return SlipData(person, referral, service, provider, store.desk(), store.current_operator().name, date.today())


def access_export_data(store: Store, person_id: str) -> dict[str, Any]:
    """Everything the desk holds about a person, for their access request (GDPR art. 15) and portability
    (art. 20): the person's data, requests, referrals with their status history, notes, consents, the
    rectifications of their data, the services and providers the data went to, the legal bases, the notice
    version, and this desk's access log of the record. A restricted person's data are included: access is
    the citizen's own right.

    Raises:
        NotFoundError: no such person on this desk (or erased).
    """
    person = store.get(Person, person_id)
    if person is None:
        raise NotFoundError(PERSON_NOT_FOUND)
    from desktop.reference.municipalities import name_of
    from desktop.reference.privacy import (
        BY_VERSION,
        CONSENT_METHOD_TEXT,
        CONSENT_PURPOSE_TEXT,
        LEGAL_BASIS_TEXT,
        SPECIAL_BASIS_TEXT,
    )

    def clean(row: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in row.items() if k not in ("seq", "clocks", "updated_at")}

    def history(subject_id: str) -> list[dict[str, Any]]:
        return store.query("SELECT from_status, to_status, reason, changed_at FROM status_changes "
                           "WHERE subject_id = ? AND deleted = 0 ORDER BY changed_at, seq", (subject_id,))

    requests = [clean(r) for r in store.query(
        "SELECT * FROM requests WHERE person_id = ? AND deleted = 0 ORDER BY opened_on, seq", (person_id,))]
    referrals: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    recipients: dict[str, dict[str, Any]] = {}
    for request in requests:
        request["category_label"] = CATEGORY_LABELS.get(request["category"], request["category"])
        request["history"] = history(request["id"])
        for f in store.query(
            "SELECT f.*, s.name AS service_name, p.name AS provider_name, p.id AS provider_id FROM referrals f "
            "JOIN services s ON s.id = f.service_id JOIN providers p ON p.id = s.provider_id "
            "WHERE f.request_id = ? AND f.deleted = 0 ORDER BY f.referred_on, f.seq", (request["id"],),
        ):
            item = clean(f)
            item["history"] = history(f["id"])
            referrals.append(item)
            recipients[f["service_id"]] = {"service": f["service_name"], "provider": f["provider_name"]}
        notes += [clean(n) for n in store.query(
            "SELECT * FROM notes WHERE request_id = ? AND deleted = 0 ORDER BY noted_on, seq", (request["id"],))]
    consents = [
        {**clean(c), "purpose_label": CONSENT_PURPOSE_TEXT.get(c["purpose"], c["purpose"]),
         "method_label": CONSENT_METHOD_TEXT.get(c["method"], c["method"])}
        for c in store.query("SELECT * FROM consents WHERE person_id = ? AND deleted = 0 ORDER BY given_on, seq",
                             (person_id,))
    ]
    desks = {r["id"]: r["name"] for r in store.query("SELECT id, name FROM desks")}
    # The history of the person's rectifications (art. 16): when, who, which fields (never the old values).
    rectifications = []
    for r in store.query("SELECT * FROM rectifications WHERE person_id = ? AND deleted = 0 ORDER BY rectified_at, seq",
                         (person_id,)):
        names = json.loads(r["changed_fields"])
        rectifications.append({
            "rectified_at": r["rectified_at"], "operator_id": r["operator_id"], "operator": r["operator_name"],
            "desk": desks.get(r["origin_desk"] or "", r["origin_desk"]), "fields": names,
            "field_labels": [labels.PERSON_FIELD.get(n, n) for n in names]})
    accesses = [
        {"at": e.at, "operator": e.operator_name, "desk": desks.get(e.desk_id, e.desk_id), "action": e.action}
        for e in access_log.entries(store, person_id=person_id)
    ]
    values = person.model_dump(mode="json")
    notice = BY_VERSION.get(person.notice_version)
    data = {
        "format": "wpt-desk-access-export/1",
        "generated_at": utc_now(),
        "controller_desk": store.desk().name,
        "person": {**values, "municipality": name_of(person.municipality_code) or None,
                   "birthplace": name_of(person.birthplace_code) or None},
        "legal_basis": {
            "art6": person.legal_basis, "art6_text": LEGAL_BASIS_TEXT.get(str(person.legal_basis), ""),
            "art9": person.special_category_basis,
            "art9_text": SPECIAL_BASIS_TEXT.get(str(person.special_category_basis), ""),
        },
        "privacy_notice": {"given_on": values["privacy_notice_on"], "version": person.notice_version,
                           "text": notice.summary if notice else ""},
        "restricted": person.restricted,
        "consents": consents,
        "rectifications": rectifications,
        "requests": requests,
        "referrals": referrals,
        "notes": notes,
        "recipients": sorted(recipients.values(), key=lambda r: (r["provider"], r["service"])),
        "access_log": accesses,
    }
    _accessed(store, person_id, EXPORT)
    return data
