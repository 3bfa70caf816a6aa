"""The indicators of a period, computed from plain rows (dicts with the columns named below).

Rules (the same on a desk and on the server):

- Tombstoned rows do not count. A person merged into another (``merges``: merged id → surviving id,
  followed to the end of a chain) counts as the survivor; a request whose person is deleted, and not
  merged into a living person, does not count, nor do its referrals. A person with requests at two
  desks is one person served (persons are counted by id, after merges).
- A request belongs to the period when ``opened_on`` is in it (both ends included); a referral when
  ``referred_on`` is. Filters (desks, municipality of residence, category) apply to requests, and to
  referrals through their request.
- New persons: served in the period, and their first living request ever (any desk, any category) was
  opened in it.
- Persons by age band (age at the period's last day) and sex: each person served once.
- Referrals by status and outcome: the status today. The funnel counts the referrals that reached each
  stage (proposto → inviato → preso in carico → concluso) by their status history and current status;
  drop-outs are the referrals closed without completion, by closing status (free-text reasons are
  never aggregated: they may hold personal data).
- Days from "inviato" to "preso in carico": calendar days between the first change to each status in the
  history, over the period's referrals that have both.
- Follow-ups overdue at the end of the period: living referrals made by then whose follow-up date is on
  or before the period's last day and that were still open at its end (status as of that day, from the
  history).

Columns read: persons ``id, birth_date, sex, municipality_code, deleted``; requests ``id, person_id,
desk_id, opened_on, channel, category, user_area, urgency, status, deleted``; referrals ``id, request_id,
service_id, referred_on, status, follow_up_on, deleted``; referral status changes ``subject_id,
from_status, to_status, changed_at, deleted``; services ``id, name, provider_id``; providers ``id,
kind``; desks ``id, name``. Dates are ISO text (or ``date``), ``changed_at`` an ISO timestamp.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from desktop.domain.enums import (
    CLOSING_REFERRAL_STATUSES,
    Channel,
    ProviderKind,
    ReferralStatus,
    RequestStatus,
    Sex,
    Urgency,
    UserArea,
)
from desktop.reference import municipalities
from desktop.reference.categories import DEFAULT_CATEGORIES

Row = Mapping[str, Any]

NOT_GIVEN = "non indicato"
AGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("0-17", 0, 17), ("18-34", 18, 34), ("35-49", 35, 49), ("50-64", 50, 64),
    ("65-74", 65, 74), ("75-84", 75, 84), ("85+", 85, 200),
)
FUNNEL_STAGES: tuple[ReferralStatus, ...] = (
    ReferralStatus.PROPOSED, ReferralStatus.SENT, ReferralStatus.TAKEN_IN_CHARGE, ReferralStatus.COMPLETED,
)
DROP_OUT_STATUSES: tuple[ReferralStatus, ...] = (
    ReferralStatus.REFUSED_BY_SERVICE, ReferralStatus.WITHDRAWN_BY_PERSON, ReferralStatus.NO_ANSWER,
)
# The outcome of a referral, grouped from its status (keys of ``referrals.by_outcome``).
OUTCOMES: dict[str, tuple[ReferralStatus, ...]] = {
    "positivo": (ReferralStatus.COMPLETED,),
    "in corso": (ReferralStatus.PROPOSED, ReferralStatus.SENT, ReferralStatus.TAKEN_IN_CHARGE),
    "non accolto": (ReferralStatus.REFUSED_BY_SERVICE,),
    "rinuncia": (ReferralStatus.WITHDRAWN_BY_PERSON,),
    "senza risposta": (ReferralStatus.NO_ANSWER,),
}
_STAGE = {s.value: i for i, s in enumerate(FUNNEL_STAGES)}
# A status that implies a stage was reached even without its history row.
_IMPLIED_STAGE = {ReferralStatus.NO_ANSWER.value: 1}
_CLOSING = frozenset(s.value for s in CLOSING_REFERRAL_STATUSES)


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("la data finale precede quella iniziale")

    def months(self) -> list[str]:
        out, year, month = [], self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out


@dataclass(frozen=True)
class Filters:
    """Which requests count: ``desk_ids`` None for every desk; municipality of residence; category code."""

    desk_ids: frozenset[str] | None = None
    municipality_code: str | None = None
    category: str | None = None


@dataclass
class ReportRows:
    """The rows a report is computed from (see the module docstring for the columns)."""

    persons: Iterable[Row] = ()
    requests: Iterable[Row] = ()
    referrals: Iterable[Row] = ()
    referral_status_changes: Iterable[Row] = ()
    services: Iterable[Row] = ()
    providers: Iterable[Row] = ()
    desks: Iterable[Row] = ()
    merges: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Indicators:
    """Raw figures (``figures``, the shape of the JSON) and the counts that are not published but can be
    derived from published ones (``latent``: referrals stopped at each funnel stage, returning persons),
    which disclosure control must protect too."""

    figures: dict[str, Any]
    latent: dict[str, dict[str, int]]


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _moment(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _live(row: Row) -> bool:
    return not row.get("deleted")


def _resolver(persons: dict[str, Row], merges: Mapping[str, str]) -> dict[str, str | None]:
    """Each person id → the living person it counts as (None when deleted and not merged)."""
    resolved: dict[str, str | None] = {}

    def resolve(person_id: str) -> str | None:
        seen = []
        current: str | None = person_id
        while current is not None and current in merges and current not in seen:
            seen.append(current)
            current = merges[current]
        person = persons.get(current) if current is not None else None
        return current if person is not None and _live(person) else None

    for person_id in set(persons) | set(merges):
        resolved[person_id] = resolve(person_id)
    return resolved


def _age_band(birth: date | None, on: date) -> str:
    if birth is None:
        return NOT_GIVEN
    age = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    return next((name for name, low, high in AGE_BANDS if low <= age <= high), NOT_GIVEN)


def _zeros(keys: Iterable[str]) -> Counter[str]:
    return Counter(dict.fromkeys(keys, 0))


def _percentile(values: list[int], q: float) -> float | None:
    """Linear interpolation between closest ranks (numpy's default), None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 1)


def _status_history(changes: Iterable[Row]) -> dict[str, list[tuple[datetime, str | None, str]]]:
    history: dict[str, list[tuple[datetime, str | None, str]]] = defaultdict(list)
    for change in changes:
        if _live(change):
            history[change["subject_id"]].append(
                (_moment(change["changed_at"]), change.get("from_status"), change["to_status"]))
    for entries in history.values():
        entries.sort(key=lambda e: e[0])
    return history


def _status_on(current: str, entries: list[tuple[datetime, str | None, str]], day: date) -> str:
    """A referral's status at the end of ``day``, from its history (its current one without history)."""
    if not entries:
        return current
    before = [e for e in entries if e[0].date() <= day]
    if before:
        return before[-1][2]
    return entries[0][1] or entries[0][2]


def _furthest_stage(current: str, entries: list[tuple[datetime, str | None, str]]) -> int:
    stages = [_STAGE.get(current, _IMPLIED_STAGE.get(current, 0))]
    for _, old, new in entries:
        stages += [_STAGE.get(new, _IMPLIED_STAGE.get(new, 0)), _STAGE.get(old or "", 0)]
    return max(stages)


def _days_to_taken_in_charge(entries: list[tuple[datetime, str | None, str]]) -> int | None:
    sent = next((e[0] for e in entries if e[2] == ReferralStatus.SENT.value), None)
    taken = next((e[0] for e in entries if e[2] == ReferralStatus.TAKEN_IN_CHARGE.value), None)
    if sent is None or taken is None or taken < sent:
        return None
    return (taken.date() - sent.date()).days


def compute(rows: ReportRows, period: Period, filters: Filters | None = None) -> Indicators:
    """The indicators of ``period`` for the requests ``filters`` select (every desk by default)."""
    filters = filters or Filters()
    persons = {p["id"]: p for p in rows.persons}
    resolve = _resolver(persons, rows.merges)
    desk_names = {d["id"]: d["name"] for d in rows.desks}
    services = {s["id"]: s for s in rows.services}
    provider_kinds = {p["id"]: p["kind"] for p in rows.providers}

    def desk_name(desk_id: str | None) -> str:
        return desk_names.get(desk_id or "", NOT_GIVEN)

    # Requests that count (living, with a living person after merges), and each person's first request.
    first_request: dict[str, date] = {}
    counted: dict[str, tuple[Row, str, date]] = {}  # request id → (row, person id, opened on)
    for request in rows.requests:
        if not _live(request):
            continue
        person_id = resolve.get(request["person_id"])
        if person_id is None:
            continue
        opened = _day(request["opened_on"])
        assert opened is not None
        if opened < first_request.get(person_id, date.max):
            first_request[person_id] = opened
        counted[request["id"]] = (request, person_id, opened)

    def selected(request: Row, person_id: str) -> bool:
        if filters.desk_ids is not None and request.get("desk_id") not in filters.desk_ids:
            return False
        if filters.category and request["category"] != filters.category:
            return False
        return not (filters.municipality_code and persons[person_id].get("municipality_code")
                    != filters.municipality_code)

    in_scope = {rid: v for rid, v in counted.items() if selected(v[0], v[1])}
    in_period = [v for v in in_scope.values() if period.start <= v[2] <= period.end]

    by_category = _zeros(c.code for c in DEFAULT_CATEGORIES)
    by_user_area = _zeros([*(a.value for a in UserArea), NOT_GIVEN])
    by_channel = _zeros(c.value for c in Channel)
    by_urgency = _zeros(u.value for u in Urgency)
    by_status = _zeros(s.value for s in RequestStatus)
    by_month = _zeros(period.months())
    by_municipality: Counter[str] = Counter()
    by_desk: Counter[str] = Counter()
    served: set[str] = set()
    served_by_desk: dict[str, set[str]] = defaultdict(set)
    for request, person_id, opened in in_period:
        served.add(person_id)
        by_category[request["category"]] += 1
        by_user_area[request.get("user_area") or NOT_GIVEN] += 1
        by_channel[request["channel"]] += 1
        by_urgency[request["urgency"]] += 1
        by_status[request["status"]] += 1
        by_month[opened.strftime("%Y-%m")] += 1
        by_municipality[municipalities.name_of(persons[person_id].get("municipality_code")) or NOT_GIVEN] += 1
        name = desk_name(request.get("desk_id"))
        by_desk[name] += 1
        served_by_desk[name].add(person_id)

    new = {p for p in served if period.start <= first_request[p] <= period.end}
    by_age = _zeros([*(b[0] for b in AGE_BANDS), NOT_GIVEN])
    by_sex = _zeros([*(s.value for s in Sex), NOT_GIVEN])
    for person_id in served:
        person = persons[person_id]
        by_age[_age_band(_day(person.get("birth_date")), period.end)] += 1
        by_sex[person.get("sex") or NOT_GIVEN] += 1

    # Referrals.
    history = _status_history(rows.referral_status_changes)
    ref_status = _zeros(s.value for s in ReferralStatus)
    ref_service: Counter[str] = Counter()
    ref_kind = _zeros(k.value for k in ProviderKind)
    ref_desk: Counter[str] = Counter()
    reached = [0] * len(FUNNEL_STAGES)
    stopped = [0] * len(FUNNEL_STAGES)
    days: list[int] = []
    overdue = 0
    overdue_by_desk: Counter[str] = Counter()
    for referral in rows.referrals:
        if not _live(referral) or referral["request_id"] not in in_scope:
            continue
        request = in_scope[referral["request_id"]][0]
        referred = _day(referral["referred_on"])
        assert referred is not None
        entries = history.get(referral["id"], [])
        follow_up = _day(referral.get("follow_up_on"))
        if (referred <= period.end and follow_up is not None and follow_up <= period.end
                and _status_on(referral["status"], entries, period.end) not in _CLOSING):
            overdue += 1
            overdue_by_desk[desk_name(request.get("desk_id"))] += 1
        if not period.start <= referred <= period.end:
            continue
        ref_status[referral["status"]] += 1
        service = services.get(referral["service_id"])
        ref_service[service["name"] if service else NOT_GIVEN] += 1
        kind = provider_kinds.get(service["provider_id"]) if service else None
        ref_kind[kind or NOT_GIVEN] += 1
        ref_desk[desk_name(request.get("desk_id"))] += 1
        furthest = _furthest_stage(referral["status"], entries)
        stopped[furthest] += 1
        for stage in range(furthest + 1):
            reached[stage] += 1
        waited = _days_to_taken_in_charge(entries)
        if waited is not None:
            days.append(waited)
    if not ref_kind[NOT_GIVEN]:
        del ref_kind[NOT_GIVEN]

    total_referrals = sum(ref_status.values())
    figures: dict[str, Any] = {
        "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
        "persons_served": len(served),
        "new_persons": len(new),
        "persons": {
            "by_age_band": dict(by_age),
            "by_sex": dict(by_sex),
            "by_desk": {name: len(ids) for name, ids in sorted(served_by_desk.items())},
        },
        "requests": {
            "total": len(in_period),
            "by_category": dict(by_category),
            "by_user_area": dict(by_user_area),
            "by_channel": dict(by_channel),
            "by_urgency": dict(by_urgency),
            "by_status": dict(by_status),
            "by_municipality": dict(sorted(by_municipality.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_month": dict(by_month),
            "by_desk": dict(sorted(by_desk.items())),
        },
        "referrals": {
            "total": total_referrals,
            "by_status": dict(ref_status),
            "by_outcome": {name: sum(ref_status[s.value] for s in group) for name, group in OUTCOMES.items()},
            "by_service": dict(sorted(ref_service.items(), key=lambda kv: (-kv[1], kv[0]))),
            "by_provider_kind": dict(ref_kind),
            "by_desk": dict(sorted(ref_desk.items())),
            "funnel": {stage.value: reached[i] for i, stage in enumerate(FUNNEL_STAGES)},
            "drop_outs_by_reason": {s.value: ref_status[s.value] for s in DROP_OUT_STATUSES},
            "days_to_taken_in_charge_count": len(days),
            "median_days_to_taken_in_charge": float(statistics.median(days)) if days else None,
            "p90_days_to_taken_in_charge": _percentile(days, 0.9),
        },
        "follow_ups_overdue": overdue,
        "follow_ups_overdue_by_desk": dict(sorted(overdue_by_desk.items())),
    }
    latent = {
        "funnel_stopped_at": {stage.value: stopped[i] for i, stage in enumerate(FUNNEL_STAGES)},
        "persons": {"returning": len(served) - len(new)},
    }
    return Indicators(figures, latent)
