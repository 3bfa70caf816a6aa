from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.enums import ReferralStatus, RequestStatus
from desktop.domain.models import Person, Referral, Request, StatusChange
from desktop.ids import HybridLogicalClock
from desktop.storage import migrations
from desktop.storage.errors import NotADeskDatabaseError, SchemaTooNewError
from desktop.storage.store import DB_FILENAME, Store, TransitionError
from tests.helpers.people import fiscal_code


def _person(store: Store, last: str = "Ferrero", first: str = "Battista", **extra: object) -> Person:
    return store.save(Person(last_name=last, first_name=first, **extra))


def test_new_database_is_migrated_to_latest_with_wal_and_foreign_keys(store: Store) -> None:
    assert store.scalar("PRAGMA user_version") == migrations.LATEST_VERSION
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA synchronous") == 2  # FULL


def test_newer_schema_is_refused_and_left_untouched(data_dir: Path) -> None:
    Store.in_folder(data_dir).close()
    path = data_dir / DB_FILENAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="più recente"):
        Store.in_folder(data_dir)
    assert path.read_bytes() == before


def test_garbage_file_is_refused_with_a_clear_error(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / DB_FILENAME).write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(NotADeskDatabaseError, match="non è un database"):
        Store.in_folder(data_dir)


def test_another_programs_sqlite_file_is_not_migrated(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("CREATE TABLE x (a)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(NotADeskDatabaseError):
        Store.in_folder(data_dir)


def test_reopening_keeps_identity_and_does_not_reseed(data_dir: Path) -> None:
    with Store.in_folder(data_dir) as first:
        desk_id, services = first.desk_id, first.count("service")
    with Store.in_folder(data_dir) as second:
        assert second.desk_id == desk_id
        assert second.count("service") == services > 0
        assert second.outbox_count() == 0  # reference data is not sent: every replica has it


def test_every_change_is_in_the_outbox_in_the_same_transaction(store: Store) -> None:
    person = _person(store)
    entries = store.query("SELECT * FROM outbox WHERE row_id = ?", (person.id,))
    assert len(entries) == 1 and entries[0]["entity"] == "person"
    assert json.loads(entries[0]["fields"])["last_name"] == "Ferrero"

    person.phone = "000 111 2222"
    store.save(person)
    entries = store.query("SELECT fields FROM outbox WHERE row_id = ? ORDER BY seq", (person.id,))
    assert json.loads(entries[-1]["fields"]) == {"phone": "000 111 2222"}

    store.save(person)  # nothing changed: nothing to send
    assert store.scalar("SELECT count(*) FROM outbox WHERE row_id = ?", (person.id,)) == 2


def test_failed_transaction_leaves_neither_row_nor_outbox_entry(store: Store) -> None:
    before = store.outbox_count()
    with pytest.raises(RuntimeError), store.transaction():
        _person(store, "Cravero")
        raise RuntimeError("power cut")
    assert store.outbox_count() == before
    assert store.search_persons("Cravero") == []


def test_field_clocks_advance_only_for_changed_fields(store: Store) -> None:
    person = _person(store)
    clocks = json.loads(store.scalar("SELECT clocks FROM persons WHERE id = ?", (person.id,)))
    person.address = "Via Roma, 1"
    store.save(person)
    after = json.loads(store.scalar("SELECT clocks FROM persons WHERE id = ?", (person.id,)))
    assert after["address"] > clocks["address"]
    assert after["last_name"] == clocks["last_name"]
    assert HybridLogicalClock.parse(after["address"])[2] == store.desk_id


def test_delete_is_a_tombstone_that_hides_and_can_be_undone(store: Store) -> None:
    person = _person(store, "Gribaudo")
    store.delete(Person, person.id)
    assert store.scalar("SELECT deleted FROM persons WHERE id = ?", (person.id,)) == 1
    assert store.search_persons("Gribaudo") == []
    assert json.loads(store.query("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1")[0]["fields"]) == {
        "deleted": 1
    }
    store.restore(Person, person.id)
    assert [p["id"] for p in store.search_persons("Gribaudo")] == [person.id]


def test_search_finds_by_surname_name_code_and_phone_and_follows_edits(store: Store) -> None:
    code = fiscal_code("Chiabrera", "Lucia", "F", date(1950, 5, 2))
    person = _person(store, "Chiabrera", "Lucia", fiscal_code=code, phone="011 555 0199")
    _person(store, "Bertolino", "Secondo")
    for text in ("chiab", "Chiabrera luc", code[:7], "0115550", "555 01", "CHIABRÈRA"):
        assert [p["id"] for p in store.search_persons(text)] == [person.id], text
    person.last_name = "Audisio"
    store.save(person)
    assert store.search_persons("chiab") == []
    assert [p["id"] for p in store.search_persons("audis")] == [person.id]
    assert store.integrity_problems() == []


def test_status_changes_are_recorded_as_history(store: Store) -> None:
    person = _person(store)
    request = store.save(Request(person_id=person.id, category="DIG", description="SPID"))
    store.change_request_status(request.id, RequestStatus.IN_PROGRESS)
    with pytest.raises(TransitionError, match="motivo"):
        store.change_request_status(request.id, RequestStatus.CLOSED_RESOLVED)
    store.change_request_status(request.id, RequestStatus.CLOSED_RESOLVED, "SPID attivato")
    history = store.query(
        "SELECT from_status, to_status, reason, operator_id FROM status_changes WHERE subject_id = ? ORDER BY seq",
        (request.id,),
    )
    assert [(h["from_status"], h["to_status"], h["reason"]) for h in history] == [
        (None, "aperta", ""),
        ("aperta", "in lavorazione", ""),
        ("in lavorazione", "chiusa (risolta)", "SPID attivato"),
    ]
    with pytest.raises(TransitionError):
        store.change_request_status(request.id, RequestStatus.OPEN)


def test_referral_lifecycle_and_follow_ups_due(store: Store) -> None:
    person = _person(store, municipality_code="Ceres")
    request = store.save(Request(person_id=person.id, category="TRA"))
    service = store.services_covering("TRA", person.municipality_code)[0]
    referral = store.save(
        Referral(request_id=request.id, service_id=service["id"], follow_up_on=date(2020, 1, 1))
    )
    assert [r["id"] for r in store.follow_ups_due(date.today())] == [referral.id]
    store.change_referral_status(referral.id, ReferralStatus.SENT)
    store.change_referral_status(referral.id, ReferralStatus.REFUSED_BY_SERVICE, "Fuori zona")
    assert store.follow_ups_due(date.today()) == []
    # request opened, referral proposed, sent, refused
    assert store.count("status_change") == 4
    assert isinstance(store.get(StatusChange, store.query("SELECT id FROM status_changes")[0]["id"]), StatusChange)


def test_foreign_keys_refuse_a_request_for_a_missing_person(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.save(Request(person_id="no-such-person", category="ACC"))
    assert store.count("request") == 0


def test_possible_duplicates_by_code_or_name_and_birth_date(store: Store) -> None:
    born = date(1939, 7, 1)
    first = _person(store, "Bonino", "Margherita", birth_date=born)
    twin = Person(last_name="BONINO", first_name="margherita", birth_date=born)
    assert [p.id for p in store.possible_duplicates(twin)] == [first.id]
    assert store.possible_duplicates(Person(last_name="Bonino", first_name="Margherita")) == []


def test_backup_is_a_consistent_copy(store: Store, tmp_path: Path) -> None:
    _person(store, "Allasia")
    target = tmp_path / "copy.db"
    store.backup(target)
    with Store(target) as copy:
        assert [p["last_name"] for p in copy.search_persons("allasia")] == ["Allasia"]
        assert copy.integrity_problems() == []
    assert not (tmp_path / "copy.db.partial").exists()
