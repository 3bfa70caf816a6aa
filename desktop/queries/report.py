"""The rows the report of a period is computed from, read from the desk's database.

The computation is :func:`desktop.reports.indicators.compute` (pure, shared with the server); this
module only reads, narrowing in SQL to what a period can need: nothing opened or referred after its end.
Persons are read with the fields the indicators use only (never names, contacts or notes).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from desktop.reports.disclosure import DEFAULT_MIN_COUNT, suppress
from desktop.reports.indicators import Filters, Indicators, Period, ReportRows, compute
from desktop.storage.store import Store
from sync.protocol import MERGE_ENTITY


def _merges(store: Store) -> dict[str, str]:
    """Merged person → surviving person: the ones the server sent, and this desk's own not yet sent
    (a coordinator's merge hides the merged person at once; the server re-points its requests later)."""
    merges = {str(r["id"]): str(r["into_id"]) for r in store.query(
        "SELECT id, into_id FROM sync_person_merges WHERE deleted = 0")}
    for row in store.query("SELECT row_id, fields FROM outbox WHERE entity = ? ORDER BY seq", (MERGE_ENTITY,)):
        into = json.loads(row["fields"]).get("into_id")
        if isinstance(into, str):
            merges.setdefault(str(row["row_id"]), into)
    return merges


def report_rows(store: Store, period: Period) -> ReportRows:
    """Every row the indicators of ``period`` may use."""
    end = period.end.isoformat()
    requests = store.query(
        "SELECT id, person_id, desk_id, opened_on, channel, category, user_area, urgency, status, deleted "
        "FROM requests WHERE deleted = 0 AND opened_on <= ?", (end,))
    referrals = store.query(
        "SELECT f.id, f.request_id, f.service_id, f.referred_on, f.status, f.follow_up_on, f.deleted "
        "FROM referrals f WHERE f.deleted = 0 AND f.referred_on <= ? "
        "AND (f.referred_on >= ? OR f.follow_up_on <= ?)", (end, period.start.isoformat(), end))
    changes = store.query(
        "SELECT c.subject_id, c.from_status, c.to_status, c.changed_at, c.deleted FROM status_changes c "
        "JOIN referrals f ON f.id = c.subject_id "
        "WHERE c.subject_type = 'referral' AND c.deleted = 0 AND f.deleted = 0 AND f.referred_on <= ? "
        "AND (f.referred_on >= ? OR f.follow_up_on <= ?)", (end, period.start.isoformat(), end))
    return ReportRows(
        persons=store.query("SELECT id, birth_date, sex, municipality_code, deleted FROM persons"),
        requests=requests,
        referrals=referrals,
        referral_status_changes=changes,
        services=store.query("SELECT id, name, provider_id FROM services"),
        providers=store.query("SELECT id, kind FROM providers"),
        desks=store.query("SELECT id, name FROM desks"),
        merges=_merges(store),
    )


def indicators(store: Store, period: Period, filters: Filters | None = None) -> Indicators:
    """The raw indicators of ``period`` on this desk's database (every desk of the network it holds)."""
    return compute(report_rows(store, period), period, filters)


def report(
    store: Store, start: date, end: date, *, desk_ids: Iterable[str] | None = None,
    municipality_code: str | None = None, category: str | None = None,
    min_count: int | None = DEFAULT_MIN_COUNT,
) -> dict[str, Any]:
    """The report as the CLI and the page use it: suppressed unless ``min_count`` is None."""
    period = Period(start, end)
    filters = Filters(frozenset(desk_ids) if desk_ids is not None else None, municipality_code, category)
    found = indicators(store, period, filters)
    return found.figures if min_count is None else suppress(found, min_count)
