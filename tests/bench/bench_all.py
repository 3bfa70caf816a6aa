"""`make bench`: every figure of issue 16 beside its floor, measured in the same run, in one table.

Each line is the desk's figure, the floor (the same work done the plainest way on this machine), their
ratio oriented so that the goal reads «ratio ≤ goal» or «ratio ≥ goal», and whether it is met:

- import: persons per second of ``import_persons`` (validation, stamps, outbox, access log, FTS) on an
  encrypted desk against sqlite-utils' ``insert_all`` of the same parsed rows plus an FTS index on a
  plain file (goal ≥ 0.5×); re-import of the unchanged file against the first import (goal ≥ 5×);
- export: JSONL records per second, streaming (goal ≥ 100,000/s, against a fixed floor);
- search: the persons list's first page for the typed words (the window's query, ``FIRST_PAGE`` rows)
  against the raw FTS5 MATCH of the rowids it is chosen from, on the same encrypted connection (goal
  ≤ 1.5×); and against the
  plain statement that joins the matches to their persons and sorts them (the nearest floor doing the
  list's work: the raw MATCH returns unsorted rowids);
- start: ``python -m desktop`` to its first window (the login) on a desk holding the persons, against a
  bare PySide6 dialog in the same interpreter: time (goal ≤ 1.3×) and peak memory (goal ≤ 1.5×);
- size: the desk file after a full sync (with a server on loopback: the outbox is dropped once
  acknowledged) against a plain table of the same person columns plus its FTS index (goal ≤ 2×);
- encrypted vs plain: the import, the synced size, the export and three searches on the (SQLCipher)
  desk against the same work on its unencrypted copy (``sqlcipher_export``, opened unkeyed on the same
  SQLite with the same page cache; goal ≤ 1.5×). The start is not among them: the first window (the
  login) opens no database.

Sizes are arguments: ``python -m tests.bench.bench_all [--import-rows N] [--persons N] [--runs N]``;
the defaults finish in a few minutes on 2 cores. ``--search-only``: the search lines alone, each the
fastest of its runs (on a loaded machine, the run least disturbed). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import sqlite_utils

from desktop.queries.keyset import FIRST_PAGE, PageRequest, fetch_page
from desktop.queries.persons import PERSONS, fts_match, search_filter
from desktop.services.demo import _person
from desktop.services.export import write_jsonl
from desktop.services.person_import import COLUMNS, import_persons
from desktop.storage.store import Store
from tests.bench.bench_ui import fill_fast
from tests.helpers.desks import ADMIN, PASSWORD, open_desk

PROBE_LINE = "startup-probe: window shown"
# The start's floor: a bare PySide6 dialog, run by the same interpreter (make bench-startup freezes it).
BARE_WINDOW = Path(__file__).resolve().parents[2] / "packaging" / "bare_window.py"


@dataclass
class Line:
    name: str
    figure: str
    floor: str
    ratio: float
    goal: float
    at_least: bool  # the goal is ratio >= goal (else ratio <= goal)

    def met(self) -> bool:
        return self.ratio >= self.goal if self.at_least else self.ratio <= self.goal


def _timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _median(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(_timed(fn) for _ in range(runs))


def _csv_text(count: int) -> str:
    rng = random.Random(16)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(COLUMNS)
    for index in range(count):
        p = _person(rng, index)
        born = p.birth_date.isoformat() if p.birth_date else ""
        writer.writerow([p.fiscal_code or "", p.last_name, p.first_name, born, p.sex or "",
                         p.municipality_code or "", p.address, p.phone, p.email])
    return out.getvalue()


def _sqlite_utils_floor(text: str, path: Path) -> float:
    """Parse the CSV and insert its rows with sqlite-utils plus an FTS index: the import's floor."""
    def run() -> None:
        db = sqlite_utils.Database(path)
        rows = csv.DictReader(io.StringIO(text), delimiter=";")
        db["persons"].insert_all(({"id": i, **row} for i, row in enumerate(rows)), pk="id", batch_size=1000)
        db["persons"].enable_fts(["cognome", "nome", "codice_fiscale", "telefono"], create_triggers=True)
        db.close()
    return _timed(run)


def _fresh_import(folder: Path, csv_path: Path) -> tuple[float, float, Store]:
    from desktop.domain import fiscal_code

    fiscal_code._decode.cache_clear()  # the CSV's codes were computed (so remembered) by this process
    store = open_desk(folder)
    first = _timed(lambda: import_persons(store, csv_path))
    again = _timed(lambda: import_persons(store, csv_path))
    return first, again, store


def _plain_size(store: Store, path: Path) -> int:
    """A plain table of the persons' own columns (no stamps, no sync tables) with its FTS index."""
    columns = [c["name"] for c in store.query("SELECT name FROM pragma_table_info('persons')")
               if c["name"] not in ("clocks", "seq")]
    rows = store.query(f"SELECT {', '.join(columns)} FROM persons")
    db = sqlite_utils.Database(path)
    db["persons"].insert_all(rows, pk="id", batch_size=1000)
    db["persons"].enable_fts(["last_name", "first_name", "fiscal_code", "phone"], create_triggers=True)
    db.execute("VACUUM")
    db.close()
    return path.stat().st_size


def _plain_copy(store: Store, path: Path) -> Store:
    """The desk's database unencrypted (``sqlcipher_export``), opened as :mod:`tests.bench.bench_encryption`
    opens it (same SQLite, same page cache), its operator signed in: the encryption lines' floor."""
    from tests.bench.bench_encryption import _plain, export_plain

    store.read(lambda conn: export_plain(conn, path))
    plain = _plain(path)
    if store.operator is not None:
        plain.sign_in(store.operator)
    return plain


def _plain_import(folder: Path, csv_path: Path) -> float:
    """The first import of the CSV into an empty desk unencrypted."""
    from desktop.domain import fiscal_code

    with open_desk(folder) as empty:
        plain = _plain_copy(empty, folder / "plain.db")
    fiscal_code._decode.cache_clear()
    try:
        return _timed(lambda: import_persons(plain, csv_path))
    finally:
        plain.close()


def _sync_all(store: Store, server_dir: Path) -> None:
    """A full sync with a server on loopback: what the outbox held is acknowledged, so dropped."""
    from tests.helpers.sync_server import RunningServer

    with RunningServer(server_dir) as server:
        client = server.enroll(store, "bench", "bench")
        for _ in range(100):
            client.sync()
            if not store.scalar("SELECT count(*) FROM outbox"):
                break


def _desk_size(store: Store) -> int:
    """Bytes of the desk file's pages in use (the free pages a dropped outbox leaves are reused)."""
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages, free, size = (int(store.scalar(f"PRAGMA {p}")) for p in ("page_count", "freelist_count", "page_size"))
    return (pages - free) * size


# The persons list's first page by surname for typed words in one plain statement: the matches joined
# to their persons and sorted by name, as SQLite plans it (the nearest floor that does the list's work).
_SORTED_MATCHES = (
    "SELECT p.id, p.seq, p.last_name, p.first_name, p.fiscal_code, p.birth_date, p.municipality_code, p.phone "
    "FROM persons_fts JOIN persons p ON p.seq = persons_fts.rowid WHERE persons_fts MATCH ? AND p.deleted = 0 "
    f"ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE, p.seq LIMIT {FIRST_PAGE}"
)


# A search takes a millisecond or two: each figure is the median of this many times --runs, the three
# statements run in turn so that the other load of the machine falls on each alike.
_SEARCH_REPEATS = 10


def _interleaved(fns: tuple[Callable[[], object], ...], runs: int, pick: Callable[[list[float]], float]) -> list[float]:
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for fn, seconds in zip(fns, times, strict=True):
            seconds.append(_timed(fn))
    return [pick(seconds) for seconds in times]


def _search_lines(store: Store, runs: int, pick: Callable[[list[float]], float] = statistics.median) -> list[Line]:
    """The persons list's first page for typed words (the query the window runs) against the raw FTS5
    MATCH giving the rowids that page is chosen from, on the same (encrypted) connection; then the same
    page against the plain statement that sorts the matches (:data:`_SORTED_MATCHES`): the raw MATCH
    neither reads the persons nor sorts them, which is most of the page's work for a few hundred."""
    surname = store.scalar("SELECT last_name FROM persons ORDER BY seq LIMIT 1")
    sort = next(iter(PERSONS.sorts))
    lines, sorted_lines = [], []
    for typed in (surname[:1], surname[:2], surname[:3], surname, f"{surname} {surname[:1]}"):
        match = fts_match(typed)
        page = PageRequest(sort=sort, filters=(search_filter(typed),), limit=FIRST_PAGE)  # as the window asks
        raw, ours, plain = _interleaved((
            partial(store.query, "SELECT rowid FROM persons_fts WHERE persons_fts MATCH ?", (match,)),
            partial(fetch_page, store, PERSONS, page),
            partial(store.query, _SORTED_MATCHES, (match,)),
        ), runs * _SEARCH_REPEATS, pick)
        lines.append(Line(f"search {typed!r}", f"{ours * 1000:.1f} ms", f"{raw * 1000:.1f} ms",
                          ours / max(raw, 1e-9), 1.5, False))
        sorted_lines.append(Line(f"search {typed!r} vs sorted join", f"{ours * 1000:.1f} ms",
                                 f"{plain * 1000:.1f} ms", ours / max(plain, 1e-9), 1.5, False))
    return lines + sorted_lines


def _encrypted_search_lines(store: Store, plain: Store, runs: int) -> list[Line]:
    """The persons list's first page for typed words on the encrypted desk against its plain copy (both
    warm: each connection has read the list's pages once, as the app's login warm-up does)."""
    from desktop.queries.persons import warm_up

    surname = store.scalar("SELECT last_name FROM persons ORDER BY seq LIMIT 1")
    warm_up(store)
    warm_up(plain)
    lines = []
    for typed in (surname[:1], surname[:3], f"{surname} {surname[:1]}"):
        page = PageRequest(sort=next(iter(PERSONS.sorts)), filters=(search_filter(typed),), limit=FIRST_PAGE)
        ours, floor = _interleaved(
            (partial(fetch_page, store, PERSONS, page), partial(fetch_page, plain, PERSONS, page)),
            runs * _SEARCH_REPEATS, statistics.median)
        lines.append(Line(f"search {typed!r}: encrypted vs plain", f"{ours * 1000:.1f} ms", f"{floor * 1000:.1f} ms",
                          ours / max(floor, 1e-9), 1.5, False))
    return lines


def _launch(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds to the probe line and the peak memory (KiB) of one start.

    The peak is read by GNU time where there is one: a child forked from this (large) process would
    count this process's memory in its own peak.
    """
    report = Path(tempfile.mkstemp(prefix="wpt-bench-rss-")[1])
    if Path("/usr/bin/time").exists():
        command = ["/usr/bin/time", "-f", "%M", "-o", str(report), *command]
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                               env=environment)
    assert process.stdout is not None
    elapsed = None
    for line in process.stdout:
        if line.strip() == PROBE_LINE and elapsed is None:
            elapsed = time.perf_counter() - started
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if elapsed is None:
        raise SystemExit(f"{' '.join(command)} exited without showing its window")
    measured = report.read_text().strip().splitlines()
    report.unlink()
    return elapsed, int(measured[-1]) if measured else usage.ru_maxrss


_START_LAUNCHES = 15


def _startup_lines(folder: Path, runs: int) -> list[Line]:
    """Both programs start from compiled bytecode, as an installed one does (the wheel's and the frozen
    bundle's modules are compiled): the first, unmeasured start writes it to a folder of its own (a
    shell with PYTHONDONTWRITEBYTECODE would otherwise compile every module of ours at each start)."""
    app = [sys.executable, "-m", "desktop"]
    bare = [sys.executable, str(BARE_WINDOW)]
    bytecode = {"PYTHONPYCACHEPREFIX": str(folder.parent / "bytecode")}
    env = {"WPT_STARTUP_PROBE": "1", "WPT_DATA_DIR": str(folder), **bytecode}
    _launch(app, env), _launch(bare, bytecode)  # compile, and warm the file cache
    ours, floor = [], []
    for _ in range(runs):
        ours.append(_launch(app, env))
        floor.append(_launch(bare, bytecode))
    t_ours, t_floor = (statistics.median(s for s, _ in x) for x in (ours, floor))
    m_ours, m_floor = (statistics.median(m for _, m in x) for x in (ours, floor))
    return [
        Line("start to first window", f"{t_ours * 1000:.0f} ms", f"{t_floor * 1000:.0f} ms", t_ours / t_floor, 1.3,
             False),
        Line("start: peak memory", f"{m_ours / 1024:.0f} MB", f"{m_floor / 1024:.0f} MB", m_ours / m_floor, 1.5, False),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--import-rows", type=int, default=5_000, help="rows of the imported CSV")
    parser.add_argument("--persons", type=int, default=100_000, help="persons in the desk for search and start")
    parser.add_argument("--runs", type=int, default=5, help="runs per timed figure (median)")
    parser.add_argument("--search-only", action="store_true",
                        help="the search lines alone (the desk built as for all of them), each figure the fastest "
                             "of its runs: on a loaded machine, the run least disturbed")
    args = parser.parse_args(argv)
    lines: list[Line] = []
    os.environ.setdefault("WPT_OPERATOR", ADMIN)
    os.environ.setdefault("WPT_PASSWORD", PASSWORD)
    with tempfile.TemporaryDirectory(prefix="wpt-bench-") as tmp_name:
        tmp = Path(tmp_name)
        if args.search_only:
            _search_only(tmp, args.import_rows, args.persons, args.runs)
            return 0
        text = _csv_text(args.import_rows)
        csv_path = tmp / "persone.csv"
        csv_path.write_text(text, encoding="utf-8")
        floor = _sqlite_utils_floor(text, tmp / "floor.db")
        first, again, store = _fresh_import(tmp / "desk", csv_path)
        n = args.import_rows
        lines.append(Line(f"import {n} persons (CSV)", f"{n / first:,.0f}/s", f"{n / floor:,.0f}/s",
                          floor / first, 0.5, True))
        lines.append(Line("re-import unchanged file", f"{again:.2f} s", f"{first:.2f} s (first)", first / again, 5.0,
                          True))
        plain_first = _plain_import(tmp / "plain-desk", csv_path)
        encrypted = [Line(f"import {n}: encrypted vs plain", f"{first:.2f} s", f"{plain_first:.2f} s",
                          first / plain_first, 1.5, False)]
        unsynced = _desk_size(store)
        _sync_all(store, tmp / "server")
        desk_bytes, plain_bytes = _desk_size(store), _plain_size(store, tmp / "plain.db")
        lines.append(Line(f"size on disk, {n} persons, synced", f"{desk_bytes / 1e6:.1f} MB",
                          f"{plain_bytes / 1e6:.1f} MB", desk_bytes / plain_bytes, 2.0, False))
        print(f"size before its first sync (outbox full): {unsynced / 1e6:.1f} MB")
        with _plain_copy(store, tmp / "synced-plain.db") as synced_plain:
            plain_synced = _desk_size(synced_plain)
        encrypted.append(Line(f"size, {n} synced: encrypted vs plain", f"{desk_bytes / 1e6:.2f} MB",
                              f"{plain_synced / 1e6:.2f} MB", desk_bytes / plain_synced, 1.5, False))
        if args.persons > n:
            fill_fast(store, args.persons - n)
        total = store.count("person")

        def export(on: Store) -> int:
            with (tmp / "export.jsonl").open("w", encoding="utf-8") as out:
                return write_jsonl(on, out)
        records = export(store)
        seconds = _median(partial(export, store), max(1, args.runs // 2))
        lines.append(Line(f"export JSONL, {records} records", f"{records / seconds:,.0f}/s", "100,000/s",
                          records / seconds / 100_000, 1.0, True))
        lines.extend(_search_lines(store, args.runs))
        with _plain_copy(store, tmp / "full-plain.db") as full_plain:
            export(full_plain)
            plain_seconds = _median(partial(export, full_plain), max(1, args.runs // 2))
            encrypted.append(Line(f"export {records}: encrypted vs plain", f"{records / seconds:,.0f}/s",
                                  f"{records / plain_seconds:,.0f}/s", seconds / plain_seconds, 1.5, False))
            encrypted.extend(_encrypted_search_lines(store, full_plain, args.runs))
        store.close()
        # A launch takes a fifth of a second and its time swings with the machine's other load: at least
        # _START_LAUNCHES of each, in turn, for the medians.
        lines.extend(_startup_lines(tmp / "desk", max(args.runs, _START_LAUNCHES)))
    starts = max(args.runs, _START_LAUNCHES)
    _print_table(lines + encrypted, f"{total} persons in the desk; medians of {args.runs} runs "
                                    f"(searches: {args.runs * _SEARCH_REPEATS}; starts: {starts})")
    return 0


def _print_table(lines: list[Line], heading: str) -> None:
    print(f"\n{heading}\n")
    print(f"{'figure':<38}{'desk':>14}{'floor':>20}{'ratio':>8}  goal")
    for line in lines:
        goal = f"{'≥' if line.at_least else '≤'} {line.goal:g}×"
        print(f"{line.name:<38}{line.figure:>14}{line.floor:>20}{line.ratio:>7.2f}×  {goal:<7} "
              f"{'met' if line.met() else 'NOT MET'}")


def _search_only(tmp: Path, import_rows: int, persons: int, runs: int) -> None:
    """The desk of the whole benchmark (its imported persons first, so the same surname is typed), then
    the search lines alone, each figure the fastest of its runs."""
    csv_path = tmp / "persone.csv"
    csv_path.write_text(_csv_text(import_rows), encoding="utf-8")
    store = open_desk(tmp / "desk")
    import_persons(store, csv_path)
    if persons > import_rows:
        fill_fast(store, persons - import_rows)
    lines = _search_lines(store, runs, min)
    total = store.count("person")
    store.close()
    _print_table(lines, f"{total} persons in the desk; fastest of {runs * _SEARCH_REPEATS} runs")


if __name__ == "__main__":
    raise SystemExit(main())
