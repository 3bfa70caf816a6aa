"""Crash safety, proven: real ``wpt-desk`` processes killed with SIGKILL at random points during import,
save (``wpt-desk demo``, the operations' writes), sync against a real ``wpt-server`` process on loopback,
and backup; then the server process killed during pushes.

After each kill ``wpt-desk check`` must pass and a backup file under its own name must be sound. At the end,
after clean syncs: every record the server holds (acknowledged) is on the desk with the same values,
every record of the desk is on the server, no change is logged twice on the server, and no imported person
exists twice on the desk.

``python -m tests.crash.harness --kills 100 --server-kills 20`` (``make test-crash``) prints the figures;
``tests/crash/test_crash.py`` runs a short campaign in ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from desktop.storage.backups import check_backup
from desktop.sync.client import SyncClient
from sync.audit import ACCESS_ENTITY
from tests.helpers.desks import cli_env, database_key, open_desk
from tests.helpers.server_process import ServerProcess

ACTIONS = ("import", "save", "sync", "backup")
IMPORT_ROWS = 300


@dataclass
class Figures:
    kills: Counter[str] = field(default_factory=Counter)
    finished_before_kill: int = 0
    server_kills: int = 0
    corrupt_databases: int = 0
    corrupt_backups: int = 0
    lost_acknowledged: int = 0
    missing_on_server: int = 0
    different_values: int = 0
    duplicated_changes: int = 0
    duplicated_persons: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def total_kills(self) -> int:
        return sum(self.kills.values())

    @property
    def failures(self) -> int:
        return (self.corrupt_databases + self.corrupt_backups + self.lost_acknowledged + self.missing_on_server
                + self.different_values + self.duplicated_changes + self.duplicated_persons)

    def report(self) -> str:
        by_action = ", ".join(f"{a} {self.kills[a]}" for a in ACTIONS)
        return "\n".join([
            f"desk processes killed (SIGKILL): {self.total_kills} ({by_action}); "
            f"runs that ended before their kill: {self.finished_before_kill}",
            f"server processes killed during pushes: {self.server_kills}",
            f"corrupt databases: {self.corrupt_databases} (floor 0)",
            f"corrupt backups: {self.corrupt_backups} (floor 0)",
            f"acknowledged changes lost: {self.lost_acknowledged} (floor 0)",
            f"desk records missing on the server: {self.missing_on_server} (floor 0)",
            f"records with different values on desk and server: {self.different_values} (floor 0)",
            f"changes applied twice on the server: {self.duplicated_changes} (floor 0)",
            f"imported persons present twice on the desk: {self.duplicated_persons} (floor 0)",
            *(f"problem: {p}" for p in self.problems[:10]),
        ])


def _free_port() -> int:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return int(sock.getsockname()[1])


class Campaign:
    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.desk = root / "desk"
        self.server_dir = root / "server"
        self.port = _free_port()
        self.figures = Figures()
        self.durations: dict[str, float] = {}
        self.imports = 0
        self.backup_file = root / "copia-notturna.db"
        self.server: ServerProcess | None = None

    # -- processes -------------------------------------------------------------------------------

    def _env(self, args: tuple[str, ...]) -> dict[str, str]:
        env = {**os.environ, "PYTHONIOENCODING": "utf-8", **cli_env(self.desk, args)}
        env.pop("WPT_DATA_DIR", None)
        return env

    def _start(self, *args: str) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "desktop", "--data-dir", str(self.desk), *args],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=self._env(args))

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "desktop", "--data-dir", str(self.desk), *args],
                              capture_output=True, text=True, env=self._env(args), timeout=600)

    def start_server(self) -> None:
        server = ServerProcess(self.server_dir)
        server.port, server.url = self.port, f"http://127.0.0.1:{self.port}"
        self.server = server.__enter__()

    def kill_server(self) -> None:
        assert self.server is not None
        self.server.kill()
        self.server = None

    def stop_server(self) -> None:
        if self.server is not None:
            self.server.__exit__(None, None, None)
            self.server = None

    # -- the desk's work -------------------------------------------------------------------------

    def _args(self, action: str) -> tuple[str, ...]:
        if action == "import":
            self.imports += 1
            path = self.root / f"import-{self.imports}.csv"
            rows = [f"Crash{self.imports}x{i},Ada,Via Roma {i}" for i in range(IMPORT_ROWS)]
            path.write_text("cognome,nome,indirizzo\n" + "\n".join(rows) + "\n", encoding="utf-8")
            return ("import", "persons", str(path))
        if action == "save":
            return ("demo", "--persons", "15", "--seed", str(self.rng.randrange(10**6)))
        if action == "sync":
            return ("sync",)
        return ("backup", "--overwrite", str(self.backup_file))  # one name, replaced each time

    def calibrate(self) -> None:
        """How long each action takes when not killed (the kill points are drawn within it)."""
        for action in ("save", "import", "sync", "backup", "sync"):
            started = time.monotonic()
            result = self._run(*self._args(action))
            self.durations[action] = time.monotonic() - started
            if result.returncode not in (0, 1):
                raise RuntimeError(f"{action} failed before any kill: {result.stderr.strip()}")

    def kill_desk_once(self, action: str) -> None:
        args = self._args(action)
        process = self._start(*args)
        time.sleep(self.rng.uniform(0.15, 1.0) * self.durations[action])  # the random kill point
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            self.figures.kills[action] += 1
        else:
            self.figures.finished_before_kill += 1
        process.wait()
        if process.stderr:
            process.stderr.close()
        self.check_desk(f"after {action}")

    def check_desk(self, when: str) -> None:
        result = self._run("check")
        if result.returncode != 0:
            self.figures.corrupt_databases += 1
            self.figures.problems.append(f"check {when}: {result.stderr.strip()[:200]}")
        if self.backup_file.exists() and not check_backup(self.backup_file, database_key(self.desk)).sound:
            self.figures.corrupt_backups += 1
            self.figures.problems.append(f"backup {when} not sound")

    def kill_server_during_push(self) -> None:
        """New work on the desk, then a sync whose server is killed at a random point of it."""
        self._run(*self._args("save"))
        process = self._start("sync")
        time.sleep(self.rng.uniform(0.3, 1.0) * self.durations["sync"])
        self.kill_server()
        self.figures.server_kills += 1
        process.wait()
        if process.stderr:
            process.stderr.close()
        self.start_server()
        self.check_desk("after a server kill")

    # -- the end ---------------------------------------------------------------------------------

    def settle(self) -> None:
        """Clean syncs until nothing is pending, then compare the desk with the server."""
        for _ in range(5):
            result = self._run("sync")
            if result.returncode in (0, 1) and "ricevute: 0;" in result.stdout:
                break
        self.check_desk("at the end")
        with open_desk(self.desk) as store:
            desk_rows = {r["id"]: (r["last_name"], r["first_name"], r["address"], r["deleted"])
                         for r in store.query("SELECT id, last_name, first_name, address, deleted FROM persons")}
            network = store.setting("sync_network")
            # The logins of the commands above are on the access log, queued: not a change of records.
            pending = store.scalar("SELECT count(*) FROM outbox WHERE entity != ?", (ACCESS_ENTITY,))
            names = Counter((r["last_name"], r["first_name"]) for r in store.query(
                "SELECT last_name, first_name FROM persons WHERE last_name LIKE 'Crash%'"))
        if pending:
            self.figures.problems.append(f"{pending} changes still pending after the clean syncs")
        with sqlite3.connect(self.server_dir / "wpt-server.db") as conn:
            server_rows = {row_id: json.loads(data) for row_id, data in conn.execute(
                "SELECT row_id, data FROM rows WHERE network = ? AND entity = 'person'", (network,))}
            self.figures.duplicated_changes = int(conn.execute(
                "SELECT count(*) FROM (SELECT json_extract(change, '$.change_id') AS c FROM change_log "
                "WHERE source_desk IS NOT NULL GROUP BY c HAVING count(*) > 1)").fetchone()[0])
        self.figures.lost_acknowledged = len(set(server_rows) - set(desk_rows))
        self.figures.missing_on_server = len(set(desk_rows) - set(server_rows))
        for row_id in set(server_rows) & set(desk_rows):
            data = server_rows[row_id]
            if (data.get("last_name"), data.get("first_name"), data.get("address", ""),
                    int(data.get("deleted", 0))) != desk_rows[row_id]:
                self.figures.different_values += 1
        self.figures.duplicated_persons = sum(n - 1 for n in names.values() if n > 1)


def run_campaign(root: Path, *, kills: int, server_kills: int, seed: int = 12) -> Figures:
    campaign = Campaign(root, seed)
    campaign.start_server()
    try:
        with open_desk(campaign.desk) as store:
            assert campaign.server is not None
            code = campaign.server.engine().create_enrollment("Crash", "valle-crash")
            SyncClient(store, server=campaign.server.url, timeout=10).enroll(code)
        campaign.calibrate()
        while campaign.figures.total_kills < kills:
            campaign.kill_desk_once(campaign.rng.choice(ACTIONS))
        for _ in range(server_kills):
            campaign.kill_server_during_push()
        campaign.settle()
    finally:
        campaign.stop_server()
    return campaign.figures


def main() -> int:
    import tempfile

    parser = argparse.ArgumentParser(description="kill -9 campaign against wpt-desk and wpt-server")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--server-kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="wpt-crash-") as tmp:
        started = time.monotonic()
        figures = run_campaign(Path(tmp), kills=args.kills, server_kills=args.server_kills, seed=args.seed)
        print(f"seed {args.seed}, {time.monotonic() - started:.0f} s")
        print(figures.report())
    return 1 if figures.failures or figures.total_kills < args.kills else 0


if __name__ == "__main__":
    sys.exit(main())
