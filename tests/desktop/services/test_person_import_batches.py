"""The import writes its new persons in batches (desktop/services/person_import.py): what it reports and
writes is what writing each row on its own gives, a refused batch leaves no half row, a cancel nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.services import person_import
from desktop.services.person_import import ImportCancelled, ImportReport, import_persons
from desktop.storage import access_log, sync_tables
from desktop.storage.maintenance import integrity_problems
from desktop.storage.store import Store
from sync import audit
from tests.helpers.desks import open_desk
from tests.helpers.people import fiscal_code, wrong_check_character

HEADER = "codice_fiscale,cognome,nome,data_nascita,sesso,comune_residenza,indirizzo,telefono,email"
REFUSE_RIFIUTATA = (
    "CREATE TEMP TRIGGER refuse_rifiutata BEFORE INSERT ON access_log "
    "WHEN NEW.person_id IN (SELECT unhex(replace(id, '-', '')) FROM persons WHERE last_name = 'Rifiutata') "
    "BEGIN SELECT RAISE(ABORT, 'refused'); END")


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _mixed_lines() -> list[str]:
    """Rows of every kind, the same person more than once within one batch and across two."""
    lines = [HEADER]
    for i in range(700):
        born = date(1940 + i % 50, 1 + i % 12, 1 + i % 28)
        last, first = f"Cognome{i % 150}", f"Nome{i % 7}"
        kind = i % 10
        if kind in (0, 1, 2):  # with a code: namesakes differ by birth date
            code = fiscal_code(last, first, "F", born)
            lines.append(f"{code},{last},{first},{born.isoformat()},F,Susa,Via {i},011 555 {i:04d},")
        elif kind in (3, 4):  # no code, a birth date
            lines.append(f",{last},{first},{born.isoformat()},M,Torino,,,")
        elif kind == 5:  # no code, no birth date: matched by municipality and phone too
            lines.append(f",{last},{first},,M,Torino,,011 666 {i % 3:04d},")
        elif kind == 6:  # an earlier row again, as written (seen once its first is written)
            lines.append(lines[max(1, len(lines) - 6)])
        elif kind == 7:  # an earlier row's person with another phone (an update)
            earlier = lines[max(1, len(lines) - 7)].split(",")
            earlier[7] = f"011 777 {i:04d}"
            lines.append(",".join(earlier))
        elif kind == 8:  # refused by validation
            code = wrong_check_character(fiscal_code(last, first, "M", born))
            lines.append(f"{code},{last},{first},,M,Torino,,," if i % 20 else f",{last},{first},31/02/1990,M,,,,")
        else:  # the person recorded before the import, with a new address
            lines.append(f",Prima,Persona,1950-05-05,F,Susa,Via Nuova {i},,")
    lines.insert(350, ",Rifiutata,Anna,1960-06-06,F,Susa,,,")  # refused by the database, mid batch
    lines.insert(650, ",Rifiutata,Bruna,1961-06-06,F,Susa,,,")
    return lines


def _imported(folder: Path, path: Path) -> tuple[ImportReport, dict[str, Any]]:
    with open_desk(folder) as store:
        register_person(store, Person(last_name="Prima", first_name="Persona", birth_date=date(1950, 5, 5)))
        store.conn.execute(REFUSE_RIFIUTATA)
        report = import_persons(store, path)
        assert access_log.verify(store).problem == ""
        assert integrity_problems(store) == []
        names = {row["id"]: (row["last_name"], row["first_name"], row["birth_date"])
                 for row in store.query("SELECT id, last_name, first_name, birth_date FROM persons")}
        written = {
            "persons": store.query(
                "SELECT last_name, first_name, fiscal_code, birth_date, sex, municipality_code, address, phone "
                "FROM persons WHERE last_name != 'Amministratore' ORDER BY seq"),
            "log": [(entry.action, *names[entry.person_id]) for entry in access_log.entries(store)
                    if entry.person_id in names],
            "outbox": store.query("SELECT entity, count(*) AS n FROM outbox GROUP BY entity ORDER BY entity"),
            "seen": store.scalar("SELECT count(*) FROM import_seen"),
            "rectified": store.scalar("SELECT count(*) FROM rectifications"),
            "search": store.scalar("SELECT count(*) FROM persons_fts_docsize"),
        }
    return report, written


def test_a_file_imports_the_same_in_batches_as_row_by_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path / "mixed.csv", _mixed_lines())
    batched, batched_written = _imported(tmp_path / "batched", path)
    monkeypatch.setattr(person_import, "BATCH_ROWS", 1)
    one_by_one, one_by_one_written = _imported(tmp_path / "one-by-one", path)

    assert batched == one_by_one
    assert batched_written == one_by_one_written
    refused = [r.line for r in batched.rejected if r.reason == "il database ha rifiutato la riga"]
    assert refused == [351, 651]
    assert not any(p["last_name"] == "Rifiutata" for p in batched_written["persons"])
    assert batched.created > 300 and batched.updated > 50 and batched.unchanged > 50
    assert len(batched.rejected) > 60
    assert [r.line for r in batched.rejected] == sorted(r.line for r in batched.rejected)


def test_rows_of_one_person_in_one_batch_are_one_person_logged_in_the_file_order(
        store: Store, tmp_path: Path) -> None:
    code = fiscal_code("Rossi", "Maria", "F", date(1950, 2, 1))
    path = _write(tmp_path / "twice.csv", [
        HEADER,
        f"{code},Rossi,Maria,1950-02-01,F,Torino,,011 111111,",
        ",Bianchi,Luca,1960-03-03,M,Torino,,,",
        f"{code},Rossi,Maria,,,,,011 222222,",  # the same woman, a new phone
        ",Bianchi,Luca,1960-03-03,M,Torino,,,",  # the second row again
        f"{code},Rossi,Maria,1950-02-01,F,Torino,,011 222222,",  # nothing new
    ])
    log_before = access_log.verify(store).checked

    report = import_persons(store, path)

    assert (report.created, report.updated, report.unchanged, report.rejected) == (2, 1, 2, [])
    rossi = store.query("SELECT id, phone FROM persons WHERE fiscal_code = ?", (code,))
    assert [r["phone"] for r in rossi] == ["011 222222"]
    bianchi = store.scalar("SELECT id FROM persons WHERE last_name = 'Bianchi'")
    logged = [(e.action, e.person_id) for e in access_log.entries(store)][log_before:]
    assert logged == [(audit.CREATE, rossi[0]["id"]), (audit.CREATE, bianchi), (audit.UPDATE, rossi[0]["id"])]
    assert store.query("SELECT changed_fields FROM rectifications WHERE person_id = ?",
                       (rossi[0]["id"],)) == [{"changed_fields": '["phone"]'}]


def test_the_access_log_chain_verifies_after_a_batched_import(store: Store, tmp_path: Path) -> None:
    lines = [HEADER] + [f",Cognome{i},Nome{i},1950-01-01,F,Susa,,," for i in range(1_100)]
    before = access_log.verify(store).checked

    assert import_persons(store, _write(tmp_path / "many.csv", lines)).created == 1_100

    verification = access_log.verify(store)
    assert (verification.problem, verification.checked) == ("", before + 1_100)
    created = [e for e in access_log.entries(store)][before:]
    assert {e.action for e in created} == {audit.CREATE}
    assert [e.n for e in created] == list(range(before + 1, before + 1_101))
    assert {e.person_id for e in created} == {r["id"] for r in store.query(
        "SELECT id FROM persons WHERE last_name LIKE 'Cognome%'")}
    # Each person's change and its entry's, queued once.
    assert sync_tables.outbox_count(store) >= 2 * 1_100


def test_cancelling_after_batches_were_written_keeps_nothing(store: Store, tmp_path: Path) -> None:
    lines = [HEADER] + [f",Cognome{i},Nome{i},1950-01-01,F,Susa,,," for i in range(1_200)]
    path = _write(tmp_path / "cancel.csv", lines)
    tables = ("persons", "persons_fts_docsize", "outbox", "access_log", "import_seen")

    def counts() -> list[int]:
        return [store.scalar(f"SELECT count(*) FROM {table}") for table in tables]

    before = counts()
    read: list[int] = []

    def progress(line: int, total: int) -> bool:
        read.append(line)
        return line < 1_150  # two batches of 500 are written by then

    with pytest.raises(ImportCancelled):
        import_persons(store, path, progress)
    assert read[-1] == 1_150
    assert counts() == before
    assert integrity_problems(store) == []


def test_a_row_seen_before_whose_person_a_row_above_it_changes_is_imported_again(
        store: Store, tmp_path: Path) -> None:
    first = ",Verdi,Ada,1950-01-01,F,Susa,,011 111111,"
    assert import_persons(store, _write(tmp_path / "a.csv", [HEADER, first])).created == 1
    # Read ahead, the second row is one already imported; by the time it is imported, it is not.
    report = import_persons(store, _write(tmp_path / "b.csv", [HEADER, ",Verdi,Ada,1950-01-01,F,Susa,,011 222222,",
                                                              first]))
    assert (report.created, report.updated, report.unchanged) == (0, 2, 0)
    assert store.scalar("SELECT phone FROM persons WHERE last_name = 'Verdi'") == "011 111111"
