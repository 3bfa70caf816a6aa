"""The command line authenticates every command that opens the desk, and manages operators by role."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.helpers.cli import wpt_desk
from tests.helpers.desks import ADMIN, PASSWORD


def _as(data_dir: Path, name: str, password: str, *args: str, **env: str) -> tuple[int, str, str]:
    result = wpt_desk(data_dir, *args, env={"WPT_OPERATOR": name, "WPT_PASSWORD": password, **env})
    return result.returncode, result.stdout, result.stderr


def test_init_prints_the_recovery_key_last_and_every_command_authenticates(tmp_path: Path) -> None:
    data_dir = tmp_path / "desk"
    init = wpt_desk(data_dir, "init", "--admin", "Mario Rossi", env={"WPT_PASSWORD": "password-di-mario"})
    assert init.returncode == 0, init.stderr
    recovery = init.stdout.strip().splitlines()[-1]
    assert len(recovery.replace("-", "")) == 28
    assert _as(data_dir, "Mario Rossi", "password-di-mario", "demo", "--persons", "3")[0] == 0
    status, out, err = _as(data_dir, "Mario Rossi", "sbagliata", "export")
    assert (status, out) == (2, "") and err.count("\n") == 1 and "Accesso negato" in err
    missing = wpt_desk(data_dir, "export", env={"WPT_OPERATOR": "", "WPT_PASSWORD": ""})
    assert missing.returncode == 2 and "--operator" in missing.stderr
    again = wpt_desk(data_dir, "init", "--admin", "Altro", env={"WPT_PASSWORD": "password-altra"})
    assert again.returncode == 2 and "già configurato" in again.stderr


def test_operators_by_role_on_the_command_line(data_dir: Path) -> None:
    admin_pw = PASSWORD
    added = _as(data_dir, ADMIN, admin_pw, "operator", "add", "Anna", "--role", "operatore",
                WPT_NEW_PASSWORD="password-di-anna")
    assert added[0] == 0, added[2]
    assert _as(data_dir, ADMIN, admin_pw, "operator", "add", "Carla", "--role", "capo",
               WPT_NEW_PASSWORD="password-di-carla")[0] == 2
    status, _, err = _as(data_dir, "Anna", "password-di-anna", "operator", "add", "Intruso", "--role",
                         "amministratore", WPT_NEW_PASSWORD="password-intruso")
    assert status == 2 and "amministratore" in err
    assert _as(data_dir, "Anna", "password-di-anna", "audit", "list")[0] == 2  # coordinators only
    assert _as(data_dir, "Anna", "password-di-anna", "audit", "verify")[0] == 0
    assert _as(data_dir, "Anna", "password-di-anna", "operator", "passwd", "Anna",
               WPT_NEW_PASSWORD="nuova-di-anna")[0] == 0
    listing = _as(data_dir, ADMIN, admin_pw, "operator", "list")[1]
    assert "Anna\toperatore\tattivo" in listing and f"{ADMIN}\tamministratore\tattivo" in listing
    assert _as(data_dir, ADMIN, admin_pw, "operator", "disable", "Anna")[0] == 0
    assert _as(data_dir, "Anna", "nuova-di-anna", "export")[0] == 2


def test_unattended_jobs_are_off_by_default_and_run_on_the_machine_key_once_enabled(data_dir: Path,
                                                                                   tmp_path: Path) -> None:
    copy = tmp_path / "copia.db"
    off = wpt_desk(data_dir, "backup", "--unattended", copy, env={"WPT_OPERATOR": "", "WPT_PASSWORD": ""})
    assert off.returncode == 2 and "unattended enable" in off.stderr
    key_file = tmp_path / "machine.key"
    enabled = wpt_desk(data_dir, "unattended", "enable", "--key-file", key_file)
    assert enabled.returncode == 0, enabled.stderr
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    job = wpt_desk(data_dir, "backup", "--unattended", copy,
                   env={"WPT_OPERATOR": "", "WPT_PASSWORD": "", "WPT_MACHINE_KEY_FILE": str(key_file)})
    assert job.returncode == 0, job.stderr
    assert wpt_desk(data_dir, "unattended", "disable", "--key-file", key_file).returncode == 0
    again = wpt_desk(data_dir, "backup", "--unattended", "--overwrite", copy,
                     env={"WPT_MACHINE_KEY_FILE": str(key_file)})
    assert again.returncode == 2
