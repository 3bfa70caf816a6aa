"""The access log: every read and write of a person's record is one entry, chained; the chain tells a
removed or altered entry; the log reaches the server, which checks each desk's chain."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.models import Person
from desktop.domain.roles import Role
from desktop.operations.authorization import NotAllowedError
from desktop.operations.operators import add_operator
from desktop.operations.persons import edit_person, register_person
from desktop.operations.requests import NewRequest, record_request
from desktop.queries import person_record
from desktop.queries.access import person_accesses
from desktop.services.export import records
from desktop.storage import access_log
from desktop.storage.store import Store
from sync.server.cli import main as server_main
from tests.helpers.desks import ADMIN, PASSWORD
from tests.helpers.sync_server import RunningServer


def _person(store: Store) -> Person:
    return register_person(store, Person(last_name="Bonino", first_name="Margherita",
                                         birth_date=date(1939, 7, 1))).value


def test_reads_and_writes_of_a_person_are_logged_without_personal_values(store: Store) -> None:
    person = _person(store)
    person_record.person_for_view(store, person.id)
    person_record.person_timeline(store, person.id)
    person.phone = "000 111 2222"
    edit_person(store, person)
    record_request(store, NewRequest(person_id=person.id, category="DIG", description="SPID per la figlia"))
    list(records(store))
    actions = [(e.action, e.record_kind, e.person_id) for e in access_log.entries(store) if e.action != "login"]
    assert actions == [("create", "person", person.id), ("view", "person", person.id),
                       ("timeline", "person", person.id), ("update", "person", person.id),
                       ("create", "request", person.id), ("export", "export", "")]
    assert {e.operator_name for e in access_log.entries(store)} == {store.current_operator().name}
    logged = store.query("SELECT * FROM access_log")
    text = repr(logged)
    for value in ("Bonino", "Margherita", "000 111 2222", "SPID"):
        assert value not in text
    assert access_log.verify(store).problem == "" and access_log.verify(store).checked == 8  # with 2 logins


def test_a_coordinator_sees_who_accessed_a_person_an_operator_cannot(store: Store) -> None:
    person = _person(store)
    person_record.person_for_view(store, person.id)
    seen = person_accesses(store, person.id)
    assert [e.action for e in seen] == ["view", "create"]  # newest first, about this person only
    store.sign_in(add_operator(store, "Anna", Role.OPERATOR).value)
    with pytest.raises(NotAllowedError):
        person_accesses(store, person.id)


def test_the_log_is_append_only_and_its_chain_tells_a_removed_or_altered_entry(store: Store) -> None:
    person = _person(store)
    for _ in range(4):
        person_record.person_for_view(store, person.id)
    with pytest.raises(Exception, match="append-only"):
        store.conn.execute("DELETE FROM access_log WHERE n = 2")
    # Someone with the key drops the guards: the chain still tells.
    store.conn.execute("DROP TRIGGER access_log_no_update")
    store.conn.execute("DROP TRIGGER access_log_no_delete")
    store.conn.execute("UPDATE access_log SET operator_name = 'Qualcun altro' WHERE n = 3")
    assert access_log.verify(store) == access_log.Verification(2, "la voce n. 3 è stata alterata", 3)
    store.conn.execute("UPDATE access_log SET operator_name = ? WHERE n = 3", (store.current_operator().name,))
    assert access_log.verify(store).problem == ""
    store.conn.execute("DELETE FROM access_log WHERE n = 2")
    assert access_log.verify(store).problem == "manca la voce n. 2"


def test_the_log_reaches_the_server_which_checks_each_desk_chain(store: Store, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    person = _person(store)
    person_record.person_for_view(store, person.id)
    with RunningServer(tmp_path / "server") as server:
        client = server.enroll(store, "Bussoleno", "val-susa")
        assert client.sync().complete
        assert access_log.entries(store)  # kept at the desk too
        capsys.readouterr()
        assert server_main(["audit", "--data-dir", str(server.data_dir), "--person", person.id]) == 0
        out = capsys.readouterr().out
        assert "Bussoleno" in out and " view " in out and " create " in out and "catene interrotte: 0" in out
        # An entry that does not follow the one before it on its desk is kept and flagged.
        store.conn.execute("DROP TRIGGER access_log_no_update")
        person_record.person_for_view(store, person.id)
        store.conn.execute("UPDATE outbox SET fields = json_set(fields, '$.prev_hash', ?) WHERE entity = 'access'",
                           ("f" * 64,))
        assert client.sync().complete
        assert server_main(["audit", "--data-dir", str(server.data_dir), "--desk", "Bussoleno"]) == 1
        assert "CATENA INTERROTTA" in capsys.readouterr().out


def test_audit_commands(store: Store, data_dir: Path, capsys: pytest.CaptureFixture[str],
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WPT_OPERATOR", ADMIN)
    monkeypatch.setenv("WPT_PASSWORD", PASSWORD)
    person = _person(store)
    person_record.person_for_view(store, person.id)
    store.close()
    capsys.readouterr()
    assert main(["--data-dir", str(data_dir), "audit", "verify"]) == 0
    assert "integro: 5 voci" in capsys.readouterr().out  # set-up login, login, create, view, the command's login
    assert main(["--data-dir", str(data_dir), "audit", "list", "--person", person.id]) == 0
    assert "Voci: 2." in capsys.readouterr().out
