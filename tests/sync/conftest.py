from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop.storage.store import Store
from tests.helpers.desks import open_desk
from tests.helpers.fault_proxy import FaultProxy
from tests.helpers.postgres import BACKENDS, database_for
from tests.helpers.sync_server import RunningServer


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Modules with ``BOTH_BACKENDS = True`` run every test using ``server`` on SQLite and on PostgreSQL."""
    if "backend" in metafunc.fixturenames and getattr(metafunc.module, "BOTH_BACKENDS", False):
        metafunc.parametrize("backend", BACKENDS)


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def server(tmp_path: Path, backend: str) -> Iterator[RunningServer]:
    with RunningServer(tmp_path / "server", database=database_for(backend)) as running:
        yield running


@pytest.fixture
def proxy(server: RunningServer) -> Iterator[FaultProxy]:
    with FaultProxy(server.port) as running:
        yield running


@pytest.fixture
def new_desk(tmp_path: Path) -> Iterator[Callable[[str], Store]]:
    opened: list[Store] = []

    def make(name: str) -> Store:
        store = open_desk(tmp_path / "desks" / name)
        opened.append(store)
        return store

    yield make
    for store in opened:
        store.close()
