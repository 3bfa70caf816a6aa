from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.storage.store import Store
from tests.helpers.desks import open_desk


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "desk"


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    with open_desk(data_dir) as opened:
        yield opened
