"""The log of a real ``wpt-server serve`` (JSON lines) after a sync and refused requests: the fields an IT
person reads, and none of the personal values the desk pushed; and ``/metrics`` behind its own token."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from desktop.domain.models import Person
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION
from tests.helpers.cli import wpt_server
from tests.helpers.desks import open_desk
from tests.helpers.server_process import ServerProcess
from tests.helpers.sync_server import RunningServer

TOKEN = "metriche-3f9a7c"
PERSONAL = {"fiscal_code": "QGLRNG80A41L219R", "last_name": "Quagliottinovi", "first_name": "Ermenegilda",
            "phone": "3331234987", "email": "ermenegilda@example.org", "address": "Via dei Lupi 17",
            "notes": "vive sola, pensione minima"}


def test_the_log_names_route_status_desk_and_bytes_never_a_personal_value(tmp_path: Path) -> None:
    token_file = tmp_path / "metrics.token"
    token_file.write_text(TOKEN + "\n")
    with ServerProcess(tmp_path / "server", "--metrics-token-file", str(token_file)) as server:
        store = open_desk(tmp_path / "desk")
        try:
            client = server.enroll(store, "Sportello di Ceres", "valli-di-lanzo")
            store.save(Person(**PERSONAL))
            assert client.sync().complete
        finally:
            store.close()
        headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
        # Refused: a wrong credential, and a path with a personal value in its query string.
        wrong = httpx.post(f"{server.url}/v1/sync?cf={PERSONAL['fiscal_code']}", content=b"{}",
                           headers={**headers, "Authorization": "Bearer sbagliato"})
        assert wrong.status_code == 401
        unknown = httpx.get(f"{server.url}/persone/{PERSONAL['last_name']}")
        assert unknown.status_code == 404
        metrics = httpx.get(f"{server.url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert metrics.status_code == 200
        assert httpx.get(f"{server.url}/metrics", headers={"Authorization": "Bearer altro"}).status_code == 401
        assert httpx.get(f"{server.url}/metrics").status_code == 401
        after_guesses = httpx.get(f"{server.url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}).text
        lines = server.log_lines()
        text = server.log_text()

    requests = [line for line in lines if line.get("logger") == "wpt.server.access"]
    for line in requests:
        assert {"time", "request_id", "route", "status", "duration_ms", "bytes_in", "bytes_out", "desk",
                "network"} <= line.keys()
        assert re.fullmatch(r"[0-9a-f]{32}", line["request_id"])
    assert len({line["request_id"] for line in requests}) == len(requests)
    syncs = [line for line in requests if line["route"] == "/v1/sync" and line["status"] == 200]
    assert syncs and all(line["desk"] == "Sportello di Ceres" and line["network"] == "valli-di-lanzo"
                         for line in syncs)
    assert sum(line.get("pushed", 0) for line in syncs) >= 1
    assert all(line["bytes_in"] > 0 and line["bytes_out"] > 0 for line in syncs)
    refused = [line for line in requests if line["status"] == 401 and line["route"] == "/v1/sync"]
    assert len(refused) == 1 and refused[0]["refusal"] and refused[0]["desk"] == ""
    assert any(line["route"] == "(other)" and line["status"] == 404 for line in requests)
    for value in [*PERSONAL.values(), "Quagliottinovi".upper(), "sbagliato"]:
        assert value not in text, value
    assert "?cf=" not in text and "/persone/" not in text

    exposed = metrics.text
    assert metrics.headers["content-type"].startswith("text/plain; version=0.0.4")
    assert re.search(r"^wpt_syncs_total [1-9]", exposed, re.MULTILINE)
    assert re.search(r'^wpt_refusals_total\{reason="[a-z_]+"\} 1$', exposed, re.MULTILINE)
    assert re.search(r'^wpt_request_duration_seconds_count\{route="/v1/sync"\} [1-9]', exposed, re.MULTILINE)
    assert re.search(r'^wpt_received_bytes_total\{route="/v1/sync"\} [1-9]', exposed, re.MULTILINE)
    assert re.search(r"^wpt_changes_pushed_total [1-9]", exposed, re.MULTILINE)
    for value in PERSONAL.values():
        assert value not in exposed
    # The two wrong guesses at the metrics token are counted, the scrapes too, and neither is timed.
    assert re.search(r'^wpt_refusals_total\{reason="metrics_token_invalid"\} 2$', after_guesses, re.MULTILINE)
    assert re.search(r'^wpt_requests_total\{route="/metrics",status="401"\} 2$', after_guesses, re.MULTILINE)
    assert re.search(r'^wpt_requests_total\{route="/metrics",status="200"\} 1$', after_guesses, re.MULTILINE)
    assert 'route="/metrics"' not in "".join(
        line for line in after_guesses.splitlines() if line.startswith("wpt_request_duration"))
    assert "sbagliato" not in after_guesses and "altro" not in after_guesses


def test_without_a_token_there_is_no_metrics_endpoint(tmp_path: Path) -> None:
    with RunningServer(tmp_path / "server") as server:
        assert httpx.get(f"{server.url}/metrics", headers={"Authorization": "Bearer x"}).status_code == 404


def test_a_metrics_token_that_cannot_be_used_stops_serve_with_one_sentence(tmp_path: Path) -> None:
    missing = wpt_server("serve", "--data-dir", tmp_path / "server", "--metrics-token-file", tmp_path / "nessuno")
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1 and "non esiste" in missing.stderr
    two_words = tmp_path / "token"
    two_words.write_text("due parole\n")
    refused = wpt_server("serve", "--data-dir", tmp_path / "server", "--metrics-token-file", two_words)
    assert refused.returncode == 2
    assert refused.stderr.startswith("wpt-server: Il token delle metriche deve essere una sola parola")
    assert "due parole" not in refused.stderr
