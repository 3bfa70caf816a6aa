"""Realistic sample data for demos and training: clearly marked as sample, never real people.

Surnames and municipalities are real-looking (Piedmontese surnames, real municipality names) and
codici fiscali are valid, but every person's notes say "Persona di esempio", phone numbers are in
the unassigned 000 range and e-mails use the reserved ``.invalid`` domain.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any

from desktop.domain.enums import (
    CLOSING_REFERRAL_STATUSES,
    Channel,
    NoteKind,
    ReferralStatus,
    RequestStatus,
    Sex,
    Urgency,
    UserArea,
)
from desktop.domain.fiscal_code import encode
from desktop.domain.models import Person
from desktop.operations.persons import register_person
from desktop.operations.referrals import change_referral_status, update_referral
from desktop.operations.requests import NewRequest, add_note, change_request_status, record_request
from desktop.paths import resource
from desktop.queries.catalog import services_covering
from desktop.queries.persons import find_by_fiscal_code
from desktop.reference import municipalities
from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.storage.store import Store

SAMPLE_MARK = "Persona di esempio (dati fittizi)"

# How a referral reaches each status from "proposto", one step at a time.
_REFERRAL_PATHS: dict[ReferralStatus, tuple[ReferralStatus, ...]] = {
    ReferralStatus.PROPOSED: (),
    ReferralStatus.SENT: (ReferralStatus.SENT,),
    ReferralStatus.TAKEN_IN_CHARGE: (ReferralStatus.SENT, ReferralStatus.TAKEN_IN_CHARGE),
    ReferralStatus.COMPLETED: (ReferralStatus.SENT, ReferralStatus.TAKEN_IN_CHARGE, ReferralStatus.COMPLETED),
    ReferralStatus.REFUSED_BY_SERVICE: (ReferralStatus.SENT, ReferralStatus.REFUSED_BY_SERVICE),
    ReferralStatus.WITHDRAWN_BY_PERSON: (ReferralStatus.WITHDRAWN_BY_PERSON,),
    ReferralStatus.NO_ANSWER: (ReferralStatus.SENT, ReferralStatus.NO_ANSWER),
}
_REQUEST_AFTER_REFERRAL = {
    ReferralStatus.COMPLETED: (RequestStatus.CLOSED_RESOLVED, "Bisogno soddisfatto dal servizio"),
    ReferralStatus.REFUSED_BY_SERVICE: (RequestStatus.CLOSED_UNRESOLVED, "Il servizio non ha accolto"),
    ReferralStatus.WITHDRAWN_BY_PERSON: (RequestStatus.CANCELLED, "La persona ha rinunciato"),
}
_REASONS = {
    ReferralStatus.COMPLETED: "Percorso concluso",
    ReferralStatus.REFUSED_BY_SERVICE: "Requisiti non soddisfatti",
    ReferralStatus.WITHDRAWN_BY_PERSON: "La persona ha trovato un'altra soluzione",
    ReferralStatus.NO_ANSWER: "Nessun riscontro dopo tre solleciti",
}


@cache
def _names() -> dict[str, Any]:
    return dict(json.loads(resource("demo_names.json").read_text(encoding="utf-8")))


@dataclass
class DemoReport:
    persons: int = 0
    requests: int = 0
    referrals: int = 0
    notes: int = 0


def _person(rng: random.Random, index: int) -> Person:
    names = _names()
    sex = rng.choice([Sex.MALE, Sex.FEMALE])
    first = rng.choice(names["male_names"] if sex is Sex.MALE else names["female_names"])
    last = rng.choice(names["surnames"])
    # Many who come to a desk are elderly: skew ages upwards.
    age = min(98, max(19, int(rng.triangular(19, 96, 78))))
    birth = date.today() - timedelta(days=age * 365 + rng.randrange(365))
    residence = rng.choice(municipalities.territory())
    has_cf = rng.random() > 0.06  # some migrants have no codice fiscale yet
    birthplace = rng.choice(municipalities.territory()).code
    return Person(
        fiscal_code=encode(last, first, sex, birth, birthplace) if has_cf else None,
        last_name=last,
        first_name=first,
        birth_date=birth,
        sex=sex,
        municipality_code=residence.code,
        address=f"{rng.choice(names['streets'])}, {rng.randint(1, 120)}",
        phone=f"000 {rng.randint(100, 999)} {index % 10000:04d}",
        email=f"{first}.{last}".lower().replace("'", "").replace(" ", "") + "@esempio.invalid"
        if rng.random() < 0.3 else "",
        notes=SAMPLE_MARK,
        privacy_notice_on=date.today() - timedelta(days=rng.randrange(400)),
    )


def fill(store: Store, persons: int = 200, seed: int | None = None) -> DemoReport:
    """Add ``persons`` sample persons with requests, referrals in every status, and notes."""
    rng = random.Random(seed)
    names = _names()
    report = DemoReport()
    statuses = list(_REFERRAL_PATHS)
    services = services_covering(store, None, None)
    with store.transaction():
        for index in range(persons):
            candidate = _person(rng, index)
            # The same seed twice draws the same people: extend their story instead of a twin record.
            person = (candidate.fiscal_code and find_by_fiscal_code(store, candidate.fiscal_code)) or None
            if person is None:
                person = register_person(store, candidate).value
                report.persons += 1
            for _ in range(rng.choice([0, 1, 1, 1, 2, 2, 3])):
                category = rng.choice(DEFAULT_CATEGORIES).code
                opened = date.today() - timedelta(days=rng.randrange(240))
                candidates = [s for s in services if s["category"] == category] or services
                referred = rng.random() < 0.8
                recorded = record_request(store, NewRequest(
                    person_id=person.id,
                    opened_on=opened,
                    channel=rng.choice(list(Channel)),
                    category=category,
                    user_area=UserArea.ELDERLY if (person.birth_date and person.birth_date.year < 1960)
                    else rng.choice(list(UserArea)),
                    description=rng.choice(names["request_descriptions"][category]),
                    urgency=rng.choice([Urgency.LOW, Urgency.NORMAL, Urgency.NORMAL, Urgency.HIGH]),
                    service_ids=[rng.choice(candidates)["id"]] if referred else [],
                    follow_up_on=_follow_up(rng, opened) if referred else None,
                )).value
                report.requests += 1
                if recorded.referral_ids:
                    # Cycle through the statuses first so even a small demo shows every one of them.
                    target = statuses[report.referrals % len(statuses)] if report.referrals < len(statuses) \
                        else rng.choice(statuses)
                    _walk_referral(store, rng, recorded.referral_ids[0], target)
                    report.referrals += 1
                    if target in _REQUEST_AFTER_REFERRAL:
                        status, reason = _REQUEST_AFTER_REFERRAL[target]
                        change_request_status(store, recorded.request_id, status, reason)
                elif rng.random() < 0.5:
                    change_request_status(store, recorded.request_id, RequestStatus.IN_PROGRESS)
                for _ in range(rng.choice([0, 1, 1, 2])):
                    add_note(store, recorded.request_id, rng.choice(names["note_texts"]),
                             kind=rng.choice(list(NoteKind)),
                             noted_on=min(date.today(), opened + timedelta(days=rng.randrange(30))))
                    report.notes += 1
    return report


def _follow_up(rng: random.Random, opened: date) -> date:
    """A follow-up date as a desk has them: mostly ahead, some today or this week, about one in five late."""
    today = date.today()
    ahead = rng.choices([rng.randrange(-30, 0), 0, rng.randrange(1, 7), rng.randrange(7, 45)],
                        weights=[20, 8, 17, 55])[0]
    return max(opened + timedelta(days=1), today + timedelta(days=ahead))


def _walk_referral(store: Store, rng: random.Random, referral_id: str, target: ReferralStatus) -> None:
    for step in _REFERRAL_PATHS[target]:
        change_referral_status(store, referral_id, step, _REASONS.get(step, ""))
    if target in CLOSING_REFERRAL_STATUSES:
        outcome = rng.choice(_names()["outcomes"]) if target is ReferralStatus.COMPLETED else _REASONS[target]
        update_referral(store, referral_id, outcome=outcome)
