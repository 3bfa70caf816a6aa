"""Smoke checks of the shipped program: from source by default, on the bundle with WPT_FROZEN_EXE.

``make test`` runs them on the source tree; ``make test-dist`` builds ``dist/wpt-desk/`` and runs
them against the frozen executable (so missing data files, Qt plugins or hidden imports show up).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from desktop import __version__
from desktop.self_test import CORE_CHECKS, FINAL_CHECKS
from desktop.services.demo import SAMPLE_MARK
from tests.helpers.desks import open_desk
from tests.helpers.frozen import frozen_exe, run_desk
from ui.self_test import UI_CHECKS

pytestmark = pytest.mark.frozen

# What the first window (the login) must not import, from source as frozen: the database driver, the
# store, the models and pydantic, the codice fiscale data, the key derivation, the command modules, the
# main window and the sync client. They come once the password is given (issue 16: a start that defers
# what the first window does not need, in the bundle too).
DEFERRED = ("sqlcipher3", "sqlite3", "pydantic", "pydantic_core", "codicefiscale", "argon2", "httpx",
            "desktop.storage.store", "desktop.storage.connection", "desktop.domain.models",
            "desktop.operations.persons", "desktop.queries.persons", "desktop.cli.data_commands",
            "desktop.cli.sync_commands", "ui.main_window", "ui.lock")


def test_version_prints_the_package_version(data_dir: Path) -> None:
    result = run_desk(data_dir, "--version")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wpt-desk {__version__}"


def test_self_test_passes_every_check_without_touching_the_data_folder(data_dir: Path) -> None:
    result = run_desk(data_dir, "self-test")

    assert result.returncode == 0, result.stdout + result.stderr
    checks = [name for name, _ in (*CORE_CHECKS, *UI_CHECKS, *FINAL_CHECKS)]
    passed = [line.split(":")[0].removeprefix("OK").strip() for line in result.stdout.splitlines()
              if line.startswith("OK")]
    assert passed == checks
    assert result.stderr == ""
    assert not data_dir.exists()


def test_self_test_fails_with_the_reason_on_an_invalid_configuration(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "wpt-desk.toml").write_text('[server]\nurl = "ftp://wpt.example.it"\n', encoding="utf-8")

    result = run_desk(data_dir, "self-test")

    assert result.returncode == 1
    error = result.stderr.splitlines()[0]
    assert error.startswith("ERRORE  Configurazione:")
    assert str(data_dir / "wpt-desk.toml") in error and "server.url" in error
    assert "Traceback" not in result.stderr


def test_demo_then_exports_in_both_formats(data_dir: Path, tmp_path: Path) -> None:
    demo = run_desk(data_dir, "demo", "--persons", "20", "--seed", "7")
    assert demo.returncode == 0, demo.stderr
    assert "20 persone" in demo.stdout

    jsonl = tmp_path / "export.jsonl"
    exported = run_desk(data_dir, "export", "--format", "jsonl", "--out", jsonl)
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    kinds = Counter(line["type"] for line in lines)

    with open_desk(data_dir) as store:  # the source tree reads what the program wrote
        assert kinds["person"] == store.count("person") == 20
        assert kinds["referral"] == store.count("referral") > 0
        persons = list(store.rows("person"))
    assert all(SAMPLE_MARK in person["notes"] for person in persons)

    folder = tmp_path / "csv"
    exported = run_desk(data_dir, "export", "--format", "csv", "--out", folder)
    assert exported.returncode == 0, exported.stderr
    with (folder / "persone.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file, delimiter=";"))
    assert len(rows) == len(persons)

    checked = run_desk(data_dir, "check")
    assert checked.returncode == 0, checked.stderr


def test_config_command_reads_a_preconfigured_install(data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    (data_dir / "wpt-desk.toml").write_text(
        '[server]\nurl = "https://wpt.example.it/"\nnetwork = "Rete WPT Canavese"\nca_cert = "ca.pem"\n',
        encoding="utf-8",
    )

    result = run_desk(data_dir, "config")

    assert result.returncode == 0, result.stderr
    assert "server.url = https://wpt.example.it\n" in result.stdout
    assert "server.network = Rete WPT Canavese\n" in result.stdout
    assert f"server.ca_cert = {(data_dir / 'ca.pem').resolve()}\n" in result.stdout


def test_configuration_is_looked_for_in_the_data_folder_then_beside_the_executable(data_dir: Path) -> None:
    result = run_desk(data_dir, "config")

    exe = frozen_exe()
    searched = [data_dir / "wpt-desk.toml"] + ([exe.resolve().parent / "wpt-desk.toml"] if exe else [])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Nessun file wpt-desk.toml: cercato in {', '.join(map(str, searched))}."


@pytest.mark.skipif(frozen_exe() is None or not sys.platform.startswith("linux"),
                    reason="measures the Linux bundle (make test-dist)")
def test_the_unpacked_linux_bundle_stays_under_150_mb() -> None:
    exe = frozen_exe()
    assert exe is not None
    folder = exe.resolve().parent
    size = sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())

    assert size < 150 * 1024 * 1024, f"{folder} is {size / 1048576:.0f} MB unpacked"


@pytest.mark.skipif(frozen_exe() is None, reason="needs the bundle's executable (make test-dist)")
def test_the_bundle_reads_a_configuration_placed_beside_its_executable(data_dir: Path, tmp_path: Path) -> None:
    exe = frozen_exe()
    assert exe is not None
    installed = tmp_path / "installed"  # an install: a copy of the executable beside the bundle's libraries
    installed.mkdir()
    shutil.copy2(exe, installed / exe.name)
    (installed / "_internal").symlink_to(exe.resolve().parent / "_internal", target_is_directory=True)
    (installed / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")
    (installed / "wpt-desk.toml").write_text('[server]\nurl = "https://wpt.example.it"\nca_cert = "ca.pem"\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("WPT_DATA_DIR", None)

    shown = subprocess.run([installed / exe.name, "--data-dir", data_dir, "config"],
                           capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    checked = subprocess.run([installed / exe.name, "--data-dir", data_dir, "self-test"],
                             capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)

    assert shown.returncode == 0, shown.stderr
    assert f"Configurazione letta da {installed.resolve() / 'wpt-desk.toml'}" in shown.stdout
    assert f"server.ca_cert = {installed.resolve() / 'ca.pem'}" in shown.stdout
    assert checked.returncode == 0, checked.stderr
    assert f"{installed.resolve() / 'wpt-desk.toml'} valido (https://wpt.example.it)" in checked.stdout


@pytest.mark.skipif(frozen_exe() is None, reason="needs the bundle's executable (make test-dist)")
def test_the_bundle_ships_the_interface_catalogues_and_qt_own_in_each_language() -> None:
    exe = frozen_exe()
    assert exe is not None
    names = {path.name for path in exe.resolve().parent.rglob("*.qm")}
    assert {"wpt_desk_en.qm", "wpt_desk_it.qm", "qtbase_en.qm", "qtbase_it.qm"} <= names


def test_the_first_window_imports_none_of_what_it_does_not_need(data_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    open_desk(data_dir).close()  # a set-up desk: the first window is the login
    monkeypatch.setenv("WPT_STARTUP_PROBE", "modules")

    result = run_desk(data_dir)

    assert result.returncode == 0, result.stderr
    listed = [line for line in result.stdout.splitlines() if line.startswith("startup-probe: modules ")]
    assert len(listed) == 1, result.stdout
    modules = set(listed[0].removeprefix("startup-probe: modules ").split())
    assert {"ui.login", "PySide6.QtWidgets"} <= modules  # the login, shown
    assert sorted(m for m in modules if m in DEFERRED or m.startswith(tuple(f"{d}." for d in DEFERRED))) == []
