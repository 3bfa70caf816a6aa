"""How a row's per-field stamps are stored: the one encode/decode pair of the ``clocks`` column.

A row's stamps are mostly one stamp shared by every field written together (an insert stamps all of
them at once), so they are stored grouped by stamp, each stamp written once with the fields it stamps::

    001796156486615.00000.<desk id> deleted last_name first_name …;001796156490001.00000.<desk id> phone

about a fifth of the JSON object ``{"field": "stamp", …}`` of earlier versions, which is still read
(migration 7 rewrites the rows of a database written by them). Stamps and field names hold neither
spaces nor semicolons. The merge rules see only the decoded mapping, field → stamp.
"""

from __future__ import annotations

import json

EMPTY = "{}"  # the column's default: no stamps


def encode(clocks: dict[str, str]) -> str:
    """The stored form of ``clocks`` (field → stamp)."""
    if not clocks:
        return EMPTY
    groups: dict[str, list[str]] = {}
    for field, stamp in clocks.items():
        groups.setdefault(stamp, []).append(field)
    return ";".join(" ".join((stamp, *fields)) for stamp, fields in groups.items())


def decode(stored: str | None) -> dict[str, str]:
    """field → stamp from the stored form (the grouped one, or the JSON object of earlier versions)."""
    if not stored:
        return {}
    if stored.startswith("{"):
        return dict(json.loads(stored))
    clocks: dict[str, str] = {}
    for group in stored.split(";"):
        stamp, *fields = group.split(" ")
        for field in fields:
            clocks[field] = stamp
    return clocks
