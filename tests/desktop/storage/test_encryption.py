"""Encryption at rest on real SQLCipher files: nothing of a record is readable in the data folder
without a password or the recovery key; passwords rewrap the key; an earlier plain database is
encrypted in place with nothing lost."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.domain.models import Person
from desktop.domain.roles import Role
from desktop.operations.operators import add_operator, change_password, disable_operator
from desktop.operations.persons import register_person
from desktop.operations.requests import NewRequest, record_request
from desktop.storage import access_log, migrations
from desktop.storage.connection import APPLICATION_ID
from desktop.storage.errors import AuthenticationError
from desktop.storage.keys import KeyFile
from desktop.storage.maintenance import backup
from desktop.storage.opening import DeskState, Password, RecoveryKey, desk_state, open_store, set_up_desk
from desktop.storage.store import DB_FILENAME, Store
from tests.helpers.desks import ADMIN, FAST_KDF, PASSWORD, database_key

SECRETS = ("Gianduja", "Cuneese", "GNDCNS39L41L219X", "Sfratto esecutivo imminente", "333 9876543")


def _sensitive_person(store: Store) -> Person:
    person = register_person(store, Person(last_name="Gianduja", first_name="Cuneese", phone="333 9876543",
                                           birth_date=date(1939, 7, 1))).value
    record_request(store, NewRequest(person_id=person.id, category="CAS", description="Sfratto esecutivo imminente"))
    return person


def _plaintext_in(folder: Path) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.name}: {s}" for s in SECRETS if s.encode("utf-8") in data]
    return found


def test_no_file_of_the_data_folder_holds_a_record_in_clear(store: Store, data_dir: Path) -> None:
    _sensitive_person(store)
    (data_dir / "copie").mkdir()
    backup(store, data_dir / "copie" / "copia.db")
    assert (data_dir / f"{DB_FILENAME}-wal").stat().st_size > 0  # the WAL is there, and encrypted too
    assert _plaintext_in(data_dir) == []
    for path in (data_dir / DB_FILENAME, data_dir / "copie" / "copia.db"):
        with pytest.raises(sqlite3.DatabaseError, match="not a database"):
            sqlite3.connect(path).execute("SELECT * FROM persons").fetchall()


def test_a_wrong_password_reads_nothing_and_repeated_ones_slow_down_and_are_logged(store: Store,
                                                                                 data_dir: Path) -> None:
    store.close()
    for _ in range(5):
        with pytest.raises(AuthenticationError, match="Accesso negato"):
            open_store(data_dir, Password(ADMIN, "sbagliata!"))
    with pytest.raises(AuthenticationError, match="Troppi tentativi"):
        open_store(data_dir, Password(ADMIN, PASSWORD))  # even the right one waits now
    key_file = KeyFile.load(KeyFile.path_in(data_dir))
    key_file.failures[ADMIN.casefold()][1] = "2000-01-01T00:00:00+00:00"  # the delay has passed
    key_file.save(KeyFile.path_in(data_dir))
    with pytest.raises(AuthenticationError, match="non validi"):
        open_store(data_dir, Password("Nessuno", PASSWORD))
    with open_store(data_dir, Password(ADMIN, PASSWORD)) as again:
        failed = [e for e in access_log.entries(again) if e.action == "login_failed"]
        assert [e.operator_name for e in failed] == [ADMIN] * 5 + ["Nessuno"]
        assert access_log.verify(again).problem == ""
    assert ADMIN.casefold() not in KeyFile.load(KeyFile.path_in(data_dir)).failures  # reset by the right one


def test_a_password_change_rewraps_the_key_and_a_disabled_operator_cannot_open(store: Store, data_dir: Path) -> None:
    key = database_key(data_dir)
    anna = add_operator(store, "Anna", Role.OPERATOR, "prima-password").value
    change_password(store, "Anna", "seconda-password")
    add_operator(store, "Bruno", Role.OPERATOR, "password-bruno")
    disable_operator(store, "Bruno")
    store.close()
    assert database_key(data_dir) == key  # the database was not re-encrypted
    with pytest.raises(AuthenticationError):
        open_store(data_dir, Password("Anna", "prima-password"))
    with open_store(data_dir, Password("anna", "seconda-password")) as as_anna:
        assert as_anna.current_operator().id == anna.id
    with pytest.raises(AuthenticationError):
        open_store(data_dir, Password("Bruno", "password-bruno"))


def test_the_recovery_key_sets_a_new_administrator_password(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "desk"
    recovery = set_up_desk(folder, ADMIN, PASSWORD, kdf=FAST_KDF)
    with pytest.raises(AuthenticationError, match="recupero"):
        open_store(folder, RecoveryKey("AAAA-BBBB"))
    monkeypatch.setenv("WPT_RECOVERY_KEY", recovery.lower().replace("-", " "))  # as typed from the paper
    monkeypatch.setenv("WPT_NEW_PASSWORD", "nuova-password")
    assert main(["--data-dir", str(folder), "recover", "--admin", ADMIN]) == 0
    with open_store(folder, Password(ADMIN, "nuova-password")) as store:
        assert store.current_operator().role == Role.ADMINISTRATOR


def test_a_database_of_the_previous_version_is_encrypted_in_place_with_nothing_lost(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    # A desk database as the previous version wrote it: plain SQLite, schema 2, one person.
    old = sqlite3.connect(folder / DB_FILENAME, isolation_level=None)
    for migration in migrations.MIGRATIONS[:2]:
        migration(old)
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 2")
    old.execute("PRAGMA journal_mode = WAL")
    old.execute("INSERT INTO settings VALUES ('desk_id', 'desk-1'), ('operator_id', 'op-1')")
    old.execute("INSERT INTO operators (id, name, role) VALUES ('op-1', 'Operatore', 'operatore')")
    old.execute("INSERT INTO persons (id, last_name, first_name, phone) VALUES ('p-1', 'Gianduja', 'Cuneese', "
                "'333 9876543')")
    old.close()
    assert desk_state(folder) is DeskState.PLAIN
    set_up_desk(folder, "Carla", PASSWORD, kdf=FAST_KDF)
    assert _plaintext_in(folder) == []
    with open_store(folder, Password("Carla", PASSWORD)) as store:
        assert store.desk_id == "desk-1"
        person = store.get(Person, "p-1")
        assert person is not None and (person.last_name, person.phone) == ("Gianduja", "333 9876543")
        assert [p["id"] for p in store.query("SELECT id FROM persons_fts JOIN persons ON persons.seq = "
                                             "persons_fts.rowid WHERE persons_fts MATCH 'gianduja'")] == ["p-1"]
        operators = {o["name"]: bool(o["disabled"]) for o in store.query("SELECT name, disabled FROM operators")}
        assert operators == {"Operatore": True, "Carla": False}  # the earlier operator keeps their name on their work


def test_a_foreign_sqlite_file_is_never_encrypted(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    folder.mkdir()
    other = sqlite3.connect(folder / DB_FILENAME)
    other.execute("CREATE TABLE x (a)")
    other.execute("PRAGMA user_version = 1")
    other.close()
    before = (folder / DB_FILENAME).read_bytes()
    with pytest.raises(Exception, match="non è un database di WPT Desk"):
        set_up_desk(folder, ADMIN, PASSWORD, kdf=FAST_KDF)
    assert (folder / DB_FILENAME).read_bytes() == before
