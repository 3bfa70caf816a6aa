"""The territorial catalog (Catalogo servizi) and the services that can meet a need in a municipality."""

from __future__ import annotations

from typing import Any

from desktop.storage.store import Store


def services_covering(store: Store, category: str | None, municipality_code: str | None) -> list[dict[str, Any]]:
    """Live services of a category (any if None) that cover a municipality (any if None), by name."""
    return store.query(
        "SELECT s.*, p.name AS provider_name, p.kind AS provider_kind FROM services s "
        "JOIN providers p ON p.id = s.provider_id "
        "WHERE s.deleted = 0 AND (:cat IS NULL OR s.category = :cat) AND (:mun IS NULL OR EXISTS "
        "(SELECT 1 FROM json_each(s.municipality_codes) WHERE value = :mun)) "
        "ORDER BY s.name COLLATE NOCASE",
        {"cat": category, "mun": municipality_code},
    )


def catalog(
    store: Store, category: str | None = None, provider_kind: str | None = None, municipality_code: str | None = None
) -> list[dict[str, Any]]:
    """Live services with their provider, filtered by category, provider kind and municipality covered."""
    rows = services_covering(store, category, municipality_code)
    return [r for r in rows if provider_kind is None or r["provider_kind"] == provider_kind]


def providers(store: Store) -> list[dict[str, Any]]:
    """Live providers by name, with how many live services each offers."""
    return store.query(
        "SELECT p.*, (SELECT count(*) FROM services s WHERE s.provider_id = p.id AND s.deleted = 0) AS services "
        "FROM providers p WHERE p.deleted = 0 ORDER BY p.name COLLATE NOCASE")


def provider_row(store: Store, provider_id: str) -> dict[str, Any] | None:
    """One live provider's values, to edit them."""
    rows = store.query("SELECT * FROM providers WHERE id = ? AND deleted = 0", (provider_id,))
    return rows[0] if rows else None


def service_row(store: Store, service_id: str) -> dict[str, Any] | None:
    """One live service's values, to edit them."""
    rows = store.query("SELECT * FROM services WHERE id = ? AND deleted = 0", (service_id,))
    return rows[0] if rows else None
