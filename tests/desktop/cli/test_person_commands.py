"""``wpt-desk person …``: the rights from the command line, run as IT would."""

from __future__ import annotations

import json
from pathlib import Path

from desktop.domain.models import Erasure, Person
from desktop.operations.persons import register_person
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk


def test_access_export_restrict_consent_and_erase_from_the_command_line(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    with open_desk(data) as store:
        person = register_person(store, Person(last_name="Vottero", first_name="Celestina")).value

    done = wpt_desk(data, "person", "access-export", person.id, "--out", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    exported = json.loads((tmp_path / "out" / f"accesso-{person.id}.json").read_text(encoding="utf-8"))
    assert exported["person"]["last_name"] == "Vottero"
    assert (tmp_path / "out" / f"accesso-{person.id}.pdf").read_bytes().startswith(b"%PDF")
    assert "Vottero" not in done.stdout

    assert wpt_desk(data, "person", "consent", person.id, "--purpose", "sms_reminders").returncode == 0
    assert wpt_desk(data, "person", "withdraw-consent", person.id, "--purpose", "sms_reminders").returncode == 0
    assert wpt_desk(data, "person", "restrict", person.id).returncode == 0
    refused = wpt_desk(data, "person", "consent", person.id, "--purpose", "sms_reminders")
    assert refused.returncode == 2 and "art. 18" in refused.stderr and refused.stderr.count("\n") == 1

    missing = wpt_desk(data, "person", "erase", person.id)
    assert missing.returncode == 2
    erased = wpt_desk(data, "person", "erase", person.id, "--reason", "richiesta dell'interessata")
    assert erased.returncode == 0, erased.stderr
    with open_desk(data) as store:
        assert store.get(Person, person.id) is None and store.get(Erasure, person.id) is not None
