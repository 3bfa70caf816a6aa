"""Authentication on the command line, and the commands that set a desk up and manage its operators.

Every command that opens the desk database authenticates: the operator from ``--operator NAME`` or
``WPT_OPERATOR``, the password from ``WPT_PASSWORD`` or a prompt without echo. Scheduled jobs (``sync``,
``backup``) may instead run with ``--unattended`` on a machine key that IT turned on (off by default).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from desktop.cli import credential_store
from desktop.cli.errors import EXIT_OK, CliError
from desktop.domain.roles import ROLE_LABELS, Role
from desktop.operations.operators import (
    add_operator,
    change_password,
    disable_operator,
    list_operators,
    operator_named,
    set_unattended,
)
from desktop.storage import keys
from desktop.storage.opening import (
    Credentials,
    DeskState,
    MachineKey,
    Password,
    RecoveryKey,
    desk_state,
    open_store,
    set_up_desk,
)
from desktop.storage.store import Store

OPERATOR_ENV, PASSWORD_ENV, NEW_PASSWORD_ENV = "WPT_OPERATOR", "WPT_PASSWORD", "WPT_NEW_PASSWORD"
RECOVERY_ENV, MACHINE_KEY_ENV = "WPT_RECOVERY_KEY", "WPT_MACHINE_KEY_FILE"
# Where ``wpt-desk unattended enable`` writes the machine key when no --key-file is given.
MACHINE_KEY_FILENAME = "wpt-desk.machine-key"


def _ask(prompt: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(f"{prompt.rstrip(': ')} mancante: indicarla nella variabile d'ambiente o da un terminale.")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise CliError(f"{prompt.rstrip(': ')} mancante.") from None


def _ask_twice(env: str, what: str) -> str:
    """A new password: from ``env`` if set, else asked twice without echo."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(f"Manca {what}: impostare {env} o eseguire il comando da un terminale.")
    first = _ask(f"{what[0].upper()}{what[1:]}: ")
    if _ask("Ripetere per conferma: ") != first:
        raise CliError("Le due password non coincidono.")
    return first


def credentials(args: argparse.Namespace) -> Credentials:
    """Who runs this command: a machine key (``--unattended``) or an operator with their password."""
    if getattr(args, "unattended", False):
        # The key file named by WPT_MACHINE_KEY_FILE, else the OS credential store, else the data folder's file.
        named = os.environ.get(MACHINE_KEY_ENV)
        if not named and (kept := credential_store.machine_key(args.data_dir)):
            return MachineKey(kept)
        path = Path(named or args.data_dir / MACHINE_KEY_FILENAME)
        try:
            return MachineKey(path.read_text(encoding="utf-8").strip())
        except OSError:
            raise CliError(f"Chiave della macchina non leggibile in {path}: attivare le operazioni automatiche "
                           "con «wpt-desk unattended enable» (amministratore).") from None
    name = args.operator or os.environ.get(OPERATOR_ENV)
    if not name:
        raise CliError(f"Indicare l'operatore con --operator NOME o la variabile {OPERATOR_ENV}.")
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise CliError(f"Password mancante: impostare {PASSWORD_ENV} o eseguire il comando da un terminale.")
        password = _ask(f"Password di {name}: ")
    return Password(name, password)


def open_authenticated(args: argparse.Namespace) -> Store:
    """The desk database of ``--data-dir``, opened by the operator of this command."""
    if args.data_dir.exists() and not args.data_dir.is_dir():
        raise CliError(f"{args.data_dir} non è una cartella: indicare con --data-dir la cartella dei dati.")
    state = desk_state(args.data_dir)
    if state is not DeskState.READY:
        found = ("c'è un database di una versione precedente, da cifrare" if state is DeskState.PLAIN
                 else "non c'è nessuno sportello")
        raise CliError(f"Nella cartella {args.data_dir} {found}: configurarlo con "
                       "«wpt-desk init --admin NOME» (o «wpt-desk demo» per uno sportello di prova).")
    return open_store(args.data_dir, credentials(args))


# -- commands -----------------------------------------------------------------------------------------


def init(args: argparse.Namespace) -> int:
    password = _ask_twice(PASSWORD_ENV, "la password dell'amministratore")
    recovery = set_up_desk(args.data_dir, args.admin, password)
    print(f"Sportello configurato nella cartella {args.data_dir}, database cifrato; amministratore: {args.admin}.")
    print("Chiave di recupero (stamparla e conservarla in comune: senza di essa e senza password i dati "
          "non si possono leggere):")
    print(recovery)
    return EXIT_OK


def operator(args: argparse.Namespace) -> int:
    with open_authenticated(args) as store:
        if args.operator_command == "add":
            try:
                role = Role.parse(args.role)
            except ValueError as exc:
                raise CliError(f"Ruolo non valido: {exc}.") from None
            password = _ask_twice(NEW_PASSWORD_ENV, f"la password del nuovo operatore {args.name}")
            added = add_operator(store, args.name, role, password).value
            print(f"Operatore «{added.name}» aggiunto con il ruolo {ROLE_LABELS[role].lower()}.")
        elif args.operator_command == "list":
            for o in list_operators(store):
                state = "disattivato" if o.disabled else "attivo"
                print(f"{o.name}\t{ROLE_LABELS[Role(o.role)].lower()}\t{state}")
        elif args.operator_command == "disable":
            disable_operator(store, args.name)
            print(f"Operatore «{args.name}» disattivato: non può più accedere.")
        else:
            if operator_named(store, args.name) is None:
                raise CliError(f"Nessun operatore si chiama «{args.name}».")
            password = _ask_twice(NEW_PASSWORD_ENV, f"la nuova password di {args.name}")
            change_password(store, args.name, password)
            print(f"Password di «{args.name}» cambiata.")
    return EXIT_OK


def recover(args: argparse.Namespace) -> int:
    """A new password for an administrator, with the desk's recovery key."""
    key = os.environ.get(RECOVERY_ENV)
    if key is None:
        key = _ask("Chiave di recupero: ")
    with open_store(args.data_dir, RecoveryKey(key)) as store:
        admin = operator_named(store, args.admin)
        if admin is None or admin.disabled or Role(admin.role) is not Role.ADMINISTRATOR:
            raise CliError(f"«{args.admin}» non è un amministratore attivo di questo sportello.")
        store.sign_in(admin)
        password = _ask_twice(NEW_PASSWORD_ENV, f"la nuova password di {admin.name}")
        change_password(store, admin.name, password)
    print(f"Nuova password impostata per l'amministratore «{admin.name}».")
    return EXIT_OK


def unattended(args: argparse.Namespace) -> int:
    """Turn on (or off) the machine key that scheduled ``sync`` and ``backup`` run with."""
    path = Path(args.key_file or args.data_dir / MACHINE_KEY_FILENAME)
    with open_authenticated(args) as store:
        if args.unattended_command == "disable":
            set_unattended(store, None)
            path.unlink(missing_ok=True)
            credential_store.forget_machine_key(args.data_dir)
            print("Operazioni automatiche disattivate: sync e backup chiedono di nuovo operatore e password.")
            return EXIT_OK
        secret = keys.new_machine_key()
        if getattr(args, "keyring", False):
            credential_store.store_machine_key(args.data_dir, secret)
            try:
                set_unattended(store, secret)
            except BaseException:
                credential_store.forget_machine_key(args.data_dir)
                raise
            print("Operazioni automatiche attivate: chiave della macchina nell'archivio delle credenziali del "
                  "sistema, per questo utente. Usare «wpt-desk sync --unattended» e «wpt-desk backup "
                  "--unattended FILE».")
            return EXIT_OK
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(secret + "\n")
        try:
            set_unattended(store, secret)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    print(f"Operazioni automatiche attivate: chiave della macchina in {path} (leggibile solo da questo utente). "
          "Usare «wpt-desk sync --unattended» e «wpt-desk backup --unattended FILE».")
    return EXIT_OK


def set_up_demo_desk(data_dir: Path) -> Password:
    """A new folder becomes a clearly marked demo desk: administrator «demo», with a password made up here."""
    password = "demo-" + keys.new_recovery_key()[:9].lower()
    set_up_desk(data_dir, "demo", password)
    return Password("demo", password)
