"""The citizen's rights as operations (GDPR arts. 7, 17, 18, 21): erasure, restriction, consents, objection.

Each is an ordinary stamped write that the next sync sends, so it reaches every desk and the server.
Erasure and restriction are a coordinator's decisions; consents are recorded by any operator, and a
withdrawal is always possible (art. 7(3)), even on a restricted record. Access (art. 15) and
portability (art. 20) are a read: :mod:`desktop.services.access_export`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from pydantic import ValidationError

from desktop.domain.entities import entity_of
from desktop.domain.enums import ConsentMethod, ConsentPurpose
from desktop.domain.models import Consent, Erasure, Person
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.operations.changes import Changes, Done
from desktop.operations.errors import PERSON_NOT_FOUND, NotFoundError, OperationError, invalid
from desktop.operations.records import live_person
from desktop.operations.restriction import refuse_if_restricted
from desktop.queries.persons import forget_search_words
from desktop.storage import access_log
from desktop.storage import clocks as clocks_column
from desktop.storage.erasure import is_erased, purge_person, wipe_after_erasure
from desktop.storage.store import Store
from desktop.text import unaccented
from sync import audit

_ALL = Changes(persons=True, requests=True, referrals=True, review=True)


def erase_person(store: Store, person_id: str, reason: str) -> Done[Erasure]:
    """Erase a person (art. 17): their data, requests, referrals, notes and consents leave this desk now,
    and every other desk and the server at their next sync. What stays is the tombstone: the id, when,
    who and why (no personal data: write the reason without names)."""
    operator = require(store, Role.COORDINATOR)
    _check_reason(reason)
    with store.transaction():
        saved = _erase(store, operator.id, person_id, reason)
    wipe_after_erasure(store)
    return Done(saved, _ALL)


def erase_persons(store: Store, person_ids: Sequence[str], reason: str) -> Done[list[Erasure]]:
    """Erase several persons in one transaction (e.g. those past retention, after a coordinator's review):
    all or none."""
    operator = require(store, Role.COORDINATOR)
    _check_reason(reason)
    if not person_ids:
        raise OperationError("Nessuna persona da cancellare.")
    with store.transaction():
        saved = [_erase(store, operator.id, person_id, reason) for person_id in dict.fromkeys(person_ids)]
    wipe_after_erasure(store)
    return Done(saved, _ALL)


def _check_reason(reason: str) -> None:
    if not reason.strip():
        raise OperationError("Scrivere il motivo della cancellazione (ad esempio: richiesta dell'interessato).")


# Anything shaped like a codice fiscale (omocodia letters included), wherever it stands in a text.
_FISCAL_CODE = re.compile(r"(?<![A-Z0-9])[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z]"
                          r"[0-9LMNPQRSTUV]{3}[A-Z](?![A-Z0-9])", re.IGNORECASE)
REASON_WITH_PERSONAL_DATA = ("Il motivo della cancellazione resta su ogni sportello e sul server: scriverlo senza "
                             "codice fiscale, nome, telefono, e-mail o indirizzo della persona (ad esempio: richiesta "
                             "dell'interessato).")


# Particles of Italian and foreign surnames, too common in a sentence to count as the name alone.
_PARTICLES = frozenset("d de di da dal dalla dalle dei degli del della delle la lo le li l van von der den".split())


def _folded(text: str) -> list[str]:
    """The words of ``text`` in lower case, without accents; every run of punctuation (any apostrophe
    included) and of spaces is one break."""
    return re.sub(r"[\W_]+", " ", unaccented(text)).split()


def _refuse_personal_data(reason: str, person: Person) -> None:
    """The tombstone's reason outlives the erasure on every replica: it must not carry the person's data,
    however it is written (spaced, without accents, part of a name, a phone without its prefix)."""
    words = _folded(reason)
    joined, letters = f" {' '.join(words)} ", "".join(words)
    digits = "".join(c for c in reason if c.isdigit())

    def has(value: str, *, any_word: bool = True) -> bool:
        parts = _folded(value)
        if not parts:
            return False
        if f" {' '.join(parts)} " in joined or (len(parts) > 1 and "".join(parts) in words):
            return True
        # One word of a name of several: a surname's particle or a two-letter word is not enough.
        return any_word and any(f" {part} " in joined for part in parts if len(parts) == 1 or
                                (len(part) >= 3 and part not in _PARTICLES))

    code = "".join(_folded(person.fiscal_code or ""))
    phone = "".join(c for c in person.phone if c.isdigit())
    if person.phone.strip().startswith("+") and phone.startswith("39"):
        phone = phone[2:]
    elif phone.startswith("0039"):
        phone = phone[4:]
    email = "".join(_folded(person.email or ""))
    found = (_FISCAL_CODE.search(reason)
             # The first eleven characters (surname, name, birth date and sex) give the rest away.
             or (len(code) >= 11 and code[:11] in letters)
             or has(person.last_name) or has(person.first_name)
             or (len(email) >= 6 and email in letters)
             or (len(phone) >= 6 and phone in digits)
             or (len(_folded(person.address)) >= 2 and has(person.address, any_word=False)))
    if found:
        raise OperationError(REASON_WITH_PERSONAL_DATA)


def _erase(store: Store, operator_id: str, person_id: str, reason: str) -> Erasure:
    if is_erased(store, person_id) or store.get(Erasure, person_id) is not None:
        raise NotFoundError("La persona è già stata cancellata.")
    person = store.get(Person, person_id)
    if person is None:
        raise NotFoundError(PERSON_NOT_FOUND)
    _refuse_personal_data(reason, person)
    try:
        erasure = Erasure(id=person_id, erased_at=datetime.now(UTC), operator_id=operator_id, reason=reason)
    except ValidationError as exc:
        raise invalid(exc) from exc
    purge_person(store, person_id)
    forget_search_words(store)
    saved = store.save(erasure)
    access_log.append(store, audit.ERASE, record_kind="person", record_id=person_id, person_id=person_id)
    return saved


def object_to_processing(store: Store, person_id: str, on: date | None = None) -> Done[Person]:
    """The person objects to the processing (art. 21), recorded by any operator on ``on`` (today).

    Its effect, at once and on every desk it reaches: the record is restricted while a coordinator weighs
    the objection (art. 18(1)(d)), and every consent to an optional use is withdrawn (the person wants no
    more of it). A coordinator then decides with :func:`decide_objection`.
    """
    with store.transaction():
        person = live_person(store, person_id)
        if person.objection_on is not None and not person.objection_outcome:
            raise OperationError("L'opposizione di questa persona è già registrata ed è in attesa di decisione.")
        day = on or date.today()
        for consent in consents_of(store, person_id):
            if consent.withdrawn_on is None:
                consent.withdrawn_on = day
                store.save(consent)
                access_log.append(store, audit.UPDATE, record_kind="consent", record_id=consent.id,
                                  person_id=person_id)
        person = store.get(Person, person_id) or person
        person.objection_on = day
        person.objection_outcome = ""
        person.restricted = True
        person.consent_sms = False
        person = store.save(person)
        access_log.append(store, audit.UPDATE, record_kind="objection", record_id=person_id, person_id=person_id)
    return Done(person, Changes(persons=True))


def decide_objection(store: Store, person_id: str, upheld: bool, reason: str) -> Done[Person | Erasure]:
    """A coordinator's decision on a pending objection (art. 21(1)): upheld, the person is erased (art.
    17(1)(c)); rejected for compelling legitimate grounds (``reason``, without personal data), the
    restriction is lifted and processing resumes."""
    operator = require(store, Role.COORDINATOR)
    _check_reason(reason)
    with store.transaction():
        person = live_person(store, person_id)
        if person.objection_on is None or person.objection_outcome:
            raise OperationError("Questa persona non ha un'opposizione in attesa di decisione.")
        if upheld:
            access_log.append(store, audit.UPDATE, record_kind="objection_decision", record_id=person_id,
                              person_id=person_id)
            erasure = _erase(store, operator.id, person_id, f"Opposizione accolta (art. 21 GDPR): {reason.strip()}")
        else:
            person.objection_outcome = "rejected"
            # Only the restriction the objection set is lifted: one a coordinator set before (art. 18(1)(a)-(c),
            # e.g. while the accuracy is contested) stays until lifted on its own.
            person.restricted = person.restricted and not _restricted_by_objection(store, person_id)
            saved = store.save(person)
            access_log.append(store, audit.UPDATE, record_kind="objection_decision", record_id=person_id,
                              person_id=person_id)
    if upheld:
        wipe_after_erasure(store)
        return Done(erasure, _ALL)
    return Done(saved, Changes(persons=True))


def _restricted_by_objection(store: Store, person_id: str) -> bool:
    """Whether the person's restriction was written by the objection itself (in its write, so with its
    stamp, on whichever desk it was recorded), not before it."""
    row = store.row(entity_of(Person), person_id)
    stamps = clocks_column.decode(row["clocks"]) if row is not None else {}
    restricted = stamps.get("restricted")
    return restricted is not None and restricted in (stamps.get("objection_on"), stamps.get("objection_outcome"))


def save_person_with_consents(store: Store, person: Person,
                              consents: Mapping[ConsentPurpose, ConsentMethod | None]) -> Done[Person]:
    """Save the person from the form and, in the same transaction, their consents to optional uses:
    a method records a consent given today (if none is active), None withdraws the active one today."""
    from desktop.operations.persons import save_person

    with store.transaction():
        done = save_person(store, person)
        for purpose, method in consents.items():
            active = active_consent(store, person.id, purpose)
            if method is not None and active is None:
                record_consent(store, person.id, purpose, method=method)
            elif method is None and active is not None:
                withdraw_consent(store, person.id, purpose)
        saved = store.get(Person, person.id) or done.value
    return Done(saved, done.changes | Changes(persons=True))


def set_restriction(store: Store, person_id: str, restricted: bool) -> Done[Person]:
    """Restrict the processing of a person's data (art. 18), or lift the restriction (coordinators)."""
    require(store, Role.COORDINATOR)
    with store.transaction():
        person = live_person(store, person_id)
        if person.restricted != restricted:
            person.restricted = restricted
            person = store.save(person)
        access_log.append(store, audit.UPDATE, record_kind="restriction" if restricted else "restriction_lifted",
                          record_id=person_id, person_id=person_id)
    return Done(person, Changes(persons=True))


def record_consent(store: Store, person_id: str, purpose: ConsentPurpose, *,
                   method: ConsentMethod = ConsentMethod.WRITTEN, on: date | None = None) -> Done[Consent]:
    """The person consents to an optional use (e.g. SMS reminders), on ``on`` (today), given ``method``."""
    with store.transaction():
        live_person(store, person_id)
        refuse_if_restricted(store, person_id)
        if active_consent(store, person_id, purpose) is not None:
            raise OperationError("Il consenso è già registrato e non è stato revocato.")
        consent = store.save(Consent(person_id=person_id, purpose=purpose, method=method, given_on=on or date.today()))
        _mirror_sms(store, person_id)
        access_log.append(store, audit.CREATE, record_kind="consent", record_id=consent.id, person_id=person_id)
    return Done(consent, Changes(persons=True))


def withdraw_consent(store: Store, person_id: str, purpose: ConsentPurpose, on: date | None = None) -> Done[Consent]:
    """The person withdraws a consent (art. 7(3)): that use stops at once, on every desk it reaches."""
    with store.transaction():
        consent = active_consent(store, person_id, purpose)
        if consent is None:
            raise NotFoundError("Non c'è un consenso attivo da revocare.")
        consent.withdrawn_on = on or date.today()
        consent = store.save(consent)
        _mirror_sms(store, person_id)
        access_log.append(store, audit.UPDATE, record_kind="consent", record_id=consent.id, person_id=person_id)
    return Done(consent, Changes(persons=True))


def active_consent(store: Store, person_id: str, purpose: ConsentPurpose | str) -> Consent | None:
    """The person's consent to ``purpose`` that is not withdrawn, or None (then that use is not allowed)."""
    rows = store.query("SELECT * FROM consents WHERE person_id = ? AND purpose = ? AND deleted = 0 "
                       "AND withdrawn_on IS NULL ORDER BY seq DESC LIMIT 1", (person_id, str(purpose)))
    return Consent.model_validate(rows[0]) if rows else None


def consents_of(store: Store, person_id: str) -> list[Consent]:
    """Every consent the person gave, withdrawn ones included, oldest first."""
    rows = store.query("SELECT * FROM consents WHERE person_id = ? AND deleted = 0 ORDER BY given_on, seq",
                       (person_id,))
    return [Consent.model_validate(r) for r in rows]


def _mirror_sms(store: Store, person_id: str) -> None:
    """Keep the person's ``consent_sms`` flag (what lists and exports show) equal to the consent records."""
    person = store.get(Person, person_id)
    active = active_consent(store, person_id, ConsentPurpose.SMS_REMINDERS) is not None
    if person is not None and person.consent_sms != active:
        person.consent_sms = active
        store.save(person)
