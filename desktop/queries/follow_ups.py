"""Scadenze: open referrals whose follow-up is due (today or overdue), one desk's or every desk's."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.domain.enums import CLOSING_REFERRAL_STATUSES, ReferralStatus
from desktop.queries.referrals import REFERRALS_FROM, REFERRALS_SELECT
from desktop.storage.store import Store

OVERDUE, TODAY, THIS_WEEK = "overdue", "today", "week"
_AWAITING = frozenset({ReferralStatus.PROPOSED.value, ReferralStatus.SENT.value, ReferralStatus.NO_ANSWER.value})


def follow_ups_due(
    store: Store, on: date, desk_id: str | None = None, until: date | None = None
) -> list[dict[str, Any]]:
    """Open referrals to check by ``until`` (default ``on``), most overdue first, without deleted requests or
    persons; each row has its ``group`` (overdue, today, week: compared with ``on``) and the phone numbers
    to call: the person's (``person_phone``) and the provider's (``provider_phone``); ``no_answer`` is true
    for an overdue referral the provider has not answered (no status of its own, at most a receipt): the
    escalation that goes first."""
    closing = tuple(s.value for s in CLOSING_REFERRAL_STATUSES)
    marks = ", ".join("?" for _ in closing)
    rows = store.query(
        f"SELECT {REFERRALS_SELECT}, p.phone AS person_phone, v.phone AS provider_phone FROM {REFERRALS_FROM} "
        f"WHERE f.deleted = 0 AND q.deleted = 0 AND p.deleted = 0 AND f.follow_up_on <= ? "
        f"AND f.status NOT IN ({marks}) "
        "AND (? IS NULL OR q.desk_id = ?) ORDER BY f.follow_up_on, f.seq",
        ((until or on).isoformat(), *closing, desk_id, desk_id),
    )
    today = on.isoformat()
    for row in rows:
        due = row["follow_up_on"]
        row["group"] = OVERDUE if due < today else TODAY if due == today else THIS_WEEK
        answered = bool(row["status_by"]) and row["status"] != ReferralStatus.SENT.value
        row["no_answer"] = row["group"] == OVERDUE and row["status"] in _AWAITING and not answered
    return rows
