"""Closed-loop referrals: a provider answers on the server's page, the desk sees it at its next sync.

The real server on loopback, driven like a browser (forms, CSRF tokens, cookies); the desk syncs
through the fault-injecting proxy.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest

from desktop.domain.enums import ReferralStatus
from desktop.domain.models import Person, Referral
from desktop.domain.referral_code import referral_code
from desktop.operations.referrals import update_referral
from desktop.operations.requests import NewRequest, record_request
from desktop.reference.catalog import sample_providers, sample_services
from desktop.storage.store import Store
from sync.server.cli import main as server_main
from tests.helpers.browser import Browser, Page
from tests.helpers.fault_proxy import FaultProxy, Faults
from tests.helpers.sync_server import RunningServer

BOTH_BACKENDS = True
NewDesk = Callable[[str], Store]
BORN = date(1950, 6, 2)


def _two_providers() -> tuple[tuple[str, str, str], tuple[str, str, str]]:
    """(provider id, provider name, one of its services' id) for two different providers of the sample catalog."""
    names = {p.id: p.name for p in sample_providers()}
    first: dict[str, str] = {}
    for service in sample_services():
        first.setdefault(service.provider_id, service.id)
    (p1, s1), (p2, s2) = list(first.items())[:2]
    return (p1, names[p1], s1), (p2, names[p2], s2)


def _refer(store: Store, service_id: str, last_name: str = "Rostagno") -> str:
    person = store.save(Person(last_name=last_name, first_name="Elda", birth_date=BORN, phone="333 1234567"))
    recorded = record_request(store, NewRequest(person_id=person.id, category="ECO", service_ids=[service_id],
                                                follow_up_on=date.today() + timedelta(days=7))).value
    return recorded.referral_ids[0]


def _server(server: RunningServer, *args: str) -> int:
    where = ["--database", server.database] if server.database else ["--data-dir", str(server.data_dir)]
    return server_main([*args, *where])


def _invite(server: RunningServer, capsys: pytest.CaptureFixture[str], provider_id: str,
            network: str | None = None) -> str:
    assert _server(server, "settings", "public-url", server.url + "/") == 0
    capsys.readouterr()
    assert _server(server, "provider-access", provider_id, *(["--network", network] if network else [])) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith(server.url + "/enti/invito/") and " " not in lines[-1]  # alone on its line
    return lines[-1].removeprefix(server.url)


def _log_in(server: RunningServer, capsys: pytest.CaptureFixture[str], provider_id: str,
            network: str | None = None) -> tuple[Browser, Page]:
    path = _invite(server, capsys, provider_id, network)
    browser = Browser(server.url)
    invitation = browser.get(path)
    assert invitation.status == 200
    login = invitation.form("/enti/invito/").hidden["login"]
    done = browser.submit(invitation, "/enti/invito/", password="una-password-lunga", repeated="una-password-lunga")
    assert done.status == 200 and "Password impostata" in done.text
    assert browser.get(path).status == 403  # single use
    listing = browser.submit(done, "/enti/accesso", login=login, password="una-password-lunga")
    assert listing.status == 200 and str(listing.response.url).endswith("/enti")
    return browser, listing


@pytest.fixture
def browsers() -> Iterator[list[Browser]]:
    opened: list[Browser] = []
    yield opened
    for browser in opened:
        browser.close()


def test_provider_takes_a_referral_in_charge_and_the_desk_sees_it_through_a_cut_line(
    server: RunningServer, proxy: FaultProxy, new_desk: NewDesk, capsys: pytest.CaptureFixture[str],
    browsers: list[Browser],
) -> None:
    (provider_id, provider_name, service_id), _ = _two_providers()
    desk = new_desk("susa")
    client = server.enroll(desk, "Susa", "val-susa", url=proxy.url)
    referral_id = _refer(desk, service_id)
    assert client.sync().complete

    browser, listing = _log_in(server, capsys, provider_id)
    browsers.append(browser)
    assert "Elda Rostagno" in listing.text and "333 1234567" in listing.text
    assert referral_code(referral_id) in listing.text and "art. 6.1.e GDPR" in listing.text
    page = browser.get(f"/enti/invio/{referral_id}")
    answered = browser.submit(page, f"/enti/invio/{referral_id}", action="presa_in_carico",
                              note="Colloquio fissato per lunedì alle 10")
    assert answered.status == 200 and "Risposta registrata" in answered.text
    assert "Preso in carico" in answered.text and f"da {provider_name}" in answered.text

    proxy.faults = Faults(cut_response_after=400)  # the answer is cut on its way to the desk
    with pytest.raises(Exception, match="interrotta|raggiungibile"):
        client.sync()
    proxy.faults = Faults()
    assert client.sync().complete
    referral = desk.get(Referral, referral_id)
    assert referral is not None
    assert referral.status == ReferralStatus.TAKEN_IN_CHARGE
    assert referral.status_by == provider_name
    assert referral.provider_feedback == "Colloquio fissato per lunedì alle 10"
    history = desk.query("SELECT from_status, to_status, by_provider, operator_id FROM status_changes "
                         "WHERE subject_id = ? ORDER BY changed_at", (referral_id,))
    assert dict(history[-1]) == {"from_status": "proposto", "to_status": "preso in carico",
                                 "by_provider": provider_name, "operator_id": None}

    # Concluded with its outcome, then closed: only a note can follow.
    page = browser.get(f"/enti/invio/{referral_id}")
    missing = browser.submit(page, f"/enti/invio/{referral_id}", action="conclusione")
    assert missing.status == 400 and "Indicare l'esito" in missing.text
    done = browser.submit(page, f"/enti/invio/{referral_id}", action="conclusione", outcome="Contributo erogato")
    assert done.status == 200 and "Concluso" in done.text
    closed = browser.post(f"/enti/invio/{referral_id}", {**page.form("/enti/invio/").hidden,
                                                          "action": "rifiuto", "reason": "non_idoneo"})
    assert closed.status == 409 and "già chiuso" in closed.text
    assert client.sync().complete
    concluded = desk.get(Referral, referral_id)
    assert concluded is not None and concluded.status == ReferralStatus.COMPLETED
    assert concluded.outcome == "Contributo erogato"

    # Every read and answer is in the server's event log, by ids: nothing personal.
    events = server.engine().storage.events(200)
    kinds = {e.kind for e in events}
    assert {"accesso ente: invito", "accesso ente: password impostata", "accesso ente: consultazione",
            "invio aggiornato dall'ente"} <= kinds
    assert any(referral_id in e.detail for e in events if e.kind == "accesso ente: consultazione")
    logged = " ".join(f"{e.actor} {e.detail}" for e in events)
    for personal in ("Rostagno", "Elda", "333 1234567", "Colloquio", "Contributo", BORN.isoformat()):
        assert personal not in logged


def test_a_provider_never_sees_another_providers_or_another_networks_referral(
    server: RunningServer, new_desk: NewDesk, capsys: pytest.CaptureFixture[str], browsers: list[Browser],
) -> None:
    (mine, _, my_service), (other, _, other_service) = _two_providers()
    susa, ivrea = new_desk("susa"), new_desk("ivrea")
    susa_client, ivrea_client = server.enroll(susa, "Susa", "val-susa"), server.enroll(ivrea, "Ivrea", "canavese")
    for_me = _refer(susa, my_service, "Rostagno")
    for_other = _refer(susa, other_service, "Perotto")
    other_network = _refer(ivrea, my_service, "Bertola")  # my service, another network
    assert susa_client.sync().complete and ivrea_client.sync().complete

    browser, listing = _log_in(server, capsys, mine, "val-susa")
    browsers.append(browser)
    assert "Rostagno" in listing.text
    assert "Perotto" not in listing.text and "Bertola" not in listing.text
    form = browser.get(f"/enti/invio/{for_me}").form("/enti/invio/").hidden
    for tampered in (for_other, other_network, "../" + for_other, "x" * 500):
        seen = browser.get(f"/enti/invio/{tampered}")
        assert seen.status == 404 and "Perotto" not in seen.text and "Bertola" not in seen.text
        posted = browser.post(f"/enti/invio/{tampered}", {**form, "action": "presa_in_carico"})
        assert posted.status == 404
    assert susa_client.sync().complete and ivrea_client.sync().complete
    untouched = [susa.get(Referral, for_other), ivrea.get(Referral, other_network)]
    assert [r.status if r else None for r in untouched] == [ReferralStatus.PROPOSED, ReferralStatus.PROPOSED]

    # No CSRF token, or another's: refused; no session: sent to the login page.
    assert browser.post(f"/enti/invio/{for_me}", {"action": "presa_in_carico"}).status == 403
    assert browser.post(f"/enti/invio/{for_me}", {"action": "presa_in_carico", "csrf": "x" * 32}).status == 403
    stranger = Browser(server.url)
    browsers.append(stranger)
    assert str(stranger.get("/enti").response.url).endswith("/enti/accesso")
    assert str(stranger.post(f"/enti/invio/{for_me}", {"action": "presa_in_carico"}).response.url).endswith(
        "/enti/accesso")

    # Revoked: the session ends at once.
    assert _server(server, "provider-access", mine, "--network", "val-susa", "--revoke") == 0
    assert str(browser.get("/enti").response.url).endswith("/enti/accesso")


def test_session_cookie_and_page_headers(server: RunningServer, new_desk: NewDesk,
                                         capsys: pytest.CaptureFixture[str], browsers: list[Browser]) -> None:
    (provider_id, _, _), _ = _two_providers()
    server.enroll(new_desk("susa"), "Susa", "val-susa").sync()
    path = _invite(server, capsys, provider_id)
    browser = Browser(server.url)
    browsers.append(browser)
    page = browser.get(path)
    headers = page.response.headers
    assert "lang=\"it\"" in page.response.text and "viewport" in page.response.text
    assert "<script" not in page.response.text
    assert headers["referrer-policy"] == "no-referrer" and "default-src 'none'" in headers["content-security-policy"]
    assert "httponly" in headers["set-cookie"].lower() and "samesite=strict" in headers["set-cookie"].lower()
    login = page.form("/enti/invito/").hidden["login"]
    short = browser.submit(page, "/enti/invito/", password="corta", repeated="corta")
    assert short.status == 400 and "da 10 a 200 caratteri" in short.text
    browser.submit(page, "/enti/invito/", password="una-password-lunga", repeated="una-password-lunga")
    response = browser.client.post("/enti/accesso", data={**page.form("/enti/invito/").hidden, "login": login,
                                                          "password": "una-password-lunga"}, follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "wpt_ente=" in cookie and "httponly" in cookie and "samesite=strict" in cookie


def test_login_attempts_are_rate_limited(server: RunningServer, new_desk: NewDesk,
                                         capsys: pytest.CaptureFixture[str], browsers: list[Browser]) -> None:
    (provider_id, _, _), _ = _two_providers()
    server.enroll(new_desk("susa"), "Susa", "val-susa").sync()
    browser, _ = _log_in(server, capsys, provider_id)
    browsers.append(browser)
    guesser = Browser(server.url)
    browsers.append(guesser)
    page = guesser.get("/enti/accesso")
    statuses = [guesser.submit(page, "/enti/accesso", login="ente-xxxxxx", password=f"tentativo-{i}").status
                for i in range(12)]
    assert statuses[:10] == [403] * 10 and statuses[10:] == [429, 429]
    assert "Troppi tentativi" in guesser.submit(page, "/enti/accesso", login="x", password="y").text


def test_receipt_by_code_and_birth_date_is_rate_limited(
    server: RunningServer, new_desk: NewDesk, browsers: list[Browser]
) -> None:
    (_, provider_name, service_id), _ = _two_providers()
    desk = new_desk("susa")
    client = server.enroll(desk, "Susa", "val-susa")
    referral_id = _refer(desk, service_id)
    assert client.sync().complete
    browser = Browser(server.url)
    browsers.append(browser)
    page = browser.get("/enti/ricevuto")
    code = referral_code(referral_id)
    confirmed = browser.submit(page, "/enti/ricevuto", code=code.lower().replace("-", " "),
                               birth_date=BORN.isoformat())
    assert confirmed.status == 200 and "Ricezione confermata" in confirmed.text and "Rostagno" not in confirmed.text
    wrong = [browser.submit(page, "/enti/ricevuto", code=code, birth_date="1950-06-03") for _ in range(4)]
    assert [w.status for w in wrong] == [403] * 4 and "non corrispondono" in wrong[0].text
    limited = browser.submit(page, "/enti/ricevuto", code=code, birth_date=BORN.isoformat())
    assert limited.status == 429 and "Troppi tentativi" in limited.text
    bad_date = browser.submit(page, "/enti/ricevuto", code=code, birth_date="domani")
    assert bad_date.status == 400 and "Data di nascita non valida" in bad_date.text

    assert client.sync().complete
    referral = desk.get(Referral, referral_id)
    assert referral is not None and referral.received_on == date.today()
    assert referral.status == ReferralStatus.SENT and referral.status_by == provider_name


def test_an_offline_desk_edit_meeting_a_providers_answer_merges_without_loss(
    server: RunningServer, new_desk: NewDesk, capsys: pytest.CaptureFixture[str], browsers: list[Browser],
) -> None:
    (provider_id, provider_name, service_id), _ = _two_providers()
    desk = new_desk("susa")
    client = server.enroll(desk, "Susa", "val-susa")
    referral_id = _refer(desk, service_id)
    assert client.sync().complete
    # Offline at the desk: a new follow-up date and a status of its own, before the provider answers.
    later = date.today() + timedelta(days=20)
    update_referral(desk, referral_id, status=ReferralStatus.SENT, follow_up_on=later)

    browser, _ = _log_in(server, capsys, provider_id)
    browsers.append(browser)
    page = browser.get(f"/enti/invio/{referral_id}")
    browser.submit(page, f"/enti/invio/{referral_id}", action="presa_in_carico", note="Presa in carico")

    assert client.sync().complete
    assert client.sync().complete
    referral = desk.get(Referral, referral_id)
    assert referral is not None
    assert referral.follow_up_on == later  # the desk's edit of another field stays
    assert referral.status == ReferralStatus.TAKEN_IN_CHARGE and referral.status_by == provider_name
    assert referral.provider_feedback == "Presa in carico"
    # The desk's concurrent status lost the race: kept as a review item, not dropped.
    conflicts = desk.query("SELECT field, lost_value, kept_value FROM sync_conflicts WHERE row_id = ?",
                           (referral_id,))
    assert {(c["field"], c["lost_value"], c["kept_value"]) for c in conflicts} >= {
        ("status", '"inviato"', '"preso in carico"')}
    # The provider's page shows the merged record too.
    assert later.isoformat() in browser.get(f"/enti/invio/{referral_id}").text


def test_stalled_referrals_are_listed_per_provider(
    server: RunningServer, new_desk: NewDesk, capsys: pytest.CaptureFixture[str]
) -> None:
    (_, first_name, first_service), (_, second_name, second_service) = _two_providers()
    desk = new_desk("susa")
    client = server.enroll(desk, "Susa", "val-susa")
    stalled = _refer(desk, first_service)
    answered = _refer(desk, second_service, "Perotto")
    update_referral(desk, answered, status=ReferralStatus.SENT)
    assert client.sync().complete
    capsys.readouterr()
    assert _server(server, "referrals", "--stalled", "--today", (date.today() + timedelta(days=30)).isoformat()) == 0
    out = capsys.readouterr().out
    assert f"val-susa · {first_name}: 1 senza risposta" in out and referral_code(stalled) in out
    assert f"val-susa · {second_name}: 1 senza risposta" in out
    assert _server(server, "referrals", "--stalled") == 0
    assert "Nessun invio" in capsys.readouterr().out


def test_a_desk_cannot_answer_in_a_providers_name(server: RunningServer, new_desk: NewDesk) -> None:
    (_, provider_name, service_id), _ = _two_providers()
    desk, other = new_desk("susa"), new_desk("oulx")
    client, other_client = server.enroll(desk, "Susa", "val-susa"), server.enroll(other, "Oulx", "val-susa")
    referral_id = _refer(desk, service_id)
    assert client.sync().complete
    forged = desk.get(Referral, referral_id)
    assert forged is not None
    forged.status, forged.status_by = ReferralStatus.TAKEN_IN_CHARGE.value, provider_name
    desk.save(forged)
    report = client.sync()
    assert report.complete and len(report.rejected) >= 1
    assert any("solo l'ente" in reason for _, reason in report.rejected)
    assert other_client.sync().complete
    seen = other.get(Referral, referral_id)
    assert seen is not None and seen.status_by == ""


def test_the_public_url_and_the_invitation_refuse_bad_input(
    server: RunningServer, new_desk: NewDesk, capsys: pytest.CaptureFixture[str]
) -> None:
    (provider_id, _, _), _ = _two_providers()
    server.enroll(new_desk("susa"), "Susa", "val-susa").sync()
    assert _server(server, "provider-access", provider_id) == 2
    assert "wpt-server settings public-url" in capsys.readouterr().err
    for bad in ("ftp://wpt.example.it", "https://", "https://u:p@wpt.example.it", "wpt.example.it",
                "https://wpt.example.it/?x=1", "http://wpt.example.it:99999"):
        assert _server(server, "settings", "public-url", bad) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Indirizzo pubblico non valido" in err and "Traceback" not in err
    assert _server(server, "settings", "public-url", "https://wpt.example.it") == 0
    capsys.readouterr()
    assert _server(server, "provider-access", "non-esiste") == 2
    assert "Ente sconosciuto" in capsys.readouterr().err
    assert _server(server, "provider-access", provider_id, "--network", "altra") == 2
    assert "non ha sportelli" in capsys.readouterr().err
