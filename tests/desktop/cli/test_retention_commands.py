"""``wpt-desk retention …`` and the objection from the command line, run as IT would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.domain.models import Erasure, Person
from desktop.domain.roles import Role
from desktop.operations.operators import add_operator
from desktop.operations.persons import register_person
from desktop.storage import access_log
from sync import audit
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import PASSWORD, open_desk


def test_retention_report_then_erase_after_review(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    with open_desk(data) as store:
        person = register_person(store, Person(last_name="Vottero", first_name="Celestina")).value
        recent = register_person(store, Person(last_name="Recente", first_name="Bruna")).value
        add_operator(store, "Ugo", Role.OPERATOR, PASSWORD)
        with store.transaction() as conn:  # Celestina's last activity was in 2012
            conn.execute("UPDATE persons SET created_at = ?, updated_at = ? WHERE id = ?",
                         ("2012-05-02T09:00:00Z", "2012-05-02T09:00:00Z", person.id))
    later = date.today().replace(year=date.today().year + 11).isoformat()

    now = wpt_desk(data, "retention", "report")
    assert now.returncode == 0, now.stderr
    assert "10 anni" in now.stdout and "oltre il periodo: 1" in now.stdout and person.id in now.stdout
    report = wpt_desk(data, "retention", "report", "--on", later)
    assert report.returncode == 0 and recent.id in report.stdout and "Vottero" in report.stdout
    with open_desk(data) as store:  # the names it printed left the screen: each report is on the access log
        logged = [e for e in access_log.entries(store) if e.record_kind == "retention_report"]
        assert [(e.action, e.record_id, e.person_id) for e in logged] == [
            (audit.EXPORT, date.today().isoformat(), ""), (audit.EXPORT, later, "")]

    unconfirmed = wpt_desk(data, "retention", "erase", "--reason", "conservazione scaduta")
    assert unconfirmed.returncode == 2 and "--confirm" in unconfirmed.stderr
    not_past = wpt_desk(data, "retention", "erase", recent.id, "--reason", "scaduta", "--confirm")
    assert not_past.returncode == 2 and "non è oltre" in not_past.stderr
    # A list for a later day would take persons still in their period today: refused.
    future = wpt_desk(data, "retention", "erase", "--on", later, "--reason", "scaduta", "--confirm")
    assert future.returncode == 2 and "data futura" in future.stderr
    operator = wpt_desk(data, "--operator", "Ugo", "retention", "erase", "--reason", "x", "--confirm")
    assert operator.returncode == 2 and "coordinatore" in operator.stderr
    with open_desk(data) as store:
        assert store.get(Person, person.id) is not None  # nothing was half-done
        assert store.get(Person, recent.id) is not None

    erased = wpt_desk(data, "retention", "erase", "--reason", "conservazione scaduta", "--confirm")
    assert erased.returncode == 0, erased.stderr
    assert "1 persona cancellata" in erased.stdout
    with open_desk(data) as store:
        assert store.get(Person, person.id) is None and store.get(Erasure, person.id) is not None
        assert store.get(Person, recent.id) is not None

    assert wpt_desk(data, "retention", "set", "--years", "7").returncode == 0
    assert "7 anni" in wpt_desk(data, "retention", "report").stdout
    bad = wpt_desk(data, "retention", "set", "--years", "0")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_objection_then_the_coordinators_decision(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    with open_desk(data) as store:
        person = register_person(store, Person(last_name="Vottero", first_name="Celestina")).value
    objected = wpt_desk(data, "person", "object", person.id)
    assert objected.returncode == 0, objected.stderr
    with open_desk(data) as store:
        current = store.get(Person, person.id)
        assert current is not None and current.restricted and current.objection_on == date.today()
    assert wpt_desk(data, "person", "decide-objection", person.id, "--reason", "x").returncode == 2
    rejected = wpt_desk(data, "person", "decide-objection", person.id, "--reject", "--reason", "obbligo di legge")
    assert rejected.returncode == 0, rejected.stderr
    with open_desk(data) as store:
        current = store.get(Person, person.id)
        assert current is not None and not current.restricted and current.objection_outcome == "rejected"
