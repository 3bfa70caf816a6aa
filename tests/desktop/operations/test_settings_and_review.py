"""Desk settings and the coordinator's review actions as operations."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.models import Person
from desktop.operations.errors import OperationError
from desktop.operations.persons import register_person
from desktop.operations.review import merge_duplicates, merge_persons
from desktop.operations.settings import DeskSettings, desk_settings, save_desk_settings
from desktop.queries.persons import possible_duplicate_groups
from desktop.storage import sync_tables
from desktop.storage.store import Store


def test_desk_settings_save_desk_and_language_together(store: Store) -> None:
    done = save_desk_settings(store, DeskSettings(name="Sportello di Ceres", municipality_code="Ceres",
                                                  phone="000 111 2222", operator_name="Anna", language="en"))
    assert done.changes.settings
    assert desk_settings(store) == done.value
    assert (store.desk().name, store.setting("language")) == ("Sportello di Ceres", "en")
    assert store.current_operator().name != "Anna"  # the operator's name is not a desk setting
    with pytest.raises(OperationError, match="nome dello sportello"):
        save_desk_settings(store, DeskSettings(name=" ", operator_name="Anna"))
    assert store.desk().name == "Sportello di Ceres"


def test_merging_duplicates_keeps_the_smallest_id_and_queues_the_merge(store: Store) -> None:
    born = date(1939, 7, 1)
    ids = [register_person(store, Person(last_name="Bonino", first_name="Margherita", birth_date=born)).value.id
           for _ in range(3)]
    assert len(possible_duplicate_groups(store)) == 1
    assert merge_duplicates(store, ids).value == min(ids)
    assert possible_duplicate_groups(store) == []
    merges = [e for e in sync_tables.outbox_ids(store) if e["entity"] == "person_merge"]
    assert sorted(m["row_id"] for m in merges) == sorted(ids)[1:]
    with pytest.raises(OperationError):
        merge_persons(store, ids[0], ids[0])


def test_possible_duplicates_are_the_uncoded_namesakes_born_the_same_day_whatever_the_case(store: Store) -> None:
    born, other_day = date(1950, 3, 1), date(1950, 3, 2)
    first = store.save(Person(last_name="Bruno", first_name="Ada", birth_date=born))
    second = store.save(Person(last_name="BRUNO", first_name="ada", birth_date=born))
    third = store.save(Person(last_name="bruno", first_name="Ada", birth_date=born))
    store.save(Person(last_name="Bruno", first_name="Ada", birth_date=other_day))  # another day
    store.save(Person(last_name="Bruno", first_name="Ada"))  # no birth date
    store.save(Person(last_name="Costa", first_name="Ugo", birth_date=born))
    gone = store.save(Person(last_name="Costa", first_name="Ugo", birth_date=born))
    store.conn.execute("UPDATE persons SET deleted = 1 WHERE id = ?", (gone.id,))
    groups = possible_duplicate_groups(store)
    assert [sorted(p.id for p in g) for g in groups] == [sorted([first.id, second.id, third.id])]
