"""The keyset paging builder (pure): the SQL of a page, and that paging through it meets every row once."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from desktop.queries.keyset import Filter, ListSpec, PageRequest, page_query

SPEC = ListSpec(select="id, name", from_="t", sorts={"name": ("name COLLATE NOCASE",)}, base_where="deleted = 0")


def test_first_page_sql_has_the_base_filter_the_filters_and_the_order() -> None:
    sql, params = page_query(SPEC, PageRequest("name", filters=[Filter("name LIKE :n", {"n": "a%"})], limit=5))
    assert sql == ("SELECT id, name, name COLLATE NOCASE AS k0, seq AS k1 FROM t "
                   "WHERE (deleted = 0) AND (name LIKE :n) ORDER BY name COLLATE NOCASE, seq LIMIT :_page")
    assert params == {"n": "a%", "_page": 5}


def test_next_page_starts_after_the_last_row_in_either_direction() -> None:
    sql, params = page_query(SPEC, PageRequest("name", descending=True, after={"k0": "m", "k1": 7}))
    assert "(name COLLATE NOCASE, seq) < (:_k0, :_k1)" in sql and sql.endswith("seq DESC LIMIT :_page")
    assert params["_k0"] == "m" and params["_k1"] == 7


def test_a_late_spec_sorts_the_keys_alone_and_reads_its_rows_after() -> None:
    late = replace(SPEC, select="id, name, seq", late="t", key_columns={"seq": "seq"})
    sql, _ = page_query(late, PageRequest("name", after={"k0": "m", "seq": 7}))
    assert sql == ("SELECT id, name, seq, _keys.k0 FROM (SELECT name COLLATE NOCASE AS k0, seq AS k1 FROM t "
                   "WHERE (deleted = 0) AND ((name COLLATE NOCASE, seq) > (:_k0, :_k1)) ORDER BY name COLLATE "
                   "NOCASE, seq LIMIT :_page) AS _keys CROSS JOIN t ON t.seq = _keys.k1 ORDER BY _keys.k0, _keys.k1")


def test_a_filter_the_spec_applies_itself_gives_only_its_parameters() -> None:
    joined = replace(SPEC, from_="(SELECT seq AS s FROM u WHERE u.x = :x) CROSS JOIN t ON t.seq = s",
                     applied=frozenset({"seq IN (SELECT seq FROM u WHERE u.x = :x)"}))
    sql, params = page_query(joined, PageRequest("name", filters=[Filter("seq IN (SELECT seq FROM u WHERE u.x = :x)",
                                                                         {"x": 3})]))
    assert "seq IN" not in sql and "WHERE (deleted = 0) ORDER BY" in sql and params["x"] == 3


@pytest.mark.parametrize("spec", [SPEC, replace(SPEC, key_columns={"name COLLATE NOCASE": "name"}),
                                  replace(SPEC, late="t", select="id, name, seq", key_columns={"seq": "seq"})])
def test_paging_meets_every_row_once_with_ties_in_the_sort_key(spec: ListSpec) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, id TEXT, name TEXT, deleted INTEGER DEFAULT 0)")
    names = ["b", "A", "a", "c", "B", "a"] * 7
    conn.executemany("INSERT INTO t (id, name, deleted) VALUES (?, ?, ?)",
                     [(f"r{i}", n, int(i % 5 == 0)) for i, n in enumerate(names)])
    conn.row_factory = sqlite3.Row
    for descending in (False, True):
        seen: list[str] = []
        after = None
        while True:
            sql, params = page_query(spec, PageRequest("name", descending=descending, after=after, limit=4))
            rows = [dict(r) for r in conn.execute(sql, params)]
            if not rows:
                break
            seen += [r["id"] for r in rows]
            after = rows[-1]
        expected = [r[0] for r in conn.execute(
            f"SELECT id FROM t WHERE deleted = 0 ORDER BY name COLLATE NOCASE {'DESC' if descending else ''}, "
            f"seq {'DESC' if descending else ''}")]
        assert seen == expected
