"""Versioned schema migrations. The version lives in ``PRAGMA user_version``.

Each migration is frozen once released: later changes append a new one, never edit an old one.
Synced tables share the columns ``id`` (UUIDv7), ``origin_desk``, ``created_at``, ``updated_at``,
``deleted`` (tombstone) and ``clocks`` (JSON: field → hybrid logical clock stamp of its last write).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from desktop.storage.connection import APPLICATION_ID, OPERATIONAL_ERROR

_SYNC_COLUMNS = """
    id TEXT NOT NULL UNIQUE,
    origin_desk TEXT,
    created_at TEXT,
    updated_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    clocks TEXT NOT NULL DEFAULT '{}'
"""

V1 = f"""
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;

CREATE TABLE desks (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    name TEXT NOT NULL, municipality_code TEXT, address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', hours TEXT NOT NULL DEFAULT ''
);

CREATE TABLE operators (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    name TEXT NOT NULL, desk_id TEXT, role TEXT NOT NULL DEFAULT 'operatore'
);

CREATE TABLE categories (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    code TEXT NOT NULL, label TEXT NOT NULL
);

CREATE TABLE providers (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    name TEXT NOT NULL, kind TEXT NOT NULL, municipality_code TEXT, address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', website TEXT NOT NULL DEFAULT ''
);

CREATE TABLE services (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    provider_id TEXT NOT NULL, name TEXT NOT NULL, category TEXT NOT NULL,
    user_areas TEXT NOT NULL DEFAULT '[]', description TEXT NOT NULL DEFAULT '',
    eligibility TEXT NOT NULL DEFAULT '', access TEXT NOT NULL DEFAULT '', cost TEXT NOT NULL DEFAULT '',
    contacts TEXT NOT NULL DEFAULT '', hours TEXT NOT NULL DEFAULT '',
    municipality_codes TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX services_category ON services(category);

CREATE TABLE persons (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    fiscal_code TEXT, last_name TEXT NOT NULL, first_name TEXT NOT NULL, birth_date TEXT, sex TEXT,
    birthplace_code TEXT, municipality_code TEXT, address TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '', email TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
    privacy_notice_on TEXT, legal_basis TEXT NOT NULL DEFAULT 'public_task',
    consent_sms INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX persons_fiscal_code ON persons(fiscal_code) WHERE fiscal_code IS NOT NULL;
CREATE INDEX persons_name ON persons(last_name COLLATE NOCASE, first_name COLLATE NOCASE, birth_date);

CREATE TABLE requests (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    person_id TEXT NOT NULL REFERENCES persons(id), desk_id TEXT, operator_id TEXT,
    opened_on TEXT NOT NULL, channel TEXT NOT NULL, category TEXT NOT NULL, user_area TEXT,
    description TEXT NOT NULL DEFAULT '', urgency TEXT NOT NULL, status TEXT NOT NULL
);
CREATE INDEX requests_person ON requests(person_id);
CREATE INDEX requests_status ON requests(status, opened_on);

CREATE TABLE referrals (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    request_id TEXT NOT NULL REFERENCES requests(id), service_id TEXT NOT NULL REFERENCES services(id),
    referred_on TEXT NOT NULL, status TEXT NOT NULL, follow_up_on TEXT,
    outcome TEXT NOT NULL DEFAULT '', provider_feedback TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referrals_request ON referrals(request_id);
CREATE INDEX referrals_follow_up ON referrals(follow_up_on) WHERE follow_up_on IS NOT NULL;

CREATE TABLE notes (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    request_id TEXT NOT NULL REFERENCES requests(id), noted_on TEXT NOT NULL, kind TEXT NOT NULL,
    text TEXT NOT NULL, operator_id TEXT
);
CREATE INDEX notes_request ON notes(request_id);

CREATE TABLE status_changes (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    subject_type TEXT NOT NULL, subject_id TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '', operator_id TEXT, changed_at TEXT NOT NULL
);
CREATE INDEX status_changes_subject ON status_changes(subject_id);

-- Local changes waiting to be sent to the central server, written in the same transaction as the
-- change itself; sync deletes an entry only after the server acknowledged it.
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    row_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    hlc TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Full-text search over persons, kept in step by triggers. The phone is indexed as written and
-- as bare digits, so "011 555" and "011555" both find it.
CREATE VIRTUAL TABLE persons_fts USING fts5(
    last_name, first_name, fiscal_code, phone, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER persons_fts_insert AFTER INSERT ON persons BEGIN
    INSERT INTO persons_fts(rowid, last_name, first_name, fiscal_code, phone)
    VALUES (new.seq, new.last_name, new.first_name, coalesce(new.fiscal_code, ''),
            new.phone || ' ' || replace(replace(replace(replace(new.phone, ' ', ''), '.', ''), '-', ''), '/', ''));
END;
CREATE TRIGGER persons_fts_update AFTER UPDATE OF last_name, first_name, fiscal_code, phone ON persons BEGIN
    DELETE FROM persons_fts WHERE rowid = old.seq;
    INSERT INTO persons_fts(rowid, last_name, first_name, fiscal_code, phone)
    VALUES (new.seq, new.last_name, new.first_name, coalesce(new.fiscal_code, ''),
            new.phone || ' ' || replace(replace(replace(replace(new.phone, ' ', ''), '.', ''), '-', ''), '/', ''));
END;
CREATE TRIGGER persons_fts_delete AFTER DELETE ON persons BEGIN
    DELETE FROM persons_fts WHERE rowid = old.seq;
END;
"""

# V2: sync. Outbox entries keep the stamps their write overwrote (the server tells sequential edits
# from concurrent ones with them); conflict records and person merges arrive from the server;
# changes whose parent has not arrived yet are parked; changes the server rejected are set aside.
V2 = f"""
ALTER TABLE outbox ADD COLUMN base TEXT NOT NULL DEFAULT '{{}}';

CREATE TABLE sync_conflicts (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    entity TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,
    kept_value TEXT NOT NULL, kept_stamp TEXT NOT NULL, lost_value TEXT NOT NULL, lost_stamp TEXT NOT NULL,
    lost_desk TEXT NOT NULL DEFAULT '', resolved INTEGER NOT NULL DEFAULT 0, resolution TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved, deleted);

CREATE TABLE sync_person_merges (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    into_id TEXT NOT NULL, reason TEXT NOT NULL DEFAULT ''
);

CREATE TABLE sync_parked (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL, row_id TEXT NOT NULL,
    change TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '', parked_at TEXT NOT NULL
);

CREATE TABLE sync_rejected (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    change_id TEXT NOT NULL UNIQUE, entity TEXT NOT NULL, row_id TEXT NOT NULL,
    change TEXT NOT NULL, reason TEXT NOT NULL, rejected_at TEXT NOT NULL
);
"""

# V3: operators. An operator can be disabled (no more logins, the name stays on their work). Before
# this version the desk had one operator who did everything: it becomes the desk's administrator.
V3 = """
ALTER TABLE operators ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;
UPDATE operators SET role = 'amministratore' WHERE id = (SELECT value FROM settings WHERE key = 'operator_id');
"""

def _append_only(table: str) -> str:
    """The triggers that stop any update or delete of a table of the access log through the application."""
    return "".join(f"""CREATE TRIGGER {table}_no_{what} BEFORE {what.upper()} ON {table} BEGIN
    SELECT RAISE(ABORT, 'the access log is append-only');
END;
""" for what in ("update", "delete"))


# V4: the access log (desktop/storage/access_log.py): append-only, hash-chained, synced to the server.
# It holds ids, never personal values. The triggers stop any update or delete through the application.
V4 = """
CREATE TABLE access_log (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, at TEXT NOT NULL, desk_id TEXT NOT NULL,
    operator_id TEXT NOT NULL DEFAULT '', operator_name TEXT NOT NULL DEFAULT '', action TEXT NOT NULL,
    record_kind TEXT NOT NULL DEFAULT '', record_id TEXT NOT NULL DEFAULT '', person_id TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL
);
CREATE INDEX access_log_person ON access_log(person_id) WHERE person_id != '';
""" + _append_only("access_log")

# V5: citizens' rights (issue 11). Per person the notice version, the art. 9(2) condition and the
# restriction (art. 18); consents to optional uses with their withdrawal; erasure tombstones (art. 17,
# no personal data) and the ids of the rows an erasure removed, so that a late change of one of them is
# dropped instead of bringing it back. The search index forgets a removed row's words at once.
V5 = f"""
ALTER TABLE persons ADD COLUMN notice_version TEXT NOT NULL DEFAULT '';
ALTER TABLE persons ADD COLUMN special_category_basis TEXT NOT NULL DEFAULT 'art9_2_g';
ALTER TABLE persons ADD COLUMN restricted INTEGER NOT NULL DEFAULT 0;

CREATE TABLE consents (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    person_id TEXT NOT NULL REFERENCES persons(id), purpose TEXT NOT NULL, given_on TEXT NOT NULL,
    method TEXT NOT NULL, withdrawn_on TEXT
);
CREATE INDEX consents_person ON consents(person_id);

CREATE TABLE erasures (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    erased_at TEXT NOT NULL, operator_id TEXT, reason TEXT NOT NULL
);

CREATE TABLE erased_rows (row_id TEXT PRIMARY KEY, person_id TEXT NOT NULL) WITHOUT ROWID;
"""

# V6: rights, continued (issue 11). The objection (art. 21) and its outcome per person; the privacy notice
# texts by version (reference data from the server); settings shared by a network (the retention period).
V6 = f"""
ALTER TABLE persons ADD COLUMN objection_on TEXT;
ALTER TABLE persons ADD COLUMN objection_outcome TEXT NOT NULL DEFAULT '';

CREATE TABLE privacy_notices (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    version TEXT NOT NULL, valid_from TEXT NOT NULL, text TEXT NOT NULL
);

CREATE TABLE network_settings (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    key TEXT NOT NULL, value TEXT NOT NULL, operator_id TEXT
);
"""


def _v5(conn: sqlite3.Connection) -> None:
    _script(V5)(conn)
    try:
        conn.execute("INSERT INTO persons_fts(persons_fts, rank) VALUES ('secure-delete', 1)")
    except OPERATIONAL_ERROR:
        # SQLite before 3.42 (a plain driver, e.g. the schema comparison of ``check``); SQLCipher has it.
        pass


def _v7(conn: sqlite3.Connection) -> None:
    """Per-field stamps stored grouped by stamp (:mod:`desktop.storage.clocks`), about a fifth of the JSON
    object each row carried: every row written by an earlier version is rewritten. And the table of rows
    already imported (:mod:`desktop.storage.import_seen`)."""
    from desktop.storage import clocks

    # The rows an import has written (desktop.storage.import_seen): local, never synced.
    conn.execute("CREATE TABLE import_seen (key INTEGER PRIMARY KEY, person_seq INTEGER NOT NULL, "
                 "updated_at TEXT NOT NULL)")
    conn.execute("CREATE INDEX import_seen_person ON import_seen(person_seq)")
    tables = [r[0] for r in conn.execute(
        "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' "
        "AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'clocks')")]
    for table in tables:
        rows = conn.execute(f"SELECT seq, clocks FROM {table} WHERE clocks LIKE '{{%' AND clocks != '{{}}'").fetchall()
        conn.executemany(f"UPDATE {table} SET clocks = ? WHERE seq = ?",
                         [(clocks.encode(clocks.decode(text)), seq) for seq, text in rows])


Migration = Callable[[sqlite3.Connection], None]


def _script(sql: str) -> Migration:
    def run(conn: sqlite3.Connection) -> None:
        for statement in _split(sql):
            conn.execute(statement)

    return run


def _split(sql: str) -> list[str]:
    """Split a script into statements (executescript would commit the surrounding transaction)."""
    statements, buffer = [], ""
    for line in sql.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


# V8: a rejected change whose rollback must wait for another one. Each of two changes of one record that
# the server sets aside may contradict the server's row on its own (a birth date, then the codice fiscale
# of that date): neither goes back alone, both do together, and they may come back in two answers. The
# server's values and stamps for the first (a ``Rejected`` as JSON) wait here for the second.
V8 = """
ALTER TABLE sync_rejected ADD COLUMN pending_rollback TEXT NOT NULL DEFAULT '';
"""

# V9: closed-loop referrals (issue 18). Who set a referral's status ("" a desk, else a provider on the
# server's page), the day the service confirmed receipt, and the provider behind a status change.
V9 = """
ALTER TABLE referrals ADD COLUMN status_by TEXT NOT NULL DEFAULT '';
ALTER TABLE referrals ADD COLUMN received_on TEXT;
ALTER TABLE status_changes ADD COLUMN by_provider TEXT NOT NULL DEFAULT '';
"""

# V10: rectifications (GDPR art. 16, issue 11). Each edit of a person's own data by an operator: when, who,
# which fields (names only, never values); synced, and erased with the person.
V10 = f"""
CREATE TABLE rectifications (
    seq INTEGER PRIMARY KEY, {_SYNC_COLUMNS},
    person_id TEXT NOT NULL REFERENCES persons(id), rectified_at TEXT NOT NULL, operator_id TEXT,
    operator_name TEXT NOT NULL DEFAULT '', changed_fields TEXT NOT NULL
);
CREATE INDEX rectifications_person ON rectifications(person_id);
"""


def _v11(conn: sqlite3.Connection) -> None:
    """Search as you type and the review (issue 16). The persons' search index gets prefix indexes of one, two and
    three characters. A query for ``g*`` or ``011*`` otherwise merges the entries of every word starting
    so (thousands at 100,000 persons: every phone is also indexed as one run of digits); with them it reads
    one entry. They cost 70–95 bytes a person. The index
    is rebuilt from the persons with what the triggers of V1 write (they name the table, so they stay)."""
    conn.execute("DROP TABLE persons_fts")
    conn.execute("CREATE VIRTUAL TABLE persons_fts USING fts5(last_name, first_name, fiscal_code, phone, "
                 "tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3')")
    conn.execute(
        "INSERT INTO persons_fts(rowid, last_name, first_name, fiscal_code, phone) "
        "SELECT seq, last_name, first_name, coalesce(fiscal_code, ''), phone || ' ' || "
        "replace(replace(replace(replace(phone, ' ', ''), '.', ''), '-', ''), '/', '') FROM persons")
    try:
        conn.execute("INSERT INTO persons_fts(persons_fts, rank) VALUES ('secure-delete', 1)")
    except OPERATIONAL_ERROR:
        pass  # SQLite before 3.42, as in _v5
    # The possible duplicates (desktop.queries.persons.possible_duplicate_groups): persons without a
    # codice fiscale grouped by name and birth date from this index alone, not from two scans and a sort
    # of every person (seconds at 100,000, on the database thread every window opens and syncs with).
    conn.execute("CREATE INDEX persons_uncoded_name ON persons(last_name COLLATE NOCASE, first_name COLLATE NOCASE, "
                 "birth_date) WHERE deleted = 0 AND fiscal_code IS NULL AND birth_date IS NOT NULL")



def _v12(conn: sqlite3.Connection) -> None:
    """Per-field stamps name their fields by a bit mask (:mod:`desktop.storage.clocks`), a quarter of the
    names spelled out that versions 7 to 11 wrote: every row written by them is rewritten."""
    _rewrite_stamps(conn, "clocks NOT LIKE '%#%' AND clocks != '{}'")


def _rewrite_stamps(conn: sqlite3.Connection, condition: str) -> None:
    """Rewrite in today's form the per-field stamps of the rows of every synced table meeting ``condition``."""
    from desktop.storage import clocks

    tables = [r[0] for r in conn.execute(
        "SELECT m.name FROM sqlite_master m WHERE m.type = 'table' "
        "AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'clocks')")]
    for table in tables:
        rows = conn.execute(f"SELECT seq, clocks FROM {table} WHERE {condition}")
        while batch := rows.fetchmany(1000):
            conn.executemany(f"UPDATE {table} SET clocks = ? WHERE seq = ?",
                             [(clocks.encode(clocks.decode(text)), seq) for seq, text in batch])


# V13: the access log and the per-field stamps stored compactly (issue 16; desktop/storage/access_log.py
# and desktop/storage/clocks.py say how): a fifth of the bytes of V4's log, half those of V12's stamps.
# Entries and stamps read back as they were written.
V13 = """
CREATE TABLE access_log_contexts (
    k INTEGER PRIMARY KEY, desk_id TEXT NOT NULL, operator_id TEXT NOT NULL, operator_name TEXT NOT NULL,
    action TEXT NOT NULL, record_kind TEXT NOT NULL,
    UNIQUE (desk_id, operator_id, operator_name, action, record_kind)
);
CREATE TABLE access_log (
    n INTEGER PRIMARY KEY, id BLOB NOT NULL, at BLOB NOT NULL,
    context INTEGER NOT NULL REFERENCES access_log_contexts(k),
    record_id BLOB, person_id BLOB, prev_hash BLOB, hash BLOB NOT NULL
);
""" + _append_only("access_log") + _append_only("access_log_contexts")


def _v13(conn: sqlite3.Connection) -> None:
    """Every entry of the V4 table is rewritten in the compact form, then that table goes (its triggers
    and indexes with it). The index of a person's entries now holds only entries about a person, and is
    used (V4's ``WHERE person_id != ''`` never was: a bound person id does not imply it); the UNIQUE index
    of the ids goes (UUIDv7, made here; nothing looks an entry up by id). The stamps of every row are
    rewritten as bytes, and the rows already imported keep a person's updated_at in 6 bytes."""
    _rewrite_stamps(conn, "typeof(clocks) = 'text' AND clocks != '{}'")
    from desktop.storage import access_log
    from sync.audit import GENESIS_HASH

    conn.execute("DROP TRIGGER access_log_no_update")
    conn.execute("DROP TRIGGER access_log_no_delete")
    conn.execute("ALTER TABLE access_log RENAME TO access_log_v4")
    _script(V13)(conn)
    rows = conn.execute("SELECT * FROM access_log_v4 ORDER BY n")
    names = [d[0] for d in rows.description]
    prior_n, prior_hash = 0, GENESIS_HASH
    while batch := rows.fetchmany(1000):
        stored = []
        for values in batch:
            entry = dict(zip(names, values, strict=True))
            stored.append(access_log.stored_row(conn, entry, prior_hash if entry["n"] == prior_n + 1 else None))
            prior_n, prior_hash = entry["n"], entry["hash"]
        conn.executemany(access_log.INSERT, stored)
    conn.execute("DROP TABLE access_log_v4")
    conn.execute("CREATE INDEX access_log_person ON access_log(person_id) WHERE person_id IS NOT NULL")
    # The rows already imported keep their person's updated_at as milliseconds (desktop.storage.import_seen):
    # a column without type, which keeps an integer an integer.
    from desktop.storage.import_seen import updated_at_sql

    conn.execute("ALTER TABLE import_seen RENAME TO import_seen_v7")
    conn.execute("DROP INDEX import_seen_person")
    conn.execute("CREATE TABLE import_seen (key INTEGER PRIMARY KEY, person_seq INTEGER NOT NULL, updated_at NOT NULL)")
    conn.execute(f"INSERT INTO import_seen SELECT key, person_seq, {updated_at_sql('updated_at')} FROM import_seen_v7")
    conn.execute("DROP TABLE import_seen_v7")
    conn.execute("CREATE INDEX import_seen_person ON import_seen(person_seq)")


# The search index since V14: which persons hold a word, and nothing else. No copy of the columns: its
# content is the view of the values it indexes (``content = persons_fts_values``; read only to rebuild it),
# and no word positions (``detail = none``: a search is words' prefixes, never a phrase:
# desktop.queries.persons.fts_match); the prefix indexes of V11.
PERSONS_FTS_TOKENIZER = "unicode61 remove_diacritics 2"
PERSONS_FTS_OPTIONS = (f"tokenize = '{PERSONS_FTS_TOKENIZER}', prefix = '1 2 3', content = persons_fts_values, "
                       "content_rowid = seq, detail = none")


def _fts_values(row: str) -> str:
    """The values the search index holds for ``row`` (``new``, ``old`` or a table), as V1 wrote them."""
    phone = f"{row}.phone"
    digits = f"replace(replace(replace(replace({phone}, ' ', ''), '.', ''), '-', ''), '/', '')"
    return f"{row}.seq, {row}.last_name, {row}.first_name, coalesce({row}.fiscal_code, ''), {phone} || ' ' || {digits}"


PERSONS_FTS_COLUMNS = "last_name, first_name, fiscal_code, phone"
# An external-content index is told which values a row leaves: the old ones, exactly as they went in.
V14 = f"""
DROP TRIGGER persons_fts_insert;
DROP TRIGGER persons_fts_update;
DROP TRIGGER persons_fts_delete;
DROP TABLE persons_fts;
CREATE VIEW persons_fts_values (seq, {PERSONS_FTS_COLUMNS}) AS SELECT {_fts_values('persons')} FROM persons;
CREATE VIRTUAL TABLE persons_fts USING fts5({PERSONS_FTS_COLUMNS}, {PERSONS_FTS_OPTIONS});
INSERT INTO persons_fts(persons_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO persons_fts(persons_fts) VALUES ('rebuild');
CREATE TRIGGER persons_fts_insert AFTER INSERT ON persons BEGIN
    INSERT INTO persons_fts(rowid, {PERSONS_FTS_COLUMNS}) VALUES ({_fts_values('new')});
END;
CREATE TRIGGER persons_fts_update AFTER UPDATE OF {PERSONS_FTS_COLUMNS} ON persons BEGIN
    INSERT INTO persons_fts(persons_fts, rowid, {PERSONS_FTS_COLUMNS}) VALUES ('delete', {_fts_values('old')});
    INSERT INTO persons_fts(rowid, {PERSONS_FTS_COLUMNS}) VALUES ({_fts_values('new')});
END;
CREATE TRIGGER persons_fts_delete AFTER DELETE ON persons BEGIN
    INSERT INTO persons_fts(persons_fts, rowid, {PERSONS_FTS_COLUMNS}) VALUES ('delete', {_fts_values('old')});
END;
-- Only an erasure looks the rows already imported up by person: it reads them all (a few milliseconds at
-- 100,000), rather than every import writing an index of them (17 bytes a person).
DROP INDEX import_seen_person;
"""


MIGRATIONS: list[Migration] = [_script(V1), _script(V2), _script(V3), _script(V4), _v5, _script(V6), _v7,
                               _script(V8), _script(V9), _script(V10), _v11, _v12, _v13,
                               _script(V14)]
LATEST_VERSION = len(MIGRATIONS)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema to LATEST_VERSION, each step in its own transaction; return the old version."""
    start = conn.execute("PRAGMA user_version").fetchone()[0]
    for version in range(start, LATEST_VERSION):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            if conn.execute("PRAGMA user_version").fetchone()[0] != version:
                conn.execute("ROLLBACK")
                continue
            MIGRATIONS[version](conn)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return int(start)
