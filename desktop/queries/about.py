"""What «Informazioni» shows: the version, where the data are, which server the desk syncs with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from desktop import __version__
from desktop.storage import sync_tables
from desktop.storage.store import Store


@dataclass(frozen=True)
class About:
    version: str
    data_folder: Path
    server: str  # "" when the desk is not enrolled
    desk_name: str
    desk_phone: str
    desk_email: str


def about(store: Store) -> About:
    desk = store.desk()
    server = sync_tables.sync_settings(store).server or ""
    return About(__version__, store.path.parent, server, desk.name, desk.phone, desk.email)
