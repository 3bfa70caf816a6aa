from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.queries.persons import find_by_fiscal_code, search_persons
from desktop.reference import municipalities
from desktop.services.person_import import import_persons
from desktop.storage import sync_tables
from desktop.storage.connection import OPERATIONAL_ERROR
from desktop.storage.maintenance import integrity_problems
from desktop.storage.store import Store
from tests.helpers.cli import wpt_desk
from tests.helpers.people import fiscal_code, wrong_check_character

HEADER = "codice_fiscale,cognome,nome,data_nascita,sesso,comune_residenza,indirizzo,telefono,email"
LORANZE = municipalities.lookup("Loranzè")
assert LORANZE is not None


def _write(path: Path, lines: list[str], *, sep: str = ",", encoding: str = "utf-8") -> Path:
    path.write_text("\r\n".join(line.replace(",", sep) for line in lines) + "\r\n", encoding=encoding)
    return path


def test_semicolons_cp1252_and_italian_dates(store: Store, tmp_path: Path) -> None:
    code = fiscal_code("Bertolino", "Giuseppe", "M", date(1941, 11, 4), "E379")  # Ivrea
    path = _write(
        tmp_path / "persone.csv",
        [HEADER, f"{code},Bertolino,Giuseppe,04/11/1941,M,Loranzè,Via Roma 3,000 000 0001,"],
        sep=";", encoding="cp1252",
    )
    report = import_persons(store, path)
    assert (report.created, report.rejected) == (1, [])
    person = find_by_fiscal_code(store, code)
    assert person is not None
    assert person.municipality_code == LORANZE.code
    assert person.birth_date == date(1941, 11, 4)


def test_utf8_bom_iso_dates_and_municipality_by_code(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text(f"{HEADER}\n,Rosso,Anna,1950-02-28,F,{LORANZE.code.lower()},,,\n", encoding="utf-8-sig")
    assert import_persons(store, path).created == 1
    assert search_persons(store, "Rosso")[0]["municipality_code"] == LORANZE.code


def test_each_bad_row_is_rejected_with_its_line_and_the_others_imported(store: Store, tmp_path: Path) -> None:
    good = fiscal_code("Cravero", "Maria", "F", date(1944, 1, 20))
    bad_cf = wrong_check_character(fiscal_code("Audisio", "Carlo", "M", date(1960, 6, 6)))
    future = (date.today() + timedelta(days=10)).strftime("%d/%m/%Y")
    path = _write(tmp_path / "mixed.csv", [
        HEADER,
        f"{good},Cravero,Maria,20/01/1944,F,Ceres,,,",          # line 2: ok
        f"{bad_cf},Audisio,Carlo,06/06/1960,M,Susa,,,",         # line 3: wrong check character
        f",Bianco,Pietro,{future},M,Susa,,,",                   # line 4: birth date in the future
        ",Barbero,Rita,01/01/1950,F,Atlantide,,,",              # line 5: unknown municipality
        ",,Ugo,01/01/1950,M,Susa,,,",                           # line 6: missing surname
        "",                                                     # line 7: blank, ignored
        ",Allasia,Pina,31/02/1950,F,Susa,,,",                   # line 8: impossible date
        f"{good},Cravero,Maria,21/01/1944,F,Ceres,,,",          # line 9: date contradicts the code
        ",Peyrot,Ada,,F,Torre Pellice,,,",                      # line 10: ok, no code
    ])
    report = import_persons(store, path)
    rejected = {r.line: r.reason for r in report.rejected}
    assert sorted(rejected) == [3, 4, 5, 6, 8, 9]
    assert "controllo" in rejected[3]
    assert "futuro" in rejected[4]
    assert "comune" in rejected[5]
    assert "cognome" in rejected[6]
    assert "codice fiscale" in rejected[9]
    assert report.created == 2
    assert store.count("person") == 2


def test_reimporting_updates_instead_of_duplicating(store: Store, tmp_path: Path) -> None:
    code = fiscal_code("Giachino", "Domenica", "F", date(1936, 8, 15))
    lines = [HEADER, f"{code},Giachino,Domenica,,,Usseglio,,,", ",Diallo,Mamadou,1990-05-05,M,Torino,,,"]
    path = _write(tmp_path / "a.csv", lines)
    assert import_persons(store, path).created == 2
    assert import_persons(store, path).unchanged == 2
    lines[1] = f"{code},Giachino,Domenica,,,Usseglio,,000 000 0042,"
    report = import_persons(store, _write(tmp_path / "b.csv", lines))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    assert store.count("person") == 2
    person = find_by_fiscal_code(store, code)
    assert isinstance(person, Person) and person.phone == "000 000 0042"


def test_cli_import_exit_status_and_messages(data_dir: Path, tmp_path: Path) -> None:
    good = _write(tmp_path / "good.csv", [HEADER, ",Ferrero,Luigi,1945-01-01,M,Pinerolo,,,"])
    result = wpt_desk(data_dir, "import", "persons", good)
    assert result.returncode == 0, result.stderr
    bad = _write(tmp_path / "bad.csv", [HEADER, ",Ferrero,Luigi,1945-01-01,M,Pinerolo,,,", ",Rossi,,,,,,,"])
    result = wpt_desk(data_dir, "import", "persons", bad)
    assert result.returncode == 1
    assert "riga 3" in result.stderr and "nome mancante" in result.stderr
    assert "Traceback" not in result.stderr
    exported = [json.loads(line) for line in wpt_desk(data_dir, "export").stdout.splitlines()]
    assert [p["last_name"] for p in exported if p["type"] == "person"] == ["Ferrero"]


def test_unreadable_files_get_one_sentence(data_dir: Path, tmp_path: Path) -> None:
    missing = wpt_desk(data_dir, "import", "persons", tmp_path / "nope.csv")
    assert missing.returncode == 2 and "non esiste" in missing.stderr
    no_header = _write(tmp_path / "noheader.csv", ["a,b,c", "1,2,3"])
    result = wpt_desk(data_dir, "import", "persons", no_header)
    assert result.returncode == 2 and "cognome" in result.stderr
    xlsx = tmp_path / "file.csv"
    xlsx.write_bytes(b"PK\x03\x04\x00\x00binary")
    result = wpt_desk(data_dir, "import", "persons", xlsx)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1


def test_excel_sep_line_quoted_fields_extra_columns_and_loose_formats(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text(
        "sep=;\n"
        "Cognome;Nome;Data di nascita;Sesso;Comune;Telefono;Colonna extra\n"
        '"Dell\'Acqua";"Maria Luisa";4/7/1939;f;"LORANZE\'";"+39 011/555.12.34 (figlia)";x\n'
        '"Bianco";"Ugo";;M;"Susa (TO)";;"nota; con punto e virgola"\n',
        encoding="cp1252",
    )
    report = import_persons(store, path)
    assert report.rejected == [] and report.created == 2
    person = search_persons(store, "dell acqua")[0]
    assert person["birth_date"] == "1939-07-04" and person["sex"] == "F"
    assert person["municipality_code"] == LORANZE.code


def test_full_disk_during_import_leaves_nothing_half_written(store: Store, tmp_path: Path) -> None:
    lines = [HEADER] + [f",Cognome{i},Nome{i},1950-01-01,F,Susa,Via Lunga {i},," for i in range(400)]
    path = _write(tmp_path / "big.csv", lines)
    before = store.count("person"), sync_tables.outbox_count(store)
    pages = store.scalar("PRAGMA page_count")
    # SQLite's own ceiling on the file size: writes past it fail exactly as on a full disk (SQLITE_FULL).
    store.conn.execute(f"PRAGMA max_page_count = {pages + 3}")
    with pytest.raises(OPERATIONAL_ERROR, match="full"):
        import_persons(store, path)
    assert (store.count("person"), sync_tables.outbox_count(store)) == before
    assert integrity_problems(store) == []


def test_code_without_birth_date_keeps_a_recorded_centenarian_birth_year(store: Store, tmp_path: Path) -> None:
    born = date(date.today().year - 101, 3, 3)  # the code alone reads as a child of this century
    code = fiscal_code("Vecchi", "Ada", "F", born)
    first = _write(tmp_path / "a.csv", [HEADER, f"{code},Vecchi,Ada,{born.isoformat()},F,Torino,,,"])
    assert import_persons(store, first).created == 1
    update = _write(tmp_path / "b.csv", [HEADER, f"{code},Vecchi,Ada,,,,,000 555 6666,"])
    assert import_persons(store, update).updated == 1
    person = find_by_fiscal_code(store, code)
    assert person is not None and person.birth_date == born and person.phone == "000 555 6666"


def test_same_person_with_and_without_code_is_one_and_namesakes_are_not_merged(
    store: Store, tmp_path: Path
) -> None:
    code = fiscal_code("Rossi", "Mario", "M", date(1950, 2, 1))
    path = _write(tmp_path / "p.csv", [
        HEADER,
        ",Rossi,Mario,1950-02-01,M,Torino,,,",
        f"{code},Rossi,Mario,1950-02-01,M,Torino,,,",   # the same man, now with his code
        ",Bianchi,Luca,,M,Torino,,011 666666,",
        ",Bianchi,Luca,,M,Torino,,011 777777,",          # a namesake: no code, no date, other phone
    ])
    report = import_persons(store, path)
    assert report.rejected == []
    assert (report.created, report.updated) == (3, 1)
    assert [p["fiscal_code"] for p in search_persons(store, "rossi mario")] == [code]
    assert len(search_persons(store, "bianchi luca")) == 2
    assert import_persons(store, path).created == 0


def test_a_few_windows_1252_rows_in_a_utf8_file_keep_both_readable(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(
        (HEADER + "\n,Lucà,Nicolò,1950-01-01,M,Torino,,,\n").encode("utf-8")
        + ",Viù,Agnès,1951-01-01,F,Viù,,,\n".encode("cp1252")
    )
    assert import_persons(store, path).created == 2
    names = {(p["last_name"], p["first_name"]) for p in search_persons(store, "luca")} | {
        (p["last_name"], p["first_name"]) for p in search_persons(store, "viu")
    }
    assert names == {("Lucà", "Nicolò"), ("Viù", "Agnès")}


def test_a_row_whose_names_do_not_fit_its_code_is_reported_not_imported(store: Store, tmp_path: Path) -> None:
    code = fiscal_code("Bertola", "Maria", "F", date(1950, 3, 8))
    register_person(store, Person(fiscal_code=code, last_name="Bertola", first_name="Maria"))
    path = _write(tmp_path / "typo.csv", [HEADER, f"{code},Rossi,Anna,,,,,,"])
    report = import_persons(store, path)
    assert report.imported == 0 and len(report.rejected) == 1
    assert "non corrispondono al codice fiscale" in report.rejected[0].reason
    assert find_by_fiscal_code(store, code).last_name == "Bertola"  # type: ignore[union-attr]  # not renamed


def test_a_row_refused_in_the_middle_of_its_write_leaves_nothing_of_itself_and_everything_else(
        store: Store, tmp_path: Path) -> None:
    """The write of the middle row fails after its person is inserted (on its access log entry): its
    savepoint undoes the person, its search entry and its outbox entry; the rows before and after are
    imported whole, in the same transaction."""
    lines = [HEADER] + [f",Cognome{i},Nome{i},1950-01-0{i + 1},F,Susa,Via Lunga {i},," for i in range(5)]
    path = _write(tmp_path / "batch.csv", lines)
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse_middle BEFORE INSERT ON access_log "
        "WHEN NEW.person_id IN (SELECT unhex(replace(id, '-', '')) FROM persons WHERE last_name = 'Cognome2') "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    outbox_before = sync_tables.outbox_count(store)
    report = import_persons(store, path)
    assert (report.created, [(r.line, r.reason) for r in report.rejected]) == (
        4, [(4, "il database ha rifiutato la riga")])
    assert sorted(p["last_name"] for p in store.query("SELECT last_name FROM persons")) == [
        "Cognome0", "Cognome1", "Cognome3", "Cognome4"]
    assert search_persons(store, "Cognome2") == []
    assert store.scalar("SELECT count(*) FROM persons_fts WHERE persons_fts MATCH 'Cognome2'") == 0
    # Each imported person: its row's change and its access log entry; nothing of the refused row.
    assert sync_tables.outbox_count(store) == outbox_before + 4 * 2
    assert integrity_problems(store) == []


def test_reimporting_skips_rows_seen_before_unless_their_person_changed_since(store: Store, tmp_path: Path) -> None:
    """Rows imported before are reported unchanged without being matched again; a person edited (or
    erased) since goes through the whole import again, and erasing a person leaves nothing of its rows."""
    from desktop.operations.persons import edit_person
    from desktop.operations.rights import erase_person

    lines = [HEADER] + [f",Cognome{i},Nome{i},1950-01-0{i + 1},F,Susa,,000 000 000{i}," for i in range(4)]
    path = _write(tmp_path / "again.csv", lines)
    assert import_persons(store, path).created == 4
    assert store.scalar("SELECT count(*) FROM import_seen WHERE typeof(updated_at) = 'integer'") == 4  # 6 bytes
    again = import_persons(store, path)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 4, [])
    edited = search_persons(store, "Cognome1")[0]
    person = store.get(Person, edited["id"])
    assert person is not None
    edit_person(store, person.model_copy(update={"phone": "000 999 9999"}))
    report = import_persons(store, path)  # the file's phone comes back on the edited person only
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    assert store.get(Person, edited["id"]).phone == "000 000 0001"  # type: ignore[union-attr]
    erased = search_persons(store, "Cognome2")[0]["id"]
    erase_person(store, erased, "richiesta dell'interessato")
    assert store.scalar("SELECT count(*) FROM import_seen s JOIN persons p ON p.seq = s.person_seq "
                        "WHERE p.id = ?", (erased,)) == 0
    assert store.scalar("SELECT count(*) FROM import_seen") == 3
