"""What a server's administrator runs besides serving: a network exported as one unit, and an online backup.

``wpt-server export --network NET [--out FILE]`` writes the network's current records, one JSON object per
line (entity, id, values, per-field stamps), sorted, so two exports of the same data are the same bytes
whatever the engine (SQLite or PostgreSQL): comparing them proves a move lost nothing. The shared catalog
is not part of a network: ``--with-catalog`` adds it. Erased persons are not there (the server keeps none
of their rows).

``wpt-server backup FILE`` copies the SQLite default while it serves (SQLite's online backup, owner-only,
written beside its name then put in place); PostgreSQL has its own tools (pg_dump, point-in-time recovery,
see the README).
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
from sync.server.storage import SHARED, SQLiteStorage, Storage


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
