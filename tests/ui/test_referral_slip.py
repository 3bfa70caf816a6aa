from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from desktop.domain.models import Person, Referral, Request
from desktop.queries.catalog import services_covering
from desktop.storage.store import Store
from ui.referral_slip import write_referral_slip


def test_slip_pdf_names_the_person_and_the_service(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    person = store.save(Person(last_name="Chiabrera", first_name="Lucia", municipality_code="Ceres"))
    request = store.save(Request(person_id=person.id, category="TRA"))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    referral = store.save(Referral(request_id=request.id, service_id=service["id"]))

    pdf = write_referral_slip(store, referral.id, tmp_path / "scheda.pdf")

    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    text = " ".join(text.split())
    assert "Chiabrera Lucia" in text
    assert " ".join(service["name"].split()) in text
    assert service["provider_name"].split(" (")[0] in text
    assert not (tmp_path / "scheda.pdf.partial").exists()
