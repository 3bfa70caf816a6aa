"""Automatic backups (when, where, rotation) and restoring one, on real encrypted desk files."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.domain.models import Person
from desktop.operations.errors import OperationError
from desktop.operations.settings import desk_settings, save_desk_settings
from desktop.storage import backups, sync_tables
from desktop.storage.errors import StorageError
from desktop.storage.maintenance import integrity_problems
from desktop.storage.store import DB_FILENAME
from tests.helpers.desks import database_key, open_desk

T0 = datetime(2026, 3, 12, 9, 32, tzinfo=UTC)


def _fake(folder: Path, moments: list[datetime]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for m in moments:
        (folder / f"wpt-desk-{m:%Y%m%d-%H%M%S}.db").write_bytes(b"x")
        (folder / f"wpt-desk-{m:%Y%m%d-%H%M%S}.db.keys").write_bytes(b"k")


def test_rotation_keeps_12_days_10_weeks_9_months(tmp_path: Path) -> None:
    # Two backups a day for a year and a half.
    moments = [T0 - timedelta(hours=12 * i) for i in range(2 * 540)]
    _fake(tmp_path, moments)
    backups.rotate(tmp_path, T0)
    kept = backups.list_backups(tmp_path)
    days = {b.taken_at.date() for b in kept}
    assert kept[0].taken_at == T0  # the newest stays
    assert all((T0 - timedelta(days=d)).date() in days for d in range(12))
    weeks = {b.taken_at.isocalendar()[:2] for b in kept}
    assert len(weeks) >= 10
    months = {(b.taken_at.year, b.taken_at.month) for b in kept}
    assert len(months) == 9
    assert len(kept) <= 12 + 10 + 9
    # Each kept backup keeps its key file, each dropped one lost it too.
    assert sorted(p.name for p in tmp_path.glob("*.keys")) == sorted(b.key_file.name for b in kept)


def test_rotation_of_a_few_keeps_them_all(tmp_path: Path) -> None:
    _fake(tmp_path, [T0, T0 - timedelta(days=1), T0 - timedelta(days=40)])
    assert backups.rotate(tmp_path, T0) == 0


def test_no_automatic_backup_outlives_nine_months_however_few_there_are(tmp_path: Path) -> None:
    # A desk that made a backup now and then: an erased person must still leave the backups on schedule.
    old = [T0 - timedelta(days=400), T0 - timedelta(days=700)]
    _fake(tmp_path, [T0, T0 - timedelta(days=100), *old])
    assert backups.rotate(tmp_path, T0) == 2
    assert [b.taken_at for b in backups.list_backups(tmp_path)] == [T0, T0 - timedelta(days=100)]
    # The newest is kept whatever its age: it was made after the latest change.
    lone = tmp_path / "lone"
    _fake(lone, [T0 - timedelta(days=900)])
    assert backups.rotate(lone, T0) == 0


def test_automatic_backup_only_when_the_data_changed_and_at_start_once_a_day(tmp_path: Path) -> None:
    with open_desk(tmp_path / "desk") as store:
        first = backups.automatic_backup(store, at_start=True, now=T0)
        assert first is not None and first.path.parent == tmp_path / "desk" / "backups"
        assert first.key_file.exists()
        assert backups.check_backup(first.path, database_key(tmp_path / "desk")).sound
        # Unchanged data: no new copy, however late; a login's access log entry is no change.
        assert backups.automatic_backup(store, at_start=True, now=T0 + timedelta(days=3)) is None
        store.save(Person(last_name="Garrone", first_name="Ada"))
        assert backups.automatic_backup(store, at_start=True, now=T0 + timedelta(hours=2)) is None  # < a day
        second = backups.automatic_backup(store, at_start=True, now=T0 + timedelta(days=1, hours=1))
        assert second is not None
        assert [b.path for b in backups.list_backups(backups.backup_folder(store))] == [second.path, first.path]


def test_the_administrator_chooses_the_folder(tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    with open_desk(tmp_path / "desk") as store:
        with pytest.raises(OperationError, match="non esiste"):
            save_desk_settings(store, _with_folder(store, str(tmp_path / "missing")))
        with pytest.raises(OperationError, match="percorso completo"):
            save_desk_settings(store, _with_folder(store, "relative/folder"))
        save_desk_settings(store, _with_folder(store, str(usb)))
        assert desk_settings(store).backup_folder == str(usb)
        made = backups.automatic_backup(store, now=T0)
        assert made is not None and made.path.parent == usb


def _with_folder(store: object, folder: str) -> object:
    from dataclasses import replace

    return replace(desk_settings(store), language=None, backup_folder=folder)  # type: ignore[arg-type]


def test_restore_checks_the_copy_keeps_the_current_database_and_asks_for_own_changes(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    with open_desk(folder) as store:
        kept = store.save(Person(last_name="Garrone", first_name="Ada"))
        made = backups.automatic_backup(store, now=T0)
        assert made is not None
        store.save(Person(last_name="Bertola", first_name="Luca"))
        desk_id = store.desk_id
        queued = store.scalar("SELECT count(*) FROM outbox WHERE entity != 'access'")
    key = database_key(folder)
    restored = backups.restore(folder, made.path, key, desk_id=desk_id, now=T0 + timedelta(hours=1))
    assert restored.aside.exists() and restored.unsent == queued and not restored.enrolled  # never synced
    with open_desk(folder) as store:
        assert [p["last_name"] for p in store.query("SELECT last_name FROM persons")] == [kept.last_name]
        assert integrity_problems(store) == []
        assert sync_tables.sync_settings(store).own_seq is not None  # the next sync can tell a gap
    # The database that was in use is whole, with both persons.
    aside_dir = tmp_path / "aside"
    aside_dir.mkdir()
    (aside_dir / DB_FILENAME).write_bytes(restored.aside.read_bytes())
    (aside_dir / "wpt-desk.keys").write_bytes((folder / "wpt-desk.keys").read_bytes())
    with open_desk(aside_dir) as old:
        assert old.scalar("SELECT count(*) FROM persons") == 2


def test_a_damaged_or_foreign_copy_is_refused_and_nothing_changes(tmp_path: Path) -> None:
    folder = tmp_path / "desk"
    with open_desk(folder) as store:
        made = backups.automatic_backup(store, now=T0)
        desk_id = store.desk_id
    assert made is not None
    with open_desk(tmp_path / "other") as other:
        foreign = backups.automatic_backup(other, now=T0)
    assert foreign is not None
    key = database_key(folder)
    before = (folder / DB_FILENAME).read_bytes()
    damaged = made.path.read_bytes()
    made.path.write_bytes(damaged[:4096] + bytes(len(damaged) - 4096))
    with pytest.raises(StorageError, match="non è integra|danneggiata"):
        backups.restore(folder, made.path, key, desk_id=desk_id)
    with pytest.raises(StorageError, match="è di un altro sportello, o è danneggiata"):
        backups.restore(folder, foreign.path, key, desk_id=desk_id)
    assert (folder / DB_FILENAME).read_bytes() == before
    assert not list(folder.glob("*.before-restore-*"))
    assert backups.latest_sound(folder / "backups", key, desk_id) is None


def test_the_databases_kept_aside_expire_as_the_automatic_backups_do(tmp_path: Path) -> None:
    # A restore keeps the database in use aside, a recovery the damaged one: both hold persons erased since,
    # so they leave on the automatic backups' schedule, never later.
    desk = tmp_path / "desk"
    with open_desk(desk) as store:
        store.save(Person(last_name="Garrone", first_name="Ada"))
        made = backups.automatic_backup(store, now=T0)
        assert made is not None
        desk_id = store.desk_id
    restored_at = T0 + timedelta(hours=1)
    backups.restore(desk, made.path, database_key(desk), desk_id=desk_id, now=restored_at)
    aside = sorted(p.name for p in desk.glob("wpt-desk.db.before-restore-*"))
    assert aside and sorted(k.path.name for k in backups.kept_databases(desk)) == aside
    with open_desk(desk) as store:
        store.save(Person(last_name="Bertola", first_name="Luca"))
        backups.automatic_backup(store, at_start=True, now=restored_at + backups.MAX_AGE - timedelta(days=1))
        assert sorted(p.name for p in desk.glob("wpt-desk.db.before-restore-*")) == aside  # not yet
        store.save(Person(last_name="Chiadò", first_name="Rita"))
        backups.automatic_backup(store, at_start=True, now=restored_at + backups.MAX_AGE + timedelta(minutes=1))
    assert not list(desk.glob("wpt-desk.db.before-restore-*"))
    assert (desk / DB_FILENAME).exists()

    damaged = tmp_path / "damaged"
    open_desk(damaged).close()
    backups.move_aside(damaged, now=T0)
    set_aside = sorted(p.name for p in damaged.iterdir() if ".damaged-" in p.name)
    assert "wpt-desk.keys.damaged-20260312-093200" in set_aside
    assert backups.expire_kept_databases(damaged, T0 + backups.MAX_AGE) == 0
    assert backups.expire_kept_databases(damaged, T0 + backups.MAX_AGE + timedelta(seconds=1)) == len(set_aside)
    assert not [p for p in damaged.iterdir() if ".damaged-" in p.name]
