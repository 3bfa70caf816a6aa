"""Every record type that travels in a sync change, with its desk table and model.

The domain entities of :mod:`desktop.domain.entities`, plus two the server creates: conflict records
(a concurrent overwrite's losing value, for a coordinator to review) and person merges.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from desktop.domain.entities import BY_NAME, CREATION_FIELDS, Entity
from desktop.domain.models import Record
from sync.protocol import CONFLICT_ENTITY, MERGE_ENTITY


class ConflictRecord(Record):
    """Two desks changed the same field of the same row concurrently to different values.

    Values are JSON text of the column values; ``lost_desk`` is the desk whose write lost.
    """

    entity: str
    row_id: str
    field: str
    kept_value: str
    kept_stamp: str
    lost_value: str
    lost_stamp: str
    lost_desk: str = ""
    resolved: bool = False
    resolution: str = ""


class PersonMerge(Record):
    """Person ``id`` (merged away, kept as a tombstone) is the same human as person ``into_id``."""

    into_id: str
    reason: str = ""


SYNC_ENTITIES: dict[str, Entity] = {
    **BY_NAME,
    CONFLICT_ENTITY: Entity(CONFLICT_ENTITY, "sync_conflicts", ConflictRecord),
    MERGE_ENTITY: Entity(MERGE_ENTITY, "sync_person_merges", PersonMerge),
}
# Shared by every network (maintained centrally, sent to every desk).
CATALOG_ENTITIES = frozenset({"category", "provider", "service", "privacy_notice"})
# A child row cannot exist on a desk before the row it points to (foreign keys).
PARENTS: dict[str, dict[str, str]] = {
    "request": {"person_id": "person"},
    "referral": {"request_id": "request", "service_id": "service"},
    "note": {"request_id": "request"},
    "consent": {"person_id": "person"},
    "rectification": {"person_id": "person"},
}


def writable_fields(entity: Entity) -> frozenset[str]:
    return frozenset((*entity.fields, *CREATION_FIELDS))


@dataclass(frozen=True)
class RowProblem:
    """Why a row's values are not a valid record.

    Attributes:
        reason: Italian, naming the fields at fault and never their values (no personal data).
        missing_only: only required fields are missing (an update that arrived before its row).
    """

    reason: str
    missing_only: bool
    fields: tuple[str, ...] = ()  # the fields at fault


def check_row(entity: Entity, values: dict[str, Any]) -> RowProblem | None:
    """Validate a row's column values with the same model as a local write; None when valid."""
    try:
        entity.from_columns(values)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=False)
        names = sorted({str(e["loc"][0]) for e in errors if e.get("loc")})
        shown = ", ".join(names[:8]) + ("…" if len(names) > 8 else "")
        reason = f"dati non validi nei campi {shown}" if names else "dati non validi"
        return RowProblem(reason, all(e.get("type") == "missing" for e in errors), tuple(names))
    except (ValueError, TypeError, RecursionError):  # a list column that is not JSON, or absurdly nested
        return RowProblem("dati non validi", False)
    return None
