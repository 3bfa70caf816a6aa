"""recorded_persons (an import's lookups, one query) finds what recorded_person finds for each person."""

from __future__ import annotations

from datetime import date

from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.queries.persons import recorded_person, recorded_persons
from desktop.storage.store import Store
from tests.helpers.people import fiscal_code

ROSSI = fiscal_code("Rossi", "Mario", "M", date(1950, 2, 1))
VERDI = fiscal_code("Verdi", "Ada", "F", date(1961, 4, 4))
NERI = fiscal_code("Neri", "Ugo", "M", date(1970, 7, 7))


def _recorded(store: Store) -> None:
    for person in (
        Person(fiscal_code=ROSSI, last_name="Rossi", first_name="Mario"),
        Person(fiscal_code=ROSSI, last_name="Rossi", first_name="Mario"),  # the same code twice: the first
        Person(last_name="Rossi", first_name="Mario", birth_date=date(1950, 2, 1)),
        Person(last_name="rossi", first_name="MARIO", birth_date=date(1950, 2, 1)),
        Person(last_name="Verdi", first_name="Ada", birth_date=date(1961, 4, 4)),  # no code yet
        Person(last_name="Lucà", first_name="Nicolò", birth_date=date(1940, 1, 1)),
        Person(last_name="Bianchi", first_name="Luca", municipality_code="L219", phone="011 666666"),
        Person(last_name="Bianchi", first_name="Luca", phone="011 777777"),
        Person(fiscal_code=NERI, last_name="Neri", first_name="Ugo"),
    ):
        register_person(store, person)
    neri = store.scalar("SELECT id FROM persons WHERE fiscal_code = ?", (NERI,))
    store.set_deleted(Person, neri, True)


def test_each_person_is_found_as_recorded_person_finds_it(store: Store) -> None:
    _recorded(store)
    probes = [
        Person(fiscal_code=ROSSI, last_name="Rossi", first_name="Mario"),  # by code
        # Another Mario Rossi's code (born in Milan): by name and date, among those without a code only.
        Person(fiscal_code=fiscal_code("Rossi", "Mario", "M", date(1950, 2, 1), "F205"), last_name="Rossi",
               first_name="Mario"),
        Person(fiscal_code=VERDI, last_name="Verdi", first_name="Ada"),  # code unknown: by name and date
        Person(fiscal_code=VERDI, last_name="VERDI", first_name="ada", birth_date=date(1961, 4, 4)),
        Person(last_name="ROSSI", first_name="mario", birth_date=date(1950, 2, 1)),  # the first of three
        Person(last_name="Rossi", first_name="Mario", birth_date=date(1950, 2, 2)),  # another day: none
        Person(last_name="LUCÀ", first_name="Nicolò", birth_date=date(1940, 1, 1)),  # NOCASE folds ASCII only
        Person(last_name="lucà", first_name="nicolò", birth_date=date(1940, 1, 1)),
        Person(last_name="Bianchi", first_name="Luca", municipality_code="L219", phone="011 666666"),
        Person(last_name="Bianchi", first_name="Luca", phone="011 777777"),
        Person(last_name="Bianchi", first_name="Luca", phone="011 666666"),  # another municipality: none
        Person(fiscal_code=NERI, last_name="Neri", first_name="Ugo"),  # deleted: none
        Person(last_name="Nuovo", first_name="Nome"),
    ]
    one_by_one = [recorded_person(store, p) for p in probes]
    assert [p.id if p else None for p in recorded_persons(store, probes)] == [p.id if p else None for p in one_by_one]
    assert sum(p is not None for p in one_by_one) == 8
    assert recorded_persons(store, []) == []
