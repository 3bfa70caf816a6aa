"""``wpt-server gdpr report``: per network and desk, the rights honoured in a period, and which desks an
erasure has reached, from the access logs the desks sent to a real server on loopback."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.domain.enums import ConsentPurpose
from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.operations.rights import (
    erase_person,
    object_to_processing,
    record_consent,
    set_restriction,
    withdraw_consent,
)
from desktop.services.access_export import write_access_export
from desktop.storage.store import Store
from sync.server.cli import main as server_main
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def test_the_register_summary_counts_each_right_per_desk_and_follows_an_erasure(
        server: RunningServer, new_desk: NewDesk, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b, other = new_desk("a"), new_desk("b"), new_desk("c")
    ca, cb, cc = (server.enroll(a, "Balme", "valli"), server.enroll(b, "Ceres", "valli"),
                  server.enroll(other, "Susa", "susa"))
    ada = register_person(a, Person(last_name="Re", first_name="Ada")).value
    bruno = register_person(a, Person(last_name="Bruno", first_name="Ines")).value
    write_access_export(a, ada.id, tmp_path)
    set_restriction(a, ada.id, True)
    set_restriction(a, ada.id, False)
    record_consent(a, bruno.id, ConsentPurpose.SMS_REMINDERS)
    withdraw_consent(a, bruno.id, ConsentPurpose.SMS_REMINDERS)
    register_person(other, Person(last_name="Altro", first_name="Ugo"))
    for client in (ca, cb, cc):
        assert client.sync().complete
    object_to_processing(b, ada.id)
    assert cb.sync().complete
    erase_person(a, bruno.id, "richiesta dell'interessata")
    assert ca.sync().complete

    capsys.readouterr()
    assert server_main(["gdpr", "report", "--data-dir", str(server.data_dir), "--network", "valli"]) == 0
    out = capsys.readouterr().out
    assert "Rete valli" in out and "Rete susa" not in out
    lines = {line.split(":")[0].strip(): line for line in out.splitlines() if ":" in line}
    assert lines["esportazioni per l'interessato (art. 15)"].endswith(": 1; Balme 1")
    assert lines["limitazioni (art. 18)"].endswith(": 1; Balme 1")
    assert lines["limitazioni tolte"].endswith(": 1; Balme 1")
    assert lines["opposizioni (art. 21)"].endswith(": 1; Ceres 1")
    assert lines["consensi dati"].endswith(": 1; Balme 1")
    # The objection withdrew no consent (Ada had none); Bruno's one withdrawal is counted.
    assert lines["consensi revocati"].endswith(": 1; Balme 1")
    assert lines["cancellazioni (art. 17)"].endswith(": 1; Balme 1")
    # Ceres has not synced since the server applied the erasure; Balme has.
    erasure = next(line for line in out.splitlines() if "cancellazione della persona" in line)
    assert bruno.id in erasure and "arrivata a Balme" in erasure and "in attesa: Ceres" in erasure
    assert "Bruno" not in out.replace(bruno.id, "")  # ids only, never the person's data
    assert cb.sync().complete
    server_main(["gdpr", "report", "--data-dir", str(server.data_dir), "--network", "valli"])
    assert "arrivata a Balme, Ceres" in capsys.readouterr().out

    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    assert server_main(["gdpr", "report", "--data-dir", str(server.data_dir), "--since", tomorrow,
                        "--until", tomorrow]) == 0
    out = capsys.readouterr().out
    assert "Rete susa" in out and "cancellazioni (art. 17): 0" in out
    assert server_main(["gdpr", "report", "--data-dir", str(server.data_dir), "--network", "nessuna"]) == 2
    assert "Rete sconosciuta" in capsys.readouterr().err
