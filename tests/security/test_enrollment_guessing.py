"""Finding 11: enrollment codes cannot be guessed. Every failure (wrong, expired, used, replaced code)
gets the very same answer; wrong codes are limited per client address and per code."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from desktop.domain.models import Person
from desktop.storage.store import Store
from desktop.sync.client import SyncClient
from sync.limits import ENROLL_FAILURES_PER_CLIENT, ENROLL_FAILURES_PER_DESK
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION, EnrollRequest, encode
from tests.helpers.sync_server import RunningServer

NewDesk = Callable[[str], Store]


def _enroll(server: RunningServer, code: str, desk_id: str = "desk-1") -> httpx.Response:
    return httpx.post(f"{server.url}/v1/enroll", content=encode(EnrollRequest(code=code, desk_id=desk_id)),
                      headers={PROTOCOL_HEADER: str(PROTOCOL_VERSION), "Content-Encoding": "gzip"})


def test_every_failed_enrollment_gets_the_same_answer(server: RunningServer, new_desk: NewDesk) -> None:
    engine = server.engine()
    expired = engine.create_enrollment("Scaduto", "rete", hours=0)
    used = engine.create_enrollment("Usato", "rete")
    desk = new_desk("a")
    assert SyncClient(desk, server=server.url).enroll(used)
    assert SyncClient(desk).sync().complete
    replaced = engine.create_enrollment("Sostituito", "rete")
    engine.create_enrollment("Sostituito", "rete")
    wrong = expired[:-1] + ("A" if expired[-1] != "A" else "B")
    answers = [_enroll(server, code, "desk-2") for code in (wrong, "ZZZZ-ZZZZ-ZZZZ-ZZZZ", expired, used, replaced)]
    assert {(a.status_code, a.content) for a in answers} == {(answers[0].status_code, answers[0].content)}
    assert answers[0].status_code == 403 and "non valido, scaduto o già usato" in answers[0].text


def test_wrong_codes_are_limited_per_client_and_per_code(server: RunningServer, new_desk: NewDesk) -> None:
    engine = server.engine()
    enrolled = new_desk("b")
    cb = server.enroll(enrolled, "B", "rete")
    target = engine.create_enrollment("Bersaglio", "rete")
    other = engine.create_enrollment("Altro", "rete")
    # Guesses that name the target's code (its first group) lock that code for the hour ...
    selector = target[:4]
    for attempt in range(ENROLL_FAILURES_PER_DESK):
        assert _enroll(server, f"{selector}-AAAA-AAAA-AAA{'ABCDEFGHJK'[attempt]}").status_code == 403
    locked = _enroll(server, target)
    assert locked.status_code == 403 and "non valido" in locked.text  # the right code, refused like a wrong one
    # ... without touching another desk's code.
    assert _enroll(server, other, "desk-other").status_code == 200
    # Past the limit of the client address, even a right code waits (429, nothing revealed).
    for _ in range(ENROLL_FAILURES_PER_CLIENT):
        _enroll(server, "ZZZZ-ZZZZ-ZZZZ-ZZZZ")
    third = engine.create_enrollment("Terzo", "rete")
    throttled = _enroll(server, third, "desk-third")
    assert throttled.status_code == 429 and "Troppi tentativi" in throttled.text and "Retry-After" in throttled.headers
    # Nothing else changed: enrolled desks keep syncing.
    enrolled.save(Person(last_name="Sempre", first_name="Attivo"))
    assert cb.sync().complete
    assert any(e.kind == "registrazione rifiutata" for e in engine.storage.events(100))
