"""Referrals: move one along its lifecycle, set its follow-up date and outcome."""

from __future__ import annotations

from datetime import date, timedelta

from desktop.domain.enums import ReferralStatus
from desktop.domain.models import Referral, Request
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import REFERRAL_NOT_FOUND, NotFoundError, OperationError
from desktop.operations.lifecycle import check_transition
from desktop.operations.restriction import refuse_if_restricted
from desktop.storage import access_log
from desktop.storage.store import Store
from sync import audit

_UNCHANGED = object()


def change_referral_status(store: Store, referral_id: str, to: ReferralStatus, reason: str = "") -> Done[Referral]:
    """Move a referral along its lifecycle; a closing status needs the reason."""
    return update_referral(store, referral_id, status=to, reason=reason)


def update_referral(
    store: Store, referral_id: str, *, status: ReferralStatus | None = None, reason: str = "",
    follow_up_on: date | None | object = _UNCHANGED, outcome: str | None = None,
) -> Done[Referral]:
    """Change a referral's status (if given and different), follow-up date and outcome, in one transaction."""
    with store.transaction():
        referral = store.get(Referral, referral_id)
        if referral is None or referral.deleted:
            raise NotFoundError(REFERRAL_NOT_FOUND)
        parent = store.get(Request, referral.request_id)
        refuse_if_restricted(store, parent.person_id if parent is not None else None)
        if status is not None and ReferralStatus(status) != ReferralStatus(referral.status):
            check_transition(ReferralStatus(referral.status), ReferralStatus(status), reason)
            referral.status = status
            referral.status_by = ""  # the desk's own status now, not the provider's
        if follow_up_on is not _UNCHANGED:
            referral.follow_up_on = follow_up_on  # type: ignore[assignment]
        if outcome is not None:
            referral.outcome = outcome
        saved = store.save(referral, reason=reason.strip())
        request = store.get(Request, referral.request_id)
        access_log.append(store, audit.UPDATE, record_kind="referral", record_id=referral_id,
                          person_id=request.person_id if request is not None else "")
    return Done(saved, Changes(referrals=True, requests=True))


def follow_up_done(store: Store, referral_id: str) -> Done[Referral]:
    """The follow-up call was made: the referral leaves the Scadenze list (its status is unchanged)."""
    return update_referral(store, referral_id, follow_up_on=None)


def postpone_follow_up(store: Store, referral_id: str, days: int = 7, today: date | None = None) -> Done[Referral]:
    """Call again in ``days`` days (from today)."""
    if not 1 <= days <= 365:
        raise OperationError("Il rinvio va da 1 a 365 giorni.")
    return update_referral(store, referral_id, follow_up_on=(today or date.today()) + timedelta(days=days))
