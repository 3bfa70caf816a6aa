"""``wpt-desk backups list|folder`` and ``wpt-desk restore FILE|--latest``; the automatic backup after a
large import or sync (:func:`after_large_change`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop.cli.auth import credentials, open_authenticated
from desktop.cli.errors import EXIT_OK, CliError
from desktop.domain.roles import Role
from desktop.messages import plural
from desktop.operations.authorization import require
from desktop.operations.settings import desk_settings, save_desk_settings
from desktop.storage import access_log, backups
from desktop.storage.connection import desk_of
from desktop.storage.errors import StorageError
from desktop.storage.opening import unlock_key
from desktop.storage.store import DB_FILENAME, Store
from sync import audit


def after_large_change(store: Store, changed: int) -> None:
    """The automatic backup after an import or a sync of at least :data:`backups.LARGE_CHANGE` records; a
    backup that cannot be written is said, and the command's own result stands."""
    if changed < backups.LARGE_CHANGE:
        return
    try:
        made = backups.automatic_backup(store)
    except StorageError as exc:
        print(f"wpt-desk: copia di sicurezza automatica non riuscita: {exc}", file=sys.stderr)
        return
    if made is not None:
        print(f"Copia di sicurezza automatica scritta in {made.path}.", file=sys.stderr)


def _size(n: int) -> str:
    if n >= 100_000:
        return f"{n / 1_000_000:.1f} MB".replace(".", ",")
    return f"{round(n / 1000)} kB" if n >= 1000 else f"{n} byte"


def _key_folder_desk(args: argparse.Namespace) -> tuple[bytes, Path, str | None]:
    """The database key, the backup folder and the desk id, also when the database is damaged."""
    if not args.data_dir.is_dir():
        raise CliError(f"La cartella dei dati {args.data_dir} non esiste.")
    key = unlock_key(args.data_dir, credentials(args))
    database = args.data_dir / DB_FILENAME
    chosen = backups.folder_setting(database, key)
    return key, backups.folder_of(args.data_dir, chosen), desk_of(database, key)


def run(args: argparse.Namespace) -> int:
    if args.backups_command == "folder":
        return _folder(args)
    key, folder, _desk = _key_folder_desk(args)
    found = backups.list_backups(folder)
    if not found:
        print(f"Nessuna copia di sicurezza in {folder}.")
        return EXIT_OK
    rows = [("Data", "Dimensione", "Sportello", "File", "Stato")]  # the state last: it may be long
    for b in found:
        check = backups.check_backup(b.path, key)
        state = "integra" if check.sound else f"DANNEGGIATA: {check.problem}"
        taken = check.taken_at or b.taken_at  # the copy's own record of when it was made, else its name's
        rows.append((taken.astimezone().strftime("%d/%m/%Y %H:%M"), _size(b.size),
                     check.desk_name or "-", b.path.name, state))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    print(f"Copie di sicurezza in {folder}:")
    for r in rows:
        print("  ".join(c.ljust(widths[i]) if i < 4 else c for i, c in enumerate(r)).rstrip())
    return EXIT_OK


def _folder(args: argparse.Namespace) -> int:
    with open_authenticated(args) as store:
        if args.folder is None and not args.default:
            print(f"Cartella delle copie di sicurezza: {backups.backup_folder(store)}")
            return EXIT_OK
        chosen = "" if args.default else str(args.folder.expanduser().absolute())
        current = desk_settings(store)
        save_desk_settings(store, current.__class__(**{**current.__dict__, "language": None,
                                                       "backup_folder": chosen}))
        print(f"Le copie di sicurezza automatiche andranno in {backups.backup_folder(store)}.")
    return EXIT_OK


def restore(args: argparse.Namespace) -> int:
    key, folder, desk_id = _key_folder_desk(args)
    if desk_id is not None:  # a database that opens: replacing it is a coordinator's (a damaged one: anyone's)
        with open_authenticated(args) as store:
            require(store, Role.COORDINATOR)
    if not args.latest and args.file is not None and args.file.is_dir():
        raise CliError(f"{args.file} è una cartella: indicare il file della copia (wpt-desk backups list).")
    if args.latest:
        source = backups.latest_sound(folder, key, desk_id)
        if source is None:
            raise CliError(f"Nessuna copia di sicurezza integra di questo sportello in {folder}: se lo sportello "
                           "è registrato, spostare altrove il database e sincronizzare per riavere i dati del server.")
        path = source.path
    else:
        path = args.file
    restored = backups.restore(args.data_dir, path, key, desk_id=desk_id)
    _log_restore(args, restored.backup.path.name)
    kept = f"il database precedente è conservato in {restored.aside.name}"
    if not restored.enrolled:
        after = "lo sportello non è registrato su un server: le modifiche fatte dopo la copia restano solo nel " \
                "database conservato"
    else:
        after = "alla prossima sincronizzazione tornano dal server le modifiche che aveva ricevuto dopo la copia"
        if restored.unsent:
            unsent = plural(restored.unsent, "modifica mai arrivata al server resta",
                            "modifiche mai arrivate al server restano")
            after += f"; {unsent} solo nel database conservato"
    print(f"Ripristinata la copia del {backups.italian_time(restored.backup.taken_at)}; {kept}; {after}.")
    return EXIT_OK


def _log_restore(args: argparse.Namespace, backup_name: str) -> None:
    """The restore on the restored database's access log, by the operator who made it (ids only: the file's
    name). An operator added after the copy is not in it: the restore stands, and the log says nothing."""
    try:
        with open_authenticated(args) as store:
            access_log.append(store, audit.RESTORE, record_kind="backup", record_id=backup_name)
    except (CliError, StorageError):
        pass
