from __future__ import annotations

import json
from importlib import resources

from desktop.domain.enums import ProviderKind
from desktop.reference import municipalities
from desktop.reference.catalog import sample_providers, sample_services
from desktop.reference.categories import CATEGORY_CODES


def test_territory_is_the_active_municipalities_of_turin_in_the_library_data() -> None:
    rows = json.loads((resources.files("codicefiscale") / "data" / "municipalities.json").read_text("utf-8"))
    expected = {r["code"] for r in rows if r["province"] == "TO" and r["active"]}
    assert {m.code for m in municipalities.territory()} == expected
    assert len(expected) == 312


def test_lookup_by_name_ignores_case_and_accents_and_accepts_codes() -> None:
    loranze = municipalities.lookup("Loranzè")
    assert loranze is not None and loranze.name == "Loranzè"
    assert municipalities.lookup("LORANZE") == loranze
    assert municipalities.lookup("loranzé") == loranze
    assert municipalities.lookup(loranze.code.lower()) == loranze
    assert municipalities.lookup("Susa (TO)") == municipalities.lookup("susa")
    assert municipalities.lookup("Atlantide") is None


def test_names_use_official_lower_case_particles() -> None:
    names = {m.name for m in municipalities.territory()}
    assert "Chiusa di San Michele" in names and "Sauze d'Oulx" in names


def test_sample_catalog_covers_every_provider_kind_and_is_marked_as_sample() -> None:
    providers = sample_providers()
    services = sample_services()
    assert {p.kind for p in providers} == {k.value for k in ProviderKind}
    assert all(p.name.endswith("(esempio)") for p in providers)
    assert 25 <= len(services) <= 40
    assert {s.category for s in services} <= CATEGORY_CODES
    provider_ids = {p.id for p in providers}
    assert all(s.provider_id in provider_ids and s.municipality_codes for s in services)
