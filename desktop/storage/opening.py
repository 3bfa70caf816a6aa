"""Opening a desk database: unlock its key, open the file, bring its schema up to date, seed it, and
sign the operator in.

Every program that works on a desk (the app, the CLI, sync, the self-test) opens it here::

    with open_store(data_dir, Password("Anna", password)) as store:
        ...

A new data folder is set up first (:func:`set_up_desk`: the first administrator and the recovery key);
a folder holding a database of an earlier, unencrypted version is encrypted in place at that set-up.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.ids import uuid7
from desktop.storage import keys, migrations
from desktop.storage.connection import DB_FILENAME, FREE_SPACE_ZEROED_KEY, encrypt_in_place, open_connection
from desktop.storage.desk_state import DeskState as DeskState
from desktop.storage.desk_state import desk_state as desk_state
from desktop.storage.errors import AuthenticationError, StorageError
from desktop.storage.keys import DEFAULT_KDF, KdfParams, KeyFile, UnlockedKeys
from desktop.storage.settings_table import write_setting

# The store and the domain models (pydantic builds them at import) are imported when a desk is opened or
# set up, not when the first window asks for the desk's state: the login dialog shows without them.
if TYPE_CHECKING:
    from desktop.storage.store import Store

# Who unattended jobs (scheduled sync and backup) run as: no person, no role beyond the daily work.
UNATTENDED_NAME = "automatico"
UNATTENDED_ID = "unattended"


@dataclass(frozen=True)
class Password:
    """An operator's name and password."""

    operator: str
    password: str


@dataclass(frozen=True)
class RecoveryKey:
    """The desk's recovery key (set-up printed it), to set a new administrator password."""

    key: str


@dataclass(frozen=True)
class MachineKey:
    """The machine key of unattended jobs (off unless IT turned it on with ``wpt-desk unattended``)."""

    key: str


Credentials = Password | RecoveryKey | MachineKey


def set_up_desk(folder: Path, admin: str, password: str, *, kdf: KdfParams = DEFAULT_KDF) -> str:
    """Create the encrypted desk database with its first administrator; return the recovery key.

    A database of an earlier version in ``folder`` is encrypted in place first, keeping every record.

    Raises:
        StorageError: the folder already holds a desk that is set up, or cannot be written.
        AuthenticationError: the password is too short.
    """
    folder = Path(folder)
    state = desk_state(folder)
    if state is DeskState.READY:
        raise StorageError(f"Lo sportello nella cartella {folder} è già configurato: accedere con un operatore.")
    keys.check_password(password)
    if not admin.strip():
        raise AuthenticationError("Scrivere il nome dell'amministratore.")
    from desktop.domain.models import Operator
    from desktop.domain.roles import Role
    from desktop.storage import access_log
    from desktop.storage.store import OPERATOR_ID_KEY
    from sync import audit

    folder.mkdir(parents=True, exist_ok=True)
    database = folder / DB_FILENAME
    key = keys.new_database_key()
    if state is DeskState.PLAIN:
        encrypt_in_place(database, key)
    recovery = keys.new_recovery_key()
    store = _open(database, key)
    try:
        with store.transaction():
            # An earlier version's single operator keeps their name on their work but cannot log in.
            for row in store.query("SELECT * FROM operators WHERE deleted = 0 AND disabled = 0"):
                earlier = Operator.model_validate(row)
                store.save(earlier.model_copy(update={"disabled": True}))
            first = store.save(Operator(name=admin, role=Role.ADMINISTRATOR, desk_id=store.desk_id))
            store.sign_in(first)
            write_setting(store.conn, OPERATOR_ID_KEY, first.id)
            write_setting(store.conn, FREE_SPACE_ZEROED_KEY, "1")  # a new file, written by a zeroing connection
            access_log.append(store, audit.LOGIN)
        store.keys = UnlockedKeys(KeyFile.path_in(folder), key)
        key_file = KeyFile()
        key_file.put(keys.wrap(key, password, kind=keys.OPERATOR, name=first.name, operator_id=first.id, kdf=kdf))
        key_file.put(keys.wrap(key, keys.normalize_recovery_key(recovery), kind=keys.RECOVERY, kdf=kdf))
        key_file.save(KeyFile.path_in(folder))
    finally:
        store.close()
    return recovery


def set_up_and_open(folder: Path, admin: str, password: str, *, kdf: KdfParams = DEFAULT_KDF) -> Store:
    """:func:`set_up_desk`, then the desk opened by its administrator (a self-test, screenshots, tests)."""
    set_up_desk(folder, admin, password, kdf=kdf)
    return open_store(folder, Password(admin, password))


def open_store(folder: Path, credentials: Credentials) -> Store:
    """The desk database in a data folder, unlocked by ``credentials`` and with the operator signed in.

    Raises:
        AuthenticationError: unknown or disabled operator, wrong password or key, too many attempts.
        SchemaTooNewError, NotADeskDatabaseError, StorageError: see :func:`open_connection`.
    """
    from desktop.domain.models import Operator

    folder = Path(folder)
    if desk_state(folder) is not DeskState.READY:
        raise AuthenticationError(f"Lo sportello nella cartella {folder} non è ancora configurato: avviare "
                                  "l'applicazione o usare «wpt-desk init --admin NOME».")
    key_path = KeyFile.path_in(folder)
    key_file = KeyFile.load(key_path)
    key, operator_id, name = _unlock(key_file, key_path, credentials)
    store = _open(folder / DB_FILENAME, key)
    try:
        store.keys = UnlockedKeys(key_path, key)
        if isinstance(credentials, MachineKey):
            store.sign_in(Operator(id=UNATTENDED_ID, name=UNATTENDED_NAME, desk_id=store.desk_id))
        elif isinstance(credentials, RecoveryKey):
            pass  # the caller (``wpt-desk recover``) signs in the administrator it resets
        else:
            operator = store.get(Operator, operator_id)
            if operator is None or operator.deleted or operator.disabled:
                raise AuthenticationError(f"L'operatore «{name}» non è attivo su questo sportello.")
            store.sign_in(operator)
        _log_login(store, key_file, key_path)
    except BaseException:
        store.close()
        raise
    return store


def unlock_key(folder: Path, credentials: Credentials) -> bytes:
    """The database key of the desk in ``folder`` for ``credentials``, without opening the database (to
    restore a damaged one). Wrong attempts count as at login.

    Raises:
        AuthenticationError: as :func:`open_store`.
    """
    key_path = KeyFile.path_in(Path(folder))
    if not key_path.exists():
        raise AuthenticationError(f"Nella cartella {folder} manca il file delle chiavi {keys.KEYS_FILENAME}.")
    return _unlock(KeyFile.load(key_path), key_path, credentials)[0]


def _unlock(key_file: KeyFile, key_path: Path, credentials: Credentials) -> tuple[bytes, str, str]:
    """(database key, operator id, name) for ``credentials``, counting and slowing wrong attempts."""
    if isinstance(credentials, Password):
        name, secret = credentials.operator.strip(), credentials.password
        if not name:
            raise AuthenticationError("Indicare l'operatore.")
        wrap = key_file.operator_wrap(name)
    elif isinstance(credentials, RecoveryKey):
        name, secret, wrap = "chiave di recupero", keys.normalize_recovery_key(credentials.key), \
            key_file.of_kind(keys.RECOVERY)
    else:
        name, secret, wrap = UNATTENDED_NAME, credentials.key, key_file.of_kind(keys.MACHINE)
        if wrap is None:
            raise AuthenticationError("Le operazioni automatiche non sono attivate su questo sportello "
                                      "(wpt-desk unattended enable).")
    now = keys.utc_now()
    wait = key_file.wait_seconds(name, now)
    if wait:
        raise AuthenticationError(f"Troppi tentativi errati: riprovare tra {wait} secondi.")
    key = keys.unwrap(wrap, secret) if wrap is not None else None
    if key is None:
        key_file.failed(name, now)
        key_file.save(key_path)
        what = "chiave di recupero" if isinstance(credentials, RecoveryKey) else (
            "chiave della macchina" if isinstance(credentials, MachineKey) else "operatore o password")
        raise AuthenticationError(f"Accesso negato: {what} non validi." if what == "operatore o password"
                                  else f"Accesso negato: {what} non valida.")
    assert wrap is not None
    if key_file.failures.get(name.casefold()):
        key_file.succeeded(name)
        key_file.save(key_path)
    return key, wrap.operator_id, wrap.name or name


def _log_login(store: Store, key_file: KeyFile, key_path: Path) -> None:
    """The login, and the failed attempts made since the last one, go on the (encrypted) access log."""
    from desktop.storage import access_log
    from sync import audit

    with store.transaction():
        for name, _at in key_file.failed_logins:
            access_log.append(store, audit.LOGIN_FAILED, operator_id="", operator_name=name)
        access_log.append(store, audit.LOGIN)
    if key_file.failed_logins:
        key_file.failed_logins = []
        key_file.save(key_path)


def _open(path: Path, key: bytes) -> Store:
    """The database at ``path``: opened with ``key``, migrated, with its identity and the reference data."""
    from desktop.storage.seed import seed_reference
    from desktop.storage.store import Store

    conn = open_connection(Path(path), latest_version=migrations.LATEST_VERSION, key=key)
    reader: sqlite3.Connection | None = None
    try:
        migrations.migrate(conn)
        _ensure_identity(conn)
        reader = open_connection(Path(path), latest_version=migrations.LATEST_VERSION, key=key, readonly=True)
        store = Store(conn, Path(path), reader)
    except BaseException:
        conn.close()
        if reader is not None:
            reader.close()
        raise
    try:
        _ensure_desk(store)
        seed_reference(store)
    except BaseException:
        store.close()
        raise
    return store


def _ensure_identity(conn: sqlite3.Connection) -> None:
    from desktop.storage.store import DESK_ID_KEY

    row = conn.execute("SELECT value FROM settings WHERE key = ?", (DESK_ID_KEY,)).fetchone()
    if row and row[0]:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if not conn.execute("SELECT value FROM settings WHERE key = ?", (DESK_ID_KEY,)).fetchone():
            write_setting(conn, DESK_ID_KEY, uuid7())
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _ensure_desk(store: Store) -> None:
    """The desk's own record, made on first opening."""
    from desktop.domain.models import Desk

    if store.get(Desk, store.desk_id) is not None:
        return
    with store.transaction():
        if store.get(Desk, store.desk_id) is None:
            store.save(Desk(id=store.desk_id, name="Sportello WPT"))
