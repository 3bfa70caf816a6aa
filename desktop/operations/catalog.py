"""Catalogo servizi maintenance, for coordinators: add, edit and retire a service or a provider.

Each change is a record saved through the store, so it goes out with the next sync like any other (the
server takes catalog changes only from a coordinator's desk, and sets the others aside). A retired
service or provider is tombstoned: referrals already made keep pointing at it, new ones cannot.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from desktop.domain.models import Provider, Service
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import NotFoundError, OperationError, invalid
from desktop.storage.store import Store

PROVIDER_FIELDS = ("name", "kind", "municipality_code", "address", "phone", "email", "website")
SERVICE_FIELDS = ("provider_id", "name", "category", "description", "eligibility", "access", "cost", "contacts",
                  "hours", "municipality_codes")


def _merged(existing: dict[str, Any] | None, values: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(values) - set(allowed)
    if unknown:
        raise OperationError("Campo sconosciuto nel catalogo: " + ", ".join(sorted(unknown)) + ".")
    return {**(existing or {}), **values}


def save_provider(store: Store, values: dict[str, Any], provider_id: str | None = None) -> Done[Provider]:
    """Add a provider, or change one (``provider_id``)."""
    require(store, Role.COORDINATOR)
    with store.transaction():
        existing = store.get(Provider, provider_id) if provider_id else None
        if provider_id and (existing is None or existing.deleted):
            raise NotFoundError("L'ente non è più nel catalogo.")
        try:
            base = existing.model_dump() if existing else None
            provider = Provider.model_validate(_merged(base, values, PROVIDER_FIELDS + ("id",) * bool(base)))
        except ValidationError as exc:
            raise invalid(exc) from exc
        saved = store.save(provider)
    return Done(saved, Changes(catalog=True))


def save_service(store: Store, values: dict[str, Any], service_id: str | None = None) -> Done[Service]:
    """Add a service, or change one (``service_id``); its provider must be in the catalog."""
    require(store, Role.COORDINATOR)
    with store.transaction():
        existing = store.get(Service, service_id) if service_id else None
        if service_id and (existing is None or existing.deleted):
            raise NotFoundError("Il servizio non è più nel catalogo.")
        base = existing.model_dump() if existing else None
        merged = _merged(base, values, SERVICE_FIELDS + ("id",) * bool(base))
        provider = store.get(Provider, str(merged.get("provider_id") or ""))
        if provider is None or provider.deleted:
            raise OperationError("Scegliere l'ente che offre il servizio: quello indicato non è nel catalogo.")
        try:
            service = Service.model_validate(merged)
        except ValidationError as exc:
            raise invalid(exc) from exc
        saved = store.save(service)
    return Done(saved, Changes(catalog=True))


def retire_service(store: Store, service_id: str) -> Done[bool]:
    """Take a service out of the catalog (referrals already made keep it)."""
    require(store, Role.COORDINATOR)
    try:
        changed = store.set_deleted(Service, service_id, True)
    except KeyError as exc:
        raise NotFoundError("Il servizio non è più nel catalogo.") from exc
    return Done(changed, Changes(catalog=True))


def retire_provider(store: Store, provider_id: str) -> Done[bool]:
    """Take a provider out of the catalog; refused while it still offers live services."""
    require(store, Role.COORDINATOR)
    with store.transaction():
        live = store.scalar("SELECT count(*) FROM services WHERE provider_id = ? AND deleted = 0", (provider_id,))
        if live:
            raise OperationError(f"Servizi ancora offerti dall'ente: {live}. Ritira prima quelli.")
        try:
            changed = store.set_deleted(Provider, provider_id, True)
        except KeyError as exc:
            raise NotFoundError("L'ente non è più nel catalogo.") from exc
    return Done(changed, Changes(catalog=True))
