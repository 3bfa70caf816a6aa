"""The desk shows where a referral's status came from (the desk or the provider) and the provider's note;
the slip carries the referral's code."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.enums import ReferralStatus
from desktop.domain.models import Person, Referral, Request, StatusChange
from desktop.domain.referral_code import normalize, referral_code
from desktop.operations.referrals import change_referral_status
from desktop.queries.catalog import services_covering
from desktop.queries.person_record import person_timeline
from desktop.storage.store import Store
from tests.helpers.ui import open_referrals
from ui.main_window import MainWindow
from ui.referral_slip import write_referral_slip
from ui.referrals.follow_ups_page import FollowUpsPage
from ui.referrals.referrals_page import ReferralsPage


def _referral(store: Store, last: str) -> Referral:
    person = store.save(Person(last_name=last, first_name="Anna", municipality_code="Ceres"))
    request = store.save(Request(person_id=person.id, category="TRA", desk_id=store.desk_id))
    service = services_covering(store, "TRA", person.municipality_code)[0]
    return store.save(Referral(request_id=request.id, service_id=service["id"]))


def _cell(page: ReferralsPage, referral_id: str, key: str) -> str:
    assert page.select(referral_id)
    row = page.view.currentIndex().row()
    column = next(i for i, c in enumerate(page.model._columns) if c.key == key)
    return str(page.model.data(page.model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_the_referrals_list_and_timeline_show_the_providers_answer(
    qtbot: QtBot, store: Store, window: MainWindow, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    answered = _referral(store, "Bonino")
    # What a provider's answer on the server's page writes (it reaches the desk as a synced change).
    answered.status, answered.status_by = ReferralStatus.TAKEN_IN_CHARGE.value, "Consorzio Valli"
    answered.provider_feedback = "Colloquio lunedì"
    store.save(answered)
    store.save(StatusChange(subject_type="referral", subject_id=answered.id, from_status="proposto",
                            to_status="preso in carico", changed_at=datetime.now(UTC), by_provider="Consorzio Valli"))
    by_desk = _referral(store, "Perotto")
    change_referral_status(store, by_desk.id, ReferralStatus.SENT)

    page = open_referrals(qtbot, window)
    qtmodeltester.check(page.model)
    assert _cell(page, answered.id, "status_by") == "Ente: Consorzio Valli"
    assert _cell(page, answered.id, "provider_feedback") == "Colloquio lunedì"
    assert _cell(page, by_desk.id, "status_by") == "Sportello"

    request = store.get(Request, answered.request_id)
    assert request is not None
    texts = [e.text for e in person_timeline(store, request.person_id)]
    assert any("Preso in carico (dall'ente Consorzio Valli)" in t for t in texts)
    assert any("nota dell'ente: Colloquio lunedì" in t for t in texts)


def test_a_desk_status_change_makes_the_status_the_desks_again(store: Store) -> None:
    referral = _referral(store, "Bonino")
    referral.status, referral.status_by = ReferralStatus.SENT.value, "Consorzio Valli"
    store.save(referral)
    change_referral_status(store, referral.id, ReferralStatus.TAKEN_IN_CHARGE)
    again = store.get(Referral, referral.id)
    assert again is not None and again.status_by == ""


def test_the_slip_carries_the_referral_code(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    referral = _referral(store, "Chiabrera")
    pdf = write_referral_slip(store, referral.id, tmp_path / "scheda.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())
    code = referral_code(referral.id)
    assert code in text and code.startswith("INV-") and len(code) == len("INV-7K3Q-92")
    assert normalize(code.lower().replace("-", " ")) == code and normalize("INV-0000-00") == ""


def test_scadenze_puts_the_referrals_the_service_did_not_answer_first(
    qtbot: QtBot, store: Store, window: MainWindow, qtmodeltester  # type: ignore[no-untyped-def]
) -> None:
    today = date.today()
    answered = _referral(store, "Bonino")
    answered.follow_up_on = today - timedelta(days=9)
    answered.status, answered.status_by = ReferralStatus.TAKEN_IN_CHARGE.value, "Consorzio Valli"
    store.save(answered)
    silent = _referral(store, "Perotto")
    silent.follow_up_on, silent.status = today - timedelta(days=2), ReferralStatus.SENT.value
    store.save(silent)
    page = window.pages["follow_ups"]
    assert isinstance(page, FollowUpsPage)
    with qtbot.waitSignal(page.loaded):
        page.reload()
    qtmodeltester.check(page.model)
    assert [r["id"] for r in page.model.rows()] == [silent.id, answered.id]  # though less overdue
    assert page.model.index(0, 0).data() == "Nessuna risposta dal servizio · In ritardo di 2 giorni"
    assert page.model.index(1, 0).data() == "In ritardo di 9 giorni"
