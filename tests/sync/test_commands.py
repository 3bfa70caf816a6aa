"""The README's flow with the real commands: wpt-server serve / enroll-desk / desks / revoke-desk,
wpt-desk enroll / sync / conflicts, each in its own process."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from desktop.domain.models import Person
from tests.helpers.cli import wpt_desk, wpt_server
from tests.helpers.desks import open_desk
from tests.helpers.replicas import snapshot


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    data = tmp_path / "server"
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sync.server.cli", "serve", "--data-dir", str(data), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:  # readiness: the health endpoint answers
            try:
                if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"wpt-server serve did not start: {process.stderr.read() if process.stderr else ''}")
            time.sleep(0.05)
        yield data, url
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()


def _code(data: Path, name: str, network: str, *extra: str) -> str:
    result = wpt_server("enroll-desk", "--data-dir", data, "--name", name, "--network", network, *extra)
    assert result.returncode == 0, result.stderr
    last = result.stdout.strip().splitlines()[-1]
    assert last == last.strip() and " " not in last
    return last


def test_three_desks_enroll_and_converge_with_the_commands(served: tuple[Path, str], tmp_path: Path) -> None:
    data, url = served
    desks = [tmp_path / f"desk{i}" for i in range(3)]
    for i, desk in enumerate(desks):
        enrolled = wpt_desk(desk, "enroll", "--server", url, "--code", _code(data, f"Sportello {i}", "valli"))
        assert enrolled.returncode == 0, enrolled.stderr
        assert wpt_desk(desk, "demo", "--persons", "5", "--seed", str(i)).returncode == 0
    for _ in range(2):
        for desk in desks:
            result = wpt_desk(desk, "sync")
            assert result.returncode == 0, result.stderr
            assert all(part in result.stdout for part in ("Modifiche inviate:", "ricevute:", "da rivedere:"))
    snapshots = []
    for desk in desks:
        with open_desk(desk) as store:
            assert store.count("person") == 15
            snapshots.append(snapshot(store))
    assert snapshots[0] == snapshots[1] == snapshots[2]

    listing = wpt_server("desks", "--data-dir", data)
    assert listing.returncode == 0
    assert all(f"Sportello {i}" in listing.stdout for i in range(3)) and "mai" not in listing.stdout
    assert wpt_desk(desks[0], "conflicts").returncode == 0

    revoked = wpt_server("revoke-desk", "--data-dir", data, "Sportello 0")
    assert revoked.returncode == 0
    with open_desk(desks[0]) as store:
        store.save(Person(last_name="Dopo", first_name="Revoca"))
    refused = wpt_desk(desks[0], "sync")
    assert refused.returncode != 0 and "revocato" in refused.stderr and "Traceback" not in refused.stderr
    # The person, and the access log's entries of the logins since the last sync (conflicts, the save, this sync).
    assert "in attesa di invio: 5" in refused.stderr


def test_sync_reports_offline_and_not_enrolled_in_one_sentence(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    not_enrolled = wpt_desk(desk, "sync")
    assert not_enrolled.returncode == 2 and "non registrato" in not_enrolled.stderr
    offline = wpt_desk(desk, "enroll", "--server", f"http://127.0.0.1:{_free_port()}", "--code", "ABCD")
    assert offline.returncode == 2 and "non raggiungibile" in offline.stderr
    assert "Traceback" not in offline.stderr and len(offline.stderr.strip().splitlines()) == 1


def test_enroll_desk_validates_and_codes_expire(tmp_path: Path) -> None:
    data = tmp_path / "server"
    assert _code(data, "A", "rete", "--expires-hours", "0.5")
    moved = wpt_server("enroll-desk", "--data-dir", data, "--name", "A", "--network", "altra")
    assert moved.returncode == 2 and "già registrato" in moved.stderr
    unknown = wpt_server("revoke-desk", "--data-dir", data, "Nessuno")
    assert unknown.returncode == 2 and "Nessuno sportello" in unknown.stderr
    missing = wpt_server("desks")
    assert missing.returncode == 2 and "--data-dir" in missing.stderr
