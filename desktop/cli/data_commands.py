"""The data commands of ``wpt-desk``: demo, import, export, backup, check, self-test, config."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.auth import open_authenticated, set_up_demo_desk
from desktop.cli.backup_commands import after_large_change
from desktop.cli.errors import EXIT_OK, EXIT_REJECTED, CliError
from desktop.cli.ui_hook import ui_entry
from desktop.errors import describe_sqlite_error
from desktop.messages import plural
from desktop.permissions import private_file
from desktop.storage import maintenance
from desktop.storage.connection import DATABASE_ERROR
from desktop.storage.errors import NotADeskDatabaseError
from desktop.storage.maintenance import integrity_problems
from desktop.storage.opening import DeskState, desk_state, open_store
from desktop.storage.store import Store

# What `check` reports as a damaged file rather than a failure to run.
_DAMAGED: tuple[type[Exception], ...] = (NotADeskDatabaseError, *DATABASE_ERROR)


def open_data_store(args: argparse.Namespace) -> Store:
    """The desk database of ``--data-dir`` (which must be a folder), opened by the command's operator."""
    return open_authenticated(args)


def demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import fill

    if args.persons < 0:
        raise CliError("Il numero di persone non può essere negativo.")
    demo_login = None
    if args.data_dir.exists() and not args.data_dir.is_dir():
        raise CliError(f"{args.data_dir} non è una cartella: indicare con --data-dir la cartella dei dati.")
    if desk_state(args.data_dir) is DeskState.NEW:
        demo_login = set_up_demo_desk(args.data_dir)
    with (open_store(args.data_dir, demo_login) if demo_login else open_data_store(args)) as store:
        report = fill(store, persons=args.persons, seed=args.seed)
    print(
        f"Dati di esempio creati: {plural(report.persons, 'persona', 'persone')}, "
        f"{plural(report.requests, 'richiesta', 'richieste')}, {plural(report.referrals, 'invio', 'invii')}, "
        f"{plural(report.notes, 'nota', 'note')}."
    )
    if demo_login is not None:
        print(f"Sportello di prova creato in {args.data_dir} (dati di esempio, non reali). "
              f"Accedere come «{demo_login.operator}» con la password: {demo_login.password}")
    return EXIT_OK


def import_(args: argparse.Namespace) -> int:
    from desktop.services.person_import import ImportFileError, import_persons

    with open_data_store(args) as store:
        try:
            report = import_persons(store, args.file)
        except ImportFileError as exc:
            raise CliError(str(exc)) from exc
        after_large_change(store, report.created + report.updated)
    for row in report.rejected:
        print(f"{args.file}: riga {row.line}: {row.reason}", file=sys.stderr)
    print(
        f"{plural(report.imported, 'Importata {n} persona', 'Importate {n} persone')} "
        f"({plural(report.created, 'nuova', 'nuove')}, "
        f"{plural(report.updated, 'aggiornata', 'aggiornate')}, "
        f"{plural(report.unchanged, 'invariata', 'invariate')}); righe scartate: {len(report.rejected)}."
    )
    return EXIT_REJECTED if report.rejected else EXIT_OK


def export(args: argparse.Namespace) -> int:
    from desktop.services.export import write_csv_folder, write_jsonl

    with open_data_store(args) as store:
        if args.format == "csv":
            folder = args.out or Path("wpt-export")
            counts = write_csv_folder(store, folder, include_deleted=args.include_deleted)
            print(f"Esportati {sum(counts.values())} record in {len(counts)} file CSV nella cartella {folder}.")
            return EXIT_OK
        if args.out is None:
            write_jsonl(store, sys.stdout, include_deleted=args.include_deleted)
            return EXIT_OK
        if args.out.is_dir():
            raise CliError(f"{args.out} è una cartella: indicare il nome del file .jsonl da scrivere.")
        if args.out.is_symlink() or (args.out.exists() and not args.out.is_file()):
            raise CliError(f"{args.out} non è un file normale: indicare il nome del file .jsonl da scrivere "
                           "(oppure nessun --out per lo standard output).")
        if not args.out.parent.is_dir():
            raise CliError(f"La cartella {args.out.parent} non esiste: crearla o indicare un'altra destinazione.")
        partial = args.out.with_name(args.out.name + ".partial")
        try:
            private_file(partial)  # personal data: owner-only (the rename keeps the mode)
            with partial.open("w", encoding="utf-8", newline="\n") as out:
                count = write_jsonl(store, out, include_deleted=args.include_deleted)
            partial.replace(args.out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    print(f"Esportati {count} record in {args.out}.", file=sys.stderr)
    return EXIT_OK


def backup(args: argparse.Namespace) -> int:
    if args.file.is_dir():
        raise CliError(f"{args.file} è una cartella: indicare il nome del file di copia.")
    if not args.file.parent.is_dir():
        raise CliError(f"La cartella {args.file.parent} non esiste: crearla o indicare un'altra destinazione.")
    if not (args.data_dir / "wpt-desk.db").exists():
        raise CliError(f"Nella cartella {args.data_dir} non c'è un database di WPT Desk da copiare.")
    existing = [p for p in (args.file, maintenance.key_file_of_backup(args.file)) if p.exists() or p.is_symlink()]
    if existing and not args.overwrite:
        raise CliError(f"{existing[0]} esiste già: nulla è stato scritto. Indicare un altro nome, o aggiungere "
                       "--overwrite per sostituire una copia precedente di questo sportello.")
    with open_data_store(args) as store:
        maintenance.backup(store, args.file)
    print(f"Copia di sicurezza scritta in {args.file}.")
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    database = args.data_dir / "wpt-desk.db"
    if not database.is_file():
        raise CliError(f"Nella cartella {args.data_dir} non c'è un database di WPT Desk.")
    if database.stat().st_size == 0:
        print(f"Il database {database} è vuoto (0 byte): ripristinare una copia di sicurezza.", file=sys.stderr)
        return EXIT_REJECTED
    try:
        with open_data_store(args) as store:
            problems = integrity_problems(store)
    except _DAMAGED as exc:
        # A damaged file is what `check` is for: a finding (exit 1), not a failure to run.
        reason = str(exc) if isinstance(exc, NotADeskDatabaseError) else describe_sqlite_error(exc)
        problems = [reason]
    if problems:
        for problem in problems:
            print(f"Problema: {problem}", file=sys.stderr)
        print("Il database ha problemi: ripristinare una copia di sicurezza.", file=sys.stderr)
        return EXIT_REJECTED
    print("Il database è integro.")
    return EXIT_OK


def self_test(args: argparse.Namespace) -> int:
    from desktop.self_test import CORE_CHECKS, FINAL_CHECKS, run_checks, self_test_session

    ui = ui_entry()
    ui.use_offscreen_platform()
    UI_CHECKS = ui.UI_CHECKS
    with self_test_session(args.data_dir) as test:
        passed = run_checks(test, [*CORE_CHECKS, *UI_CHECKS, *FINAL_CHECKS], sys.stdout, sys.stderr)
    return EXIT_OK if passed else EXIT_REJECTED


def config(args: argparse.Namespace) -> int:
    from desktop.config import ConfigError, config_candidates, load_config

    try:
        config = load_config(args.data_dir)
    except ConfigError as exc:
        raise CliError(str(exc)) from exc
    if config.source is None:
        searched = ", ".join(str(path) for path in config_candidates(args.data_dir))
        print(f"Nessun file wpt-desk.toml: cercato in {searched}.")
        return EXIT_OK
    print(f"Configurazione letta da {config.source}")
    values = {
        "server.url": config.server.url,
        "server.network": config.server.network,
        "server.ca_cert": config.server.ca_cert,
        "desk.name": config.desk.name,
        "desk.municipality": config.desk.municipality,
    }
    for key, value in values.items():
        print(f"{key} = {value if value is not None else '(non indicato)'}")
    return EXIT_OK
