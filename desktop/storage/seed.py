"""Seed a new replica with the reference data every replica shares (taxonomy and sample catalog)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop import __version__
from desktop.domain.entities import CategoryRecord
from desktop.ids import reference_id
from desktop.reference.catalog import sample_providers, sample_services
from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.reference.privacy import notice_records

if TYPE_CHECKING:
    from desktop.storage.store import Store

REFERENCE_VERSION = f"{__version__}/2"


def seed_reference(store: Store) -> None:
    """Insert what is missing of the taxonomy and the sample catalog (once per reference version)."""
    if store.setting("reference_version") == REFERENCE_VERSION:
        return
    with store.transaction():
        for category in DEFAULT_CATEGORIES:
            store.seed(CategoryRecord.of(category, id=reference_id("category", category.code)))
        for provider in sample_providers():
            store.seed(provider)
        for service in sample_services():
            store.seed(service)
        for notice in notice_records():
            store.seed(notice)
        store.set_setting("reference_version", REFERENCE_VERSION)
