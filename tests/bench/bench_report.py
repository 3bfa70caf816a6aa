"""The report at scale: N persons (default 100,000) with requests, referrals and their status history,
then the time of the indicators (read + compute) and of the disclosure audit, for last month and this year.

Run: ``.venv/bin/python -m tests.bench.bench_report [N]`` (figures only, no pass/fail).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from desktop.ids import uuid7
from desktop.queries.report import indicators, report_rows
from desktop.reports.disclosure import suppress
from desktop.reports.indicators import Filters, Period
from desktop.reports.output import with_scope
from desktop.reports.pdf import report_pdf
from desktop.storage.store import Store
from tests.bench.bench_ui import fill_fast
from tests.helpers.desks import open_desk

_STATUSES = ["proposto", "inviato", "preso in carico", "concluso", "rifiutato dal servizio",
             "rinuncia della persona", "senza risposta"]
_PATHS = {"proposto": [], "inviato": ["inviato"], "preso in carico": ["inviato", "preso in carico"],
          "concluso": ["inviato", "preso in carico", "concluso"], "rifiutato dal servizio": ["inviato",
          "rifiutato dal servizio"], "rinuncia della persona": ["rinuncia della persona"],
          "senza risposta": ["inviato", "senza risposta"]}


def fill_history(store: Store, seed: int = 2) -> tuple[int, int, int]:
    rng = random.Random(seed)
    persons = [r["id"] for r in store.query("SELECT id FROM persons")]
    services = [r["id"] for r in store.query("SELECT id FROM services")]
    today = date.today()
    requests, referrals, changes = [], [], []
    for person in persons:
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
            rid, opened = uuid7(), today - timedelta(days=rng.randrange(400))
            requests.append((rid, store.desk_id, person, store.desk_id, opened.isoformat(), "phone",
                             rng.choice(["ACC", "DIG", "DOM", "TRA", "SAN", "ECO"]), "normal", "inviata"))
            if rng.random() < 0.7:
                fid, status = uuid7(), rng.choice(_STATUSES)
                referrals.append((fid, store.desk_id, rid, rng.choice(services), opened.isoformat(), status,
                                  (opened + timedelta(days=30)).isoformat()))
                moment = datetime(opened.year, opened.month, opened.day, 9, tzinfo=UTC)
                previous = "proposto"
                changes.append((uuid7(), fid, None, "proposto", moment.isoformat()))
                for step in _PATHS[status]:
                    moment += timedelta(days=rng.randrange(1, 20))
                    changes.append((uuid7(), fid, previous, step, moment.isoformat()))
                    previous = step
    with store.transaction() as conn:
        conn.executemany("INSERT INTO requests (id, origin_desk, person_id, desk_id, opened_on, channel, category, "
                         "urgency, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", requests)
        conn.executemany("INSERT INTO referrals (id, origin_desk, request_id, service_id, referred_on, status, "
                         "follow_up_on) VALUES (?, ?, ?, ?, ?, ?, ?)", referrals)
        conn.executemany("INSERT INTO status_changes (id, subject_type, subject_id, from_status, to_status, "
                         "changed_at) VALUES (?, 'referral', ?, ?, ?, ?)", changes)
    return len(requests), len(referrals), len(changes)


def _timed(label: str, period: Period, store: Store) -> None:
    started = time.perf_counter()
    rows = report_rows(store, period)
    read = time.perf_counter() - started
    found = indicators(store, period, Filters(frozenset({store.desk_id})))
    total = time.perf_counter() - started
    started = time.perf_counter()
    protected = suppress(found)
    audit = time.perf_counter() - started
    started = time.perf_counter()
    pdf = report_pdf(with_scope(protected, {}, 3))
    pdf_s = time.perf_counter() - started
    print(f"{label}: read {read:.2f} s ({len(list(rows.requests))} requests read), read + compute {total:.2f} s, "
          f"disclosure audit {audit:.2f} s, PDF {pdf_s:.2f} s ({len(pdf) // 1024} KiB); "
          f"{found.figures['requests']['total']} requests, {found.figures['persons_served']} persons served")


def main(argv: list[str] | None = None) -> int:
    count = int((argv or sys.argv[1:] or ["100000"])[0])
    with tempfile.TemporaryDirectory() as folder, open_desk(Path(folder) / "desk") as store:
        fill_fast(store, count)
        print(f"{count} persons; requests, referrals, status changes: {fill_history(store)}")
        today = date.today()
        end = today.replace(day=1) - timedelta(days=1)
        _timed("last month", Period(end.replace(day=1), end), store)
        _timed("this year", Period(date(today.year, 1, 1), date(today.year, 12, 31)), store)
        _timed("last 400 days", Period(today - timedelta(days=400), today), store)
    return 0


if __name__ == "__main__":
    sys.exit(main())
