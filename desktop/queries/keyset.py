"""Keyset paging, as a pure function: the SQL of one page of a sorted, filtered list.

Rows are ordered by a sort key's expressions plus a unique ``seq``, and each page starts after the last
row loaded (``(k0, k1, seq) > (:k0, :k1, :seq)``), so page 500 costs what page 1 costs when an index
serves the order. Filters are SQL conditions with named parameters, made by the list modules.

When no index serves the order (e.g. the matches of a search), SQLite sorts every matching row, and a
row it sorts carries every selected column. A spec with ``late`` sorts the keys alone and reads the
page's columns from the table afterwards, for its rows only (the same rows in the same order).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop.storage.store import Store

# A list's first page, what a keystroke in a search waits for, and its cost grows with it: two to three
# screens of rows (the persons list shows 21 rows maximised at 1366×768, 31 at 1920×1080); a view that
# shows more fetches the next page at once.
FIRST_PAGE = 60
# The pages after the first, loaded as the view scrolls.
PAGE_SIZE = 200


@dataclass(frozen=True)
class Filter:
    """One condition on a list, e.g. ``Filter("q.category = :category", {"category": "DIG"})``."""

    condition: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListSpec:
    """A list: what it selects from where, and by which keys it can be sorted.

    Attributes:
        sorts: sort key → SQL expressions (never NULL) ordering the rows by it.
        base_where: the condition every row of the list meets (e.g. not deleted).
        seq: the unique column ending every order.
        key_columns: sort expression → the selected column holding its value (e.g. ``"name COLLATE
            NOCASE": "name"``): a row carries it once, not again as ``k0``.
        late: the table of ``from_`` whose row holds the selected columns (joined on ``seq``): the page
            is sorted by its keys alone, then only its rows are read (see the module's docstring);
            empty: one plain statement.
        applied: conditions of filters that ``from_`` applies itself (e.g. joined): only their
            parameters are used. A spec with some is only for pages that have those filters.
        plan: picks, for a page, the spec whose SQL is fastest for it (the same rows in the same order:
            e.g. ``INDEXED BY`` an index in the sort's order); None: this spec always.
    """

    select: str
    from_: str
    sorts: Mapping[str, tuple[str, ...]]
    base_where: str = ""
    seq: str = "seq"
    key_columns: Mapping[str, str] = field(default_factory=dict)
    late: str = ""
    applied: frozenset[str] = frozenset()
    plan: Callable[[Store, PageRequest], ListSpec] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class PageRequest:
    """Which page: sorted by ``sort``, filtered, after the row ``after`` (None: the first page)."""

    sort: str
    descending: bool = False
    filters: Sequence[Filter] = ()
    after: Mapping[str, Any] | None = None
    limit: int = PAGE_SIZE


def page_query(spec: ListSpec, page: PageRequest) -> tuple[str, dict[str, Any]]:
    """The SQL and parameters of a page. Each row carries its keys (``k0``, ``k1``… or the columns of
    ``spec.key_columns``) for the next page."""
    sort = (*spec.sorts[page.sort], spec.seq)
    names = _key_names(spec, page.sort)
    conditions = [c for c in (spec.base_where, *(f.condition for f in page.filters)) if c and c not in spec.applied]
    params: dict[str, Any] = {}
    for f in page.filters:
        params.update(f.params)
    if page.after is not None:
        marks = ", ".join(f":_k{i}" for i in range(len(sort)))
        op = "<" if page.descending else ">"
        conditions.append(f"({', '.join(sort)}) {op} ({marks})")
        params.update({f"_k{i}": page.after[name] for i, name in enumerate(names)})
    where = f"WHERE {' AND '.join(f'({c})' for c in conditions)}" if conditions else ""
    direction = " DESC" if page.descending else ""
    order = ", ".join(f"{expr}{direction}" for expr in sort)
    params["_page"] = page.limit
    if not spec.late:
        keys = "".join(f", {expr} AS k{i}" for i, expr in enumerate(sort) if expr not in spec.key_columns)
        return f"SELECT {spec.select}{keys} FROM {spec.from_} {where} ORDER BY {order} LIMIT :_page", params
    # The keys sorted alone (a narrow row each), then the page's rows read by seq in that order: the
    # outer ORDER BY is the subquery's, which SQLite's plan keeps (no second sort).
    keys = ", ".join(f"{expr} AS k{i}" for i, expr in enumerate(sort))
    carried = "".join(f", _keys.k{i}" for i, expr in enumerate(sort) if expr not in spec.key_columns)
    order_keys = ", ".join(f"_keys.k{i}{direction}" for i in range(len(sort)))
    return (f"SELECT {spec.select}{carried} FROM (SELECT {keys} FROM {spec.from_} {where} ORDER BY {order} "
            f"LIMIT :_page) AS _keys CROSS JOIN {spec.late} ON {spec.late}.{spec.seq} = _keys.k{len(sort) - 1} "
            f"ORDER BY {order_keys}"), params


def _key_names(spec: ListSpec, sort: str) -> list[str]:
    """The names under which a row of the list sorted by ``sort`` carries its keys."""
    return [spec.key_columns.get(expr, f"k{i}") for i, expr in enumerate((*spec.sorts[sort], spec.seq))]


def fetch_page(store: Store, spec: ListSpec, page: PageRequest) -> list[dict[str, Any]]:
    if spec.plan is not None:
        spec = spec.plan(store, page)
    sql, params = page_query(spec, page)
    return store.query(sql, params)
