"""``wpt-desk audit verify`` and ``wpt-desk audit list``: the desk's access log."""

from __future__ import annotations

import argparse
from datetime import date

from desktop.cli.data_commands import open_data_store
from desktop.cli.errors import EXIT_OK, EXIT_REJECTED, CliError
from desktop.domain.roles import Role
from desktop.messages import plural
from desktop.operations.authorization import require
from desktop.storage import access_log


def audit(args: argparse.Namespace) -> int:
    return verify(args) if args.audit_command == "verify" else list_entries(args)


def verify(args: argparse.Namespace) -> int:
    with open_data_store(args) as store:
        result = access_log.verify(store)
    if result.problem:
        print(f"Registro degli accessi NON integro: {result.problem} (voci integre prima: {result.checked}).")
        return EXIT_REJECTED
    print(f"Registro degli accessi integro: {plural(result.checked, 'voce', 'voci')}, catena completa.")
    return EXIT_OK


def list_entries(args: argparse.Namespace) -> int:
    since = None
    if args.since:
        try:
            since = date.fromisoformat(args.since).isoformat()
        except ValueError:
            raise CliError(f"Data non valida «{args.since}»: usare AAAA-MM-GG.") from None
    with open_data_store(args) as store:
        require(store, Role.COORDINATOR)
        found = access_log.entries(store, person_id=args.person, operator_name=args.operator, since=since)
    for e in found:
        print(f"{e.at}  n.{e.n}  {e.operator_name or '-'}  {e.action}  {e.record_kind or '-'} {e.record_id or '-'}  "
              f"persona {e.person_id or '-'}")
    print(f"Voci: {len(found)}.")
    return EXIT_OK
