"""``wpt-desk person …``: the rights from the command line, run as IT would."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from desktop.domain.models import Erasure, Person
from desktop.operations.persons import register_person
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk
from tests.helpers.people import fiscal_code


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


def test_an_erase_reason_holding_the_persons_data_is_refused_without_echoing_it(tmp_path: Path) -> None:
    # The reason stays on the tombstone of every desk and of the server after the erasure: a codice
    # fiscale (anyone's), the person's surname, phone or e-mail there would outlive the erasure.
    data = tmp_path / "desk"
    code = fiscal_code("Vottero", "Celestina", "F", date(1939, 4, 2))
    with open_desk(data) as store:
        person = register_person(store, Person(fiscal_code=code, last_name="Vottero", first_name="Celestina",
                                               phone="0121 32 10 98", email="c.vottero@example.org")).value

    for reason in (f"richiesta di {code}", f"richiesta di {code.lower()} del 3/2", "la sig.ra vottero lo chiede",
                   "telefonata dal 0121/321098", "mail da c.vottero@example.org",
                   f"riguarda {fiscal_code('Rossi', 'Mario', 'M', date(1950, 1, 1))}"):
        refused = wpt_desk(data, "person", "erase", person.id, "--reason", reason)
        assert refused.returncode == 2 and refused.stderr.count("\n") == 1, reason
        assert "senza codice fiscale, nome, telefono, e-mail o indirizzo" in refused.stderr
        for part in (code, "Vottero", "vottero", "321098", "example.org"):
            assert part not in refused.stderr and part not in refused.stdout
    with open_desk(data) as store:
        assert store.get(Person, person.id) is not None and store.get(Erasure, person.id) is None

    # A reason without them (a protocol number is not the person's data) is accepted.
    erased = wpt_desk(data, "person", "erase", person.id, "--reason", "richiesta dell'interessata, prot. 4471/2026")
    assert erased.returncode == 0, erased.stderr
    with open_desk(data) as store:
        tombstone = store.get(Erasure, person.id)
        assert tombstone is not None and tombstone.reason == "richiesta dell'interessata, prot. 4471/2026"
