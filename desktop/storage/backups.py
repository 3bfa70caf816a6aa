"""Automatic backups of the desk, their rotation, and restoring one.

A backup is a consistent copy made with SQLite's online backup (:func:`maintenance.backup`), encrypted with
the database's own key, with its key file beside it: ``wpt-desk-YYYYMMDD-HHMMSS.db`` and ``….db.keys`` (UTC)
in the ``backups`` folder of the data folder, or in the folder the administrator chose (setting
``backup_folder``). One is made at start when the last is older than a day, and after a large import or
a sync that received many changes, only when the data changed since the last one. The rotation keeps, as
Anki does, the newest backup of each of the last 12 days, 10 weeks and 9 months that have one.

Restoring checks the copy first, keeps the current database aside (until it is as old as the oldest
automatic backup may be, :data:`MAX_AGE`) and puts the copy in its
place in one rename; the restored desk's next sync notices that the server logged more of its own changes
than it knows, and pulls them back (:func:`sync_tables.expect_own_changes_after_restore`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from desktop.messages import plural
from desktop.permissions import private_dir, private_file, tighten
from desktop.storage import migrations, sync_tables
from desktop.storage.connection import DB_ERROR, open_connection, open_copy_target
from desktop.storage.errors import StorageError
from desktop.storage.keys import KEYS_FILENAME
from desktop.storage.maintenance import TAKEN_AT_KEY
from desktop.storage.store import DB_FILENAME, DESK_ID_KEY, Store
from sync.entities import SYNC_ENTITIES

BACKUP_FOLDER_KEY = "backup_folder"
FINGERPRINT_KEY = "backup_fingerprint"
DEFAULT_FOLDER = "backups"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
# No automatic backup outlives this (the monthly ones of 9 months), however sparse the backups are.
MAX_AGE = timedelta(days=31 * KEEP_MONTHLY)
EVERY = timedelta(days=1)
# An import of this many persons, or a sync that received this many changes, is followed by a backup.
LARGE_CHANGE = 100
_NAME = re.compile(r"^wpt-desk-(\d{8}-\d{6})\.db$")
# The databases a restore or a recovery put aside, with their WAL, shared memory and key file.
_KEPT_NAME = re.compile(r"^wpt-desk\.(?:db\.before-restore-(?P<restore>\d{8}-\d{6})(?:-wal|-shm)?|"
                        r"(?:db|db-wal|db-shm|keys)\.damaged-(?P<damaged>\d{8}-\d{6}))$")
_MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
           "ottobre", "novembre", "dicembre")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC
    size: int

    @property
    def key_file(self) -> Path:
        return self.path.with_name(self.path.name + ".keys")


@dataclass(frozen=True)
class BackupCheck:
    """What a backup holds: its desk, and whether it is sound (the reason when not)."""

    desk_id: str
    desk_name: str
    problem: str  # "" when sound
    taken_at: datetime | None = None  # as the copy itself records it (None: a copy made before it did)

    @property
    def sound(self) -> bool:
        return not self.problem


@dataclass(frozen=True)
class Restored:
    backup: BackupFile
    aside: Path  # the database that was in use, kept
    unsent: int | None  # its changes never acknowledged by the server (None: it could not be read)
    enrolled: bool  # the desk syncs with a server (which will bring back what it acknowledged)


def italian_time(moment: datetime) -> str:
    """«12 marzo 2026 alle 10:32», in this computer's time zone."""
    local = moment.astimezone()
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} alle {local:%H:%M}"


def backup_folder(store: Store) -> Path:
    """Where this desk's automatic backups go."""
    chosen = store.setting(BACKUP_FOLDER_KEY)
    return Path(chosen) if chosen else store.path.parent / DEFAULT_FOLDER


def folder_of(data_dir: Path, chosen: str | None) -> Path:
    return Path(chosen) if chosen else Path(data_dir) / DEFAULT_FOLDER


def _dated_files(folder: Path, pattern: re.Pattern[str]) -> list[BackupFile]:
    """The regular files of ``folder`` whose name matches ``pattern``, dated by its stamp group (UTC)."""
    found: list[BackupFile] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    for path in entries:
        match = pattern.match(path.name)
        if not match or not path.is_file() or path.is_symlink():
            continue
        stamp = next(group for group in match.groups() if group)
        taken = datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        found.append(BackupFile(path, taken, path.stat().st_size))
    return found


def list_backups(folder: Path) -> list[BackupFile]:
    """The backups in ``folder`` with their key file, newest first (other files are ignored)."""
    return sorted(_dated_files(folder, _NAME), key=lambda b: b.taken_at, reverse=True)


def fingerprint(store: Store) -> str:
    """Changes whenever the desk's records change (not with logins, whose entries are the access log)."""
    parts = []
    for entity in sorted(SYNC_ENTITIES.values(), key=lambda e: e.table):
        row = store.query(f"SELECT count(*) AS n, max(updated_at) AS at FROM {entity.table}")[0]
        parts.append(f"{entity.table}:{row['n']}:{row['at']}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def to_remove(backups: Iterable[BackupFile], now: datetime | None = None) -> list[BackupFile]:
    """The backups the rotation drops: all but the newest of each of the last 12 days, 10 ISO weeks and
    9 months that have one, and every one older than :data:`MAX_AGE` whatever the count (the newest backup
    is always kept: it is made after the latest change, an erasure included). So an erased person leaves
    the automatic backups on schedule."""
    ordered = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep: set[Path] = {ordered[0].path} if ordered else set()
    oldest = (now or datetime.now(UTC)) - MAX_AGE
    for limit, period in ((KEEP_DAILY, lambda d: d.date()), (KEEP_WEEKLY, lambda d: d.isocalendar()[:2]),
                          (KEEP_MONTHLY, lambda d: (d.year, d.month))):
        seen: list[object] = []
        for b in ordered:
            p = period(b.taken_at)
            if p in seen:
                continue
            if len(seen) == limit:
                break
            seen.append(p)
            if b.taken_at >= oldest:
                keep.add(b.path)
    return [b for b in ordered if b.path not in keep]


def rotate(folder: Path, now: datetime | None = None) -> int:
    """Drop the backups the rotation does not keep (each with its key file); return how many."""
    removed = to_remove(list_backups(folder), now)
    for b in removed:
        b.path.unlink(missing_ok=True)
        b.key_file.unlink(missing_ok=True)
    return len(removed)


def kept_databases(data_dir: Path) -> list[BackupFile]:
    """The databases a restore (``wpt-desk.db.before-restore-…``) or a recovery (``….damaged-…``) kept aside
    in ``data_dir``, each file on its own (WAL, shared memory and key file too), dated by its name."""
    return _dated_files(data_dir, _KEPT_NAME)


def expire_kept_databases(data_dir: Path, now: datetime | None = None) -> int:
    """Delete the databases kept aside by a restore or a recovery once older than :data:`MAX_AGE`, as the
    automatic backups are: they hold erased persons too, so an erasure reaches them on the same schedule.
    Return how many files went."""
    oldest = (now or datetime.now(UTC)) - MAX_AGE
    removed = 0
    for kept in kept_databases(data_dir):
        if kept.taken_at < oldest:
            try:
                kept.path.unlink(missing_ok=True)
            except OSError:  # in use or not ours to delete: the next start tries again
                continue
            removed += 1
    return removed


def automatic_backup(store: Store, *, at_start: bool = False, now: datetime | None = None) -> BackupFile | None:
    """A backup in the desk's backup folder when the data changed since the last one (at start: only when the
    last is older than a day); then the rotation. The databases kept aside by a restore expire first
    (:func:`expire_kept_databases`). Returns the new backup, None when none was needed.

    Raises:
        StorageError: the folder cannot be written (a USB key not plugged in, say).
    """
    from desktop.storage.maintenance import backup

    now = now or datetime.now(UTC)
    expire_kept_databases(store.path.parent, now)
    folder = backup_folder(store)
    existing = list_backups(folder)
    if at_start and existing and now - existing[0].taken_at < EVERY:
        return None
    current = fingerprint(store)
    if existing and store.setting(FINGERPRINT_KEY) == current:
        return None
    try:
        private_dir(folder)
    except OSError as exc:
        raise StorageError(f"La cartella per le copie di sicurezza {folder} non si può scrivere: collegarla o "
                           "sceglierne un'altra in Impostazioni.") from exc
    destination = folder / f"wpt-desk-{now:%Y%m%d-%H%M%S}.db"
    backup(store, destination)
    store.set_setting(FINGERPRINT_KEY, current)
    rotate(folder, now)
    return BackupFile(destination, now.replace(microsecond=0), destination.stat().st_size)


# A copy the desk's key does not open: another desk's, or damaged (SQLCipher cannot tell the two apart).
NOT_THIS_KEY = "non si apre con la chiave di questo sportello: è di un altro sportello, o è danneggiata"


def check_backup(path: Path, key: bytes) -> BackupCheck:
    """Open a backup read-only with the desk's key and check it (pages, schema version, its desk)."""
    if Path(path).is_file() and Path(path).stat().st_size == 0:
        return BackupCheck("", "", "la copia è vuota (0 byte)")
    try:
        conn = open_connection(Path(path), latest_version=migrations.LATEST_VERSION, key=key, readonly=True)
    except StorageError:
        return BackupCheck("", "", NOT_THIS_KEY)
    try:
        damaged = sum(1 for r in conn.execute("PRAGMA quick_check").fetchall() if r[0] != "ok")
        # SQLite's findings are English and technical: counted, not quoted.
        problems = [f"la copia ha pagine danneggiate ({plural(damaged, 'problema', 'problemi')})"] if damaged else []
        settings = dict(conn.execute("SELECT key, value FROM settings WHERE key IN (?, ?)",
                                     (DESK_ID_KEY, TAKEN_AT_KEY)).fetchall())
        desk_id = str(settings.get(DESK_ID_KEY) or "")
        # The desk the copy came from, as the copy itself names it.
        name_row = conn.execute("SELECT name FROM desks WHERE id = ?", (desk_id,)).fetchone() if desk_id else None
        if not desk_id:
            problems.append("la copia non ha l'identità dello sportello")
        return BackupCheck(desk_id, str(name_row[0]) if name_row else "", "; ".join(problems),
                           _moment(settings.get(TAKEN_AT_KEY)))
    except DB_ERROR:
        return BackupCheck("", "", "la copia è danneggiata: non si legge")
    finally:
        conn.close()


def _moment(text: object) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(text)) if text else None
    except ValueError:
        return None
    return moment.astimezone(UTC) if moment is not None and moment.tzinfo else None


def latest_sound(folder: Path, key: bytes, desk_id: str | None = None) -> BackupFile | None:
    """The newest backup in ``folder`` that is sound (and of ``desk_id``, when given)."""
    for b in list_backups(folder):
        found = check_backup(b.path, key)
        if found.sound and (desk_id is None or found.desk_id == desk_id):
            return b
    return None


def as_backup(path: Path, recorded: datetime | None = None) -> BackupFile:
    """The copy at ``path``, dated as it records (``recorded``), else by its name, else by the file's date."""
    path = Path(path)
    match = _NAME.match(path.name)
    taken = recorded or (datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC) if match
                         else datetime.fromtimestamp(path.stat().st_mtime, UTC))
    return BackupFile(path, taken, path.stat().st_size)


def restore(data_dir: Path, source: Path, key: bytes, *, desk_id: str | None, now: datetime | None = None) -> Restored:
    """Put the backup ``source`` in place of the desk database of ``data_dir``.

    The copy is checked first; the database in use (and its WAL) is kept aside as
    ``wpt-desk.db.before-restore-…`` (it expires as the automatic backups do, :func:`expire_kept_databases`);
    the copy goes in place with one rename, so a crash
    leaves either database whole. ``desk_id``: the desk the folder holds (None when its database cannot be
    read); a backup of another desk is refused.

    Raises:
        StorageError: the copy is damaged, of another desk, or cannot be read (one sentence each).
    """
    data_dir = Path(data_dir)
    source = Path(source)
    if not source.is_file():
        raise StorageError(f"La copia {source} non esiste.")
    found = check_backup(source, key)
    if found.problem == NOT_THIS_KEY:
        raise StorageError(f"La copia {source.name} {NOT_THIS_KEY}: il database non è stato modificato.")
    if not found.sound:
        raise StorageError(f"La copia {source.name} non è integra ({found.problem}): il database non è stato "
                           "modificato; provare una copia precedente.")
    if desk_id and found.desk_id != desk_id:
        raise StorageError(f"La copia {source.name} è di un altro sportello: il database non è stato modificato.")
    now = now or datetime.now(UTC)
    database = data_dir / DB_FILENAME
    partial = data_dir / f"{DB_FILENAME}.restoring"
    partial.unlink(missing_ok=True)
    try:
        private_file(partial)  # owner-only from the first byte: copyfile keeps the mode of the file it fills
        shutil.copyfile(source, partial)
        target = open_copy_target(partial, key)
        try:
            target.execute("BEGIN IMMEDIATE")
            sync_tables.expect_own_changes_after_restore(target)
            target.execute("DELETE FROM settings WHERE key = ?", (TAKEN_AT_KEY,))  # the copy's, not the desk's
            target.execute("COMMIT")
            enrolled = bool(target.execute("SELECT value FROM settings WHERE key = ?",
                                           (sync_tables.CREDENTIAL_KEY,)).fetchone())
        finally:
            target.close()
        with open(partial, "rb+") as f:
            os.fsync(f.fileno())
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    aside = data_dir / f"{DB_FILENAME}.before-restore-{now:%Y%m%d-%H%M%S}"
    unsent = _unsent(database, key)
    if database.exists():
        _keep(database, aside)
        tighten(aside)
        for suffix in ("-wal", "-shm"):
            side = Path(f"{database}{suffix}")
            if side.exists():
                os.replace(side, Path(f"{aside}{suffix}"))
                tighten(Path(f"{aside}{suffix}"))
    os.replace(partial, database)
    keys_file = data_dir / KEYS_FILENAME
    backup_keys = source.with_name(source.name + ".keys")
    if not keys_file.exists() and backup_keys.is_file():
        shutil.copyfile(backup_keys, private_file(keys_file))
    return Restored(as_backup(source, found.taken_at), aside, unsent, enrolled)


def _keep(database: Path, aside: Path) -> None:
    """A second name for the database in use (a hard link, else a copy): it stays when the copy replaces it."""
    try:
        os.link(database, aside)
    except OSError:
        shutil.copy2(database, aside)


def _read_one(database: Path, key: bytes, sql: str, params: tuple[str, ...] = ()) -> tuple[Any, ...] | None:
    """The first row of one query on the database file, opened read-only (None when missing, unreadable
    or damaged: the callers then say what they can without it)."""
    if not database.exists():
        return None
    try:
        conn = open_connection(database, latest_version=migrations.LATEST_VERSION, key=key, readonly=True)
    except StorageError:
        return None
    try:
        row = conn.execute(sql, params).fetchone()
        return tuple(row) if row is not None else None
    except DB_ERROR:
        return None
    finally:
        conn.close()


def _unsent(database: Path, key: bytes) -> int | None:
    """How many changes of the database in use the server never acknowledged (None when unreadable)."""
    # The access log's own entries (logins…) are not changes of records.
    row = _read_one(database, key, "SELECT count(*) FROM outbox WHERE entity != 'access'")
    return int(row[0]) if row is not None else None


def folder_setting(database: Path, key: bytes) -> str | None:
    """The administrator's backup folder read from the database file (None when unset or unreadable)."""
    row = _read_one(database, key, "SELECT value FROM settings WHERE key = ?", (BACKUP_FOLDER_KEY,))
    return str(row[0]) if row and row[0] else None


def move_aside(data_dir: Path, now: datetime | None = None) -> Path:
    """Put the desk's damaged database, its WAL and its key file aside (``….damaged-YYYYMMDD-HHMMSS``, kept,
    never deleted), so the folder can start again empty; return the database's new name."""
    now = now or datetime.now(UTC)
    suffix = f".damaged-{now:%Y%m%d-%H%M%S}"
    data_dir = Path(data_dir)
    database = data_dir / DB_FILENAME
    for name in (f"{DB_FILENAME}-wal", f"{DB_FILENAME}-shm", DB_FILENAME, KEYS_FILENAME):
        path = data_dir / name
        if path.exists():
            os.replace(path, data_dir / f"{name}{suffix}")
    return database.with_name(database.name + suffix)
