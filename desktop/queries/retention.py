"""Retention (GDPR art. 5(1)(e)): how long the network keeps a person's data after their last activity, and
who is past it. Nothing is erased automatically: a coordinator reviews the list and erases in one
operation (:func:`desktop.operations.rights.erase_persons`), since destroying public-archive records needs
an authorisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.models import NetworkSetting
from desktop.ids import reference_id
from desktop.storage import access_log
from desktop.storage.store import Store
from sync import audit

RETENTION_KEY = "retention_years"
DEFAULT_RETENTION_YEARS = 10  # municipal archives keep social records ten years
MIN_RETENTION_YEARS, MAX_RETENTION_YEARS = 1, 100
RETENTION_SETTING_ID = reference_id("network_setting", RETENTION_KEY)


@dataclass(frozen=True)
class PastRetention:
    """A person whose last activity is older than the retention period."""

    person_id: str
    last_name: str
    first_name: str
    birth_date: str | None
    last_activity: str  # ISO date


def retention_years(store: Store) -> int:
    """The network's retention period in years (the default until a coordinator sets it)."""
    setting = store.get(NetworkSetting, RETENTION_SETTING_ID)
    if setting is None or setting.deleted:
        return DEFAULT_RETENTION_YEARS
    try:
        years = int(setting.value)
    except ValueError:
        return DEFAULT_RETENTION_YEARS
    return years if MIN_RETENTION_YEARS <= years <= MAX_RETENTION_YEARS else DEFAULT_RETENTION_YEARS


def retention_cutoff(years: int, on: date) -> date:
    """The day before which a last activity is past retention, ``years`` before ``on``."""
    try:
        return on.replace(year=on.year - years)
    except ValueError:  # 29 February
        return on.replace(year=on.year - years, day=28)


# The last activity of a person: their record's last change, and the last change of any of their requests,
# referrals, notes or status history (an access alone is not an activity).
_PAST_RETENTION = """
WITH activity AS (
    SELECT p.id AS person_id, max(
        coalesce(p.updated_at, ''), coalesce(p.created_at, ''),
        coalesce((SELECT max(max(r.updated_at, r.opened_on)) FROM requests r WHERE r.person_id = p.id), ''),
        coalesce((SELECT max(f.updated_at) FROM referrals f JOIN requests r ON f.request_id = r.id
                  WHERE r.person_id = p.id), ''),
        coalesce((SELECT max(n.updated_at) FROM notes n JOIN requests r ON n.request_id = r.id
                  WHERE r.person_id = p.id), '')
    ) AS last_activity
    FROM persons p WHERE p.deleted = 0
)
SELECT p.id, p.last_name, p.first_name, p.birth_date, substr(a.last_activity, 1, 10) AS last_activity
FROM persons p JOIN activity a ON a.person_id = p.id
WHERE a.last_activity < ?
ORDER BY a.last_activity, p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE
"""


def persons_past_retention(store: Store, on: date | None = None) -> list[PastRetention]:
    """The live persons whose last activity is older than the retention period, as of ``on`` (today),
    oldest activity first."""
    cutoff = retention_cutoff(retention_years(store), on or date.today()).isoformat()
    return [PastRetention(str(r["id"]), str(r["last_name"]), str(r["first_name"]),
                          str(r["birth_date"]) if r["birth_date"] else None, str(r["last_activity"]))
            for r in store.query(_PAST_RETENTION, (cutoff,))]


def retention_report(store: Store, on: date | None = None) -> list[PastRetention]:
    """:func:`persons_past_retention` for a report that leaves the screen (printed, kept in a file): the
    names it lists are a read of those persons, so it is one entry of the access log (ids only)."""
    past = persons_past_retention(store, on)
    access_log.append(store, audit.EXPORT, record_kind="retention_report", record_id=(on or date.today()).isoformat())
    return past
