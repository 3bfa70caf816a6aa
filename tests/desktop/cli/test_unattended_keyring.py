"""Unattended jobs on a machine key kept in the OS credential store through ``keyring`` (when installed),
with the key file as the fallback; off by default, and off again once disabled."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import wpt_desk

pytest.importorskip("keyring")

BACKEND = "tests.helpers.keyring_backend.FolderKeyring"


def test_a_machine_key_in_the_credential_store_runs_the_scheduled_jobs(data_dir: Path, tmp_path: Path) -> None:
    store_dir = tmp_path / "credential-store"
    admin_env = {"PYTHON_KEYRING_BACKEND": BACKEND, "WPT_TEST_KEYRING_DIR": str(store_dir),
                 "PYTHONPATH": str(Path.cwd())}
    job_env = {**admin_env, "WPT_OPERATOR": "", "WPT_PASSWORD": ""}  # no person at the keyboard
    copy = tmp_path / "copia.db"
    assert wpt_desk(data_dir, "backup", "--unattended", copy, env=job_env).returncode == 2  # off by default

    enabled = wpt_desk(data_dir, "unattended", "enable", "--keyring", env=admin_env)
    assert enabled.returncode == 0, enabled.stderr
    assert "archivio delle credenziali" in enabled.stdout
    assert not (data_dir / "wpt-desk.machine-key").exists()  # nothing on disk but the store's own entry
    assert len(list(store_dir.iterdir())) == 1

    job = wpt_desk(data_dir, "backup", "--unattended", copy, env=job_env)
    assert job.returncode == 0, job.stderr
    assert copy.exists()

    disabled = wpt_desk(data_dir, "unattended", "disable", env=admin_env)
    assert disabled.returncode == 0, disabled.stderr
    assert list(store_dir.iterdir()) == []
    again = wpt_desk(data_dir, "backup", "--unattended", tmp_path / "altra.db", env=job_env)
    assert again.returncode == 2 and "unattended enable" in again.stderr


def test_without_a_usable_store_enable_says_so_in_one_sentence(data_dir: Path) -> None:
    failing = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    refused = wpt_desk(data_dir, "unattended", "enable", "--keyring", env=failing)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "--key-file" in refused.stderr
    assert "Traceback" not in refused.stderr
