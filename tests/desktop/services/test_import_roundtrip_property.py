"""Property: whatever valid persons an office spreadsheet holds, in whatever accepted dialect, import
brings them in exactly once and export gives back the same data."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.reference import municipalities
from desktop.services.export import records
from desktop.services.person_import import COLUMNS, import_persons
from tests.helpers.desks import open_desk
from tests.helpers.people import fiscal_code

TERRITORY = municipalities.territory()
SURNAMES = ["Giachino", "Dell'Acqua", "Rossetti", "Peyrot", "Bonino", "D'Alessandro", "Chabert", "Allasia"]
NAMES = ["Giuseppe", "Maria Luisa", "Nicolò", "Teresa", "Battista", "Zoé", "Anna"]


@st.composite
def persons(draw: st.DrawFn) -> dict[str, object]:
    last, first = draw(st.sampled_from(SURNAMES)), draw(st.sampled_from(NAMES))
    born = draw(st.dates(min_value=date(1925, 1, 1), max_value=date(2005, 12, 31)))
    sex = draw(st.sampled_from("MF"))
    residence = draw(st.sampled_from(TERRITORY))
    # Persons with and without a code come from different families here: a row without a code that
    # matches a coded person's name and birth date is that person (tested on its own elsewhere).
    with_code = SURNAMES.index(last) % 2 == 0
    return {
        "codice_fiscale": fiscal_code(last, first, sex, born, draw(st.sampled_from(TERRITORY)).code) if with_code
        else "",
        "cognome": last, "nome": first, "data_nascita": born, "sesso": sex,
        "comune_residenza": residence,
        "telefono": draw(st.sampled_from(["", "000 123 4567", "+39 000/555.12.34"])),
    }


def _cells(person: dict[str, object], date_format: str, municipality_as: str, lower: bool) -> list[str]:
    residence = person["comune_residenza"]
    assert isinstance(residence, municipalities.Municipality)
    born = person["data_nascita"]
    assert isinstance(born, date)
    name = residence.code if municipality_as == "code" else residence.name
    values = {
        **{k: str(v) for k, v in person.items()},
        "data_nascita": born.strftime(date_format),
        "comune_residenza": name.upper() if lower else name,
        "codice_fiscale": str(person["codice_fiscale"]).lower() if lower else str(person["codice_fiscale"]),
        "indirizzo": "", "email": "",
    }
    return [values[c] for c in COLUMNS]


# Derandomized so CI runs the same examples every time.
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    people=st.lists(persons(), min_size=1, max_size=8),
    delimiter=st.sampled_from([",", ";"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    date_format=st.sampled_from(["%Y-%m-%d", "%d/%m/%Y"]),
    municipality_as=st.sampled_from(["name", "code"]),
    lower=st.booleans(),
)
def test_import_then_export_round_trips(
    people: list[dict[str, object]], delimiter: str, encoding: str, date_format: str, municipality_as: str,
    lower: bool,
) -> None:
    # One person per identity: the same CF, or without one the same surname, name and birth date, is one person.
    unique: dict[object, dict[str, object]] = {}
    for p in people:
        key = p["codice_fiscale"] or (p["cognome"], p["nome"], p["data_nascita"])
        unique[key] = p
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(COLUMNS)
    for p in people:
        writer.writerow(_cells(p, date_format, municipality_as, lower))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "persone.csv"
        path.write_bytes(buffer.getvalue().encode(encoding))
        with open_desk(Path(folder) / "desk") as store:
            first = import_persons(store, path)
            again = import_persons(store, path)
            exported = [r for r in records(store) if r["type"] == "person"]
    assert first.rejected == [] and again.rejected == []
    assert first.created == len(unique) and again.created == 0
    got = {(r["fiscal_code"] or "", r["last_name"], r["first_name"], r["birth_date"], r["sex"], r["municipality"])
           for r in exported}
    want = set()
    for p in unique.values():
        born, residence = p["data_nascita"], p["comune_residenza"]
        assert isinstance(born, date) and isinstance(residence, municipalities.Municipality)
        want.add((p["codice_fiscale"], p["cognome"], p["nome"], born.isoformat(), p["sesso"],
                  residence.name))
    assert got == want
