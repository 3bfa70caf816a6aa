"""Every ``wpt-server`` command takes ``--database`` (or ``WPT_SERVER_DATABASE``); a wrong one is one sentence."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import wpt_server
from tests.helpers.postgres import postgres_url


def test_the_commands_work_on_postgresql_by_option_or_environment() -> None:
    url = postgres_url()
    enrolled = wpt_server("enroll-desk", "--database", url, "--name", "Susa", "--network", "val-susa")
    assert enrolled.returncode == 0, enrolled.stderr
    listed = wpt_server("desks", env={"WPT_SERVER_DATABASE": url})
    assert listed.returncode == 0 and "Susa" in listed.stdout and "in attesa del codice" in listed.stdout
    events = wpt_server("events", "--database", url)
    assert "codice emesso" in events.stdout
    revoked = wpt_server("revoke-desk", "Susa", "--database", url)
    assert revoked.returncode == 0, revoked.stderr
    report = wpt_server("report", "--database", url, "--network", "val-susa", "--from", "2026-01-01", "--to",
                         "2026-12-31", "--format", "json")
    assert report.returncode == 0, report.stderr


def test_a_wrong_database_is_one_sentence_without_traceback() -> None:
    for database in ("mysql://x@y/z", "postgresql://nobody:wrong@127.0.0.1:1/none"):
        result = wpt_server("desks", "--database", database)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert result.stderr.startswith("wpt-server: ") and len(result.stderr.strip().splitlines()) == 1
    missing = wpt_server("desks", env={"WPT_SERVER_DATABASE": ""})
    assert missing.returncode == 2 and "--data-dir" in missing.stderr


def test_an_unreachable_postgresql_is_one_italian_sentence_without_the_password() -> None:
    refused = wpt_server("desks", "--database", "postgresql://wpt:parola-segreta@127.0.0.1:1/wpt_rete")
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr == ("wpt-server: Il database PostgreSQL «wpt_rete» su 127.0.0.1:1 non è raggiungibile: "
                              "connessione rifiutata: PostgreSQL non è in ascolto a quell'indirizzo.\n")
    assert "parola-segreta" not in refused.stderr and "Connection refused" not in refused.stderr


def test_the_environment_variable_is_named_when_wrong_and_an_explicit_data_dir_wins(tmp_path: Path) -> None:
    wrong = wpt_server("desks", env={"WPT_SERVER_DATABASE": "garbage"})
    assert wrong.returncode == 2 and wrong.stderr.count("\n") == 1
    assert "WPT_SERVER_DATABASE" in wrong.stderr and "--database" not in wrong.stderr
    given = wpt_server("desks", "--database", "garbage")
    assert given.returncode == 2 and "--database" in given.stderr and "WPT_SERVER_DATABASE" not in given.stderr
    # The command line wins over the environment: the SQLite server of --data-dir, not the variable's.
    data = tmp_path / "server"
    enrolled = wpt_server("enroll-desk", "--data-dir", data, "--name", "Lanzo", "--network", "valli-di-lanzo",
                          env={"WPT_SERVER_DATABASE": "postgresql://wpt:parola-segreta@127.0.0.1:1/altro"})
    assert enrolled.returncode == 0, enrolled.stderr
    listed = wpt_server("desks", "--data-dir", data, env={"WPT_SERVER_DATABASE": "garbage"})
    assert listed.returncode == 0 and "Lanzo" in listed.stdout, listed.stderr
