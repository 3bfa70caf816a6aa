"""One writer per desk, ``wpt-desk backups list`` and ``wpt-desk restore``, through the real command."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from desktop.domain.models import Person
from desktop.domain.roles import Role
from desktop.operations.operators import add_operator
from desktop.operations.settings import DeskSettings, save_desk_settings
from desktop.storage import access_log, backups
from desktop.storage.writer_lock import ALREADY_OPEN, WriterLock
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import PASSWORD, open_desk

CSV = "cognome,nome\nGarrone,Ada\nBertola,Luca\n"


def test_a_second_writer_is_refused_in_one_sentence_and_readers_still_work(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    open_desk(desk).close()
    persons = tmp_path / "p.csv"
    persons.write_text(CSV, encoding="utf-8")
    with WriterLock(desk):  # the app holds it while open
        refused = wpt_desk(desk, "import", "persons", persons)
        assert refused.returncode == 2
        assert refused.stderr.strip() == f"wpt-desk: {ALREADY_OPEN}"
        assert refused.stdout == ""
        # Reading commands run beside the app: a backup is never blocked by it.
        assert wpt_desk(desk, "check").returncode == 0
        assert wpt_desk(desk, "backup", tmp_path / "copia.db").returncode == 0
        assert wpt_desk(desk, "restore", "--latest").returncode == 2  # restoring writes: refused too
    with open_desk(desk) as store:
        assert store.scalar("SELECT count(*) FROM persons") == 0
    assert wpt_desk(desk, "import", "persons", persons).returncode == 0


def test_a_lock_of_a_killed_process_does_not_block(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    open_desk(desk).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from desktop.storage.writer_lock import WriterLock; "
         f"WriterLock({str(desk)!r}).acquire(); print('held', flush=True); time.sleep(600)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert wpt_desk(desk, "operator", "list").returncode == 2
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert (desk / "wpt-desk.lock").exists()  # the file stays; the lock went with the process
    assert wpt_desk(desk, "operator", "list").returncode == 0


def test_backups_list_and_restore_latest(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    with open_desk(desk) as store:
        store.save(Person(last_name="Garrone", first_name="Ada"))
        made = backups.automatic_backup(store)
        assert made is not None
        store.save(Person(last_name="Bertola", first_name="Luca"))
    listed = wpt_desk(desk, "backups", "list")
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[1].split() == ["Data", "Dimensione", "Sportello", "File", "Stato"]
    assert "Sportello WPT" in lines[2] and "integra" in lines[2] and made.path.name in lines[2]

    # Replacing the database is a coordinator's: an operator is refused, and nothing changes.
    with open_desk(desk) as store:
        add_operator(store, "Mario", Role.OPERATOR, PASSWORD)
    refused = wpt_desk(desk, "--operator", "Mario", "restore", "--latest")
    assert refused.returncode == 2 and "coordinatore" in refused.stderr
    assert not list(desk.glob("wpt-desk.db.before-restore-*"))
    folder = wpt_desk(desk, "restore", str(tmp_path))
    assert folder.returncode == 2 and "è una cartella" in folder.stderr

    restored = wpt_desk(desk, "restore", "--latest")
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith("Ripristinata la copia del ")
    # The restored database and the one kept aside are the owner's only, from the first byte.
    for path in [desk / "wpt-desk.db", *desk.glob("wpt-desk.db.before-restore-*")]:
        assert path.stat().st_mode & 0o077 == 0, path
    assert "non è registrato su un server" in restored.stdout and len(restored.stdout.strip().splitlines()) == 1
    assert list(desk.glob("wpt-desk.db.before-restore-*"))
    assert wpt_desk(desk, "check").returncode == 0
    with open_desk(desk) as store:
        assert [r["last_name"] for r in store.query("SELECT last_name FROM persons")] == ["Garrone"]
        logged = [e for e in access_log.entries(store) if e.record_kind == "backup"]
        assert [(e.action, e.record_id) for e in logged] == [("restore", made.path.name)]


def test_backups_list_shows_each_copy_as_the_copy_itself_says(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    folder = desk / backups.DEFAULT_FOLDER
    folder.mkdir(parents=True)
    with open_desk(desk) as store:
        save_desk_settings(store, DeskSettings(name="Sportello di Usseglio"))
    # Copied by hand under an automatic backup's name of years ago: the copy's own date is today's.
    renamed = folder / "wpt-desk-20200101-000000.db"
    assert wpt_desk(desk, "backup", renamed).returncode == 0
    with open_desk(desk) as store:  # renamed after the copy: the copy still says where it came from
        save_desk_settings(store, DeskSettings(name="Sportello di Lemie"))
    (folder / "wpt-desk-20200102-000000.db").write_bytes(b"")
    (folder / "wpt-desk-20200103-000000.db").write_bytes(renamed.read_bytes()[:4096 * 3])

    listed = wpt_desk(desk, "backups", "list")
    assert listed.returncode == 0, listed.stderr
    by_file = {name: next(line for line in listed.stdout.splitlines() if name in line)
               for name in ("wpt-desk-20200101-000000.db", "wpt-desk-20200102-000000.db",
                            "wpt-desk-20200103-000000.db")}
    sound = by_file["wpt-desk-20200101-000000.db"]
    assert "Sportello di Usseglio" in sound and "Lemie" not in sound and sound.rstrip().endswith("integra")
    assert sound.startswith(datetime.now().astimezone().strftime("%d/%m/%Y")) and "2020" not in sound.split()[0]
    empty = by_file["wpt-desk-20200102-000000.db"]
    assert " 0 byte " in empty and "1 kB" not in empty and "vuota" in empty
    damaged = by_file["wpt-desk-20200103-000000.db"]
    assert damaged.rstrip().endswith(f"DANNEGGIATA: {backups.NOT_THIS_KEY}")  # whole, not cut at 60 characters


def test_restore_without_any_backup_says_what_to_do(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    open_desk(desk).close()
    result = wpt_desk(desk, "restore", "--latest")
    assert result.returncode == 2
    assert "Nessuna copia di sicurezza integra" in result.stderr and "Traceback" not in result.stderr
    missing = wpt_desk(desk, "restore", tmp_path / "nessuna.db")
    assert missing.returncode == 2 and "non esiste" in missing.stderr


def test_backups_folder_is_set_by_an_administrator(tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    usb = tmp_path / "usb"
    usb.mkdir()
    assert wpt_desk(desk, "backups", "folder", usb).returncode == 0
    shown = wpt_desk(desk, "backups", "folder")
    assert str(usb) in shown.stdout
    bad = wpt_desk(desk, "backups", "folder", tmp_path / "assente")
    assert bad.returncode == 2 and "non esiste" in bad.stderr
