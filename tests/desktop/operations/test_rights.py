"""The citizen's rights as operations: erasure, restriction, consents, the notice version, the access export."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest

from desktop.domain.enums import ConsentPurpose
from desktop.domain.models import Erasure, Person
from desktop.domain.roles import Role
from desktop.operations.authorization import NotAllowedError
from desktop.operations.deletion import delete_person
from desktop.operations.errors import NotFoundError, OperationError
from desktop.operations.operators import add_operator
from desktop.operations.persons import edit_person, record_privacy_notice, register_person
from desktop.operations.requests import NewRequest, add_note, record_request
from desktop.operations.restriction import RestrictedError
from desktop.operations.rights import (
    active_consent,
    erase_person,
    record_consent,
    set_restriction,
    withdraw_consent,
)
from desktop.queries.catalog import services_covering
from desktop.queries.persons import search_persons
from desktop.services.access_export import write_access_export
from desktop.services.export import records
from desktop.storage import access_log
from desktop.storage.store import Store
from sync import audit
from tests.helpers.people import fiscal_code

CF = fiscal_code("Giordanengo", "Battistina", "F", date(1938, 5, 17))


def _person_with_history(store: Store) -> tuple[Person, str]:
    person = register_person(store, Person(fiscal_code=CF, last_name="Giordanengo", first_name="Battistina",
                                           phone="011 987 6543", notes="Vive sola, figlia a Lione")).value
    service = services_covering(store, "DOM", None)[0]
    recorded = record_request(store, NewRequest(person.id, "DOM", "Aiuto per la spesa settimanale",
                                                service_ids=[service["id"]])).value
    add_note(store, recorded.request_id, "Richiamata la figlia Marisa")
    return person, recorded.request_id


def _all_text(store: Store) -> str:
    """Every value of every table, the search index's own tables included (what the decrypted file holds)."""
    tables = [r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out = []
    for table in tables:
        for row in store.query(f'SELECT * FROM "{table}"'):
            for value in row.values():
                out.append(value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
    return "\n".join(out).lower()


def test_erasure_leaves_the_person_on_no_page_of_the_file_even_where_an_older_desk_freed_pages_unzeroed(
        data_dir: Path) -> None:
    """Space freed while the connection did not zero it (a desk of an earlier version trimming its outbox)
    still holds the person's registration, in free pages and in pages in use; the first erasure rebuilds
    the file once and empties the WAL, so no decrypted page of the file or of its WAL names the erased
    person; the desk then records that its free space is zeros."""
    from desktop.storage.connection import FREE_SPACE_ZEROED_KEY
    from tests.helpers.decrypted_pages import MARKED, pages_holding, registered_and_sent
    from tests.helpers.desks import database_key, open_desk

    with open_desk(data_dir) as store:
        store.read(lambda conn: conn.execute("PRAGMA secure_delete = OFF"))  # as desks did before
        store.set_setting(FREE_SPACE_ZEROED_KEY, None)
        target = registered_and_sent(store)
        store.read(lambda conn: conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall())
        key, database = database_key(data_dir), data_dir / "wpt-desk.db"
        assert pages_holding(key, database, MARKED.encode())[0]  # on a live page, and on freed ones
        erase_person(store, target.id, "richiesta dell'interessata")
        assert pages_holding(key, database, MARKED.encode()) == ([], [])
        assert pages_holding(key, database, b"0121 000150") == ([], [])
        assert store.setting(FREE_SPACE_ZEROED_KEY) == "1"
        assert store.scalar("SELECT count(*) FROM persons WHERE deleted = 0") == 299
        assert [p["last_name"] for p in search_persons(store, "Persona 149")][:1] == ["Persona 149"]


def test_erasure_removes_every_trace_but_the_tombstone_and_the_access_log(store: Store) -> None:
    person, _ = _person_with_history(store)
    record_consent(store, person.id, ConsentPurpose.SMS_REMINDERS)
    assert "giordanengo" in _all_text(store)

    erase_person(store, person.id, "richiesta dell'interessata")

    text = _all_text(store)
    for secret in ("giordanengo", CF.lower(), "987 6543", "figlia a lione", "spesa settimanale", "marisa"):
        assert secret not in text, secret
    assert search_persons(store, "Giordanengo") == []
    erasure = store.get(Erasure, person.id)
    assert erasure is not None and erasure.reason == "richiesta dell'interessata"
    assert store.query("SELECT entity FROM outbox WHERE row_id = ?", (person.id,)) == [{"entity": "erasure"}]
    assert [e.action for e in access_log.entries(store, person_id=person.id)][-1] == audit.ERASE
    assert access_log.verify(store).problem == ""
    with pytest.raises(NotFoundError, match="già stata cancellata"):
        erase_person(store, person.id, "di nuovo")


def test_only_a_coordinator_erases_and_a_reason_is_needed(store: Store) -> None:
    person, _ = _person_with_history(store)
    with pytest.raises(OperationError, match="motivo"):
        erase_person(store, person.id, "  ")
    store.sign_in(add_operator(store, "Ugo Operatore", Role.OPERATOR).value)
    with pytest.raises(NotAllowedError, match="coordinatore"):
        erase_person(store, person.id, "richiesta dell'interessato")
    assert store.get(Person, person.id) is not None


def test_a_restricted_person_cannot_be_edited_or_exported_until_a_coordinator_lifts_it(store: Store) -> None:
    person, request_id = _person_with_history(store)
    set_restriction(store, person.id, True)
    current = store.get(Person, person.id)
    assert current is not None and current.restricted
    current.phone = "011 000 0000"
    for attempt in (lambda: edit_person(store, current), lambda: add_note(store, request_id, "x"),
                    lambda: record_request(store, NewRequest(person.id, "ACC")),
                    lambda: record_privacy_notice(store, person.id), lambda: delete_person(store, person.id),
                    lambda: record_consent(store, person.id, ConsentPurpose.SMS_REMINDERS)):
        with pytest.raises(RestrictedError, match="art. 18"):
            attempt()
    exported = list(records(store))
    assert not [r for r in exported if person.id in (r["id"], r.get("person_id"))]
    assert not [r for r in exported if r["type"] in ("referral", "note")]

    ugo = add_operator(store, "Ugo Operatore", Role.OPERATOR).value
    carla = add_operator(store, "Carla Coordinatrice", Role.COORDINATOR).value
    store.sign_in(ugo)
    with pytest.raises(NotAllowedError):
        set_restriction(store, person.id, False)
    store.sign_in(carla)
    set_restriction(store, person.id, False)
    assert edit_person(store, current).value.phone == "011 000 0000"


def test_an_edit_cannot_lift_a_restriction(store: Store) -> None:
    person = register_person(store, Person(last_name="Re", first_name="Ada")).value
    set_restriction(store, person.id, True)
    set_restriction(store, person.id, False)
    person.restricted = True  # a stale form's copy
    set_restriction(store, person.id, True)
    stale = person.model_copy(update={"restricted": False})
    with pytest.raises(RestrictedError):
        edit_person(store, stale)


def test_a_consent_is_recorded_and_withdrawn_with_its_dates(store: Store) -> None:
    person = register_person(store, Person(last_name="Re", first_name="Ada")).value
    record_consent(store, person.id, ConsentPurpose.SMS_REMINDERS, on=date(2025, 3, 1))
    assert store.get(Person, person.id).consent_sms  # type: ignore[union-attr]
    with pytest.raises(OperationError, match="già registrato"):
        record_consent(store, person.id, ConsentPurpose.SMS_REMINDERS)
    withdrawn = withdraw_consent(store, person.id, ConsentPurpose.SMS_REMINDERS, on=date(2025, 4, 2)).value
    assert withdrawn.given_on == date(2025, 3, 1) and withdrawn.withdrawn_on == date(2025, 4, 2)
    assert active_consent(store, person.id, ConsentPurpose.SMS_REMINDERS) is None
    assert not store.get(Person, person.id).consent_sms  # type: ignore[union-attr]
    with pytest.raises(NotFoundError):
        withdraw_consent(store, person.id, ConsentPurpose.SMS_REMINDERS)


def test_the_notice_version_is_recorded_with_its_date(store: Store) -> None:
    person = register_person(store, Person(last_name="Re", first_name="Ada")).value
    saved = record_privacy_notice(store, person.id, date(2025, 2, 3)).value
    assert saved.privacy_notice_on == date(2025, 2, 3) and saved.notice_version == "2025-1"
    assert saved.legal_basis == "public_task" and saved.special_category_basis == "art9_2_g"


def test_the_access_export_holds_every_record_of_the_person_and_the_access_log(store: Store, tmp_path: Path) -> None:
    person, request_id = _person_with_history(store)
    record_consent(store, person.id, ConsentPurpose.SMS_REMINDERS)
    record_privacy_notice(store, person.id)
    set_restriction(store, person.id, True)  # access is the citizen's right, restricted or not

    written = write_access_export(store, person.id, tmp_path / "accesso")

    data = json.loads(written.json.read_text(encoding="utf-8"))
    assert data["person"]["fiscal_code"] == CF and data["person"]["notes"] == "Vive sola, figlia a Lione"
    assert [r["id"] for r in data["requests"]] == [request_id]
    assert data["requests"][0]["history"][0]["to_status"] == "aperta"
    assert len(data["referrals"]) == 1 and data["referrals"][0]["history"]
    assert [n["text"] for n in data["notes"]] == ["Richiamata la figlia Marisa"]
    assert data["recipients"] and data["recipients"][0]["provider"]
    assert data["consents"][0]["purpose"] == "sms_reminders"
    assert data["privacy_notice"]["version"] == "2025-1" and "art. 9" in data["legal_basis"]["art9_text"]
    assert {"create", "update"} <= {e["action"] for e in data["access_log"]}
    assert written.pdf.read_bytes().startswith(b"%PDF-1.4")
    assert "giordanengo" not in written.pdf.name.lower()
    assert access_log.entries(store, person_id=person.id)[-1].action == audit.EXPORT

    store.sign_in(add_operator(store, "Ugo Operatore", Role.OPERATOR).value)
    with pytest.raises(NotAllowedError):
        write_access_export(store, person.id, tmp_path / "altro")


@pytest.mark.parametrize(("person", "reason"), [
    (("Zanzottera", "Ringo", "F", date(1961, 3, 12), "", ""), "cf {spaced}"),
    (("Rossi", "Ugo", "M", date(1955, 8, 7), "", ""), "cf {code15}"),
    (("D'Agostino", "Lia", "F", date(1950, 1, 1), "", ""), "sig.ra D’Agostino"),
    (("Bertolà", "Ada", "F", date(1950, 1, 1), "", ""), "per Bertola"),
    (("De Santis", "Ugo", "M", date(1950, 1, 1), "", ""), "DE  SANTIS, richiesta"),
    (("Ferrero", "Maria Luisa", "F", date(1950, 1, 1), "", ""), "la signora Maria"),
    (("Ng", "Bo", "M", date(1950, 1, 1), "", ""), "Bo Ng, richiesta"),
    (("Li", "Wei", "M", date(1950, 1, 1), "", ""), "sig. Li"),
    (("Ferrero", "Ada", "F", date(1950, 1, 1), "+39 011 555 9876", ""), "tel 011 555 9876"),
    (("Ferrero", "Ada", "F", date(1950, 1, 1), "", "Via dei Lupi 17"), "abita in via dei lupi 17"),
])
def test_an_erase_reason_with_the_persons_data_written_otherwise_is_refused(
    store: Store, person: tuple[str, str, str, date, str, str], reason: str
) -> None:
    """Spaced or cut codes, names without accents or with another apostrophe, one word of a name, a phone
    without its prefix, the address: the tombstone keeps the reason for good, so each is refused."""
    last, first, sex, born, phone, address = person
    code = fiscal_code(last, first, sex, born)
    saved = register_person(store, Person(last_name=last, first_name=first, fiscal_code=code, phone=phone,
                                          address=address)).value
    spaced = f"{code[:3]} {code[3:6]} {code[6:11]} {code[11:]}"
    with pytest.raises(OperationError) as refused:
        erase_person(store, saved.id, reason.format(spaced=spaced, code15=code[:15]))
    assert "senza codice fiscale" in str(refused.value) and code not in str(refused.value)
    assert store.get(Person, saved.id) is not None


def test_an_erase_reason_without_the_persons_data_is_kept(store: Store) -> None:
    """Particles and common words are no name: a Di Mauro's «richiesta di cancellazione» is accepted."""
    born = date(1950, 1, 1)
    saved = register_person(store, Person(last_name="Di Mauro", first_name="Ada", address="Via Roma 1",
                                          fiscal_code=fiscal_code("Di Mauro", "Ada", "F", born))).value
    erase_person(store, saved.id, "richiesta di cancellazione via PEC, prot. 2026/1234")
    erasure = store.get(Erasure, saved.id)
    assert erasure is not None and erasure.reason.startswith("richiesta di cancellazione")


def _signposts_naming_nobody(store: Store) -> list[str]:
    """The search index's page signposts (the start of a page's first word) of two characters or more
    that no remaining person's word begins with."""
    left = []
    for row in store.query("SELECT DISTINCT term FROM persons_fts_idx"):
        start = bytes(row["term"])[1:].decode("utf-8", "ignore")
        if len(start) >= 2 and not store.scalar(
                "SELECT count(*) FROM persons_fts WHERE persons_fts MATCH ?", (f'"{start}"*',)):
            left.append(start)
    return left


def test_erasure_leaves_no_signpost_of_the_search_index_naming_the_erased_person(store: Store) -> None:
    """FTS5 ``secure-delete`` takes a person's entries off the index pages, but a page's signpost may be
    the start of their phone: an erasure must not leave it (the index is rebuilt when it would)."""
    rng = random.Random(5)
    with store.transaction() as conn:
        conn.executemany("INSERT INTO persons (id, origin_desk, last_name, first_name, phone) VALUES (?, ?, ?, ?, ?)",
                         [(f"p-{i}", store.desk_id, "Rossi", "Anna", f"3{rng.randint(10**8, 10**9 - 1)}")
                          for i in range(3_000)])
    owned = {}
    for row in store.query("SELECT DISTINCT term FROM persons_fts_idx"):
        start = bytes(row["term"])[1:].decode("utf-8", "ignore")
        if len(start) >= 5:
            who = store.query("SELECT id FROM persons WHERE phone LIKE ? || '%'", (start,))
            if len(who) == 1:
                owned[start] = who[0]["id"]
    assert owned, "some signpost is the start of one person's phone"
    start, person_id = next(iter(owned.items()))
    erase_person(store, person_id, "richiesta dell'interessata")
    assert store.scalar("SELECT count(*) FROM persons WHERE phone LIKE ? || '%'", (start,)) == 0
    assert _signposts_naming_nobody(store) == []
    assert len(search_persons(store, "Rossi Anna", limit=5_000)) == 2_999
