"""``wpt-desk enroll`` on a pre-configured install: the server comes from wpt-desk.toml."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.cli import wpt_desk
from tests.helpers.sync_server import RunningServer


def test_enroll_takes_the_server_from_the_config_file(server: RunningServer, tmp_path: Path) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "wpt-desk.toml").write_text(f'[server]\nurl = "{server.url}"\n', encoding="utf-8")
    code = server.engine().create_enrollment("Sportello di Balme", "valli-di-lanzo")
    enrolled = wpt_desk(desk, "enroll", "--code", code)
    assert enrolled.returncode == 0, enrolled.stderr
    assert "valli-di-lanzo" in enrolled.stdout
    synced = wpt_desk(desk, "sync")
    assert synced.returncode == 0, synced.stderr


def test_enroll_without_any_server_says_where_to_put_it(tmp_path: Path) -> None:
    result = wpt_desk(tmp_path / "desk", "enroll", "--code", "ABCD")
    assert result.returncode == 2
    assert "server.url" in result.stderr and "Traceback" not in result.stderr
