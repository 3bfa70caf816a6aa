"""The report read from a desk database: known records in, the same counts out (JSON and CSV by the CLI)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from desktop.domain.models import Desk, Person, Request
from desktop.operations.deletion import delete_person
from desktop.operations.requests import NewRequest, record_request
from desktop.operations.review import merge_persons
from desktop.queries.catalog import services_covering
from desktop.queries.report import report
from desktop.storage.store import Store
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk


def _fill(store: Store) -> None:
    service = services_covering(store, "TRA", None)[0]["id"]
    anna = store.save(Person(last_name="Giai", first_name="Anna", birth_date=date(1941, 2, 3), sex="F",
                             municipality_code="Susa"))
    bruno = store.save(Person(last_name="Perotto", first_name="Bruno", birth_date=date(1980, 7, 1), sex="M",
                              municipality_code="Oulx"))
    twin = store.save(Person(last_name="Giai", first_name="Anna Maria", municipality_code="Susa"))
    gone = store.save(Person(last_name="Rey", first_name="Carla", municipality_code="Susa"))

    def request(person: Person, opened: date, category: str = "TRA", referred: bool = False) -> None:
        record_request(store, NewRequest(person_id=person.id, category=category, opened_on=opened,
                                         service_ids=[service] if referred else []))

    request(anna, date(2025, 2, 27))                   # before the period: Anna is not new
    request(anna, date(2025, 3, 1), referred=True)     # first day
    request(bruno, date(2025, 3, 31), "ECO")           # last day: Bruno is new
    request(bruno, date(2025, 4, 1))                   # after
    request(twin, date(2025, 3, 15), "DOM")            # merged into Anna below: Anna, once
    request(gone, date(2025, 3, 16))                   # deleted with her requests
    other_desk = store.save(Desk(name="Sportello di Oulx"))
    store.save(Request(person_id=bruno.id, desk_id=other_desk.id, category="LAV", opened_on=date(2025, 3, 20)))
    merge_persons(store, twin.id, anna.id)
    delete_person(store, gone.id)


def test_desk_report_counts_what_was_recorded(store: Store) -> None:
    _fill(store)
    mine = report(store, date(2025, 3, 1), date(2025, 3, 31), desk_ids=[store.desk_id], min_count=None)
    assert mine["persons_served"] == 2
    assert mine["new_persons"] == 1
    assert mine["requests"]["total"] == 3
    assert {k: v for k, v in mine["requests"]["by_category"].items() if v} == {"TRA": 1, "ECO": 1, "DOM": 1}
    assert mine["requests"]["by_municipality"] == {"Susa": 2, "Oulx": 1}
    assert mine["referrals"]["total"] == 1
    assert mine["referrals"]["by_status"]["proposto"] == 1
    every = report(store, date(2025, 3, 1), date(2025, 3, 31), min_count=None)
    assert (every["requests"]["total"], every["persons_served"]) == (4, 2)  # Bruno at two desks: once
    assert every["requests"]["by_desk"]["Sportello di Oulx"] == 1


def test_cli_report_json_and_csv(data_dir: Path, tmp_path: Path) -> None:
    with open_desk(data_dir) as store:
        _fill(store)
    raw = wpt_desk(data_dir, "report", "--from", "2025-03-01", "--to", "2025-03-31", "--no-suppress")
    assert raw.returncode == 0, raw.stderr
    document = json.loads(raw.stdout)
    assert document["persons_served"] == 2 and document["requests"]["total"] == 3
    assert document["requests"]["by_month"] == {"2025-03": 3}
    assert document["referrals"]["median_days_to_taken_in_charge"] is None
    assert document["follow_ups_overdue"] == 0
    assert document["scope"]["suppressed"] is False

    protected = json.loads(wpt_desk(data_dir, "report", "--from", "2025-03-01", "--to", "2025-03-31").stdout)
    # Two persons: hidden ("<3", or "n.d." where so few cases leave whole tables hidden).
    assert protected["persons_served"] in ("<3", "n.d.") and protected["scope"]["min_count"] == 3

    out = tmp_path / "report.csv"
    done = wpt_desk(data_dir, "report", "--from", "2025-03-01", "--to", "2025-03-31", "--format", "csv",
                    "--out", out)
    assert done.returncode == 0, done.stderr
    text = out.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == ["sezione", "voce", "valore"]
    assert ["Indicatori principali", "Persone servite", protected["persons_served"]] in rows
    assert not any(row[2] in ("1", "2") for row in rows[1:])

    refused = wpt_desk(data_dir, "report", "--from", "2025-03-01", "--to", "2025-03-31", "--format", "csv",
                       "--no-suppress")
    assert refused.returncode == 2 and "solo per --format json" in refused.stderr
    bad = wpt_desk(data_dir, "report", "--from", "2025-31-03", "--to", "2025-03-31")
    assert bad.returncode == 2 and "Data non valida" in bad.stderr and "Traceback" not in bad.stderr
