"""wpt-server report over a real server on loopback: a person at two desks counted once in the network."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.models import Person
from desktop.operations.requests import NewRequest, record_request
from desktop.queries.report import report
from desktop.storage.store import Store
from sync.server.cli import main as server_main
from tests.helpers.people import fiscal_code
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _request(store: Store, person_id: str, opened: date, category: str) -> None:
    record_request(store, NewRequest(person_id=person_id, category=category, opened_on=opened))


def test_network_report_counts_a_person_of_two_desks_once(
    server: RunningServer, new_desk: NewDesk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    susa, oulx, ivrea = new_desk("susa"), new_desk("oulx"), new_desk("ivrea")
    clients = [server.enroll(susa, "Susa", "val-susa"), server.enroll(oulx, "Oulx", "val-susa"),
               server.enroll(ivrea, "Ivrea", "canavese")]
    cf = fiscal_code("Rostagno", "Elda", "F", date(1941, 3, 2))
    # The same woman registered offline at two desks: the server makes her one person.
    for store in (susa, oulx):
        person = store.save(Person(fiscal_code=cf, last_name="Rostagno", first_name="Elda"))
        _request(store, person.id, date(2025, 3, 10), "TRA")
    only_oulx = oulx.save(Person(last_name="Perotto", first_name="Bruno"))
    _request(oulx, only_oulx.id, date(2025, 3, 12), "ECO")
    _request(oulx, only_oulx.id, date(2025, 4, 2), "ECO")  # after the period
    elsewhere = ivrea.save(Person(last_name="Bertola", first_name="Gianni"))
    _request(ivrea, elsewhere.id, date(2025, 3, 5), "DIG")
    for _ in range(2):
        for client in clients:
            assert client.sync().complete

    code = server_main(["report", "--data-dir", str(server.data_dir), "--network", "val-susa",
                        "--from", "2025-03-01", "--to", "2025-03-31", "--no-suppress"])
    assert code == 0
    network = json.loads(capsys.readouterr().out)
    assert network["persons_served"] == 2
    assert network["new_persons"] == 2
    assert network["requests"]["total"] == 3
    assert network["requests"]["by_category"]["TRA"] == 2
    assert network["requests"]["by_desk"] == {"Oulx": 2, "Susa": 1}
    assert network["persons"]["by_desk"] == {"Oulx": 2, "Susa": 1}
    assert network["scope"]["network"] == "val-susa"
    # A synced desk holds the network's records: the same figures there.
    on_desk = report(susa, date(2025, 3, 1), date(2025, 3, 31), min_count=None)
    for name in ("persons_served", "new_persons"):
        assert on_desk[name] == network[name]
    for name in ("total", "by_category", "by_month", "by_municipality", "by_channel"):
        assert on_desk["requests"][name] == network["requests"][name]

    assert server_main(["report", "--data-dir", str(server.data_dir), "--all-networks",
                        "--from", "2025-03-01", "--to", "2025-03-31", "--no-suppress"]) == 0
    city = json.loads(capsys.readouterr().out)
    assert (city["persons_served"], city["requests"]["total"]) == (3, 4)

    pdf = tmp_path / "rete.pdf"
    assert server_main(["report", "--data-dir", str(server.data_dir), "--network", "val-susa",
                        "--from", "2025-03-01", "--to", "2025-03-31", "--format", "pdf", "--out", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert server_main(["report", "--data-dir", str(server.data_dir), "--network", "nessuna",
                        "--from", "2025-03-01", "--to", "2025-03-31"]) == 2
    assert "Rete sconosciuta" in capsys.readouterr().err
