"""The crash campaign, short (``make test``): 10 desk kills and 2 server kills; ``make test-crash`` runs the
long one (marker ``crash``) and prints its figures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.crash.harness import run_campaign


def test_ten_kills_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    figures = run_campaign(tmp_path, kills=10, server_kills=2, seed=20261201)
    print(figures.report())
    assert figures.total_kills >= 10
    assert figures.failures == 0, figures.report()
    assert not figures.problems, figures.report()


@pytest.mark.crash
def test_a_hundred_kills_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    kills = int(os.environ.get("WPT_CRASH_KILLS", "100"))
    server_kills = int(os.environ.get("WPT_CRASH_SERVER_KILLS", "20"))
    figures = run_campaign(tmp_path, kills=kills, server_kills=server_kills,
                           seed=int(os.environ.get("WPT_CRASH_SEED", "12")))
    print(figures.report())
    assert figures.total_kills >= kills
    assert figures.failures == 0, figures.report()
    assert not figures.problems, figures.report()
