"""The ``wpt-desk`` command line (also ``python -m desktop``).

With no subcommand it opens the application window. Errors are one clear sentence on stderr and a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from desktop import __version__
from desktop.errors import describe_os_error, describe_sqlite_error
from desktop.paths import default_data_dir
from desktop.storage.errors import NotADeskDatabaseError, StorageError
from desktop.storage.store import Store

EXIT_OK, EXIT_REJECTED, EXIT_ERROR = 0, 1, 2


class CliError(Exception):
    """A failure to report as one sentence on stderr."""


class _Parser(argparse.ArgumentParser):
    """Argument errors as one line on stderr (argparse's own wording for the detail), exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"wpt-desk: argomenti non validi: {message} (vedere: wpt-desk --help).\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="wpt-desk",
        description="WPT Desk: lo strumento dello sportello Welfare Point Territoriale.",
    )
    parser.add_argument("--version", action="version", version=f"wpt-desk {__version__}")
    parser.add_argument(
        "--data-dir", type=Path, default=None,
        help="cartella dei dati dello sportello (predefinita: WPT_DATA_DIR o la cartella utente)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMANDO")

    demo = commands.add_parser("demo", help="riempie il database con dati di esempio realistici")
    demo.add_argument("--persons", type=int, default=200, help="numero di persone (predefinito 200)")
    demo.add_argument("--seed", type=int, default=None, help="seme per ottenere sempre gli stessi dati")

    commands.add_parser("self-test", help="autodiagnosi dell'installazione, senza finestre e senza toccare i dati")
    commands.add_parser("config", help="mostra la configurazione in uso (wpt-desk.toml) o l'errore che contiene")

    imp = commands.add_parser("import", help="importa dati da file")
    what = imp.add_subparsers(dest="what", metavar="TIPO", required=True)
    persons = what.add_parser("persons", help="importa persone da un file CSV")
    persons.add_argument("file", type=Path, metavar="FILE.csv")

    export = commands.add_parser("export", help="esporta tutti i dati")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--out", type=Path, default=None,
                        help="file (jsonl; predefinito: standard output) o cartella (csv)")
    export.add_argument("--include-deleted", action="store_true", help="include i record eliminati")

    backup = commands.add_parser("backup", help="copia di sicurezza del database (anche ad app aperta)")
    backup.add_argument("file", type=Path, metavar="FILE")

    commands.add_parser("check", help="verifica l'integrità del database")

    enroll = commands.add_parser("enroll", help="registra lo sportello sul server centrale con il codice monouso")
    enroll.add_argument(
        "--server", default=None,
        help="indirizzo del server, es. https://wpt.example.it:8765 (predefinito: server.url di wpt-desk.toml)",
    )
    enroll.add_argument("--code", required=True, help="codice di registrazione dato dal server")
    enroll.add_argument("--ca-cert", type=Path, default=None, help="certificato dell'autorità (CA) del server")
    sync = commands.add_parser("sync", help="sincronizza ora con il server centrale (adatto a cron)")
    sync.add_argument("--ca-cert", type=Path, default=None, help="certificato dell'autorità (CA) del server")
    commands.add_parser("conflicts", help="elenca conflitti, possibili doppioni e modifiche scartate da rivedere")
    return parser


def _store(args: argparse.Namespace) -> Store:
    if args.data_dir.exists() and not args.data_dir.is_dir():
        raise CliError(f"{args.data_dir} non è una cartella: indicare con --data-dir la cartella dei dati.")
    return Store.in_folder(args.data_dir)


def _demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import fill

    if args.persons < 0:
        raise CliError("Il numero di persone non può essere negativo.")
    with _store(args) as store:
        report = fill(store, persons=args.persons, seed=args.seed)
    print(
        f"Dati di esempio creati: {report.persons} persone, {report.requests} richieste, "
        f"{report.referrals} invii, {report.notes} note."
    )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from desktop.services.person_import import ImportFileError, import_persons

    with _store(args) as store:
        try:
            report = import_persons(store, args.file)
        except ImportFileError as exc:
            raise CliError(str(exc)) from exc
    for row in report.rejected:
        print(f"{args.file}: riga {row.line}: {row.reason}", file=sys.stderr)
    print(
        f"Importate {report.imported} persone ({report.created} nuove, {report.updated} aggiornate, "
        f"{report.unchanged} invariate); righe scartate: {len(report.rejected)}."
    )
    return EXIT_REJECTED if report.rejected else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from desktop.services.export import write_csv_folder, write_jsonl

    with _store(args) as store:
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
        if not args.out.parent.is_dir():
            raise CliError(f"La cartella {args.out.parent} non esiste: crearla o indicare un'altra destinazione.")
        partial = args.out.with_name(args.out.name + ".partial")
        try:
            with partial.open("w", encoding="utf-8", newline="\n") as out:
                count = write_jsonl(store, out, include_deleted=args.include_deleted)
            partial.replace(args.out)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    print(f"Esportati {count} record in {args.out}.", file=sys.stderr)
    return EXIT_OK


def _backup(args: argparse.Namespace) -> int:
    if args.file.is_dir():
        raise CliError(f"{args.file} è una cartella: indicare il nome del file di copia.")
    if not args.file.parent.is_dir():
        raise CliError(f"La cartella {args.file.parent} non esiste: crearla o indicare un'altra destinazione.")
    if not (args.data_dir / "wpt-desk.db").exists():
        raise CliError(f"Nella cartella {args.data_dir} non c'è un database di WPT Desk da copiare.")
    with _store(args) as store:
        store.backup(args.file)
    print(f"Copia di sicurezza scritta in {args.file}.")
    return EXIT_OK


def _check(args: argparse.Namespace) -> int:
    database = args.data_dir / "wpt-desk.db"
    if not database.is_file():
        raise CliError(f"Nella cartella {args.data_dir} non c'è un database di WPT Desk.")
    if database.stat().st_size == 0:
        print(f"Il database {database} è vuoto (0 byte): ripristinare una copia di sicurezza.", file=sys.stderr)
        return EXIT_REJECTED
    try:
        with _store(args) as store:
            problems = store.integrity_problems()
    except (NotADeskDatabaseError, sqlite3.DatabaseError) as exc:
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


def _self_test(args: argparse.Namespace) -> int:
    from desktop.self_test import CORE_CHECKS, FINAL_CHECKS, run_checks, self_test_session
    from ui.self_test import UI_CHECKS, use_offscreen_platform

    use_offscreen_platform()
    with self_test_session(args.data_dir) as test:
        passed = run_checks(test, [*CORE_CHECKS, *UI_CHECKS, *FINAL_CHECKS], sys.stdout, sys.stderr)
    return EXIT_OK if passed else EXIT_REJECTED


def _config(args: argparse.Namespace) -> int:
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


def _gui(args: argparse.Namespace) -> int:
    try:
        from ui.app import run
    except ImportError as exc:
        raise CliError(f"L'interfaccia grafica non è disponibile su questo sistema ({exc}).") from exc
    return run(args.data_dir)


def _enroll(args: argparse.Namespace) -> int:
    from desktop.sync_commands import enroll

    return enroll(args)


def _sync(args: argparse.Namespace) -> int:
    from desktop.sync_commands import sync

    return sync(args)


def _conflicts(args: argparse.Namespace) -> int:
    from desktop.sync_commands import conflicts

    return conflicts(args)


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _gui,
    "demo": _demo,
    "self-test": _self_test,
    "config": _config,
    "import": _import,
    "export": _export,
    "backup": _backup,
    "check": _check,
    "enroll": _enroll,
    "sync": _sync,
    "conflicts": _conflicts,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    try:
        return COMMANDS[args.command](args)
    except CliError as exc:
        print(f"wpt-desk: {exc}", file=sys.stderr)
    except StorageError as exc:
        print(f"wpt-desk: {exc}", file=sys.stderr)
    except BrokenPipeError:
        # The reader went away (``wpt-desk export | head``): not an error worth a message.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at interpreter exit
        return EXIT_OK
    except KeyboardInterrupt:
        print("wpt-desk: interrotto.", file=sys.stderr)
    except OSError as exc:
        print(f"wpt-desk: {describe_os_error(exc)}", file=sys.stderr)
    except sqlite3.Error as exc:
        print(f"wpt-desk: {describe_sqlite_error(exc)}", file=sys.stderr)
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for users
        print(f"wpt-desk: errore imprevisto: {exc.__class__.__name__}: {exc}", file=sys.stderr)
    return EXIT_ERROR
