"""Benchmark: the cost of encryption at rest at 100,000 persons — open, first page of the persons list,
a deep page, search as you type (the list's first page for the typed words) — on the SQLCipher desk
against the same data unencrypted.

The unencrypted copy is made with ``sqlcipher_export`` and opened unkeyed on the same SQLite (SQLCipher's,
which the schema needs) with the same page cache; both run the same core queries.
Figures are medians of 7 runs, cold (a new connection each time: SQLCipher decrypts every page it reads
into an empty cache), after the login's warm-up (a new connection that first reads what the list and its
search read, as the app does on its database thread while the window opens: the first query the
operator meets; the warm-up's own time printed too) and warm (one open connection, as the app keeps
it). Opening excludes Argon2id (the password's cost, once per login: printed apart). Run:
``python -m tests.bench.bench_encryption [N]`` (``make bench-encryption``).
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher3

from desktop.queries.keyset import FIRST_PAGE, PageRequest, fetch_page
from desktop.queries.persons import PERSONS, search_filter, warm_up
from desktop.storage import keys
from desktop.storage.connection import CACHE_KIB, open_connection
from desktop.storage.migrations import LATEST_VERSION
from desktop.storage.store import DB_FILENAME, Store
from tests.bench.bench_ui import fill_fast
from tests.helpers.desks import database_key, open_desk

RUNS = 7


def _median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _encrypted(path: Path, key: bytes) -> Store:
    return Store(open_connection(path, latest_version=LATEST_VERSION, key=key), path)


def export_plain(conn: sqlite3.Connection, path: Path) -> None:
    """Write the database of ``conn`` (encrypted) to ``path`` unencrypted, schema version included."""
    conn.execute("ATTACH DATABASE ? AS plaintext KEY ''", (str(path),))
    try:
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute(f"PRAGMA plaintext.user_version = {int(conn.execute('PRAGMA user_version').fetchone()[0])}")
    finally:
        conn.execute("DETACH DATABASE plaintext")


def _plain(path: Path) -> Store:
    conn: sqlite3.Connection = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    for pragma in ("foreign_keys = ON", "journal_mode = WAL", "synchronous = FULL", f"cache_size = -{CACHE_KIB}"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return Store(conn, path)


def _search(typed: str) -> PageRequest:
    """The persons list's first page for the words typed in the search (the window's query)."""
    return PageRequest(sort=next(iter(PERSONS.sorts)), filters=(search_filter(typed),), limit=FIRST_PAGE)


def _figures(open_store: Callable[[], Store]) -> dict[str, float]:
    def opened() -> None:
        open_store().close()

    def with_store(work: Callable[[Store], object]) -> Callable[[], None]:
        def run() -> None:
            store = open_store()
            try:
                work(store)
            finally:
                store.close()
        return run

    first = PageRequest(sort=next(iter(PERSONS.sorts)), limit=FIRST_PAGE)
    return {
        "open": _median_ms(opened),
        "list (first page)": _median_ms(with_store(lambda s: fetch_page(s, PERSONS, first))),
        "list (page at 90%)": _median_ms(with_store(lambda s: s.query(
            "SELECT id FROM persons WHERE deleted = 0 ORDER BY last_name COLLATE NOCASE, seq LIMIT 100 OFFSET ?",
            (int(s.count("person") * 0.9),)))),
        "search 'ber'": _median_ms(with_store(lambda s: fetch_page(s, PERSONS, _search("ber")))),
        "search surname + name": _median_ms(with_store(lambda s: fetch_page(s, PERSONS, _search("Bertola ma")))),
        "count": _median_ms(with_store(lambda s: s.count("person"))),
    }


def _warm_figures(store: Store) -> dict[str, float]:
    """The same reads on one connection kept open, as the app keeps it (its page cache warm)."""
    first = PageRequest(sort=next(iter(PERSONS.sorts)), limit=FIRST_PAGE)
    work = {
        "list (first page)": lambda: fetch_page(store, PERSONS, first),
        "list (page at 90%)": lambda: store.query(
            "SELECT id FROM persons WHERE deleted = 0 ORDER BY last_name COLLATE NOCASE, seq LIMIT 100 OFFSET ?",
            (int(store.count("person") * 0.9),)),
        "search 'ber'": lambda: fetch_page(store, PERSONS, _search("ber")),
        "search surname + name": lambda: fetch_page(store, PERSONS, _search("Bertola ma")),
        "count": lambda: store.count("person"),
    }
    out = {}
    for name, fn in work.items():
        fn()  # the first run fills the cache
        out[name] = _median_ms(fn)
    store.close()
    return out


def _after_login(open_store: Callable[[], Store]) -> dict[str, float]:
    """A new connection warmed up as the app does after a login (:func:`warm_up`, on the database
    thread while the window opens), then each read once: what the operator's first search meets.
    Also the warm-up's own time."""
    first = PageRequest(sort=next(iter(PERSONS.sorts)), limit=FIRST_PAGE)
    work: dict[str, Callable[[Store], object]] = {
        "list (first page)": lambda s: fetch_page(s, PERSONS, first),
        "search 'ber'": lambda s: fetch_page(s, PERSONS, _search("ber")),
        "search surname + name": lambda s: fetch_page(s, PERSONS, _search("Bertola ma")),
        "count": lambda s: s.count("person"),
    }
    times: dict[str, list[float]] = {"warm-up at login": [], **{name: [] for name in work}}
    for _ in range(RUNS):
        for name, fn in work.items():
            store = open_store()
            try:
                start = time.perf_counter()
                warm_up(store)
                times["warm-up at login"].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                fn(store)
                times[name].append((time.perf_counter() - start) * 1000)
            finally:
                store.close()
    return {name: statistics.median(values) for name, values in times.items()}


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    count = int(args[0]) if args else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "desk"
        with open_desk(folder) as store:
            fill_fast(store, count)
            store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        key = database_key(folder)
        encrypted_path = folder / DB_FILENAME
        plain_path = Path(tmp) / "plain.db"
        conn = _encrypted(encrypted_path, key).conn
        export_plain(conn, plain_path)
        conn.close()
        start = time.perf_counter()
        keys.unwrap(keys.wrap(key, "una-password", kind=keys.OPERATOR), "una-password")
        argon_ms = (time.perf_counter() - start) * 1000 / 2
        enc = _figures(lambda: _encrypted(encrypted_path, key))
        plain = _figures(lambda: _plain(plain_path))
        print(f"{count} persons; files: encrypted {encrypted_path.stat().st_size / 1e6:.1f} MB, "
              f"plain {plain_path.stat().st_size / 1e6:.1f} MB; Argon2id per login {argon_ms:.0f} ms")
        warm_enc = _warm_figures(_encrypted(encrypted_path, key))
        warm_plain = _warm_figures(_plain(plain_path))
        login_enc = _after_login(lambda: _encrypted(encrypted_path, key))
        login_plain = _after_login(lambda: _plain(plain_path))
        for title, a, b in (("cold (new connection each time)", plain, enc),
                            ("first reads after the login's warm-up", login_plain, login_enc),
                            ("warm (the app's open connection)", warm_plain, warm_enc)):
            print(f"{title:<34}{'plain':>10}{'SQLCipher':>12}{'ratio':>8}")
            for name in b:
                print(f"  {name:<32}{a[name]:>8.1f}ms{b[name]:>10.1f}ms{b[name] / max(a[name], 1e-6):>7.2f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
