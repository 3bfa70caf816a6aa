"""A ``wpt-server.db`` of the first version opens in this one: desks keep their credentials (revoked
ones stay revoked), rows move to their network, change outcomes stay with their desk."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from sync.server.engine import ServerError, SyncEngine
from sync.server.storage import SCHEMA_VERSION, SQLiteStorage

V1 = """
CREATE TABLE desks (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, network TEXT NOT NULL, desk_id TEXT,
    code_hash TEXT UNIQUE, code_expires_at TEXT, code_consumed INTEGER NOT NULL DEFAULT 0,
    credential_hash TEXT UNIQUE, revoked_at TEXT, last_sync_at TEXT, created_at TEXT NOT NULL);
CREATE TABLE rows (entity TEXT NOT NULL, row_id TEXT NOT NULL, network TEXT, data TEXT NOT NULL,
    clocks TEXT NOT NULL, PRIMARY KEY (entity, row_id));
CREATE INDEX rows_cf ON rows(network, entity, json_extract(data, '$.fiscal_code'));
CREATE INDEX rows_person ON rows(network, entity, json_extract(data, '$.person_id'));
CREATE TABLE change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, network TEXT, source_desk TEXT, change TEXT NOT NULL);
CREATE INDEX change_log_network ON change_log(network, seq);
CREATE TABLE received (change_id TEXT PRIMARY KEY, desk TEXT NOT NULL, reason TEXT NOT NULL) WITHOUT ROWID;
"""


def test_a_first_version_database_is_upgraded_in_place(tmp_path: Path) -> None:
    kept, revoked = "wpt1.kept", "wpt1.revoked"
    with closing(sqlite3.connect(tmp_path / "wpt-server.db")) as db:
        db.executescript(V1)
        for desk, name, credential, revoked_at in (("d1", "A", kept, None), ("d2", "B", revoked, "2024-02-01")):
            db.execute("INSERT INTO desks VALUES (?, ?, 'rete', ?, NULL, NULL, 1, ?, ?, NULL, '2024-01-01')",
                       (desk, name, f"inst-{desk}", hashlib.sha256(credential.encode()).hexdigest(), revoked_at))
        db.execute("INSERT INTO rows VALUES ('person', 'p1', 'rete', '{}', '{}')")
        db.execute("INSERT INTO rows VALUES ('service', 's1', NULL, '{}', '{}')")
        db.execute("INSERT INTO received VALUES ('c1', 'd1', '')")
        db.commit()
    storage = SQLiteStorage(tmp_path)
    engine = SyncEngine(storage)
    assert engine.authenticate(kept).name == "A"
    with pytest.raises(ServerError, match="revocato"):
        engine.authenticate(revoked)
    assert storage.get_row("rete", "person", "p1") is not None and storage.get_row("", "service", "s1") is not None
    assert storage.outcome("d1", "c1") == "" and storage.outcome("d2", "c1") is None
    storage.close()
    with closing(SQLiteStorage(tmp_path).conn) as conn:  # opens again, as is
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
