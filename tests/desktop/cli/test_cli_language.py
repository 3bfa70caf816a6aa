"""The command line stays Italian unless the environment asks for English (``LANG=en_GB.UTF-8``): then
the documents it writes (report PDF and CSV, referral slip, access export) and its lines about them are
English, whole on the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from desktop.cli.language import cli_language
from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.services.demo import fill
from tests.desktop.cli.test_slip_command import _referral
from tests.helpers.cli import wpt_desk
from tests.helpers.desks import open_desk
from tests.helpers.pdf_text import off_the_page, words

ENGLISH = {"LANG": "en_GB.UTF-8"}


def test_the_language_comes_from_lc_all_then_lc_messages_then_lang() -> None:
    assert cli_language({}) == "it"
    assert cli_language({"LANG": "en_GB.UTF-8"}) == "en"
    assert cli_language({"LANG": "en_US"}) == "en"
    assert cli_language({"LANG": "it_IT.UTF-8"}) == "it"
    assert cli_language({"LANG": "C.UTF-8"}) == "it"
    assert cli_language({"LANG": "de_DE.UTF-8"}) == "it"  # no German catalogue
    assert cli_language({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "it_IT.UTF-8"}) == "it"
    assert cli_language({"LANG": "it_IT.UTF-8", "LC_ALL": "en_IE.UTF-8", "LC_MESSAGES": "it_IT"}) == "en"


def test_the_report_in_english_when_lang_asks_and_italian_otherwise(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    with open_desk(data) as store:
        fill(store, persons=80, seed=7)
    year = date.today().year
    period = ("--from", f"{year - 1}-01-01", "--to", f"{year}-12-31")

    english = wpt_desk(data, "report", *period, "--format", "pdf", "--out", tmp_path / "en.pdf", env=ENGLISH)
    italian = wpt_desk(data, "report", *period, "--format", "pdf", "--out", tmp_path / "it.pdf")
    csv_en = wpt_desk(data, "report", *period, "--format", "csv", env=ENGLISH)

    assert english.returncode == 0 and italian.returncode == 0 and csv_en.returncode == 0, english.stderr
    text = words(tmp_path / "en.pdf")
    for seen in ("WPT desk report", "Key figures", "Persons served", "Requests by category of need",
                 "Referral funnel", "Confidentiality:", "page 1", "Digital assistance", "Taken in charge"):
        assert seen in text, seen
    for italian_text in ("Indicatori principali", "Persone servite", "Percorso degli invii", "pagina 1",
                         "Tutela della riservatezza"):
        assert italian_text not in text, italian_text
    assert "Indicatori principali" in words(tmp_path / "it.pdf") and "Key figures" not in words(tmp_path / "it.pdf")
    assert off_the_page(tmp_path / "en.pdf") == [] and off_the_page(tmp_path / "it.pdf") == []
    header, *rows = csv_en.stdout.lstrip("\ufeff").splitlines()
    assert header == "section;item;value"
    assert any(row.startswith("Key figures;Persons served;") for row in rows)
    assert not any("Richieste per" in row for row in rows)


def test_the_slip_and_the_access_export_in_english(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    referral_id = _referral(data)
    with open_desk(data) as store:
        person = register_person(store, Person(last_name="Vottero", first_name="Celestina")).value

    slip = wpt_desk(data, "slip", referral_id, "--out", tmp_path / "slip.pdf", env=ENGLISH)
    export = wpt_desk(data, "person", "access-export", person.id, "--out", tmp_path / "out", env=ENGLISH)

    assert slip.returncode == 0, slip.stderr
    assert slip.stdout.startswith("Referral slip written: ")
    text = words(tmp_path / "slip.pdf")
    assert "Referral slip to the service" in text and "Chiabrera Lucia" in text and "Surname and name" in text
    assert "Cognome e nome" not in text and "Sportello che invia" not in text
    assert off_the_page(tmp_path / "slip.pdf", core_fonts=False) == []
    assert export.returncode == 0, export.stderr
    assert export.stdout.startswith("The person's data exported: ")
    pdf = tmp_path / "out" / f"accesso-{person.id}.pdf"
    exported = words(pdf)
    assert "Personal data processed by the desk" in exported and "Surname and name: Vottero Celestina" in exported
    assert "Dati personali trattati" not in exported and "La persona" not in exported
    assert off_the_page(pdf) == []
