"""The referrals list (Invii), with the person, service, provider and desk joined."""

from __future__ import annotations

from desktop.domain.enums import CLOSING_REFERRAL_STATUSES
from desktop.queries.keyset import Filter, ListSpec

# The FROM clause of the referrals lists (Invii, Scadenze): names joined for display and filtering.
REFERRALS_FROM = (
    "referrals f JOIN requests q ON q.id = f.request_id JOIN persons p ON p.id = q.person_id "
    "JOIN services s ON s.id = f.service_id JOIN providers v ON v.id = s.provider_id "
    "LEFT JOIN desks d ON d.id = q.desk_id"
)
REFERRALS_SELECT = (
    "f.seq, f.id, f.status, f.referred_on, f.follow_up_on, f.outcome, f.status_by, f.provider_feedback, "
    "f.received_on, q.id AS request_id, q.desk_id, "
    "q.category, p.id AS person_id, p.last_name || ' ' || p.first_name AS person_name, "
    "s.name AS service_name, v.name AS provider_name, coalesce(d.name, '') AS desk_name"
)
REFERRALS = ListSpec(
    select=REFERRALS_SELECT,
    from_=REFERRALS_FROM,
    sorts={
        "referred_on": ("f.referred_on",),
        "person": ("p.last_name COLLATE NOCASE", "p.first_name COLLATE NOCASE"),
        "service": ("s.name COLLATE NOCASE",),
        "provider": ("v.name COLLATE NOCASE",),
        "status": ("f.status",),
        "status_by": ("f.status_by",),
        "provider_feedback": ("f.provider_feedback",),
        "follow_up_on": ("coalesce(f.follow_up_on, '')",),
        "desk": ("coalesce(d.name, '')",),
    },
    base_where="f.deleted = 0 AND q.deleted = 0 AND p.deleted = 0",
    seq="f.seq",
)
OPEN = "open"  # every status that is not closing


def status_filter(status: str | None) -> Filter | None:
    """A status value, :data:`OPEN` for every non-closing one, or None for all."""
    if status == OPEN:
        names = {f"c{i}": s.value for i, s in enumerate(sorted(CLOSING_REFERRAL_STATUSES))}
        return Filter(f"f.status NOT IN ({', '.join(':' + n for n in names)})", names)
    return Filter("f.status = :status", {"status": status}) if status else None


def text_filter(text: str) -> Filter | None:
    text = text.strip()
    if not text:
        return None
    return Filter("p.last_name || ' ' || p.first_name LIKE :text OR s.name LIKE :text OR v.name LIKE :text",
                  {"text": f"%{text}%"})
