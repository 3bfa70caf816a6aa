"""The indicators over plain rows: period edges, merges, deletions, the funnel, waiting days, overdue follow-ups."""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop.reports.indicators import Filters, Period, ReportRows, compute

MARCH = Period(date(2025, 3, 1), date(2025, 3, 31))


def _person(pid: str, born: str | None = "1950-06-15", sex: str | None = "F", town: str = "L013",
            deleted: bool = False) -> dict[str, Any]:
    return {"id": pid, "birth_date": born, "sex": sex, "municipality_code": town, "deleted": deleted}


def _request(rid: str, pid: str, opened: str, category: str = "TRA", desk: str = "d1", **extra: Any) -> dict[str, Any]:
    return {"id": rid, "person_id": pid, "desk_id": desk, "opened_on": opened, "channel": "phone",
            "category": category, "user_area": None, "urgency": "normal", "status": "aperta", "deleted": False,
            **extra}


def _referral(fid: str, rid: str, referred: str, status: str, follow_up: str | None = None) -> dict[str, Any]:
    return {"id": fid, "request_id": rid, "service_id": "s1", "referred_on": referred, "status": status,
            "follow_up_on": follow_up, "deleted": False}


def _change(fid: str, old: str | None, new: str, at: str) -> dict[str, Any]:
    return {"subject_id": fid, "from_status": old, "to_status": new, "changed_at": at, "deleted": False}


def _rows(**kw: Any) -> ReportRows:
    base = dict(services=[{"id": "s1", "name": "Navetta sociale", "provider_id": "v1"}],
                providers=[{"id": "v1", "kind": "asl"}],
                desks=[{"id": "d1", "name": "Susa"}, {"id": "d2", "name": "Oulx"}])
    return ReportRows(**{**base, **kw})


def test_period_edges_merges_and_deletions() -> None:
    rows = _rows(
        persons=[_person("p1"), _person("p2", born="1990-03-31", sex="M"), _person("p3"),
                 _person("p4", deleted=True), _person("p5", deleted=True), _person("p6")],
        requests=[
            _request("r0", "p1", "2025-02-20", "DIG"),         # before: p1 is not new
            _request("r1", "p1", "2025-03-05"),
            _request("r2", "p2", "2025-03-01"),                # first day
            _request("r3", "p2", "2025-03-31", "ECO"),         # last day
            _request("r4", "p3", "2025-04-01"),                # after
            _request("r4b", "p3", "2025-02-28"),               # before
            _request("r5", "p4", "2025-03-10"),                # deleted person, not merged
            _request("r6", "p5", "2025-03-11", "DOM"),         # p5 merged into p1
            _request("r7", "p2", "2025-03-12", deleted=True),  # deleted request
            _request("r8", "p6", "2025-03-15", desk="d2"),     # another desk
        ],
        merges={"p5": "p1"},
    )
    network = compute(rows, MARCH).figures
    assert network["requests"]["total"] == 5
    assert network["persons_served"] == 3  # p1 (with p5), p2, p6
    assert network["new_persons"] == 2  # p2, p6
    assert network["requests"]["by_category"]["TRA"] == 3
    assert network["requests"]["by_category"]["DOM"] == 1
    assert network["requests"]["by_category"]["ECO"] == 1
    assert network["requests"]["by_month"] == {"2025-03": 5}
    assert network["requests"]["by_desk"] == {"Oulx": 1, "Susa": 4}
    assert network["persons"]["by_desk"] == {"Oulx": 1, "Susa": 2}
    assert network["requests"]["by_municipality"] == {"Susa": 5}

    desk = compute(rows, MARCH, Filters(desk_ids=frozenset({"d1"}))).figures
    assert (desk["requests"]["total"], desk["persons_served"], desk["new_persons"]) == (4, 2, 1)
    only_eco = compute(rows, MARCH, Filters(category="ECO")).figures
    assert (only_eco["requests"]["total"], only_eco["persons_served"]) == (1, 1)


def test_a_merge_chain_ends_at_the_living_person_and_a_merge_into_a_deleted_one_counts_nothing() -> None:
    rows = _rows(persons=[_person("a", deleted=True), _person("b", deleted=True), _person("c"),
                          _person("x", deleted=True), _person("y", deleted=True)],
                 requests=[_request("r1", "a", "2025-03-02"), _request("r2", "c", "2025-03-03"),
                           _request("r3", "x", "2025-03-04")],
                 merges={"a": "b", "b": "c", "x": "y"})
    figures = compute(rows, MARCH).figures
    assert (figures["requests"]["total"], figures["persons_served"]) == (2, 1)


def test_age_band_at_the_period_end_and_sex() -> None:
    rows = _rows(persons=[_person("p1", born="1960-03-31"), _person("p2", born="1960-04-01", sex="M"),
                          _person("p3", born=None, sex=None)],
                 requests=[_request("r1", "p1", "2025-03-02"), _request("r2", "p2", "2025-03-02"),
                           _request("r3", "p3", "2025-03-02"), _request("r4", "p3", "2025-03-03")])
    persons = compute(rows, MARCH).figures["persons"]
    assert persons["by_age_band"]["65-74"] == 1  # 65 on the period's last day
    assert persons["by_age_band"]["50-64"] == 1  # 64 until April
    assert persons["by_age_band"]["non indicato"] == 1
    assert persons["by_sex"] == {"M": 1, "F": 1, "non indicato": 1}


def test_funnel_drop_outs_waiting_days_and_overdue_follow_ups() -> None:
    requests = [_request(f"r{i}", "p1", "2025-02-01") for i in range(6)]
    referrals = [
        _referral("f0", "r0", "2025-03-02", "concluso"),
        _referral("f1", "r1", "2025-03-03", "preso in carico"),
        _referral("f2", "r2", "2025-03-04", "senza risposta", follow_up="2025-03-20"),
        _referral("f3", "r3", "2025-03-05", "rinuncia della persona"),
        _referral("f4", "r4", "2025-02-10", "inviato", follow_up="2025-03-31"),  # made before, overdue at end
        _referral("f5", "r5", "2025-02-10", "concluso", follow_up="2025-03-15"),  # closed only in April
    ]
    changes = [
        _change("f0", None, "proposto", "2025-03-02T09:00:00+00:00"),
        _change("f0", "proposto", "inviato", "2025-03-02T10:00:00+00:00"),
        _change("f0", "inviato", "preso in carico", "2025-03-12T10:00:00+00:00"),  # 10 days
        _change("f0", "preso in carico", "concluso", "2025-03-20T10:00:00+00:00"),
        _change("f1", "proposto", "inviato", "2025-03-03T10:00:00+00:00"),
        _change("f1", "inviato", "preso in carico", "2025-03-05T08:00:00+00:00"),  # 2 days
        _change("f2", "proposto", "inviato", "2025-03-04T10:00:00+00:00"),
        _change("f2", "inviato", "senza risposta", "2025-04-02T10:00:00+00:00"),  # open at the end of March
        _change("f3", "proposto", "rinuncia della persona", "2025-03-06T10:00:00+00:00"),
        _change("f5", "preso in carico", "concluso", "2025-04-03T10:00:00+00:00"),
    ]
    rows = _rows(persons=[_person("p1")], requests=requests, referrals=referrals, referral_status_changes=changes)
    referral_figures = compute(rows, MARCH).figures["referrals"]
    assert referral_figures["total"] == 4
    assert referral_figures["by_status"]["concluso"] == 1 and referral_figures["by_status"]["senza risposta"] == 1
    assert referral_figures["funnel"] == {"proposto": 4, "inviato": 3, "preso in carico": 2, "concluso": 1}
    assert referral_figures["drop_outs_by_reason"] == {
        "rifiutato dal servizio": 0, "rinuncia della persona": 1, "senza risposta": 1}
    assert referral_figures["by_outcome"]["positivo"] == 1 and referral_figures["by_outcome"]["in corso"] == 1
    assert referral_figures["by_provider_kind"]["asl"] == 4
    assert referral_figures["days_to_taken_in_charge_count"] == 2
    assert referral_figures["median_days_to_taken_in_charge"] == 6.0
    assert referral_figures["p90_days_to_taken_in_charge"] == 9.2
    figures = compute(rows, MARCH).figures
    assert figures["follow_ups_overdue"] == 3  # f2 (closed in April), f4 (due on the last day), f5
    assert figures["follow_ups_overdue_by_desk"] == {"Susa": 3}
    assert compute(rows, Period(date(2025, 4, 1), date(2025, 4, 30))).figures["follow_ups_overdue"] == 1  # f4
