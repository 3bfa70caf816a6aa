"""The package installs as documented: a wheel built from this tree, in fresh virtualenvs.

``make test-wheel`` runs these (marker ``wheel``; ``make test`` leaves them out): one wheel is built
from a copy of the tree, then installed with ``pip install "<wheel>[server]"`` in one new virtualenv
and without the extra in another. Both installs come from the package index (pip's cache helps).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.wheel

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = "Scripts" if os.name == "nt" else "bin"
# Not copied to the build folder: caches and virtualenvs, and at the top the earlier build output
# (a stale build/lib would slip deleted modules into the wheel) and a local data folder.
CACHES = {".git", ".venv", "venv", "__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache", ".hypothesis"}
TOP_LEVEL_OUTPUT = {"build", "dist", "data"}
# What build.spec leaves out of resources/ too.
NOT_SHIPPED = {".ts", ".py", ".pyc"}


def _not_sources(folder: str, names: list[str]) -> set[str]:
    top = Path(folder) == ROOT
    return {
        name for name in names
        if name in CACHES or name.endswith((".egg-info", ".pyc")) or (top and name in TOP_LEVEL_OUTPUT)
    }


def _env() -> dict[str, str]:
    """This environment without anything pointing at the source tree or the dev virtualenv."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV"}}
    return {**env, "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def _run(*command: str | Path, cwd: Path, timeout: float = 300,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, encoding="utf-8",
        env={**_env(), **(env or {})}, cwd=cwd, timeout=timeout,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, f"{result.args}\n{result.stdout}\n{result.stderr}"
    return result


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("wheel")


@pytest.fixture(scope="module")
def wheel(work: Path) -> Path:
    source = work / "source"
    shutil.copytree(ROOT, source, ignore=_not_sources)
    _ok(_run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", work / "wheels", source,
             cwd=work, timeout=600))
    [built] = (work / "wheels").glob("wpt_desk-*.whl")
    return built


def _venv(work: Path, name: str, requirement: str) -> Path:
    """A fresh virtualenv (no system site-packages) with ``requirement`` installed; its bin folder."""
    folder = work / name
    _ok(_run(sys.executable, "-m", "venv", folder, cwd=work))
    _ok(_run(folder / BIN / "python", "-m", "pip", "install", "--quiet", requirement, cwd=work, timeout=900))
    return folder / BIN


@pytest.fixture(scope="module")
def with_server(wheel: Path, work: Path) -> Path:
    return _venv(work, "venv-server", f"{wheel}[server]")


@pytest.fixture(scope="module")
def without_server(wheel: Path, work: Path) -> Path:
    return _venv(work, "venv-desk", str(wheel))


def test_the_wheel_ships_the_resources_inside_the_desktop_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    resources = {
        path.relative_to(ROOT).as_posix() for path in (ROOT / "resources").rglob("*")
        if path.is_file() and path.suffix not in NOT_SHIPPED
    }
    modules = {
        path.relative_to(ROOT).as_posix() for top in ("desktop", "ui", "sync") for path in (ROOT / top).rglob("*.py")
    }

    assert {f"desktop/{name}" for name in resources} <= names
    assert modules <= names
    assert not any(name.startswith("resources/") for name in names)  # no top-level "resources" package


def test_the_installed_program_demo_and_export_work(with_server: Path, work: Path, tmp_path: Path) -> None:
    python = with_server / "python"
    found = _ok(_run(python, "-c", "import desktop.paths as p; print(p.resources_dir())", cwd=tmp_path))
    resources = Path(found.stdout.strip())
    assert resources.is_relative_to(with_server.parent.resolve()) and (resources / "catalog_sample.json").is_file()

    data, out = tmp_path / "desk", tmp_path / "export.jsonl"
    demo = _ok(_run(with_server / "wpt-desk", "--data-dir", data, "demo", "--persons", "5", cwd=tmp_path))
    assert "5 persone" in demo.stdout
    # A new folder becomes a demo desk: the last line names its operator and password, as a newcomer reads it.
    password = demo.stdout.strip().splitlines()[-1].rsplit(" ", 1)[-1]
    assert "«demo»" in demo.stdout and password
    _ok(_run(with_server / "wpt-desk", "--data-dir", data, "--operator", "demo", "export", "--format", "jsonl",
             "--out", out, cwd=tmp_path, env={"WPT_PASSWORD": password}))

    kinds = Counter(json.loads(line)["type"] for line in out.read_text(encoding="utf-8").splitlines())
    assert kinds["person"] == 5
    assert kinds["referral"] > 0


def test_the_installed_server_answers_its_health_check(with_server: Path, tmp_path: Path) -> None:
    port = _free_port()
    url = f"http://127.0.0.1:{port}/v1/health"
    process = subprocess.Popen(
        [str(with_server / "wpt-server"), "serve", "--data-dir", str(tmp_path / "server"), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=_env(), cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # bounded: the server answers, exits or the deadline passes
            try:
                if httpx.get(url, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"wpt-server serve did not answer on {url}: {process.communicate()[1]}")
            time.sleep(0.1)
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stderr:
            process.stderr.close()


def test_without_the_extra_serve_names_it_and_the_rest_works(without_server: Path, tmp_path: Path) -> None:
    server = tmp_path / "server"
    served = _run(without_server / "wpt-server", "serve", "--data-dir", server, "--port", str(_free_port()),
                  cwd=tmp_path)

    assert served.returncode == 2
    assert 'pip install "wpt-desk[server]"' in served.stderr
    assert len(served.stderr.splitlines()) == 1 and "Traceback" not in served.stderr
    assert _run(without_server / "python", "-c", "import fastapi", cwd=tmp_path).returncode != 0

    _ok(_run(without_server / "wpt-server", "enroll-desk", "--data-dir", server, "--name", "Susa",
             "--network", "valli", cwd=tmp_path))
    assert "Susa" in _ok(_run(without_server / "wpt-server", "desks", "--data-dir", server, cwd=tmp_path)).stdout
    assert _ok(_run(without_server / "wpt-desk", "--version", cwd=tmp_path)).stdout.startswith("wpt-desk ")
