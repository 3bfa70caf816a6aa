"""``wpt-desk slip REFERRAL_ID --out FILE.pdf``: the slip again from the command line, as the app writes it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.domain.models import Person
from desktop.operations.errors import REFERRAL_NOT_FOUND
from desktop.operations.persons import register_person
from desktop.operations.requests import NewRequest, record_request
from desktop.queries.catalog import services_covering
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk


def _referral(data: Path) -> str:
    with open_desk(data) as store:
        person = register_person(store, Person(last_name="Chiabrera", first_name="Lucia",
                                               municipality_code="Ceres")).value
        service = services_covering(store, "TRA", person.municipality_code)[0]
        recorded = record_request(store, NewRequest(person.id, "TRA", service_ids=(service["id"],))).value
        return recorded.referral_ids[0]


def test_slip_writes_the_referral_slip_and_names_nobody(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    referral_id = _referral(data)

    done = wpt_desk(data, "slip", referral_id, "--out", tmp_path / "scheda.pdf")

    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "scheda.pdf").pages)
    assert "Chiabrera Lucia" in text and "Scheda di invio" in text
    assert "Chiabrera" not in done.stdout + done.stderr


def test_slip_says_one_sentence_for_an_unknown_id_or_a_path_it_cannot_write(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    referral_id = _referral(data)

    unknown = wpt_desk(data, "slip", "non-esiste", "--out", tmp_path / "scheda.pdf")
    assert unknown.returncode == 2
    assert unknown.stderr.startswith(f"wpt-desk: {REFERRAL_NOT_FOUND}") and unknown.stderr.count("\n") == 1
    assert not (tmp_path / "scheda.pdf").exists()

    missing = wpt_desk(data, "slip", referral_id, "--out", tmp_path / "manca" / "scheda.pdf")
    assert missing.returncode == 2 and "non esiste" in missing.stderr and missing.stderr.count("\n") == 1
    assert "Traceback" not in missing.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="permissions mean nothing to root")
def test_slip_into_a_read_only_folder_says_so(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    referral_id = _referral(data)
    locked = tmp_path / "sola-lettura"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        refused = wpt_desk(data, "slip", referral_id, "--out", locked / "scheda.pdf")
    finally:
        locked.chmod(0o700)
    assert refused.returncode == 2 and "permesso negato" in refused.stderr and refused.stderr.count("\n") == 1
