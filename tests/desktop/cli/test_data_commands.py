from __future__ import annotations

import csv
import json
import sqlite3
import threading
from collections import Counter
from pathlib import Path

import pytest

from desktop.domain.enums import ReferralStatus
from desktop.storage.store import DB_FILENAME
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk, raw_connection, restore_backup, set_up


def _demo(data_dir: Path, persons: int = 40) -> None:
    result = wpt_desk(data_dir, "demo", "--persons", str(persons), "--seed", "7")
    assert result.returncode == 0, result.stderr


def test_demo_then_jsonl_export_has_every_type_and_every_referral_status(data_dir: Path, tmp_path: Path) -> None:
    _demo(data_dir)
    out = tmp_path / "all.jsonl"
    assert wpt_desk(data_dir, "export", "--format", "jsonl", "--out", out).returncode == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    types = Counter(r["type"] for r in records)
    assert types["person"] == 40
    assert set(types) == {"person", "request", "referral", "note", "service", "provider"}
    assert len({r["id"] for r in records}) == len(records)
    assert {r["status"] for r in records if r["type"] == "referral"} == {s.value for s in ReferralStatus}
    person = next(r for r in records if r["type"] == "person" and r["fiscal_code"])
    wanted = {"fiscal_code", "last_name", "first_name", "birth_date", "sex", "municipality", "phone", "email"}
    assert wanted <= set(person)
    assert len(person["birth_date"]) == 10 and person["municipality"]
    referral = next(r for r in records if r["type"] == "referral" and r["status"] == "concluso")
    assert [h["to_status"] for h in referral["history"]] == ["proposto", "inviato", "preso in carico", "concluso"]
    assert referral["history"][-1]["reason"]


def test_csv_export_writes_one_excel_ready_file_per_type(data_dir: Path, tmp_path: Path) -> None:
    _demo(data_dir, 10)
    folder = tmp_path / "csv"
    assert wpt_desk(data_dir, "export", "--format", "csv", "--out", folder).returncode == 0
    assert {p.name for p in folder.iterdir()} >= {"persone.csv", "richieste.csv", "invii.csv", "note.csv",
                                                    "servizi.csv", "enti.csv"}
    raw = (folder / "persone.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents right
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert len(rows) == 10 and rows[0]["cognome"] and "comune_residenza" in rows[0]


def test_exported_persons_csv_imports_back_without_duplicates(data_dir: Path, tmp_path: Path) -> None:
    _demo(data_dir, 15)
    folder = tmp_path / "csv"
    wpt_desk(data_dir, "export", "--format", "csv", "--out", folder)
    result = wpt_desk(data_dir, "import", "persons", folder / "persone.csv")
    assert result.returncode == 0, result.stderr
    assert "0 nuove" in result.stdout


def test_backup_and_check(data_dir: Path, tmp_path: Path) -> None:
    _demo(data_dir, 5)
    copy = tmp_path / "backup" / "copia.db"
    copy.parent.mkdir()
    assert wpt_desk(data_dir, "backup", copy).returncode == 0
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):  # the copy is encrypted too
        sqlite3.connect(copy).execute("SELECT count(*) FROM persons")
    with open_desk(restore_backup(copy, tmp_path / "restored")) as restored:
        assert restored.count("person") == 5
    check = wpt_desk(data_dir, "check")
    assert check.returncode == 0, check.stderr


def test_check_reports_a_damaged_search_index(data_dir: Path) -> None:
    _demo(data_dir, 5)
    conn = raw_connection(data_dir)
    conn.execute("DELETE FROM persons_fts WHERE rowid = (SELECT min(seq) FROM persons)")
    conn.close()
    result = wpt_desk(data_dir, "check")
    assert result.returncode == 1 and "indice di ricerca" in result.stderr


def test_commands_on_a_corrupt_or_newer_database_say_so_in_one_sentence(data_dir: Path) -> None:
    set_up(data_dir)
    (data_dir / DB_FILENAME).write_bytes(b"\x00garbage" * 512)
    # check reports the damage as its finding (exit 1); the other commands cannot run (exit 2)
    for command, status in ((["check"], 1), (["export"], 2), (["demo", "--persons", "1"], 2)):
        result = wpt_desk(data_dir, *command)
        assert result.returncode == status
        assert "Traceback" not in result.stderr and "danneggiato" in result.stderr


def test_check_is_not_fooled_by_a_busy_database_and_sees_a_drifted_index(data_dir: Path) -> None:
    _demo(data_dir, 5)
    writer = raw_connection(data_dir)
    writer.execute("BEGIN IMMEDIATE")  # another program is writing right now; check's login waits for it
    release = threading.Timer(0.5, lambda: writer.execute("ROLLBACK"))
    release.start()
    try:
        busy = wpt_desk(data_dir, "check")
    finally:
        release.join()
    assert busy.returncode == 0, busy.stderr
    writer.execute("DROP TRIGGER persons_fts_update")
    writer.execute("UPDATE persons SET last_name = 'Cambiato' WHERE seq = (SELECT min(seq) FROM persons)")
    writer.close()
    drifted = wpt_desk(data_dir, "check")
    assert drifted.returncode == 1 and "indice di ricerca" in drifted.stderr


def test_check_on_a_damaged_or_empty_file_is_a_finding(data_dir: Path) -> None:
    _demo(data_dir, 5)
    path = data_dir / DB_FILENAME
    for suffix in ("-wal", "-shm"):
        (data_dir / f"{DB_FILENAME}{suffix}").unlink(missing_ok=True)
    path.write_bytes(path.read_bytes()[:5000])
    truncated = wpt_desk(data_dir, "check")
    assert truncated.returncode == 1 and "Traceback" not in truncated.stderr
    path.write_bytes(b"")
    empty = wpt_desk(data_dir, "check")
    assert empty.returncode == 1 and "vuoto" in empty.stderr


def test_backup_refuses_to_overwrite_the_live_database(data_dir: Path) -> None:
    _demo(data_dir, 3)
    before = (data_dir / DB_FILENAME).stat().st_ino
    result = wpt_desk(data_dir, "backup", data_dir / DB_FILENAME, "--overwrite")
    assert result.returncode == 2 and "in uso" in result.stderr
    assert (data_dir / DB_FILENAME).stat().st_ino == before


def test_demo_twice_with_the_same_seed_makes_no_twin_persons(data_dir: Path) -> None:
    _demo(data_dir, 8)
    _demo(data_dir, 8)
    records = [json.loads(line) for line in wpt_desk(data_dir, "export").stdout.splitlines()]
    codes = [r["fiscal_code"] for r in records if r["type"] == "person" and r["fiscal_code"]]
    assert codes and len(codes) == len(set(codes))


def test_an_emptied_database_is_not_taken_for_a_new_desk(data_dir: Path) -> None:
    _demo(data_dir, 3)
    path = data_dir / DB_FILENAME
    for suffix in ("-wal", "-shm"):
        (data_dir / f"{DB_FILENAME}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"")  # a disk fault emptied the file
    for command in (("export",), ("demo", "--persons", "1"), ("conflicts",)):
        result = wpt_desk(data_dir, *command)
        assert result.returncode == 2 and "vuoto" in result.stderr and "Traceback" not in result.stderr, command
        assert path.stat().st_size == 0  # left as found, for whoever restores it


def test_export_never_replaces_what_is_not_a_plain_file(data_dir: Path, tmp_path: Path) -> None:
    _demo(data_dir, 3)
    target = tmp_path / "target.txt"
    target.write_text("keep me", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    result = wpt_desk(data_dir, "export", "--out", link)
    assert result.returncode == 2 and "non è un file normale" in result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep me"


def test_backup_replaces_an_earlier_copy_of_this_desk_only(data_dir: Path, tmp_path: Path) -> None:
    _demo(data_dir, 3)
    other = tmp_path / "other-desk"
    _demo(other, 2)
    copy = tmp_path / "copy.db"
    assert wpt_desk(data_dir, "backup", copy).returncode == 0
    first = copy.read_bytes(), Path(f"{copy}.keys").read_bytes()
    kept = wpt_desk(data_dir, "backup", copy)  # an existing copy is replaced only when asked
    assert kept.returncode == 2 and f"{copy} esiste già" in kept.stderr and "--overwrite" in kept.stderr
    assert kept.stderr.count("\n") == 1 and (copy.read_bytes(), Path(f"{copy}.keys").read_bytes()) == first
    copy.unlink()  # the key file alone is enough to refuse: it would be replaced too
    lone_keys = wpt_desk(data_dir, "backup", copy)
    assert lone_keys.returncode == 2 and f"{copy}.keys esiste già" in lone_keys.stderr and not copy.exists()
    again = wpt_desk(data_dir, "backup", copy, "--overwrite")  # a nightly job reusing the same name
    assert again.returncode == 0, again.stderr
    assert wpt_desk(data_dir, "backup", copy, "--overwrite").returncode == 0
    before = (other / DB_FILENAME).read_bytes()
    refused = wpt_desk(data_dir, "backup", other / DB_FILENAME, "--overwrite")  # another desk's database
    assert refused.returncode == 2 and "non è una copia di questo sportello" in refused.stderr
    assert (other / DB_FILENAME).read_bytes() == before
    notes = tmp_path / "appunti.txt"
    notes.write_text("non toccare", encoding="utf-8")
    assert wpt_desk(data_dir, "backup", notes, "--overwrite").returncode == 2
    assert notes.read_text(encoding="utf-8") == "non toccare"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, where nobody may write")
def test_a_backup_that_cannot_be_written_names_the_file_given_in_italian(data_dir: Path) -> None:
    _demo(data_dir, 1)
    target = Path("/proc/copia-wpt.db")  # a folder nobody can write in, not even root (the reviewer's case)
    refused = wpt_desk(data_dir, "backup", target)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert f"La copia non si può scrivere in {target}:" in refused.stderr
    assert ".partial" not in refused.stderr and "No such" not in refused.stderr
