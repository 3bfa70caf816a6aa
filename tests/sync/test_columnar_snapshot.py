"""Columnar snapshot pages: a desk that asks for them gets each page as tables (field names and stamp nodes
once, stamps as differences), which read back into exactly the compact rows an older desk gets; a desk
applying them ends equal to one applying compact rows. What does not fit its table is set aside row by
row; a page past its bounds is refused whole."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from desktop.domain.entities import BY_NAME
from desktop.domain.models import Person, Request
from desktop.ids import HybridLogicalClock
from desktop.storage import sync_tables
from desktop.storage.store import Store
from desktop.sync.apply import apply_changes
from desktop.sync.review import load_review
from sync.entities import writable_fields
from sync.limits import MAX_FIELDS_PER_CHANGE, MAX_SNAPSHOT_ROWS, MAX_VALUE_CHARS
from sync.protocol import SNAPSHOT_START, Change, ReceivedAnswer, SnapshotTable, SyncRequest, SyncResponse, encode
from sync.server.engine import SyncEngine
from sync.server.storage import SQLiteStorage, StoredRow
from sync.snapshot_table import TableWriter, read_tables
from tests.helpers.replicas import snapshot
from tests.helpers.sync_server import RunningServer

BOTH_BACKENDS = True

NewDesk = Callable[[str], Store]


def _pages(engine: SyncEngine, node: str, **flags: bool) -> list[SyncResponse]:
    principal = engine.authenticate(engine.redeem(engine.create_enrollment(f"Lettore {node}", "rete"), node).credential)
    out: list[SyncResponse] = []
    position = SNAPSHOT_START
    while position:
        answer = engine.sync(principal, SyncRequest(snapshot=position, max_bytes=4096, **flags))
        out.append(answer)
        position = answer.snapshot
    return out


def _network_rows(store: Store) -> dict[str, dict[str, dict[str, Any]]]:
    return {name: rows for name, rows in snapshot(store).items() if name not in ("desk", "operator")}


def test_tables_read_back_into_the_compact_rows_and_a_desk_ends_equal(server: RunningServer,
                                                                     new_desk: NewDesk) -> None:
    a = new_desk("a")
    client = server.enroll(a, "A", "rete")
    persons = [a.save(Person(last_name=f"Gili{i}", first_name="Ada", notes="n" * (i * 7))) for i in range(60)]
    for person in persons[:30]:
        a.save(Request(person_id=person.id, category="COM", description="Compagnia"))
    assert client.sync().complete
    for edit in range(3):
        for number, person in enumerate(persons[:40]):
            a.save(person.model_copy(update={"phone": f"011 55{edit}{number:04d}"}))
        assert client.sync().complete
    engine = server.engine()
    compact = _pages(engine, "compact", compact_snapshot=True)
    columnar = _pages(engine, "columnar", compact_snapshot=True, columnar_snapshot=True)
    assert len(columnar) > 2  # several pages, each its own tables
    assert all(not page.changes for page in columnar) and all(not page.tables for page in compact)
    read = [change for page in columnar for change in read_tables(page.tables)]
    assert all(isinstance(change, Change) for change in read)
    assert [c.model_dump() for c in read] == [c.model_dump() for page in compact for c in page.changes]
    assert sum(len(encode(p)) for p in columnar) < sum(len(encode(p)) for p in compact)
    # A page's rows stay within its bytes (four batches), as the server counts them (plus the tables' names).
    assert all(len(page.model_dump_json(include={"tables"}).encode()) < 4 * 4096 + 2048 for page in columnar)
    # A desk applying the tables ends as one applying the compact rows, and as the desk that wrote them.
    by_rows, by_tables = new_desk("rows"), new_desk("tables")
    for page in compact:
        apply_changes(by_rows, page.changes)
    for page in columnar:
        apply_changes(by_tables, list(read_tables(page.tables)))
    assert _network_rows(by_tables) == _network_rows(by_rows) == _network_rows(a)
    # And over HTTP (the desk asks for tables), then following the log.
    b = new_desk("b")
    client_b = server.enroll(b, "B", "rete")
    assert client_b.sync().complete
    assert _network_rows(b) == _network_rows(a)
    a.save(persons[0].model_copy(update={"notes": "dopo"}))
    assert client.sync().complete and client_b.sync().complete
    assert _network_rows(b) == _network_rows(a)


def _table(count: int) -> tuple[SnapshotTable, list[str]]:
    """A table of ``count`` valid persons (the phone written again later, by another node)."""
    entity = BY_NAME["person"]
    first, later = HybridLogicalClock("deskx"), HybridLogicalClock("desky")
    writer = TableWriter()
    ids = []
    for number in range(count):
        person = Person(last_name=f"Riservato{number}", first_name="Ada")
        columns = entity.to_columns(person)
        values = {f: columns[f] for f in writable_fields(entity) if f in columns}
        stamp = first.now()
        stamps = dict.fromkeys(values, stamp)
        if number % 2:
            later.observe(stamp)
            stamps["phone"] = later.now()
        writer.add("person", person.id, values, stamps)
        ids.append(person.id)
    (table,) = writer.tables
    return table, ids


def _apply(desk: Store, table: SnapshotTable) -> None:
    apply_changes(desk, list(read_tables([table])))


@pytest.mark.parametrize("damage", ["values", "shape", "node", "field index", "field twice", "stamp range",
                                    "long value", "row id"])
def test_a_row_that_does_not_fit_its_table_is_set_aside_and_the_others_applied(new_desk: NewDesk,
                                                                               damage: str) -> None:
    desk = new_desk("d")
    table, ids = _table(6)
    bad = table.rows[3]
    phone = table.fields.index("phone")
    if damage == "values":  # a value short
        bad[1] = bad[1][:-1]
    elif damage == "shape":
        bad.append("more")
    elif damage == "node":  # a stamp whose node is not in the table
        bad[2] = [bad[2][0], bad[2][1], len(table.nodes)]
    elif damage == "field index":  # a newer stamp for a field the table does not have
        bad[3] = [[len(table.fields), *bad[3][0][1:]]]
    elif damage == "field twice":
        bad[3] = [bad[3][0], bad[3][0]]
    elif damage == "stamp range":  # before the epoch
        bad[2] = [-10**16, 0, 0]
    elif damage == "long value":
        bad[1][phone] = "3" * (MAX_VALUE_CHARS + 1)
    else:
        bad[0] = {"id": 1}
    _apply(desk, table)
    # A stamp that cannot be read leaves the later ones of the table unknown (written as differences):
    # those rows are set aside too; any other damage sets aside its row alone.
    aside = ids[3:] if damage in ("node", "stamp range") else ids[3:4]
    assert sorted(r["id"] for r in desk.query("SELECT id FROM persons")) == sorted(set(ids) - set(aside))
    parked = sync_tables.parked(desk)
    assert len(parked) == len(aside) and all(p[2].startswith("modifica ricevuta non valida") for p in parked)
    listed = load_review(desk).not_applied
    assert len(listed) == len(aside) and not any("Riservato" in item["reason"] for item in listed)


def test_a_field_the_desk_does_not_know_is_left_out_as_in_any_change(new_desk: NewDesk) -> None:
    desk = new_desk("d")
    table, ids = _table(2)
    table.fields.append("colonna_futura")
    for row in table.rows:
        row[1].append("valore")
    _apply(desk, table)
    assert desk.count("person") == 2 and not sync_tables.parked(desk)
    assert desk.get(Person, ids[1]) is not None


def test_an_unknown_record_type_is_kept_for_a_newer_desk(new_desk: NewDesk) -> None:
    desk = new_desk("d")
    table, _ = _table(2)
    _apply(desk, table.model_copy(update={"entity": "tipo_futuro"}))
    assert desk.count("person") == 0 and len(sync_tables.parked(desk)) == 3  # the second row as two changes


def _answer(tables: list[dict[str, Any]]) -> str:
    return json.dumps({"cursor": 0, "more": True, "snapshot": "1/0/x", "tables": tables})


@pytest.mark.parametrize("damage", ["rows", "fields", "nodes", "tables", "repeated field", "repeated node",
                                    "field name", "node name"])
def test_a_page_past_its_bounds_is_refused_whole(damage: str) -> None:
    table, _ = _table(2)
    plain = table.model_dump()
    if damage == "rows":
        plain["rows"] = plain["rows"] * (MAX_SNAPSHOT_ROWS // 2 + 1)
    elif damage == "fields":
        plain["fields"] = [f"f{i}" for i in range(MAX_FIELDS_PER_CHANGE + 1)]
    elif damage == "nodes":
        plain["nodes"] = [f"n{i}" for i in range(MAX_SNAPSHOT_ROWS + 1)]
    elif damage == "repeated field":
        plain["fields"][1] = plain["fields"][0]
    elif damage == "repeated node":
        plain["nodes"].append(plain["nodes"][0])
    elif damage == "field name":
        plain["fields"][0] = "Cognome; DROP"
    elif damage == "node name":
        plain["nodes"][0] = "x" * 65
    tables = [plain] * (MAX_SNAPSHOT_ROWS + 1 if damage == "tables" else 1)
    assert ReceivedAnswer.model_validate_json(_answer([table.model_dump()])).tables  # the sound page is read
    with pytest.raises(ValidationError):
        ReceivedAnswer.model_validate_json(_answer(tables))


def test_stamps_travel_as_small_differences() -> None:
    table, _ = _table(50)
    assert table.nodes == ["deskx", "desky"]
    # After each node's first stamp, a few milliseconds and counts apart at most.
    later = [row[2] for row in table.rows[1:]] + [row[3][0][1:] for row in table.rows[3::2]]
    assert all(abs(step) < 1000 and counter < 1000 for step, counter, _ in later)


def test_a_page_of_rows_whose_every_field_has_its_own_stamp_stays_within_its_bytes(tmp_path: Path) -> None:
    """The server counts a row as no less than it takes in its table, stamps included: the rows where
    stamps weigh most (tiny values, each written at its own moment) still fill a page only to its bytes."""
    engine = SyncEngine(SQLiteStorage(tmp_path / "server"))
    clock = HybridLogicalClock("deskz")
    entity = BY_NAME["person"]
    names = sorted(writable_fields(entity))
    with engine.storage.transaction():
        for number in range(400):
            values = {name: 0 for name in names} | {"last_name": "G", "first_name": "A", "deleted": 0}
            engine.storage.put_row(StoredRow("person", f"p{number:04d}", "rete", values,
                                             {name: clock.now() for name in values}))
    pages = _pages(engine, "reader", compact_snapshot=True, columnar_snapshot=True)
    read = [change for page in pages for change in read_tables(page.tables)]
    assert len(read) == 400 and all(isinstance(c, Change) and len(c.stamps) == len(names) - 1 for c in read)
    assert len(pages) > 3
    assert all(len(page.model_dump_json(include={"tables"}).encode()) < 4 * 4096 + 2048 for page in pages)


def test_a_row_id_of_64_characters_travels_in_every_snapshot_form(server: RunningServer, new_desk: NewDesk) -> None:
    """A row id may take all 64 characters of an id: its snapshot change id (``s:ID``) is cut to fit, in
    every form (a plain or compact page failed whole on such a row before, for every new desk)."""
    a = new_desk("a")
    client = server.enroll(a, "A", "rete")
    person = a.save(Person(id="p" * 64, last_name="Gili", first_name="Ada"))
    a.save(person.model_copy(update={"phone": "011 555000"}))
    assert client.sync().complete
    engine = server.engine()
    for node, flags in (("plain", {}), ("compact", {"compact_snapshot": True}),
                        ("columnar", {"compact_snapshot": True, "columnar_snapshot": True})):
        pages = _pages(engine, node, **flags)
        changes = [c for page in pages for c in [*page.changes, *read_tables(page.tables)]]
        assert [c.row_id for c in changes if isinstance(c, Change) and c.entity == "person"][:1] == [person.id]
    b = new_desk("b")
    assert server.enroll(b, "B", "rete").sync().complete
    assert _network_rows(b) == _network_rows(a)


def test_a_table_never_names_more_nodes_than_a_desk_reads() -> None:
    writer = TableWriter()
    for number in range(MAX_SNAPSHOT_ROWS + 10):
        stamp = HybridLogicalClock(f"sportello{number}").now()
        writer.add("person", f"p{number}", {"last_name": "G", "first_name": "A"},
                   {"last_name": stamp, "first_name": stamp})
    assert len(writer.tables) == 2 and all(len(t.nodes) < MAX_SNAPSHOT_ROWS for t in writer.tables)
    page = ReceivedAnswer.model_validate_json(_answer([t.model_dump() for t in writer.tables]))
    assert sum(isinstance(change, Change) for change in read_tables(page.tables)) == MAX_SNAPSHOT_ROWS + 10
