"""``wpt-server`` without the ``server`` extra (no FastAPI, no uvicorn): ``serve`` names the extra to
install in one sentence, the desk-management commands still work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Run in a fresh interpreter where the web stack cannot be imported, as in an install without the extra.
WITHOUT_WEB_STACK = (
    "import sys; sys.modules.update({name: None for name in %r}); "
    "from sync.server.cli import main; sys.exit(main(sys.argv[1:]))"
)


def wpt_server_without(modules: tuple[str, ...], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_WEB_STACK % (modules,), *map(str, args)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


@pytest.mark.parametrize("missing", [("uvicorn",), ("fastapi", "starlette")])
def test_serve_names_the_extra_to_install_and_exits_2(tmp_path: Path, missing: tuple[str, ...]) -> None:
    result = wpt_server_without(missing, "serve", "--data-dir", tmp_path / "server", "--port", "1")

    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("wpt-server: Per avviare il server manca il modulo ")
    assert missing[0] in line and 'pip install "wpt-desk[server]"' in line
    assert not (tmp_path / "server").exists()


def test_the_desk_commands_need_no_web_stack(tmp_path: Path) -> None:
    data = tmp_path / "server"
    web = ("fastapi", "starlette", "uvicorn")

    enrolled = wpt_server_without(web, "enroll-desk", "--data-dir", data, "--name", "Susa", "--network", "valli")
    listed = wpt_server_without(web, "desks", "--data-dir", data)
    revoked = wpt_server_without(web, "revoke-desk", "--data-dir", data, "Susa")

    assert enrolled.returncode == 0, enrolled.stderr
    assert listed.returncode == 0 and "Susa" in listed.stdout, listed.stderr
    assert revoked.returncode == 0, revoked.stderr
