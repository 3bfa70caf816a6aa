"""Catalog maintenance: coordinators add, edit and retire; operators are refused; every change is queued
for the server."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.domain.models import Operator, Provider, Service
from desktop.domain.roles import Role
from desktop.operations.authorization import NotAllowedError
from desktop.operations.catalog import retire_provider, retire_service, save_provider, save_service
from desktop.operations.errors import OperationError
from desktop.queries.catalog import services_covering
from desktop.storage import sync_tables
from desktop.storage.store import Store


def test_coordinator_adds_edits_and_retires_a_service_and_each_change_goes_to_sync(store: Store) -> None:
    before = sync_tables.outbox_count(store)
    provider = save_provider(store, {"name": "Cooperativa Valli", "kind": "cooperativa_sociale"}).value
    service = save_service(store, {"provider_id": provider.id, "name": "Trasporto sociale Valli", "category": "TRA",
                                   "hours": "lun-ven 8-12", "access": "su appuntamento",
                                   "municipality_codes": ["A074"]}).value
    assert any(s["id"] == service.id for s in services_covering(store, "TRA", "A074"))
    edited = save_service(store, {"hours": "lun-sab 8-13"}, service.id).value
    assert edited.hours == "lun-sab 8-13" and edited.name == "Trasporto sociale Valli"
    with pytest.raises(OperationError, match="ancora offerti dall.ente: 1"):
        retire_provider(store, provider.id)
    assert retire_service(store, service.id).value
    assert not any(s["id"] == service.id for s in services_covering(store, "TRA", None))
    assert retire_provider(store, provider.id).value
    assert sync_tables.outbox_count(store) > before  # everything queued for the server


def test_bad_values_are_refused_in_one_sentence_and_nothing_is_written(store: Store) -> None:
    count = store.count("provider")
    with pytest.raises(OperationError):
        save_provider(store, {"name": "", "kind": "cooperativa_sociale"})
    with pytest.raises(OperationError, match="ente"):
        save_service(store, {"provider_id": "nessuno", "name": "X", "category": "TRA"})
    assert store.count("provider") == count


def test_an_operator_is_refused(store: Store, data_dir: Path) -> None:
    operator = store.save(Operator(name="Sportellista", role=Role.OPERATOR, desk_id=store.desk_id))
    store.sign_in(operator)
    with pytest.raises(NotAllowedError, match="coordinatore"):
        save_provider(store, {"name": "Cooperativa Valli", "kind": "cooperativa_sociale"})
    service = store.query("SELECT id FROM services WHERE deleted = 0 LIMIT 1")[0]["id"]
    with pytest.raises(NotAllowedError):
        retire_service(store, service)
    assert store.get(Service, service) is not None and not store.get(Service, service).deleted  # type: ignore[union-attr]
    assert Provider  # the model the operation validates with
