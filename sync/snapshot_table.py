"""Columnar snapshot pages (:class:`~sync.protocol.SnapshotTable`): written by the server, read by the desk.

A snapshot sends each row's current values and stamps. As compact changes (``Change.stamps``) every row
repeats its field names, a change id, and its stamps in full; most rows of a network share a few stamp
nodes and were written a few milliseconds apart. A table names the fields once and the nodes once, and
writes each stamp as the difference from the previous stamp of its node: what travels per row is about
its id and its values, which is what the gzip floor of the current records holds.

Reading gives back, per row, the compact change it stands for (the same one a server sends a desk that
asked for compact rows), as the plain JSON of a :class:`~sync.protocol.Change`; the desk validates each
with the same model as any received change and sets aside one that is not valid. A row of the wrong
shape (a value count that is not the field count, a field or node index outside the table, a stamp
out of range) is read into what it can be and is set aside likewise: the other rows are applied.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from pydantic import ValidationError

from desktop.ids import HybridLogicalClock
from sync.limits import MAX_SNAPSHOT_ROWS
from sync.protocol import Change, SnapshotTable, snapshot_change_id


class TableWriter:
    """The rows of one snapshot page as tables, in the order they are added (a new table whenever the
    record type or the set of fields changes from the previous row, or its stamps' nodes would pass
    their bound)."""

    def __init__(self) -> None:
        self.tables: list[SnapshotTable] = []
        self._key: tuple[str, tuple[str, ...]] | None = None
        self._fields: dict[str, int] = {}
        self._nodes: dict[str, int] = {}
        self._last: dict[int, tuple[int, int]] = {}

    def add(self, entity: str, row_id: str, values: Mapping[str, Any], stamps: Mapping[str, str]) -> None:
        """One row: ``stamps`` holds a valid stamp for every field of ``values`` (a row without values
        is not sent, as no compact change stands for it)."""
        if not values:
            return
        names = tuple(sorted(values))
        # A table names at most MAX_SNAPSHOT_ROWS nodes: a row's stamps may add one per field and one more.
        if self._key != (entity, names) or len(self.tables[-1].nodes) + len(names) >= MAX_SNAPSHOT_ROWS:
            self._key = (entity, names)
            self._fields = {name: index for index, name in enumerate(names)}
            self._nodes, self._last = {}, {}
            self.tables.append(SnapshotTable(entity=entity, fields=list(names), nodes=[], rows=[]))
        table = self.tables[-1]
        base = min(stamps[name] for name in names)
        row: list[Any] = [row_id, [values[name] for name in names], self._stamp(table, base)]
        newer = [[self._fields[name], *self._stamp(table, stamps[name])] for name in names if stamps[name] != base]
        if newer:
            row.append(newer)
        table.rows.append(row)

    def _stamp(self, table: SnapshotTable, stamp: str) -> list[int]:
        wall, counter, node = HybridLogicalClock.parse(stamp)
        index = self._nodes.get(node)
        if index is None:
            index = self._nodes[node] = len(table.nodes)
            table.nodes.append(node)
        last_wall, last_counter = self._last.get(index, (0, 0))
        self._last[index] = (wall, counter)
        step = wall - last_wall
        return [step, counter - last_counter if step == 0 else counter, index]


def read_tables(tables: list[SnapshotTable]) -> Iterator[Change | dict[str, Any]]:
    """Each row of the tables as the compact change it stands for, in order (see module); one that is
    not a valid :class:`Change` as the JSON it was read into, for the desk to set aside."""
    for table in tables:
        stamps = _StampReader(table.nodes)
        for row in table.rows:
            change = _read_row(table, row, stamps)
            try:
                yield Change.model_validate(change)
            except ValidationError:
                yield change


class _StampReader:
    """Reads a table's stamps in order, each after the previous of its node. A stamp that cannot be read
    (not three integers, a node not in the table, out of range) leaves every later one unknown: they
    were written as differences from what it was, so the rest of the table reads as not valid."""

    def __init__(self, nodes: list[str]) -> None:
        self.nodes = nodes
        self.last: dict[int, tuple[int, int]] = {}
        self.broken = False

    def read(self, parts: Any) -> str | None:
        """A stamp written as ``[wall difference, counter, node index]``; None when it is not one."""
        if self.broken or not isinstance(parts, list) or len(parts) != 3 \
                or not all(isinstance(p, int) and not isinstance(p, bool) for p in parts) \
                or not 0 <= parts[2] < len(self.nodes):
            self.broken = True
            return None
        step, counter, index = parts
        last_wall, last_counter = self.last.get(index, (0, 0))
        wall = last_wall + step
        if step == 0:
            counter += last_counter
        self.last[index] = (wall, counter)
        try:
            return HybridLogicalClock.format(wall, counter, self.nodes[index])
        except ValueError:  # out of range
            self.broken = True
            return None


def _read_row(table: SnapshotTable, row: list[Any], stamps: _StampReader) -> dict[str, Any]:
    """One row as a compact change's JSON. Its stamps are read first (the later rows' depend on them);
    what does not fit the table is left out or marked, so that the change does not validate."""
    row_id = row[0] if row else None
    change: dict[str, Any] = {"entity": table.entity, "row_id": row_id}
    if isinstance(row_id, str):
        change["change_id"] = snapshot_change_id(row_id)
    change["hlc"] = stamps.read(row[2] if len(row) > 2 else None)
    newer = row[3] if len(row) > 3 else []
    newer = newer if isinstance(newer, list) and len(newer) <= len(table.fields) else None
    if newer is None:
        change["hlc"] = None
    newer_stamps: dict[str, str | None] = {}
    for item in newer or []:
        index = item[0] if isinstance(item, list) and item else None
        stamp = stamps.read(item[1:] if isinstance(item, list) else None)
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(table.fields) \
                or table.fields[index] in newer_stamps:
            change["hlc"] = None  # a stamp for no field of the table, or two for one
            continue
        newer_stamps[table.fields[index]] = stamp
    if newer_stamps:
        change["stamps"] = newer_stamps
    values = row[1] if len(row) > 1 else None
    if len(row) not in (3, 4) or not isinstance(values, list) or len(values) != len(table.fields):
        change["fields"] = None  # the wrong shape: not a change
    else:
        change["fields"] = dict(zip(table.fields, values, strict=True))
    return change
