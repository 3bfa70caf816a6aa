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


def _text_runs(pdf: Path) -> list[tuple[str, float, float, float]]:
    """Each run of text on the first page: (text, x, y, font size), all in points on the page."""
    runs: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            scale = abs(cm[0]) * abs(tm[0]) if tm[0] else abs(cm[0])
            x = cm[0] * tm[4] + cm[4]
            y = cm[3] * tm[5] + cm[5]
            runs.append((text.strip(), x, y, size * scale))

    PdfReader(pdf).pages[0].extract_text(visitor_text=visit)
    return runs


def test_slip_is_a_readable_a4_page(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    person = store.save(Person(last_name="Chiabrera", first_name="Lucia", municipality_code="Ceres"))
    request = store.save(Request(person_id=person.id, category="TRA"))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    referral = store.save(Referral(request_id=request.id, service_id=service["id"]))
    pdf = write_referral_slip(store, referral.id, tmp_path / "scheda.pdf")

    page = PdfReader(pdf).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert (round(width), round(height)) == (595, 842)  # A4 in points
    runs = _text_runs(pdf)
    title = next(r for r in runs if r[0].replace("\t", " ").startswith("Scheda di invio"))
    assert title[3] >= 14  # a clear title
    body = [r for r in runs if "Chiabrera" in r[0] or r[0].replace("\xa0", " ").startswith("Codice fiscale")]
    assert body and all(r[3] >= 10 for r in body)  # body text at least 10 pt
    xs = [r[1] for r in runs]
    ys = [r[2] for r in runs]
    assert all(0 <= x < width for x in xs) and all(0 <= y < height for y in ys)  # nothing off the page
    assert max(ys) - min(ys) > height / 4  # the slip uses the page, not a corner of it
    assert title[2] > height * 0.85  # the title at the top of the page
