"""``wpt-desk enroll``, ``wpt-desk sync`` and ``wpt-desk conflicts`` (the logic lives in :mod:`desktop.sync`)."""

from __future__ import annotations

import argparse
import json
import sys

from desktop import __version__
from desktop.cli.backup_commands import after_large_change
from desktop.cli.data_commands import open_data_store as _store
from desktop.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, CliError
from desktop.config import ConfigError, DeskConfig, load_config
from desktop.messages import plural
from desktop.server_url import check_server_url
from desktop.storage import sync_tables


def _config(args: argparse.Namespace) -> DeskConfig:
    """The pre-configured install (``wpt-desk.toml``): server URL and CA certificate to trust."""
    try:
        return load_config(args.data_dir)
    except ConfigError as exc:
        raise CliError(str(exc)) from exc


def enroll(args: argparse.Namespace) -> int:
    from desktop.sync.client import SyncClient, SyncError

    config = _config(args)
    server = (args.server or config.server.url or "").strip()
    if not server:
        raise CliError("Indicare il server con --server URL (o nel file wpt-desk.toml, chiave server.url).")
    try:
        server = check_server_url(server)
    except ValueError as exc:
        raise CliError(f"Indirizzo del server non accettato: {exc}.") from exc
    ca_cert = args.ca_cert or config.server.ca_cert
    if ca_cert is not None and not ca_cert.is_file():
        raise CliError(f"Il certificato {ca_cert} non esiste.")
    with _store(args) as store:
        try:
            answer = SyncClient(store, server=server, verify=ca_cert).enroll(args.code)
        except SyncError as exc:
            raise CliError(f"Registrazione non riuscita: {exc.message}") from exc
    print(f"Sportello «{answer.desk_name}» registrato nella rete «{answer.network}». Ora si può usare wpt-desk sync.")
    return EXIT_OK


def sync(args: argparse.Namespace) -> int:
    from desktop.sync.client import SyncClient, SyncError, SyncReport, is_enrolled

    if args.ca_cert is not None and not args.ca_cert.is_file():
        raise CliError(f"Il certificato {args.ca_cert} non esiste.")
    with _store(args) as store:
        if not is_enrolled(store):
            raise CliError("Sportello non registrato: usare prima «wpt-desk enroll --server URL --code CODICE».")
        client = SyncClient(store, verify=args.ca_cert)
        try:
            report: SyncReport = client.sync()
        except SyncError as exc:
            pending = sync_tables.outbox_count(store)
            print(f"wpt-desk: sincronizzazione non completata: {exc.message} "
                  f"Modifiche in attesa di invio: {pending} (non perse, partiranno alla prossima).", file=sys.stderr)
            return EXIT_ERROR
        after_large_change(store, report.received)
    if not report.complete:
        print("wpt-desk: sincronizzazione non completata: il server ha ancora dati da inviare, riprovare.",
              file=sys.stderr)
        return EXIT_ERROR
    print(f"Modifiche inviate: {report.acked}; ricevute: {report.received}; "
          f"scartate dal server: {len(report.rejected)}; in attesa del record collegato: {report.parked}; "
          f"da rivedere: {report.to_review}; scambi con il server: {report.rounds}.")
    for change_id, reason in report.rejected:
        print(f"Modifica {change_id} messa da parte: {reason}", file=sys.stderr)
    if report.erased:
        print(f"Persone cancellate su richiesta (art. 17 GDPR) e rimosse da questo sportello: {report.erased}.")
    if report.erased_edits:
        print(f"Attenzione: {report.erased_edits} delle persone cancellate erano state modificate su questo "
              "sportello; la cancellazione prevale e le modifiche non sono state conservate.", file=sys.stderr)
    if report.update:
        print(f"Aggiornamento disponibile: WPT Desk {report.update} (questa è la {__version__}); chiedere al "
              "referente informatico di installarlo.")
    return EXIT_REJECTED if report.rejected else EXIT_OK


def conflicts(args: argparse.Namespace) -> int:
    from desktop.operations.review import DELETED_FIELD
    from desktop.sync.review import list_conflicts, possible_duplicate_groups, rejected_changes

    with _store(args) as store:
        found = list_conflicts(store)
        groups = possible_duplicate_groups(store)
        rejected = rejected_changes(store)
    for c in found:
        if c.field == DELETED_FIELD:
            print(f"Modificato altrove dopo l'eliminazione {c.id}: {c.entity} {c.row_id} (eliminato; il "
                  "coordinatore può ripristinarlo con la modifica dalla pagina Sincronizzazione)")
            continue
        print(f"Conflitto {c.id}: {c.entity} {c.row_id}, campo «{c.field}»: tenuto "
              f"{json.dumps(c.kept_value, ensure_ascii=False)}, perso {json.dumps(c.lost_value, ensure_ascii=False)}")
    for group in groups:
        names = ", ".join(f"{p.last_name} {p.first_name} ({p.id})" for p in group)
        born = group[0].birth_date.strftime("%d/%m/%Y") if group[0].birth_date else "?"
        print(f"Possibili doppioni (nascita {born}): {names}")
    for row in rejected:
        print(f"Modifica scartata {row['change_id']} ({row['entity']} {row['row_id']}): {row['reason']}")
    print(f"Da rivedere: {plural(len(found), 'conflitto', 'conflitti')}, "
          f"{plural(len(groups), 'gruppo', 'gruppi')} di possibili doppioni, "
          f"{plural(len(rejected), 'modifica scartata', 'modifiche scartate')}.")
    return EXIT_OK
