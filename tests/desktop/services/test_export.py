"""The JSONL export, built by SQLite a page at a time, writes exactly the records of ``records``."""

from __future__ import annotations

import io
import json

from desktop.operations.deletion import delete_person
from desktop.operations.rights import set_restriction
from desktop.services import demo
from desktop.services.export import records, write_jsonl
from desktop.storage.store import Store


def _lines(store: Store, include_deleted: bool) -> list[dict[str, object]]:
    out = io.StringIO()
    count = write_jsonl(store, out, include_deleted=include_deleted)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == len(lines)
    return lines


def test_jsonl_lines_are_the_records_key_for_key_restricted_and_deleted_ones_included(store: Store) -> None:
    demo.fill(store, persons=30, seed=16)
    persons = store.query("SELECT id FROM persons ORDER BY seq")
    set_restriction(store, persons[0]["id"], True)  # held back, with its requests, referrals and notes
    delete_person(store, persons[1]["id"])
    with store.transaction() as conn:  # a code no longer known (the data of an older version)
        conn.execute("UPDATE persons SET birthplace_code = 'Q000' WHERE id = ?", (persons[2]["id"],))
    for include_deleted in (False, True):
        expected = list(records(store, include_deleted=include_deleted))
        lines = _lines(store, include_deleted)
        assert lines == expected
        assert [list(line) for line in lines] == [list(record) for record in expected]  # the same key order
        assert {r["type"] for r in lines} >= {"person", "request", "referral", "note", "service", "provider"}
        assert any(r.get("history") for r in lines)
        assert all(r["id"] != persons[0]["id"] for r in lines)
