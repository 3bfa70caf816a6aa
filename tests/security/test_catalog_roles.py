"""Finding 3: the shared service catalog and taxonomy change only from a coordinator's credential
(``enroll-desk --role coordinator``) or ``wpt-server catalog import``; a desk's change is rejected,
set aside at the desk with its reason and recorded on the server, and reaches no other desk."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.domain.models import Service
from desktop.storage.store import Store
from desktop.sync.review import rejected_changes
from sync.server.cli import main as wpt_server
from sync.server.engine import CATALOG_REFUSED
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _a_service(store: Store) -> Service:
    service_id = store.query("SELECT id FROM services ORDER BY id LIMIT 1")[0]["id"]
    found = store.get(Service, service_id)
    assert found is not None
    return found


def test_only_a_coordinator_changes_the_shared_catalog(server: RunningServer, new_desk: NewDesk) -> None:
    desk, coordinator, b, elsewhere = new_desk("desk"), new_desk("coord"), new_desk("b"), new_desk("elsewhere")
    c_desk = server.enroll(desk, "A", "valle-1")
    c_coord = server.enroll(coordinator, "K", "valle-1", role="coordinator")
    cb, ce = server.enroll(b, "B", "valle-1"), server.enroll(elsewhere, "E", "valle-2")
    for client in (c_desk, c_coord, cb, ce):
        assert client.sync().complete
    original = _a_service(desk)

    hijacked = original.model_copy(update={"contacts": "Chiamare il 899 000 000"})
    desk.save(hijacked)
    report = c_desk.sync()
    assert [reason for _, reason in report.rejected] == [CATALOG_REFUSED]
    assert [r["entity"] for r in rejected_changes(desk)] == ["service"]  # set aside, visible for review
    assert cb.sync().complete and ce.sync().complete
    for other in (b, elsewhere, coordinator):
        assert _a_service(other).contacts == original.contacts
    assert any(e.kind == "modifica del catalogo rifiutata" for e in server.engine().storage.events(50))

    updated = _a_service(coordinator).model_copy(update={"hours": "lun-ven 9-12"})
    coordinator.save(updated)
    assert c_coord.sync().rejected == []
    for client, store in ((cb, b), (ce, elsewhere)):  # every network receives the shared catalog
        assert client.sync().complete and _a_service(store).hours == "lun-ven 9-12"


def test_the_catalog_can_be_managed_from_the_server_command_line(
    server: RunningServer, new_desk: NewDesk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = new_desk("a")
    ca = server.enroll(a, "A", "rete")
    assert ca.sync().complete
    exported = tmp_path / "catalogo.json"
    assert wpt_server(["catalog", "export", "--data-dir", str(server.data_dir), str(exported)]) == 0
    catalog = json.loads(exported.read_text(encoding="utf-8"))
    provider = catalog["providers"][0]
    catalog["services"].append({"provider_id": provider["id"], "name": "Sportello energia (esempio)",
                                "category": "ECO", "municipality_codes": ["L219"]})
    exported.write_text(json.dumps(catalog), encoding="utf-8")
    assert wpt_server(["catalog", "import", "--data-dir", str(server.data_dir), "--by", "it.citta", str(exported)]) == 0
    assert "1 aggiunto" in capsys.readouterr().out
    assert wpt_server(["catalog", "import", "--data-dir", str(server.data_dir), str(exported)]) == 0
    assert "0 aggiunti, 0 aggiornati" in capsys.readouterr().out  # importing twice changes nothing
    assert ca.sync().complete
    assert a.query("SELECT name FROM services WHERE name = 'Sportello energia (esempio)'")

    broken = tmp_path / "rotto.json"
    broken.write_text(json.dumps({"services": [{"name": "Senza ente", "category": "XXX"}]}), encoding="utf-8")
    assert wpt_server(["catalog", "import", "--data-dir", str(server.data_dir), str(broken)]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "elemento 1" in error and "Traceback" not in error
