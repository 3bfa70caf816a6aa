"""``wpt-desk`` says everything in Italian, as a new municipal IT person meets it: argument mistakes, values
the rules refuse, damaged files, missing files, counts, unknown ids. One line, no English, no value echoed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.domain.models import Erasure, Person
from desktop.operations.errors import PERSON_NOT_FOUND
from desktop.operations.persons import register_person
from desktop.storage.store import DB_FILENAME
from tests.helpers.cli import wpt_desk, wpt_server
from tests.helpers.desks import open_desk

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
