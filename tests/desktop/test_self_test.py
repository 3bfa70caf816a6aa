"""The core half of the self-test, in process: every core check passes on a fresh database, and the
run stops at the first failure with its reason."""

from __future__ import annotations

import io
from pathlib import Path

from desktop.self_test import CORE_CHECKS, FINAL_CHECKS, CheckFailed, SelfTest, run_checks, self_test_session


def test_core_checks_pass_in_a_temporary_folder_that_is_removed(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    data_dir = tmp_path / "desk"

    with self_test_session(data_dir) as test:
        passed = run_checks(test, [*CORE_CHECKS, *FINAL_CHECKS], out, err)
        folder = test.folder
        assert test.referral_id is not None

    assert passed, err.getvalue()
    lines = [line for line in out.getvalue().splitlines() if line.startswith("OK")]
    assert len(lines) == len(CORE_CHECKS) + len(FINAL_CHECKS)
    assert not folder.exists()
    assert not data_dir.exists()


def test_the_run_stops_at_the_first_failure_with_its_reason(tmp_path: Path) -> None:
    ran: list[str] = []

    def failing(test: SelfTest) -> str:
        ran.append("failing")
        raise CheckFailed("manca qualcosa")

    def after(test: SelfTest) -> str:
        ran.append("after")
        return "mai eseguito"

    out, err = io.StringIO(), io.StringIO()
    with self_test_session(tmp_path) as test:
        passed = run_checks(test, [("Primo", failing), ("Secondo", after)], out, err)

    assert not passed
    assert ran == ["failing"]
    assert err.getvalue().splitlines()[0] == "ERRORE  Primo: manca qualcosa"
    assert "Secondo" not in out.getvalue()
