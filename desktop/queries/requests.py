"""The requests list (Richieste) and a person's requests."""

from __future__ import annotations

from desktop.domain.enums import RequestStatus
from desktop.queries.keyset import Filter, ListSpec

REQUESTS = ListSpec(
    select="q.seq, q.id, q.opened_on, q.category, q.description, q.urgency, q.status, p.id AS person_id, "
           "p.last_name || ' ' || p.first_name AS person_name",
    from_="requests q JOIN persons p ON p.id = q.person_id",
    sorts={
        "opened_on": ("q.opened_on",),
        "person": ("p.last_name COLLATE NOCASE", "p.first_name COLLATE NOCASE"),
        "category": ("q.category",),
        "description": ("q.description COLLATE NOCASE",),
        "urgency": ("q.urgency",),
        "status": ("q.status",),
    },
    base_where="q.deleted = 0 AND p.deleted = 0",
    seq="q.seq",
)
OPEN = "open"  # every status that is not closed


def open_request_statuses() -> tuple[str, ...]:
    return tuple(s.value for s in (RequestStatus.OPEN, RequestStatus.IN_PROGRESS, RequestStatus.REFERRED))


def status_filter(status: str | None) -> Filter | None:
    """One status, :data:`OPEN` for every open one, None for all."""
    if status == OPEN:
        names = {f"s{i}": s for i, s in enumerate(open_request_statuses())}
        return Filter(f"q.status IN ({', '.join(':' + n for n in names)})", names)
    return Filter("q.status = :status", {"status": status}) if status else None


def category_filter(code: str | None) -> Filter | None:
    return Filter("q.category = :category", {"category": code}) if code else None


def text_filter(text: str) -> Filter | None:
    text = text.strip()
    if not text:
        return None
    return Filter("p.last_name || ' ' || p.first_name LIKE :rtext OR q.description LIKE :rtext", {"rtext": f"%{text}%"})
