"""``wpt-desk`` says everything in Italian, as a new municipal IT person meets it: argument mistakes, values
the rules refuse, damaged files, missing files, counts, unknown ids. One line, no English, no value echoed."""

from __future__ import annotations

import os
import re
import socket
import stat
from pathlib import Path

import pytest

from desktop.domain.models import Erasure, Person
from desktop.operations.errors import PERSON_NOT_FOUND
from desktop.operations.persons import register_person
from desktop.storage.store import DB_FILENAME
from tests.helpers.cli import wpt_desk, wpt_server
from tests.helpers.desks import open_desk
from tests.helpers.server_process import ServerProcess

# Words of argparse's, pydantic's, SQLite's and the system's own messages.
ENGLISH = re.compile(r"\b(the following|invalid choice|unrecognized|usage|error|required|should|String|"
                     r"malformed|not a database|No such file|Permission denied|Traceback|expected)\b")


def _one_italian_line(result: object, prog: str = "wpt-desk") -> str:
    stderr = str(getattr(result, "stderr", ""))
    assert getattr(result, "returncode", None) == 2, stderr
    assert stderr.startswith(f"{prog}: ") and stderr.count("\n") == 1, stderr
    assert not ENGLISH.search(stderr), stderr
    return stderr


@pytest.mark.parametrize("args", [
    ("init",),  # a required option missing
    ("export", "--format", "xml"),  # an invalid choice
    ("check", "--bogus"),  # an unknown option
    ("demo", "--persons", "molte"),  # not a number
    ("demo", "--persons", "99999999999999999999"),  # would run for hours
    ("person",),  # a required action missing
    ("restore", "copia.db", "--latest"),  # two options that exclude each other
])
def test_argument_mistakes_are_one_italian_line_with_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    line = _one_italian_line(wpt_desk(tmp_path / "desk", *args))
    assert "argomenti non validi" in line and "--help" in line


def test_help_is_italian_for_both_commands(tmp_path: Path) -> None:
    for shown in (wpt_desk(tmp_path / "desk", "backup", "--help"), wpt_server("desks", "--help")):
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.startswith("uso: ") and "opzioni:" in shown.stdout
        assert "show this help" not in shown.stdout and "options:" not in shown.stdout
    _one_italian_line(wpt_server("serve", "--port", "tante"), prog="wpt-server")


@pytest.mark.parametrize("args", [
    ("serve", "--port", "99999"),
    ("events", "--last", "99999999999999999999999"),
    ("events", "--last", "-5"),
    ("compact", "--horizon-days", "nan"),
    ("compact", "--horizon-days", "1e400"),
    ("compact", "--horizon-days", "1.5"),
    ("compact", "--horizon-days", "\u0663"),  # an Arabic-Indic three
])
def test_server_numbers_out_of_bounds_are_one_italian_line_with_exit_2(tmp_path: Path, args: tuple[str, ...]) -> None:
    line = _one_italian_line(wpt_server(*args, "--data-dir", str(tmp_path)), prog="wpt-server")
    assert "serve un numero intero da" in line


def test_compact_on_a_folder_that_does_not_exist_makes_no_server(tmp_path: Path) -> None:
    missing = tmp_path / "refuso" / "server"
    line = _one_italian_line(wpt_server("compact", "--data-dir", str(missing)), prog="wpt-server")
    assert "non esiste" in line and not missing.exists()


def test_a_value_the_rules_refuse_names_the_field_in_italian_and_never_the_value(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    with open_desk(data) as store:
        person = register_person(store, Person(last_name="Vottero", first_name="Celestina")).value
    limit = Erasure.model_fields["reason"].metadata[0].max_length
    reason = "motivo-riservato " * (limit // 10)
    line = _one_italian_line(wpt_desk(data, "person", "erase", person.id, "--reason", reason))
    assert f"Il campo «motivo» ha più di {limit} caratteri." in line
    assert "motivo-riservato" not in line


def test_unknown_person_ids_get_one_sentence_from_every_command(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    open_desk(data).close()
    missing = "01900000-0000-7000-8000-000000000000"
    commands = [("person", "access-export", missing, "--out", tmp_path / "out"),
                ("person", "erase", missing, "--reason", "richiesta dell'interessata"),
                ("person", "restrict", missing), ("person", "consent", missing, "--purpose", "sms_reminders"),
                ("person", "object", missing)]
    said = {_one_italian_line(wpt_desk(data, *command)) for command in commands}
    assert said == {f"wpt-desk: {PERSON_NOT_FOUND}\n"}


def test_damaged_and_missing_files_are_said_in_italian(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    with open_desk(data) as store:
        register_person(store, Person(last_name="Chiadò", first_name="Rita"))
    database = data / DB_FILENAME
    database.write_bytes(database.read_bytes()[:20_000])  # a disk that lost the end of the file
    _one_italian_line(wpt_desk(data, "export"))
    _one_italian_line(wpt_desk(data, "person", "restrict", "qualcuno"))
    other = tmp_path / "other"
    with open_desk(other) as store:
        person = register_person(store, Person(last_name="Chiadò", first_name="Rita")).value
    missing = _one_italian_line(wpt_desk(other, "person", "access-export", person.id, "--out",
                                         "/proc/wpt-nessuna/out"))
    assert "/proc/wpt-nessuna" in missing


def test_counts_are_singular_for_one(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    open_desk(data).close()
    period = wpt_desk(data, "retention", "set", "--years", "1")
    assert period.returncode == 0, period.stderr
    assert "1 anno dall'ultima attività" in period.stdout and "1 anni" not in period.stdout
    report = wpt_desk(data, "retention", "report")
    assert report.returncode == 0 and "1 anno dall'ultima" in report.stdout
    demo = wpt_desk(data, "demo", "--persons", "1", "--seed", "3")
    assert demo.returncode == 0, demo.stderr
    assert "1 persona," in demo.stdout and "1 persone" not in demo.stdout


def test_serve_says_in_one_sentence_what_it_cannot_open(tmp_path: Path) -> None:
    """A log file it cannot write, TLS files that are not PEM, an address it cannot listen on: each is
    one Italian sentence before the server starts, not uvicorn's English or a library's error number."""
    data = ("--data-dir", str(tmp_path / "server"))
    line = _one_italian_line(wpt_server("serve", *data, "--log-file", str(tmp_path)), prog="wpt-server")
    assert f"Il file di log {tmp_path} non si può scrivere: è una cartella, non un file." in line
    not_pem = tmp_path / "persone.csv"
    not_pem.write_text("cognome;nome\nRossi;Ugo\n", encoding="utf-8")
    line = _one_italian_line(wpt_server("serve", *data, "--tls-cert", str(not_pem), "--tls-key", str(not_pem)),
                             prog="wpt-server")
    assert "servono i file PEM" in line and "Rossi" not in line
    line = _one_italian_line(wpt_server("serve", *data, "--host", "999.1.1.1"), prog="wpt-server")
    assert "L'indirizzo 999.1.1.1 non si trova" in line
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        line = _one_italian_line(wpt_server("serve", *data, "--host", "127.0.0.1", "--port", str(port)),
                                 prog="wpt-server")
    assert f"127.0.0.1:{port}: l'indirizzo e la porta sono già in uso" in line


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_servers_log_file_is_owner_only(tmp_path: Path) -> None:
    log = tmp_path / "wpt-server.log"
    with ServerProcess(tmp_path / "server", "--log-file", str(log)):
        pass
    assert stat.S_IMODE(log.stat().st_mode) == 0o600 and log.read_text(encoding="utf-8")
