"""The ``wpt-desk`` command line (also ``python -m desktop``).

With no subcommand it opens the application window. Errors are one clear sentence on stderr and a
non-zero exit status, never a traceback (:mod:`.errors`). The data commands are in
:mod:`.data_commands`, the sync commands in :mod:`.sync_commands`; the window comes in through the one
lazy hook of :mod:`.ui_hook`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from desktop import __version__
from desktop.arguments import ItalianArgumentParser, whole_number
from desktop.cli.errors import EXIT_ERROR, EXIT_OK, EXIT_REJECTED, CliError, run_reporting_errors
from desktop.cli.ui_hook import ui_entry
from desktop.paths import default_data_dir
from desktop.storage.writer_lock import hold_writer_lock

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_REJECTED", "CliError", "main"]


class _NotTheWindow(Exception):
    pass


class _WindowParser(ItalianArgumentParser):
    """The global options alone: what does not parse here goes to the full parser, which says why."""

    def error(self, message: str) -> NoReturn:
        raise _NotTheWindow(message)


def _global_parser(*, window: bool = False) -> argparse.ArgumentParser:
    """The options before any command (the window's start takes only these)."""
    parser = (_WindowParser if window else ItalianArgumentParser)(
        prog="wpt-desk",
        description="WPT Desk: lo strumento dello sportello Welfare Point Territoriale.",
        add_help=not window,
    )
    parser.add_argument("--version", action="version", version=f"wpt-desk {__version__}",
                        help="mostra la versione ed esce")
    parser.add_argument(
        "--data-dir", type=Path, default=None,
        help="cartella dei dati dello sportello (predefinita: WPT_DATA_DIR o la cartella utente)",
    )
    parser.add_argument(
        "--operator", default=None, metavar="NOME",
        help="operatore che esegue il comando (predefinito: WPT_OPERATOR; password da WPT_PASSWORD o chiesta)",
    )
    return parser


def _window_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of the window's start (global options only, no command), read without building
    every command's parser (a few tens of milliseconds of the first window); None for anything else."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    try:
        args, rest = _global_parser(window=True).parse_known_args(argv)
    except _NotTheWindow:
        return None
    if rest:
        return None
    args.command = None
    return args


def _parser() -> argparse.ArgumentParser:
    parser = _global_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMANDO")

    init = commands.add_parser("init", help="configura un nuovo sportello: database cifrato e primo amministratore")
    init.add_argument("--admin", required=True, metavar="NOME", help="nome del primo amministratore")

    operator = commands.add_parser("operator", help="gestione degli operatori (amministratori)")
    operator_what = operator.add_subparsers(dest="operator_command", metavar="AZIONE", required=True)
    op_add = operator_what.add_parser("add", help="aggiunge un operatore (password da WPT_NEW_PASSWORD o chiesta)")
    op_add.add_argument("name", metavar="NOME")
    op_add.add_argument("--role", required=True, help="operatore, coordinatore o amministratore")
    operator_what.add_parser("list", help="elenca gli operatori con ruolo e stato")
    operator_what.add_parser("disable", help="disattiva un operatore").add_argument("name", metavar="NOME")
    operator_what.add_parser("passwd", help="cambia la password di un operatore").add_argument("name", metavar="NOME")

    recover = commands.add_parser("recover", help="nuova password di un amministratore con la chiave di recupero")
    recover.add_argument("--admin", required=True, metavar="NOME")

    unattended = commands.add_parser("unattended", help="operazioni automatiche (sync e backup pianificati)")
    unattended_what = unattended.add_subparsers(dest="unattended_command", metavar="AZIONE", required=True)
    enable = unattended_what.add_parser("enable", help="attiva la chiave della macchina (disattivata in origine)")
    where = enable.add_mutually_exclusive_group()
    where.add_argument("--key-file", type=Path, default=None,
                       help="dove scrivere la chiave (predefinito: wpt-desk.machine-key nella cartella dei dati)")
    where.add_argument("--keyring", action="store_true",
                       help="nell'archivio delle credenziali del sistema (Gestione credenziali di Windows; "
                            "richiede il pacchetto keyring)")
    disable = unattended_what.add_parser("disable", help="disattiva la chiave della macchina")
    disable.add_argument("--key-file", type=Path, default=None)

    demo = commands.add_parser("demo", help="riempie il database con dati di esempio realistici")
    demo.add_argument("--persons", type=whole_number(0, 1_000_000), default=200,
                      help="numero di persone (predefinito 200)")
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
    backup.add_argument("--unattended", action="store_true",
                        help="con la chiave della macchina (WPT_MACHINE_KEY_FILE), senza operatore")
    backup.add_argument("--overwrite", action="store_true",
                        help="sostituisce FILE e FILE.keys se esistono (solo una copia precedente di questo "
                             "sportello)")

    commands.add_parser("check", help="verifica l'integrità del database")
    _add_backup_parsers(commands)

    enroll = commands.add_parser("enroll", help="registra lo sportello sul server centrale con il codice monouso")
    enroll.add_argument(
        "--server", default=None,
        help="indirizzo del server, es. https://wpt.example.it:8765 (predefinito: server.url di wpt-desk.toml)",
    )
    enroll.add_argument("--code", required=True, help="codice di registrazione dato dal server")
    enroll.add_argument("--ca-cert", type=Path, default=None, help="certificato dell'autorità (CA) del server")
    sync = commands.add_parser("sync", help="sincronizza ora con il server centrale (adatto a cron)")
    sync.add_argument("--ca-cert", type=Path, default=None, help="certificato dell'autorità (CA) del server")
    sync.add_argument("--unattended", action="store_true",
                      help="con la chiave della macchina (WPT_MACHINE_KEY_FILE), senza operatore")
    commands.add_parser("conflicts", help="elenca conflitti, possibili doppioni e modifiche scartate da rivedere")

    audit = commands.add_parser("audit", help="registro degli accessi: verifica della catena o elenco delle voci")
    audit_what = audit.add_subparsers(dest="audit_command", metavar="AZIONE", required=True)
    audit_what.add_parser("verify", help="verifica che la catena del registro sia integra (uscita 1 se no)")
    audit_list = audit_what.add_parser("list", help="elenca le voci (coordinatori e amministratori)")
    audit_list.add_argument("--person", default=None, metavar="ID", help="solo gli accessi a questa persona")
    audit_list.add_argument("--operator", default=None, metavar="NOME", help="solo gli accessi di questo operatore")
    audit_list.add_argument("--since", default=None, metavar="DATA", help="solo dal giorno AAAA-MM-GG")
    from desktop.cli import person_commands, report_command, retention_commands

    report_command.add_parser(commands)
    person_commands.add_parser(commands)
    retention_commands.add_parser(commands)
    slip = commands.add_parser("slip", help="scrive di nuovo la scheda di invio (PDF) di un invio")
    slip.add_argument("referral_id", metavar="ID_INVIO")
    slip.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    return parser


def _add_backup_parsers(commands: Any) -> None:
    group = commands.add_parser("backups", help="copie di sicurezza automatiche: elenco e cartella")
    what = group.add_subparsers(dest="backups_command", metavar="AZIONE", required=True)
    what.add_parser("list", help="elenca le copie: data, dimensione, sportello, integra o no")
    folder = what.add_parser("folder", help="cartella delle copie automatiche (amministratore)")
    folder.add_argument("folder", nargs="?", type=Path, default=None, metavar="CARTELLA",
                        help="la nuova cartella (chiavetta USB, cartella di rete); senza: mostra quella in uso")
    folder.add_argument("--default", action="store_true", help="torna alla cartella «backups» dei dati")
    restore = commands.add_parser("restore", help="ripristina una copia di sicurezza (il database attuale è "
                                                  "conservato)")
    source = restore.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", type=Path, default=None, metavar="FILE")
    source.add_argument("--latest", action="store_true", help="l'ultima copia integra")


def _gui(args: argparse.Namespace) -> int:
    return int(ui_entry().run(args.data_dir))


# Each command's module is imported when the command runs: the window's start imports none of them.
def _data(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from desktop.cli import data_commands
        return int(getattr(data_commands, name)(args))
    return run


def _sync(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from desktop.cli import sync_commands
        return int(getattr(sync_commands, name)(args))
    return run


def _auth(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from desktop.cli import auth
        return int(getattr(auth, name)(args))
    return run


def _audit(args: argparse.Namespace) -> int:
    from desktop.cli import audit_commands
    return audit_commands.audit(args)


def _report(args: argparse.Namespace) -> int:
    from desktop.cli import report_command
    return report_command.run(args)


def _person(args: argparse.Namespace) -> int:
    from desktop.cli import person_commands
    return person_commands.run(args)


def _retention(args: argparse.Namespace) -> int:
    from desktop.cli import retention_commands
    return retention_commands.run(args)


def _slip(args: argparse.Namespace) -> int:
    from desktop.cli import slip_command
    return slip_command.run(args)


def _backups(name: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from desktop.cli import backup_commands
        return int(getattr(backup_commands, name)(args))
    return run


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: _gui,
    "demo": _data("demo"),
    "self-test": _data("self_test"),
    "config": _data("config"),
    "import": _data("import_"),
    "export": _data("export"),
    "backup": _data("backup"),
    "check": _data("check"),
    "backups": _backups("run"),
    "restore": _backups("restore"),
    "enroll": _sync("enroll"),
    "sync": _sync("sync"),
    "conflicts": _sync("conflicts"),
    "audit": _audit,
    "init": _auth("init"),
    "operator": _auth("operator"),
    "recover": _auth("recover"),
    "unattended": _auth("unattended"),
    "report": _report,
    "person": _person,
    "retention": _retention,
    "slip": _slip,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = _window_args(argv) or _parser().parse_args(argv)
    if args.data_dir is None:
        args.data_dir = default_data_dir()
    return run_reporting_errors(lambda: _run(args))


# Commands that only read the desk (and its copies): they run beside the app, which holds the writer lock.
READING_COMMANDS = frozenset({None, "self-test", "config", "check", "backup", "backups", "export", "report",
                              "audit", "conflicts"})


def _run(args: argparse.Namespace) -> int:
    """One writer per desk: a writing command holds the desk's lock while it runs (the app takes its own)."""
    lock = None if args.command in READING_COMMANDS else hold_writer_lock(args.data_dir)
    try:
        return COMMANDS[args.command](args)
    finally:
        if lock is not None:
            lock.release()
