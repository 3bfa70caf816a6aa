"""The PostgreSQL the server's tests run against, when there is one.

``WPT_TEST_POSTGRES`` names it (default ``postgresql://wpt:wpt@127.0.0.1/wpt_test``, the role and
database ``make postgres-test-db`` creates). Without a reachable PostgreSQL the PostgreSQL cases skip,
unless ``WPT_TEST_POSTGRES_REQUIRED=1`` (CI sets it): then they fail.
"""

from __future__ import annotations

import os

import pytest

DEFAULT_URL = "postgresql://wpt:wpt@127.0.0.1/wpt_test"
BACKENDS = ("sqlite", "postgresql")


def postgres_url() -> str:
    """A PostgreSQL URL with an empty server schema, or skip (fail when required)."""
    url = os.environ.get("WPT_TEST_POSTGRES", DEFAULT_URL)
    try:
        from sync.server.pg_storage import PostgresStorage

        PostgresStorage(url, reset=True).close()
    except (ImportError, ValueError) as exc:
        if os.environ.get("WPT_TEST_POSTGRES_REQUIRED") == "1":
            raise
        pytest.skip(f"no PostgreSQL for the tests ({exc.__class__.__name__}): make postgres-test-db")
    return url


def database_for(backend: str) -> str | None:
    """What ``--database`` to use for a backend: None (SQLite in the data folder) or a fresh PostgreSQL."""
    return postgres_url() if backend == "postgresql" else None
