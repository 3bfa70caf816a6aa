"""Benchmark: 100,000 persons — time to open the persons list, scroll, and search as you type.

Prints figures (no pass/fail). The fixture writes persons with plain SQL (the FTS triggers still run):
the store's ``save`` with its outbox and clocks is what ``wpt-desk demo`` measures, not this.
Run: ``QT_QPA_PLATFORM=offscreen python -m tests.bench.bench_ui [N]`` (``make bench-ui``).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QApplication

from desktop.ids import uuid7
from desktop.paths import resource
from desktop.queries.persons import fts_match, search_persons
from desktop.reference import municipalities
from desktop.storage.store import Store
from tests.helpers.desks import open_desk
from ui.app import application


def fill_fast(store: Store, count: int, seed: int = 1) -> None:
    names = json.loads(resource("demo_names.json").read_text(encoding="utf-8"))
    rng = random.Random(seed)
    codes = [m.code for m in municipalities.territory()]
    firsts = names["male_names"] + names["female_names"]
    rows = [
        (uuid7(), store.desk_id, rng.choice(names["surnames"]), rng.choice(firsts),
         f"19{rng.randint(20, 99)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", rng.choice(codes),
         f"000 {rng.randint(100, 999)} {i % 10000:04d}")
        for i in range(count)
    ]
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO persons (id, origin_desk, created_at, updated_at, last_name, first_name, birth_date, "
            "municipality_code, phone, notes) VALUES (?, ?, datetime('now'), datetime('now'), ?, ?, ?, ?, ?, "
            "'Persona di esempio (dati fittizi)')",
            rows,
        )


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    count = int(args[0]) if args else 100_000
    app = application()
    from ui.main_window import MainWindow

    with tempfile.TemporaryDirectory() as tmp, open_desk(Path(tmp)) as store:
        ms, _ = timed(lambda: fill_fast(store, count))
        print(f"fixture: {count} persons written in {ms:.0f} ms")

        def open_window() -> MainWindow:
            window = MainWindow(store)
            window.resize(1366, 768)
            window.show()
            app.processEvents()
            return window

        ms, window = timed(open_window)
        model = window.persons_model
        print(f"open main window with the persons list: {ms:.0f} ms ({model.rowCount()} rows loaded of {count})")
        page_times = []
        for _ in range(20):
            ms, _ = timed(lambda: model.fetchMore(QModelIndex()))
            page_times.append(ms)
        print(f"scroll: next page of rows, median {sorted(page_times)[10]:.1f} ms, max {max(page_times):.1f} ms")
        ms, _ = timed(lambda: (window.pages["persons"].view.scrollToBottom(), app.processEvents()))  # type: ignore[attr-defined]
        print(f"scroll to bottom in the view (fetches as needed): {ms:.0f} ms")
        for sort_column, label in ((3, "birth date"), (0, "surname")):
            ms, _ = timed(lambda c=sort_column: model.sort(c))  # type: ignore[misc]
            print(f"sort by {label}: first page in {ms:.1f} ms")

        surname = store.scalar("SELECT last_name FROM persons ORDER BY seq LIMIT 1")
        for typed in (surname[:1], surname[:3], surname, f"{surname} a"):
            match = fts_match(typed)
            floor, _ = timed(lambda m=match: store.query(  # type: ignore[misc]
                "SELECT rowid FROM persons_fts WHERE persons_fts MATCH ? LIMIT 200", (m,)))
            store_ms, found = timed(lambda t=typed: search_persons(store, t))  # type: ignore[misc]
            start = time.perf_counter()
            window.search.setText(typed)  # the query runs on the database thread: the GUI is free at once
            typed_ms = (time.perf_counter() - start) * 1000
            while model.is_loading():
                app.processEvents()
            ui_ms = (time.perf_counter() - start) * 1000
            # Once the query is back: its rows put in the list and the list painted (goal: one frame, 16 ms).
            rows = [model.row(i) for i in range(model.rowCount())]
            shown_ms, _ = timed(lambda r=rows: (  # type: ignore[misc]
                model._apply_first_page(model._generation, r), window.pages["persons"].view.repaint()))  # type: ignore[attr-defined]
            print(f"search {typed!r:>18}: GUI busy {typed_ms:5.1f} ms, list updated in {ui_ms:6.1f} ms "
                  f"(rows in and painted {shown_ms:4.1f} ms) "
                  f"| search_persons {store_ms:6.1f} ms "
                  f"| floor (raw FTS5 MATCH, 200 rowids) {floor:5.1f} ms | {model.rowCount()} rows shown")
        window._closing_confirmed = True
        window.close()
        QApplication.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
