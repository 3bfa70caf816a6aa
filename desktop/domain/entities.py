"""Which domain model lives in which table, and how a model's values map to SQLite columns."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from desktop.domain.models import (
    Consent,
    Desk,
    Erasure,
    NetworkSetting,
    Note,
    NoticeText,
    Operator,
    Person,
    Provider,
    Record,
    Rectification,
    Referral,
    Request,
    Service,
    StatusChange,
)
from desktop.reference.categories import Category

# Set by the replica that creates a row and never changed afterwards.
CREATION_FIELDS = ("origin_desk", "created_at")
# Local bookkeeping, not part of the synced data.
LOCAL_FIELDS = ("id", "updated_at")


@dataclass(frozen=True)
class Entity:
    """A synced record type.

    Attributes:
        name: the name used in the outbox, on the wire and in exports ("person").
        table: the SQLite table ("persons").
        model: the pydantic model of one row.
    """

    name: str
    table: str
    model: type[Record]

    @cached_property  # read for every row written and exported: computed once per entity
    def fields(self) -> tuple[str, ...]:
        """Fields whose changes are synced (domain fields and the tombstone), creation fields excluded."""
        skip = set(CREATION_FIELDS) | set(LOCAL_FIELDS)
        return tuple(f for f in self.model.model_fields if f not in skip)

    @cached_property
    def json_fields(self) -> frozenset[str]:
        return frozenset(
            name for name, info in self.model.model_fields.items()
            if getattr(info.annotation, "__origin__", None) is list
        )

    def to_columns(self, record: Record) -> dict[str, Any]:
        """Column values of a record (dates as ISO text, lists as JSON, booleans as 0/1)."""
        values = record.model_dump(mode="json")
        for name in self.json_fields:
            values[name] = json.dumps(values[name], ensure_ascii=False)
        return {k: (int(v) if isinstance(v, bool) else v) for k, v in values.items()}

    def from_columns(self, row: dict[str, Any]) -> Record:
        data = dict(row)
        for name in self.json_fields:
            if isinstance(data.get(name), str):
                data[name] = json.loads(data[name])
        return self.model.model_validate(data)


class CategoryRecord(Record):
    """A need category as a synced row (the taxonomy is centrally editable)."""

    code: str
    label: str

    @classmethod
    def of(cls, category: Category, **extra: Any) -> CategoryRecord:
        return cls(code=category.code, label=category.label, **extra)


ENTITIES: tuple[Entity, ...] = (
    Entity("desk", "desks", Desk),
    Entity("operator", "operators", Operator),
    Entity("category", "categories", CategoryRecord),
    Entity("provider", "providers", Provider),
    Entity("service", "services", Service),
    Entity("person", "persons", Person),
    Entity("request", "requests", Request),
    Entity("referral", "referrals", Referral),
    Entity("note", "notes", Note),
    Entity("status_change", "status_changes", StatusChange),
    Entity("consent", "consents", Consent),
    Entity("rectification", "rectifications", Rectification),
    Entity("erasure", "erasures", Erasure),
    Entity("privacy_notice", "privacy_notices", NoticeText),
    Entity("network_setting", "network_settings", NetworkSetting),
)
BY_NAME = {e.name: e for e in ENTITIES}
BY_MODEL: dict[type[Record], Entity] = {e.model: e for e in ENTITIES}


def entity_of(record_or_model: Record | type[Record]) -> Entity:
    model = record_or_model if isinstance(record_or_model, type) else type(record_or_model)
    return BY_MODEL[model]
