"""Through a real server on loopback: the privacy notice texts published by the server reach every desk,
the network's retention period set on one desk reaches the others (not another network), and an objection
(restriction and withdrawn consents) reaches every desk."""

from __future__ import annotations

from collections.abc import Callable

from desktop.domain.enums import ConsentPurpose
from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.operations.retention import set_retention_years
from desktop.operations.rights import active_consent, object_to_processing, record_consent
from desktop.queries.notices import notice_for, privacy_notices
from desktop.queries.retention import DEFAULT_RETENTION_YEARS, retention_years
from desktop.reference.privacy import CURRENT_NOTICE
from desktop.storage.store import Store
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _sync_all(*clients: object) -> None:
    for _ in range(2):
        for client in clients:
            assert client.sync().complete  # type: ignore[attr-defined]


def test_a_notice_version_published_by_the_server_reaches_every_desk(server: RunningServer,
                                                                    new_desk: NewDesk) -> None:
    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "altra-rete")
    counts = server.engine().import_catalog({"notices": [
        {"version": "2027-1", "valid_from": "2027-01-01", "text": "Nuovo testo.\n\nSecondo paragrafo."},
        {"version": CURRENT_NOTICE.version, "valid_from": CURRENT_NOTICE.valid_from.isoformat(),
         "text": CURRENT_NOTICE.summary},
    ]})
    assert counts == {"aggiunti": 1, "aggiornati": 0, "invariati": 1}  # the built-in version has the same id
    _sync_all(ca, cb)
    for store in (a, b):
        assert [n.version for n in privacy_notices(store)] == [CURRENT_NOTICE.version, "2027-1"]
        newest = notice_for(store, "")
        assert newest is not None and newest.text.startswith("Nuovo testo.")
    assert {n["version"] for n in server.engine().catalog()["notices"]} == {CURRENT_NOTICE.version, "2027-1"}


def test_the_retention_period_and_an_objection_reach_every_desk_of_the_network(server: RunningServer,
                                                                               new_desk: NewDesk) -> None:
    a, b, other = new_desk("a"), new_desk("b"), new_desk("c")
    ca, cb, cc = (server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete"),
                  server.enroll(other, "C", "altra-rete"))
    set_retention_years(a, 7)
    person = register_person(a, Person(last_name="Bruno", first_name="Ines")).value
    record_consent(a, person.id, ConsentPurpose.SMS_REMINDERS)
    _sync_all(ca, cb, cc)
    assert retention_years(b) == 7 and retention_years(other) == DEFAULT_RETENTION_YEARS
    set_retention_years(b, 12)  # the same row on every desk: the later write wins everywhere
    object_to_processing(b, person.id)
    _sync_all(ca, cb, cc)
    assert retention_years(a) == 12 and retention_years(b) == 12
    on_a = a.get(Person, person.id)
    assert on_a is not None and on_a.restricted and on_a.objection_on is not None
    assert active_consent(a, person.id, ConsentPurpose.SMS_REMINDERS) is None


def test_the_server_refuses_a_network_setting_from_a_plain_operator(server: RunningServer,
                                                                     new_desk: NewDesk) -> None:
    from desktop.domain.models import NetworkSetting
    from desktop.domain.roles import Role
    from desktop.operations.operators import add_operator
    from desktop.queries.retention import RETENTION_KEY, RETENTION_SETTING_ID

    a, b = new_desk("a"), new_desk("b")
    ca, cb = server.enroll(a, "A", "rete"), server.enroll(b, "B", "rete")
    ugo = add_operator(a, "Ugo", Role.OPERATOR).value
    _sync_all(ca, cb)
    # A tampered desk writes the setting as a plain operator: the server sets it aside, B keeps the default.
    a.save(NetworkSetting(id=RETENTION_SETTING_ID, key=RETENTION_KEY, value="1", operator_id=ugo.id))
    report = ca.sync()
    assert [reason for _, reason in report.rejected] == [
        "solo un coordinatore o un amministratore può cambiare le impostazioni della rete"]
    assert cb.sync().complete and retention_years(b) == DEFAULT_RETENTION_YEARS
