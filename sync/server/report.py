"""``wpt-server report``: the indicators of a network (or of every network) from the server's records.

The server holds every desk's records of a network, so a person with requests at two desks is one
person here (the same codice fiscale registered twice was merged into one). The figures come from the
same pure computation as a desk's (:mod:`desktop.reports.indicators`), fed with the rows the server
keeps as JSON per entity.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from datetime import date
from typing import Any

from desktop.reports.command import ReportArgumentError, add_report_arguments, period_and_threshold, write_report
from desktop.reports.disclosure import suppress
from desktop.reports.indicators import Period, ReportRows, compute
from desktop.reports.output import with_scope
from sync.protocol import MERGE_ENTITY
from sync.server.engine import ServerError
from sync.server.storage import Storage, open_storage

_ENTITIES = ("person", "request", "referral", "status_change", "service", "provider", "desk", MERGE_ENTITY)


def add_parser(command: Any) -> None:
    """``command(name, help)`` makes a subcommand with ``--data-dir`` (as the other server commands)."""
    parser: argparse.ArgumentParser = command(
        "report", "indicatori di una rete o di tutte (json, csv o pdf per i finanziatori)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--network", default=None, help="la rete")
    which.add_argument("--all-networks", action="store_true", help="tutte le reti (la Città metropolitana)")
    add_report_arguments(parser)


def _rows(storage: Storage, entity: str, networks: list[str] | None) -> Iterator[dict[str, Any]]:
    """Rows of an entity (the catalog's have no network) as dicts with their id."""
    with storage.transaction():
        found = storage.rows_in(entity, None if entity in ("service", "provider") else networks)
    for row in found:
        yield {**row.values, "id": row.row_id}


def network_rows(storage: Storage, networks: list[str] | None) -> ReportRows:
    """Every row a report over ``networks`` (None: all) may use."""
    rows = {entity: list(_rows(storage, entity, networks)) for entity in _ENTITIES}
    # Each installation (replica id) of a desk, by the desk's enrolled name.
    names = {c.desk_id: d.name for d in storage.list_desks() for c in storage.credentials_of(d.id) if c.desk_id}
    # The name the desk was enrolled with first: a desk's own record may still carry the default name.
    desks = [{"id": d["id"], "name": names.get(d["id"]) or d.get("name") or ""} for d in rows["desk"]]
    desks += [{"id": i, "name": n} for i, n in names.items() if i not in {d["id"] for d in desks}]
    return ReportRows(
        persons=rows["person"],
        requests=rows["request"],
        referrals=rows["referral"],
        referral_status_changes=[c for c in rows["status_change"] if c.get("subject_type") == "referral"],
        services=rows["service"],
        providers=rows["provider"],
        desks=desks,
        merges={m["id"]: m["into_id"] for m in rows[MERGE_ENTITY] if m.get("into_id") and not m.get("deleted")},
    )


def run(args: argparse.Namespace) -> int:
    try:
        start, end, min_count = period_and_threshold(args)
    except ReportArgumentError as exc:
        raise ServerError("invalid", str(exc)) from None
    try:
        storage = open_storage(args.data_dir, args.database)
    except ValueError as exc:
        raise ServerError("invalid", str(exc)) from None
    try:
        known = sorted({d.network for d in storage.list_desks()})
        if args.network is not None and args.network.strip() not in known:
            raise ServerError("unknown_network",
                              f"Rete sconosciuta: «{args.network}» (reti: {', '.join(known) or 'nessuna'}).")
        networks = None if args.all_networks else [args.network.strip()]
        period = Period(start, end)
        found = compute(network_rows(storage, networks), period)
    finally:
        storage.close()
    figures = found.figures if min_count is None else suppress(found, min_count)
    scope = {"network": "tutte le reti" if args.all_networks else args.network.strip(),
             "networks": known if args.all_networks else [args.network.strip()],
             "generated_on": date.today().isoformat()}
    write_report(with_scope(figures, scope, min_count), args.format, args.out, "Report della rete WPT")
    return 0
