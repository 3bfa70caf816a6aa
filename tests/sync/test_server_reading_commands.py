"""The server's reading commands never create a server where there is none (a mistyped --data-dir)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.server.cli import main

REPORT = ["report", "--all-networks", "--from", "2026-01-01", "--to", "2026-06-30"]


@pytest.mark.parametrize("command", [["gdpr", "report"], REPORT, ["audit"], ["desks"], ["events"]])
def test_a_reading_command_on_a_missing_folder_says_so_and_creates_nothing(
        tmp_path: Path, command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("WPT_SERVER_DATABASE", raising=False)
    missing = tmp_path / "srv" / "wpt"
    assert main([*command, "--data-dir", str(missing)]) == 2
    err = capsys.readouterr().err
    assert "non esiste" in err and err.count("\n") == 1
    assert not missing.exists() and not missing.parent.exists()
