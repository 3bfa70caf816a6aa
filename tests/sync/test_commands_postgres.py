"""Every ``wpt-server`` command takes ``--database`` (or ``WPT_SERVER_DATABASE``); a wrong one is one sentence."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.helpers.postgres import postgres_url


def _wpt_server(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sync.server.cli", *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})})


def test_the_commands_work_on_postgresql_by_option_or_environment() -> None:
    url = postgres_url()
    enrolled = _wpt_server("enroll-desk", "--database", url, "--name", "Susa", "--network", "val-susa")
    assert enrolled.returncode == 0, enrolled.stderr
    listed = _wpt_server("desks", env={"WPT_SERVER_DATABASE": url})
    assert listed.returncode == 0 and "Susa" in listed.stdout and "in attesa del codice" in listed.stdout
    events = _wpt_server("events", "--database", url)
    assert "codice emesso" in events.stdout
    revoked = _wpt_server("revoke-desk", "Susa", "--database", url)
    assert revoked.returncode == 0, revoked.stderr
    report = _wpt_server("report", "--database", url, "--network", "val-susa", "--from", "2026-01-01", "--to",
                         "2026-12-31", "--format", "json")
    assert report.returncode == 0, report.stderr


def test_a_wrong_database_is_one_sentence_without_traceback() -> None:
    for database in ("mysql://x@y/z", "postgresql://nobody:wrong@127.0.0.1:1/none"):
        result = _wpt_server("desks", "--database", database)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith("wpt-server: ") and len(result.stderr.strip().splitlines()) == 1
    missing = _wpt_server("desks")
    assert missing.returncode == 2 and "--data-dir" in missing.stderr
