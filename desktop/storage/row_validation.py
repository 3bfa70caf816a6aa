"""Every stored row validated with the same pydantic models as a local write (``wpt-desk check``).

A row can be stored without passing through a model: written by an older version, received when
validation was laxer, or edited by hand. The page and schema checks of SQLite do not see that; this
module does, and reports counts per table and the fields at fault, never a value (no personal data).
"""

from __future__ import annotations

from collections import Counter

from desktop.storage.store import Store
from sync.entities import SYNC_ENTITIES, check_row


def invalid_rows(store: Store) -> dict[str, tuple[int, list[str]]]:
    """Table → (rows that do not validate, the fields at fault), for the tables that have any."""
    found: dict[str, tuple[int, list[str]]] = {}
    for entity in SYNC_ENTITIES.values():
        bad = 0
        fields: Counter[str] = Counter()
        last = 0
        while True:
            page = store.query(f"SELECT * FROM {entity.table} WHERE seq > ? ORDER BY seq LIMIT 1000", (last,))
            if not page:
                break
            last = page[-1]["seq"]
            for row in page:
                problem = check_row(entity, row)
                if problem is not None:
                    bad += 1
                    fields.update(problem.fields)
        if bad:
            found[entity.table] = (bad, sorted(fields))
    return found


def row_problems(store: Store) -> list[str]:
    """One Italian sentence per table with rows that do not validate (empty when every row does)."""
    return [
        f"nella tabella {table} {count} {'riga non è valida' if count == 1 else 'righe non sono valide'}"
        + (f" (campi {', '.join(fields[:8])})" if fields else "")
        for table, (count, fields) in invalid_rows(store).items()
    ]
