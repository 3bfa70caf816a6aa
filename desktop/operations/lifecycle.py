"""The lifecycles of requests and referrals: which status may follow which, and when a reason is needed."""

from __future__ import annotations

from desktop.domain import labels
from desktop.domain.enums import (
    CLOSING_REFERRAL_STATUSES,
    CLOSING_REQUEST_STATUSES,
    REFERRAL_TRANSITIONS,
    REQUEST_TRANSITIONS,
    ReferralStatus,
    RequestStatus,
)
from desktop.operations.errors import TransitionError


def check_transition(current: RequestStatus | ReferralStatus, to: RequestStatus | ReferralStatus, reason: str) -> None:
    """Refuse a move the lifecycle does not allow, or a closing one without a reason."""
    if isinstance(current, RequestStatus) and isinstance(to, RequestStatus):
        allowed, closing = REQUEST_TRANSITIONS[current], CLOSING_REQUEST_STATUSES
        names: dict = labels.REQUEST_STATUS
    elif isinstance(current, ReferralStatus) and isinstance(to, ReferralStatus):
        allowed, closing = REFERRAL_TRANSITIONS[current], CLOSING_REFERRAL_STATUSES  # type: ignore[assignment]
        names = labels.REFERRAL_STATUS
    else:
        raise TypeError("statuses of different lifecycles")
    if to not in allowed:
        raise TransitionError(f"Non si può passare dallo stato «{names[current].lower()}» "
                              f"allo stato «{names[to].lower()}».")
    if to in closing and not reason.strip():
        raise TransitionError(f"Per passare allo stato «{names[to].lower()}» serve il motivo.")
