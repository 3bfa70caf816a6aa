"""What a server's administrator runs besides serving: a network exported as one unit, an online backup, and
the move of the SQLite default to PostgreSQL.

``wpt-server export --network NET [--out FILE]`` writes the network's current records, one JSON object per
line (entity, id, values, per-field stamps), sorted, so two exports of the same data are the same bytes
whatever the engine (SQLite or PostgreSQL): comparing them proves a move lost nothing. The shared catalog
is not part of a network: ``--with-catalog`` adds it. Erased persons are not there (the server keeps none
of their rows).

``wpt-server backup FILE`` copies the SQLite default while it serves (SQLite's online backup, owner-only,
written beside its name then put in place); PostgreSQL has its own tools (pg_dump, point-in-time recovery,
see the README).

``wpt-server migrate-to postgresql://… --data-dir DIR`` copies every table of the SQLite server into an empty
PostgreSQL database in one transaction (the change log's positions kept: the desks' cursors stay valid), then
compares the exports of every network on both.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from desktop.permissions import private_file
from sync.entities import CATALOG_ENTITIES, SYNC_ENTITIES
from sync.server.engine import ServerError
from sync.server.storage import SHARED, SQLiteStorage, SQLStorage, Storage


def network_lines(storage: Storage, network: str, *, with_catalog: bool = False) -> Iterator[str]:
    """The network's current rows as sorted JSON lines (the shared catalog's too with ``with_catalog``)."""
    for entity in sorted(SYNC_ENTITIES):
        if entity in CATALOG_ENTITIES and not with_catalog:
            continue
        where = SHARED if entity in CATALOG_ENTITIES else network
        for row in sorted(storage.rows_in(entity, [where]), key=lambda r: r.row_id):
            yield json.dumps({"entity": entity, "id": row.row_id, "values": row.values, "clocks": row.clocks},
                             ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def export_network(storage: Storage, network: str, out: TextIO, *, with_catalog: bool = False) -> int:
    """Write the network's rows to ``out``; return how many.

    Raises:
        ServerError: no desk of the server is in that network (a typo would otherwise export nothing).
    """
    if network not in {desk.network for desk in storage.list_desks()}:
        raise ServerError("unknown_network", f"Nessuno sportello del server è nella rete «{network}»: i nomi "
                                             "delle reti sono in wpt-server desks.")
    count = 0
    for line in network_lines(storage, network, with_catalog=with_catalog):
        out.write(line + "\n")
        count += 1
    return count


def backup_sqlite(storage: Storage, target: Path) -> Path:
    """An online copy of the SQLite default at ``target`` (refused if it exists, or on PostgreSQL).

    Raises:
        ServerError: PostgreSQL, an existing ``target``, or a folder that is not there.
    """
    if not isinstance(storage, SQLiteStorage):
        raise ServerError("invalid", "Con PostgreSQL la copia si fa con pg_dump (o il recupero point-in-time "
                                     "del server PostgreSQL): vedere il README, sezione del server.")
    target = Path(target)
    if target.exists():
        raise ServerError("invalid", f"Il file {target} esiste già: indicare un nome nuovo per la copia.")
    if not target.parent.is_dir():
        raise ServerError("invalid", f"La cartella {target.parent} non esiste.")
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        copy = sqlite3.connect(private_file(partial))
        try:
            storage.conn.backup(copy)  # in one step: the copy is one moment of the server
        finally:
            copy.close()
        with open(partial, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


# Every table of the server's data, parents first (foreign keys); of ``server_state`` the target keeps its
# own schema version and takes the rest (the clock, the public URL).
MOVED_TABLES = ("desks", "enrollment_codes", "credentials", "events", "rows", "change_log", "received",
                "audit_log", "erased_rows", "provider_accesses", "provider_sessions")
_NUMBERED = ("events", "change_log", "audit_log")  # their ``seq`` is kept: the desks' cursors point into it


def migrate(source: SQLStorage, target: SQLStorage) -> dict[str, int]:
    """Copy every table of ``source`` into the empty ``target`` in one transaction; rows per table.

    Raises:
        ServerError: the target already holds data (nothing is written to it).
    """
    counts: dict[str, int] = {}
    with target.transaction():
        if busy := [t for t in MOVED_TABLES if target._rows(f"SELECT 1 FROM {t} LIMIT 1")]:
            raise ServerError("invalid", f"Il database di destinazione non è vuoto (tabella {busy[0]}): nulla è "
                                         "stato copiato.")
        postgres = target.kind == "postgresql"
        for table in MOVED_TABLES:
            rows = [dict(r) for r in source._rows(f"SELECT * FROM {table}")]
            counts[table] = len(rows)
            if not rows:
                continue
            columns = list(rows[0])
            overriding = " OVERRIDING SYSTEM VALUE" if postgres and table in _NUMBERED else ""
            target._exec_many(f"INSERT INTO {table} ({', '.join(columns)}){overriding} VALUES "
                              f"({', '.join('?' for _ in columns)})", [tuple(r[c] for c in columns) for r in rows])
        if postgres:
            for table in _NUMBERED:
                target._rows(f"SELECT setval(pg_get_serial_sequence('{table}', 'seq'), "
                             f"coalesce((SELECT max(seq) FROM {table}), 0) + 1, false)")
        if (stamp := source.clock_stamp()) is not None:
            target.save_clock(stamp)
        for state in source._rows("SELECT key, value FROM server_state WHERE key NOT IN ('schema_version', 'clock')"):
            target._exec("INSERT INTO server_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET "
                         "value = excluded.value", (state["key"], state["value"]))
    return counts


def networks_of(storage: Storage) -> list[str]:
    return sorted({desk.network for desk in storage.list_desks()})


def same_exports(source: Storage, target: Storage) -> list[str]:
    """The networks whose export differs between ``source`` and ``target`` (none: nothing was lost)."""
    differ = []
    for network in networks_of(source):
        if list(network_lines(source, network, with_catalog=True)) != list(
                network_lines(target, network, with_catalog=True)):
            differ.append(network)
    return differ
