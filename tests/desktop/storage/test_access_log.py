"""The access log: every read and write of a person's record is one entry, chained; the chain tells a
removed or altered entry; the log reaches the server, which checks each desk's chain."""

from __future__ import annotations

import uuid
from datetime import date
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlcipher3

from desktop.cli import main
from desktop.domain.models import Person
from desktop.domain.roles import Role
from desktop.ids import uuid7
from desktop.operations.authorization import NotAllowedError
from desktop.operations.operators import add_operator
from desktop.operations.persons import edit_person, register_person
from desktop.operations.requests import NewRequest, record_request
from desktop.queries import person_record
from desktop.queries.access import person_accesses
from desktop.services.export import records
from desktop.storage import access_log, migrations
from desktop.storage.store import Store
from sync.audit import GENESIS_HASH, AccessEntry, entry_hash
from sync.server.cli import main as server_main
from tests.helpers.desks import ADMIN, PASSWORD, unkeyed_connection
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
    with pytest.raises(Exception, match="append-only"):  # who did what is kept apart, as guarded
        store.conn.execute("UPDATE access_log_contexts SET operator_name = 'Qualcun altro'")
    own = store.scalar("SELECT context FROM access_log WHERE n = 3")
    store.conn.execute("INSERT INTO access_log_contexts (desk_id, operator_id, operator_name, action, record_kind) "
                       "SELECT desk_id, operator_id, 'Qualcun altro', action, record_kind FROM access_log_contexts "
                       "WHERE k = ?", (own,))
    store.conn.execute("UPDATE access_log SET context = last_insert_rowid() WHERE n = 3")
    assert access_log.verify(store) == access_log.Verification(2, "la voce n. 3 è stata alterata", 3)
    store.conn.execute("UPDATE access_log SET context = ? WHERE n = 3", (own,))
    assert access_log.verify(store).problem == ""
    # Altered with its hash made again: the next entry, chained to the hash it had, tells.
    altered = access_log.entries(store)[2].model_dump() | {"at": "2020-01-01T00:00:00.000+00:00"}
    store.conn.execute("UPDATE access_log SET at = ?, hash = ? WHERE n = 3",
                       (access_log.pack_at(altered["at"]), access_log.pack_hash(entry_hash(altered))))
    assert access_log.verify(store) == access_log.Verification(3, "la voce n. 4 è stata alterata", 4)
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


def test_migration_13_stores_the_entries_compactly_and_reads_back_the_same(tmp_path: Path) -> None:
    """Migration 13 rewrites the log of version 12 in its compact form: every entry reads back field for
    field (ids, times and hashes in any form, a failed login, an entry out of its chain), the chain
    verifies as it did, and the append-only guards hold on the new tables."""
    desk, anna, person = str(uuid.uuid4()), str(uuid.uuid4()), uuid7()
    fields = [
        {"operator_id": anna, "operator_name": "Anna", "action": "login"},
        {"operator_id": anna, "operator_name": "Anna", "action": "create", "record_kind": "person",
         "record_id": person, "person_id": person},
        {"operator_name": "Qualcuno", "action": "login_failed", "at": "2026-03-01T10:00:00+00:00"},
        {"operator_id": anna, "operator_name": "Anna", "action": "update", "record_kind": "request",
         "record_id": "REQ-1", "person_id": person.upper(), "at": "2026-03-01 10:00"},
        {"operator_id": anna, "operator_name": "Anna", "action": "export", "record_kind": "export", "record_id": "all"},
        {"operator_id": anna, "operator_name": "Anna", "action": "view", "record_kind": "person",
         "record_id": person, "person_id": person, "prev_hash": "f" * 64},  # out of its chain
        {"operator_id": anna, "operator_name": "Anna", "action": "view", "record_kind": "person",
         "record_id": person, "person_id": person},
    ]
    conn = unkeyed_connection(tmp_path / "v12.db")
    for version in range(12):
        migrations.MIGRATIONS[version](conn)
    conn.execute("PRAGMA user_version = 12")
    before, prev = [], GENESIS_HASH
    for n, extra in enumerate(fields, start=1):
        values = {"id": uuid7(), "n": n, "at": f"2026-03-01T10:00:0{n}.{n}00+00:00", "desk_id": desk,
                  "operator_id": "", "record_kind": "", "record_id": "", "person_id": "", "prev_hash": prev, **extra}
        entry = AccessEntry.model_validate({**values, "hash": entry_hash(values)})
        row = entry.model_dump()
        conn.execute(f"INSERT INTO access_log ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                     tuple(row.values()))
        before.append(entry)
        prev = entry.hash
    broken = access_log.Verification(5, "la voce n. 6 non segue la voce precedente", 6)
    assert access_log.verify_entries(before) == broken
    assert migrations.migrate(conn) == 12
    conn.row_factory = sqlcipher3.Row
    after = [access_log.entry_of(r, r["prior_hash"]) for r in conn.execute(f"{access_log.SELECT} ORDER BY a.n")]
    assert after == before
    assert access_log.verify_entries(after) == broken
    kinds = conn.execute("SELECT typeof(id), typeof(at), typeof(person_id), typeof(prev_hash), typeof(hash) "
                         "FROM access_log WHERE n = 2").fetchone()
    assert tuple(kinds) == ("blob", "integer", "blob", "null", "blob")
    assert conn.execute("SELECT count(*) FROM access_log_contexts").fetchone()[0] == 6
    plan = conn.execute("EXPLAIN QUERY PLAN SELECT n FROM access_log WHERE person_id = ?",
                        (access_log.pack_id(person),)).fetchall()
    assert "access_log_person" in str([tuple(p) for p in plan])
    for statement in ("DELETE FROM access_log WHERE n = 1", "UPDATE access_log_contexts SET operator_name = 'X'",
                      "DELETE FROM access_log_contexts"):
        with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
            conn.execute(statement)
    conn.close()


def test_entries_since_a_date_whatever_form_their_time_is_stored_in(store: Store) -> None:
    """``since`` compares the entry's time as written: a time stored as milliseconds and one kept as text."""
    for at in ("2026-03-01T23:59:59.999+00:00", "2026-03-02T00:00:00.000+00:00", "2026-03-02 10:00"):
        access_log.append(store, "view", record_kind="person", record_id="p", person_id="p", at=at)
    stored = [r["t"] for r in store.query("SELECT typeof(at) AS t FROM access_log WHERE person_id = 'p'")]
    assert stored == ["integer", "integer", "text"]
    assert [e.at for e in access_log.entries(store, person_id="p", since="2026-03-02")] == [
        "2026-03-02T00:00:00.000+00:00", "2026-03-02 10:00"]
    as_sql = [r["at"] for r in store.query(f"SELECT {access_log.AT_TEXT} AS at FROM access_log a ORDER BY n")]
    assert as_sql == [e.at for e in access_log.entries(store)]
