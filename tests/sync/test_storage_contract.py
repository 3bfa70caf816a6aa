"""The server storage's contract, the same tests on both backends (SQLite default, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.ids import HybridLogicalClock
from sync.audit import AccessEntry
from sync.protocol import Change
from sync.server.storage import Credential, DeskInfo, EnrollmentCode, Storage, StoredRow, open_storage
from tests.helpers.postgres import BACKENDS, database_for


@pytest.fixture(params=BACKENDS)
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Storage]:
    opened = open_storage(tmp_path / "server", database_for(request.param))
    yield opened
    opened.close()


def _change(row_id: str, n: int, **fields: object) -> Change:
    return Change(change_id=f"c{n}", entity="person", row_id=row_id, fields=fields,
                  hlc=HybridLogicalClock.format(1_700_000_000_000 + n, 0, "deska"), origin_desk="deska")


def test_desks_codes_credentials_and_events(storage: Storage) -> None:
    with storage.transaction():
        storage.save_desk(DeskInfo("d1", "Sportello", "rete", "2026-01-01"))
        storage.save_desk(DeskInfo("d1", "Sportello 1", "rete", "2026-01-01"))  # saved again: replaced
        storage.save_code(EnrollmentCode("k1", "d1", "desk", "ABCD", "h", "t", "me", "t2"))
        storage.save_credential(Credential("c1", "d1", "desk", "hash1", "deska", "k1", "t"))
        storage.add_event("t", "registrato", "Sportello 1", "me", "dettaglio")
    assert storage.desk_by_name("Sportello 1") == storage.desk_by_id("d1")
    assert storage.desk_by_name("Sportello") is None
    assert [d.id for d in storage.list_desks()] == ["d1"]
    assert storage.code_by_selector("ABCD") == storage.codes_of("d1")[0]
    assert storage.credential_by_hash("hash1") == storage.credential_by_id("c1") == storage.credentials_of("d1")[0]
    assert [(e.kind, e.detail) for e in storage.events(10)] == [("registrato", "dettaglio")]


def test_rows_lookups_and_snapshot_pages(storage: Storage) -> None:
    with storage.transaction():
        for i in range(5):
            storage.put_row(StoredRow("person", f"p{i}", "rete", {"fiscal_code": "CF" if i % 2 else f"X{i}",
                                                                  "last_name": "Gili"}, {"last_name": "s"},
                                      {"last_name": ["a", "b"]} if i == 0 else {}))
        storage.put_row(StoredRow("person", "p9", "altra", {"fiscal_code": "CF"}, {}))
        storage.put_row(StoredRow("request", "r1", "rete", {"person_id": "p1"}, {}))
        storage.put_row(StoredRow("person", "p0", "rete", {"fiscal_code": "X0", "last_name": "Gilì"}, {},
                                  {"last_name": ["a", "b"]}))
    row = storage.get_row("rete", "person", "p0")
    assert row is not None and row.values["last_name"] == "Gilì" and row.holders == {"last_name": ["a", "b"]}
    assert storage.get_row("altra", "person", "p0") is None
    assert [r.row_id for r in storage.find_rows("rete", "person", "fiscal_code", "CF")] == ["p1", "p3"]
    assert [r.row_id for r in storage.find_rows("rete", "request", "person_id", "p1")] == ["r1"]
    assert [r.row_id for r in storage.rows_of("rete", "person")] == ["p0", "p1", "p2", "p3", "p4"]
    assert [r.network for r in storage.rows_in("person", None)].count("altra") == 1
    assert [r.row_id for r in storage.snapshot_rows("rete", "person", "p1", 2)] == ["p2", "p3"]
    assert storage.snapshot_rows("rete", "person", "p4", 2) == []


def test_the_log_is_read_in_order_per_network_with_the_shared_entries(storage: Storage) -> None:
    assert storage.last_seq() == 0
    with storage.transaction():
        first = storage.append_log("rete", "deska", _change("p1", 1, last_name="A"), desk="A", received_at="t")
        storage.append_log("altra", "deskb", _change("p2", 2, last_name="B"))
        storage.append_log(None, None, _change("cat", 3, name="catalogo"))
        last = storage.append_log("rete", "deska", _change("p1", 4, last_name="C"))
    assert storage.last_seq() == last > first
    entries = storage.read_log("rete", 0, 10)
    assert [e.change.change_id for e in entries] == ["c1", "c3", "c4"]
    assert [e.change.change_id for e in storage.read_log("rete", entries[0].seq, 1)] == ["c3"]
    assert entries[0].source_desk == "deska" and entries[1].source_desk is None


def test_outcomes_clock_and_a_failed_transaction_leaves_nothing(storage: Storage) -> None:
    with storage.transaction():
        storage.record_outcome("d1", "c1", "")
        storage.record_outcome("d1", "c1", "again")  # the first outcome stands
        storage.record_outcome("d1", "c2", "motivo")
        storage.save_clock("002")
        storage.save_clock("001")  # never goes back
    assert (storage.outcome("d1", "c1"), storage.outcome("d1", "c2"), storage.outcome("d2", "c1")) == ("", "motivo",
                                                                                                       None)
    assert storage.clock_stamp() == "002"
    with pytest.raises(RuntimeError), storage.transaction():
        storage.put_row(StoredRow("person", "lost", "rete", {}, {}))
        storage.append_log("rete", None, _change("lost", 9))
        raise RuntimeError("half way")
    assert storage.get_row("rete", "person", "lost") is None and storage.last_seq() == 0


def test_access_log_and_erasure(storage: Storage) -> None:
    entry = AccessEntry(id="a1", desk_id="deska", n=1, at="2026-01-02T10:00:00", operator_id="o1",
                        operator_name="Rosa", action="view", record_kind="person", record_id="p1", person_id="p1",
                        prev_hash="0" * 64, hash="1" * 64)
    with storage.transaction():
        storage.append_audit("rete", "Sportello", entry, "")
        for row_id, entity, values in (("p1", "person", {}), ("r1", "request", {"person_id": "p1"}),
                                       ("n1", "note", {"request_id": "r1"}), ("p2", "person", {})):
            storage.put_row(StoredRow(entity, row_id, "rete", values, {}))
            storage.append_log("rete", "deska", Change(change_id=f"c-{row_id}", entity=entity, row_id=row_id,
                                                       fields=values, hlc=HybridLogicalClock.format(1, 0, "deska")))
        removed = storage.erase_person("rete", "p1")
    assert removed == {"p1", "r1", "n1"}
    assert storage.is_erased("rete", "r1") and not storage.is_erased("rete", "p2")
    assert [e.change.row_id for e in storage.read_log("rete", 0, 10)] == ["p2"]
    assert storage.get_row("rete", "note", "n1") is None
    storage.after_erasure()
    assert storage.last_audit_entry("deska") == entry
    assert [r.entry for r in storage.audit_entries(operator_name="ROSA")] == [entry]
    assert storage.audit_entries(person_id="p2") == []
