"""The sample service catalog (resources/catalog_sample.json), resolved into domain models.

Ids derive from each entry's key, so every replica and the central server give the same row the
same id and seeding twice never duplicates.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from desktop.domain.models import Provider, Service
from desktop.ids import reference_id
from desktop.paths import resource
from desktop.reference import municipalities


def _codes(names: list[str] | str) -> list[str]:
    if names == "*":
        return [m.code for m in municipalities.territory()]
    codes = []
    for name in names:
        found = municipalities.lookup(name)
        if found is None:
            raise ValueError(f"catalog_sample.json: unknown municipality {name!r}")
        codes.append(found.code)
    return codes


@cache
def _raw() -> dict[str, Any]:
    return dict(json.loads(resource("catalog_sample.json").read_text(encoding="utf-8")))


def sample_providers() -> list[Provider]:
    return [
        Provider(
            id=reference_id("provider", p["key"]),
            name=p["name"],
            kind=p["kind"],
            municipality_code=p.get("municipality"),
            address=p.get("address", ""),
            phone=p.get("phone", ""),
            email=p.get("email", ""),
            website=p.get("website", ""),
        )
        for p in _raw()["providers"]
    ]


def sample_services() -> list[Service]:
    return [
        Service(
            id=reference_id("service", s["key"]),
            provider_id=reference_id("provider", s["provider"]),
            name=s["name"],
            category=s["category"],
            user_areas=s.get("user_areas", []),
            description=s.get("description", ""),
            eligibility=s.get("eligibility", ""),
            access=s.get("access", ""),
            cost=s.get("cost", ""),
            contacts=s.get("contacts", ""),
            hours=s.get("hours", ""),
            municipality_codes=_codes(s["municipalities"]),
        )
        for s in _raw()["services"]
    ]
