"""Desk settings: the desk's name, municipality and contacts (printed on the slips, changed by an
administrator), the auto-lock minutes (an administrator) and the interface language (anyone); the
logged-in operator's name is shown, not changed here (operators are managed in :mod:`.operators`)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from desktop.domain.models import Desk
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import OperationError
from desktop.operations.session import LOCK_MINUTES_SETTING, lock_minutes
from desktop.storage import access_log
from desktop.storage.backups import BACKUP_FOLDER_KEY
from desktop.storage.settings_table import write_setting
from desktop.storage.store import Store
from sync import audit

LANGUAGE_SETTING = "language"
MIN_LOCK_MINUTES, MAX_LOCK_MINUTES = 1, 240


@dataclass(frozen=True)
class DeskSettings:
    name: str
    municipality_code: str | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""
    operator_name: str = ""
    language: str | None = None
    # Where the automatic backups go ("" the data folder's «backups»; None leaves it as it is).
    backup_folder: str | None = None
    lock_minutes: int | None = None  # minutes of inactivity before the window locks (administrators)


def desk_settings(store: Store) -> DeskSettings:
    """The settings as they are now."""
    desk = store.desk()
    return DeskSettings(desk.name, desk.municipality_code, desk.address, desk.phone, desk.email, desk.hours,
                        store.current_operator().name, store.setting(LANGUAGE_SETTING),
                        store.setting(BACKUP_FOLDER_KEY) or "", lock_minutes(store))


def save_desk_settings(store: Store, settings: DeskSettings) -> Done[DeskSettings]:
    """Save the desk and the language together (the desk only by an administrator)."""
    with store.transaction() as conn:
        desk = store.desk()
        try:
            new_desk = Desk(**{
                **desk.model_dump(), "name": settings.name, "municipality_code": settings.municipality_code,
                "address": settings.address, "phone": settings.phone, "email": settings.email,
                "hours": settings.hours,
            })
        except ValidationError as exc:
            raise OperationError("Scrivere il nome dello sportello." if not settings.name.strip()
                                 else "Il comune dello sportello non è uno dei comuni del territorio.") from exc
        if new_desk != desk:
            require(store, Role.ADMINISTRATOR)
            store.save(new_desk)
        if settings.language is not None:
            write_setting(conn, LANGUAGE_SETTING, settings.language)
        if settings.backup_folder is not None and settings.backup_folder != (store.setting(BACKUP_FOLDER_KEY) or ""):
            require(store, Role.ADMINISTRATOR)
            write_setting(conn, BACKUP_FOLDER_KEY, _backup_folder(settings.backup_folder) or None)
        if settings.lock_minutes is not None and settings.lock_minutes != lock_minutes(store):
            require(store, Role.ADMINISTRATOR)
            if not MIN_LOCK_MINUTES <= settings.lock_minutes <= MAX_LOCK_MINUTES:
                raise OperationError(f"Il blocco automatico va da {MIN_LOCK_MINUTES} a {MAX_LOCK_MINUTES} minuti.")
            write_setting(conn, LOCK_MINUTES_SETTING, str(settings.lock_minutes))
            access_log.append(store, audit.UPDATE, record_kind="lock_minutes", record_id=str(settings.lock_minutes))
    return Done(desk_settings(store), Changes(settings=True))


def _backup_folder(value: str) -> str:
    """The administrator's folder for the backups (a USB key, a network share), checked: "" is the default."""
    value = value.strip()
    if not value:
        return ""
    if len(value) > 1000 or "\x00" in value:
        raise OperationError("Il percorso della cartella per le copie di sicurezza non è valido.")
    folder = Path(value)
    if not folder.is_absolute():
        raise OperationError("Indicare la cartella per le copie di sicurezza con il percorso completo.")
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        raise OperationError(f"La cartella {folder} non esiste o non si può scrivere: collegarla o sceglierne "
                             "un'altra per le copie di sicurezza.")
    return str(folder)
