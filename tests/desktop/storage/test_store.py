from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.models import Person, Request
from desktop.ids import HybridLogicalClock
from desktop.queries.persons import search_persons
from desktop.storage import clocks as stored_clocks
from desktop.storage import migrations, sync_tables
from desktop.storage.connection import INTEGRITY_ERROR
from desktop.storage.errors import NotADeskDatabaseError, SchemaTooNewError
from desktop.storage.import_seen import updated_at_sql
from desktop.storage.maintenance import backup, integrity_problems
from desktop.storage.store import DB_FILENAME, Store
from tests.helpers.desks import open_desk, raw_connection, restore_backup, unkeyed_connection
from tests.helpers.people import fiscal_code


def _person(store: Store, last: str = "Ferrero", first: str = "Battista", **extra: object) -> Person:
    return store.save(Person(last_name=last, first_name=first, **extra))


def test_new_database_is_migrated_to_latest_with_wal_and_foreign_keys(store: Store) -> None:
    assert store.scalar("PRAGMA user_version") == migrations.LATEST_VERSION
    assert store.scalar("PRAGMA journal_mode") == "wal"
    assert store.scalar("PRAGMA foreign_keys") == 1
    assert store.scalar("PRAGMA synchronous") == 2  # FULL


def test_newer_schema_is_refused_and_left_untouched(data_dir: Path) -> None:
    open_desk(data_dir).close()
    path = data_dir / DB_FILENAME
    conn = raw_connection(data_dir)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="più recente"):
        open_desk(data_dir)
    assert path.read_bytes() == before


def test_garbage_file_is_refused_with_a_clear_error(data_dir: Path) -> None:
    open_desk(data_dir).close()
    (data_dir / DB_FILENAME).write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(NotADeskDatabaseError, match="non è un database"):
        open_desk(data_dir)


def test_another_programs_sqlite_file_is_not_migrated(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("CREATE TABLE x (a)")
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    with pytest.raises(NotADeskDatabaseError):
        open_desk(data_dir)


def test_reopening_keeps_identity_and_does_not_reseed(data_dir: Path) -> None:
    with open_desk(data_dir) as first:
        desk_id, services = first.desk_id, first.count("service")
    with open_desk(data_dir) as second:
        assert second.desk_id == desk_id
        assert second.count("service") == services > 0
        # Reference data is not sent (every replica has it): only the desk's own record, its operator and the
        # access log (the logins) are.
        assert {r["entity"] for r in sync_tables.outbox_ids(second)} == {"desk", "operator", "access"}


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
    before = sync_tables.outbox_count(store)
    with pytest.raises(RuntimeError), store.transaction():
        _person(store, "Cravero")
        raise RuntimeError("power cut")
    assert sync_tables.outbox_count(store) == before
    assert search_persons(store, "Cravero") == []


def test_field_clocks_advance_only_for_changed_fields(store: Store) -> None:
    person = _person(store)
    clocks = stored_clocks.decode(store.scalar("SELECT clocks FROM persons WHERE id = ?", (person.id,)))
    person.address = "Via Roma, 1"
    store.save(person)
    after = stored_clocks.decode(store.scalar("SELECT clocks FROM persons WHERE id = ?", (person.id,)))
    assert after["address"] > clocks["address"]
    assert after["last_name"] == clocks["last_name"]
    assert HybridLogicalClock.parse(after["address"])[2] == store.desk_id


def test_delete_is_a_tombstone_that_hides_and_can_be_undone(store: Store) -> None:
    person = _person(store, "Gribaudo")
    assert store.set_deleted(Person, person.id, True)
    assert store.scalar("SELECT deleted FROM persons WHERE id = ?", (person.id,)) == 1
    assert search_persons(store, "Gribaudo") == []
    assert json.loads(store.query("SELECT fields FROM outbox ORDER BY seq DESC LIMIT 1")[0]["fields"]) == {
        "deleted": 1
    }
    assert not store.set_deleted(Person, person.id, True)  # already deleted: nothing written
    store.set_deleted(Person, person.id, False)
    assert [p["id"] for p in search_persons(store, "Gribaudo")] == [person.id]


def test_search_finds_by_surname_name_code_and_phone_and_follows_edits(store: Store) -> None:
    code = fiscal_code("Chiabrera", "Lucia", "F", date(1950, 5, 2))
    person = _person(store, "Chiabrera", "Lucia", fiscal_code=code, phone="011 555 0199")
    _person(store, "Bertolino", "Secondo")
    for text in ("chiab", "Chiabrera luc", code[:7], "0115550", "555 01", "CHIABRÈRA"):
        assert [p["id"] for p in search_persons(store, text)] == [person.id], text
    person.last_name = "Audisio"
    store.save(person)
    assert search_persons(store, "chiab") == []
    assert [p["id"] for p in search_persons(store, "audis")] == [person.id]
    assert integrity_problems(store) == []


def test_foreign_keys_refuse_a_request_for_a_missing_person(store: Store) -> None:
    with pytest.raises(INTEGRITY_ERROR):
        store.save(Request(person_id="no-such-person", category="ACC"))
    assert store.count("request") == 0


def test_backup_is_a_consistent_copy(store: Store, tmp_path: Path) -> None:
    _person(store, "Allasia")
    target = tmp_path / "copy.db"
    backup(store, target)
    with open_desk(restore_backup(target, tmp_path / "restored")) as copy:
        assert [p["last_name"] for p in search_persons(copy, "allasia")] == ["Allasia"]
        assert integrity_problems(copy) == []
    assert not (tmp_path / "copy.db.partial").exists()


def test_check_sees_a_missing_column(store: Store) -> None:
    assert integrity_problems(store) == []
    store.conn.execute("ALTER TABLE notes DROP COLUMN kind")
    assert any("kind" in problem for problem in integrity_problems(store))


def test_a_store_is_only_made_from_an_opened_database(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "bare.db")
    conn.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
    with pytest.raises(ValueError, match="open_store"):
        Store(conn, tmp_path / "bare.db")
    conn.close()


def test_stamps_are_stored_grouped_and_rows_of_earlier_versions_are_rewritten(tmp_path: Path) -> None:
    """Migration 6 rewrites the JSON stamps of earlier versions grouped by stamp; both read the same."""
    as_json = {"last_name": "001.00000.a", "first_name": "001.00000.a", "phone": "002.00000.b"}
    assert stored_clocks.decode(json.dumps(as_json)) == as_json == stored_clocks.decode(stored_clocks.encode(as_json))
    assert stored_clocks.decode("001.00000.a #c000000;002.00000.b #10") == as_json  # as versions 12 wrote it
    assert stored_clocks.decode(stored_clocks.encode({})) == {}
    conn = unkeyed_connection(tmp_path / "old.db")
    for version in range(5):
        migrations.MIGRATIONS[version](conn)
    conn.execute("INSERT INTO persons (id, last_name, first_name, clocks) VALUES ('p', 'Rossi', 'Anna', ?)",
                 (json.dumps(as_json),))
    conn.execute("INSERT INTO persons (id, last_name, first_name) VALUES ('q', 'Bianchi', 'Ugo')")  # '{}'
    conn.execute("PRAGMA user_version = 5")
    migrations.migrate(conn)
    stored = dict(conn.execute("SELECT id, clocks FROM persons").fetchall())
    assert stored == {"p": stored_clocks.encode(as_json), "q": "{}"}
    assert conn.execute("SELECT rowid FROM persons_fts WHERE persons_fts MATCH 'Rossi'").fetchall() == [(1,)]


def test_migration_11_rebuilds_the_search_index_with_short_prefixes(tmp_path: Path) -> None:
    """Migration 11 adds the index of the possible duplicates and rebuilds the persons' search index with
    one-, two- and three-character prefix indexes: every person of the earlier version is found as before
    (phone as written and as digits), deleted rows too."""
    conn = unkeyed_connection(tmp_path / "old.db")
    for version in range(9):
        migrations.MIGRATIONS[version](conn)
    conn.execute("PRAGMA user_version = 9")
    conn.executemany("INSERT INTO persons (id, last_name, first_name, fiscal_code, phone, deleted) "
                     "VALUES (?, ?, ?, ?, ?, ?)", [("p", "Gilardi", "Anna", "GLRNNA80A41L219X", "011-555 12", 0),
                      ("q", "Bianchi", "Giulio", None, "", 0), ("r", "Rossi", "Ugo", None, "", 1)])

    def found(match: str) -> list[tuple[int]]:
        sql = "SELECT rowid FROM persons_fts WHERE persons_fts MATCH ? ORDER BY rowid"
        return conn.execute(sql, (match,)).fetchall()

    before = {q: found(q) for q in ('"g"*', '"gi"*', '"r"*', '"01155512"*', '"011"* "555"*', '"glrn"*', '"u"*')}
    migrations.migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    assert "prefix" in conn.execute("SELECT sql FROM sqlite_master WHERE name = 'persons_fts'").fetchone()[0]
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'persons_uncoded_name'").fetchone() == (1,)
    after = {q: found(q) for q in before}
    assert after == before
    assert after['"g"*'] == [(1,), (2,)] and after['"01155512"*'] == [(1,)] and after['"u"*'] == [(3,)]
    conn.execute("UPDATE persons SET last_name = 'Verdi' WHERE id = 'p'")  # the triggers write the new index
    assert found('"ve"*') == [(1,)] and found("gilardi") == []
    conn.close()


def test_stamps_name_their_fields_by_mask_and_rows_of_version_9_are_rewritten(tmp_path: Path) -> None:
    """Migration 12 rewrites the stamps versions 7 to 11 stored with their fields spelled out; a field the
    mask does not know is spelled out, and every form reads the same."""
    clocks = {"last_name": "001.00000.a", "first_name": "001.00000.a", "phone": "002.00000.b",
              "a_future_field": "002.00000.b", "only_new": "003.00000.c"}
    assert stored_clocks.decode("001.00000.a #c000000;002.00000.b #10 a_future_field;003.00000.c only_new") == clocks
    assert stored_clocks.decode(stored_clocks.encode(clocks)) == clocks
    every_field = {name: "004.00000.d" for name in stored_clocks.FIELD_NAMES}
    assert stored_clocks.decode(stored_clocks.encode(every_field)) == every_field
    for fields in (tuple(every_field), ("deleted", "a_future_field"), ("only_new",), ()):
        assert stored_clocks.encode_together(fields, "004.00000.d") == stored_clocks.encode(
            dict.fromkeys(fields, "004.00000.d"))
    spelled = "001.00000.a last_name first_name;002.00000.b phone"  # what versions 7 to 9 wrote
    conn = unkeyed_connection(tmp_path / "v9.db")
    for version in range(9):
        migrations.MIGRATIONS[version](conn)
    conn.execute("INSERT INTO persons (id, last_name, first_name, clocks) VALUES ('p', 'Rossi', 'Anna', ?)",
                 (spelled,))
    conn.execute("INSERT INTO persons (id, last_name, first_name) VALUES ('q', 'Bianchi', 'Ugo')")  # '{}'
    conn.execute("INSERT INTO categories (id, code, label, clocks) VALUES ('c', 'ACC', 'Accesso', ?)",
                 ("005.00000.e code label",))
    conn.execute("PRAGMA user_version = 9")
    assert migrations.migrate(conn) == 9
    stored = dict(conn.execute("SELECT id, clocks FROM persons").fetchall())
    assert stored == {"p": stored_clocks.encode(stored_clocks.decode(spelled)), "q": "{}"}
    assert stored_clocks.decode(stored["p"]) == stored_clocks.decode(spelled)
    category = conn.execute("SELECT clocks FROM categories").fetchone()[0]
    assert stored_clocks.decode(category) == {"code": "005.00000.e", "label": "005.00000.e"}
    conn.close()


def test_stamps_are_bytes_since_migration_13_and_rows_of_version_12_are_rewritten(tmp_path: Path) -> None:
    """A stamp of the usual form is 26 bytes (wall, counter, desk id), any other is spelled out; every
    form reads back the same stamps, and migration 13 rewrites the text of version 12 as bytes (and the
    updated_at of the rows already imported as milliseconds)."""
    desk = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
    usual, edge = f"001796156486615.00042.{desk}", f"999999999999999.99999.{desk}"
    odd = [f"001796156486615.00042.{desk.upper()}", "000000000000000.00000.reference", "not a stamp"]
    clocks = {"last_name": usual, "first_name": usual, "deleted": edge, "phone": odd[0], "email": odd[1],
              "notes": odd[2], "a_future_field": usual}
    encoded = stored_clocks.encode(clocks)
    assert isinstance(encoded, bytes) and stored_clocks.decode(encoded) == clocks
    person = {name: usual for name in ("last_name", "first_name", "fiscal_code", "birth_date", "phone", "deleted")}
    assert len(stored_clocks.encode(person)) <= 36 < len(f"{usual} #ffffffe0000c1")
    conn = unkeyed_connection(tmp_path / "v12.db")
    for version in range(12):
        migrations.MIGRATIONS[version](conn)
    conn.execute("PRAGMA user_version = 12")
    text = f"001796156486615.00042.{desk} #c000001;002.00000.b #10 a_future_field"  # as version 12 wrote it
    conn.execute("INSERT INTO persons (id, last_name, first_name, clocks) VALUES ('p', 'Rossi', 'Anna', ?)", (text,))
    conn.execute("INSERT INTO persons (id, last_name, first_name) VALUES ('q', 'Bianchi', 'Ugo')")  # '{}'
    conn.execute("UPDATE persons SET updated_at = CASE id WHEN 'p' THEN ? ELSE '2026-03-01 10:00' END",
                 ("2026-03-01T10:00:00.042+00:00",))
    conn.execute("INSERT INTO import_seen SELECT seq * 7, seq, updated_at FROM persons")  # imported before
    assert migrations.migrate(conn) == 12
    stored = dict(conn.execute("SELECT id, clocks FROM persons").fetchall())
    assert isinstance(stored["p"], bytes) and stored["q"] == "{}"
    seen = conn.execute("SELECT p.id, s.updated_at FROM import_seen s JOIN persons p ON p.seq = s.person_seq "
                        "ORDER BY p.id").fetchall()
    assert seen == [("p", 1772359200042), ("q", "2026-03-01 10:00")]  # the milliseconds of the first
    assert conn.execute("SELECT count(*) FROM import_seen s JOIN persons p ON p.seq = s.person_seq "
                        f"WHERE s.updated_at = {updated_at_sql('p.updated_at')}").fetchone() == (2,)
    assert stored_clocks.decode(stored["p"]) == stored_clocks.decode(text) == {
        "deleted": usual, "last_name": usual, "first_name": usual, "phone": "002.00000.b",
        "a_future_field": "002.00000.b"}
    conn.close()


def test_every_synced_field_has_a_bit_in_the_stamps_mask() -> None:
    """A field added to a model is appended to FIELD_NAMES (else its stamps are spelled out, longer)."""
    from desktop.domain.entities import CREATION_FIELDS, ENTITIES

    names = {f for entity in ENTITIES for f in (*entity.fields, *CREATION_FIELDS)}
    assert names <= set(stored_clocks.FIELD_NAMES)
    assert len(set(stored_clocks.FIELD_NAMES)) == len(stored_clocks.FIELD_NAMES)


def test_what_fails_inside_atomic_is_undone_whole_and_the_transaction_goes_on(store: Store) -> None:
    """Nested transactions inside ``atomic`` open no savepoint of their own: the first error undoes every
    write of the block (each nested level included), the writes before it stay."""
    kept = store.transaction()
    with kept:
        store.save(Person(last_name="Rossi", first_name="Anna"))
        outbox = sync_tables.outbox_count(store)
        with pytest.raises(INTEGRITY_ERROR), store.atomic():
            store.save(Person(last_name="Bianchi", first_name="Ugo"))
            with store.transaction() as conn:
                conn.execute("INSERT INTO persons (id, last_name, first_name) VALUES ('x', 'Verdi', 'Lia')")
                conn.execute("INSERT INTO persons (id, last_name, first_name) VALUES ('x', 'Verdi', 'Lia')")
        assert sync_tables.outbox_count(store) == outbox
        with store.atomic():
            store.save(Person(last_name="Neri", first_name="Ada"))
    names = [r["last_name"] for r in store.query("SELECT last_name FROM persons ORDER BY seq")]
    assert names == ["Rossi", "Neri"]
    with pytest.raises(RuntimeError), store.atomic():
        pass


def test_migration_14_keeps_in_the_search_index_only_which_persons_hold_a_word(tmp_path: Path) -> None:
    """Migration 14 rebuilds the search index without a copy of the columns and without word positions:
    every person of the earlier version is found as before, by every kind of search the list makes, in
    fewer bytes; the triggers keep it in step; what it holds of a person is only the words."""
    conn = unkeyed_connection(tmp_path / "v13.db")
    for version in range(13):
        migrations.MIGRATIONS[version](conn)
    conn.execute("PRAGMA user_version = 13")
    people = [(f"p{i}", f"Cognome{i % 50}", f"Nome{i % 7}", f"GLRNNA80A41L2{i:02d}X"[:16], f"011-555 {i}", i % 9 == 0)
              for i in range(400)]
    conn.executemany("INSERT INTO persons (id, last_name, first_name, fiscal_code, phone, deleted) "
                     "VALUES (?, ?, ?, ?, ?, ?)", people)

    def found(match: str) -> list[int]:
        return [r[0] for r in conn.execute("SELECT rowid FROM persons_fts WHERE persons_fts MATCH ? ORDER BY rowid",
                                           (match,))]

    def index_bytes() -> int:
        return int(conn.execute("SELECT sum(length(block)) FROM persons_fts_data").fetchone()[0]) + int(
            conn.execute("SELECT coalesce(sum(length(c0) + length(c1) + length(c2) + length(c3)), 0) "
                         "FROM persons_fts_content").fetchone()[0])

    queries = ('"c"*', '"cognome1"*', '"cognome12"*', '"n"* "c"*', '"nome3"* "cognome4"*', '"011555"*', '"011"* "5"*',
               '"glrn"*', '"x"*')
    before, bytes_before = {q: found(q) for q in queries}, index_bytes()
    migrations.migrate(conn)
    assert {q: found(q) for q in queries} == before
    assert len(before['"cognome1"*']) == 88 and before['"x"*'] == []
    # Its columns are the persons' own, read through the view; the index holds no copy of them.
    assert conn.execute("SELECT last_name, phone FROM persons_fts WHERE rowid = 1").fetchone() == (
        "Cognome0", "011-555 0 0115550")
    assert conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'persons_fts_content'").fetchone() is None
    assert conn.execute("SELECT sum(length(block)) FROM persons_fts_data").fetchone()[0] < bytes_before / 2
    conn.execute("UPDATE persons SET last_name = 'Verdi' WHERE id = 'p1'")  # the triggers write the new index
    conn.execute("DELETE FROM persons WHERE id = 'p2'")
    assert found('"ve"*') == [2] and 2 not in found('"cognome1"*') and found('"nome2"*')[:1] == [10]
    assert conn.execute("SELECT count(*) FROM persons_fts_docsize").fetchone()[0] == 399
    conn.execute("CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, persons_fts, row)")
    words = {term for (term,) in conn.execute("SELECT term FROM temp.words")}
    assert "verdi" in words and "0115552" not in words and "0115553" in words  # p2's phone went with it
