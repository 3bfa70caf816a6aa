"""Closed vocabularies of the domain and the status lifecycles of requests and referrals.

Values are stable English identifiers stored in the database and sent over the wire; the Italian
label of each value is what users see.
"""

from __future__ import annotations

from enum import StrEnum


class Sex(StrEnum):
    MALE = "M"
    FEMALE = "F"


class Channel(StrEnum):
    IN_PERSON = "in_person"
    PHONE = "phone"
    EMAIL = "email"
    HOME_VISIT = "home_visit"


class Urgency(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class RequestStatus(StrEnum):
    """Lifecycle of a request; values are the status names of the product brief."""

    OPEN = "aperta"
    IN_PROGRESS = "in lavorazione"
    REFERRED = "inviata"
    CLOSED_RESOLVED = "chiusa (risolta)"
    CLOSED_UNRESOLVED = "chiusa (non risolta)"
    CANCELLED = "annullata"


class ReferralStatus(StrEnum):
    """Lifecycle of a referral; values are the status names of the product brief."""

    PROPOSED = "proposto"
    SENT = "inviato"
    TAKEN_IN_CHARGE = "preso in carico"
    COMPLETED = "concluso"
    REFUSED_BY_SERVICE = "rifiutato dal servizio"
    WITHDRAWN_BY_PERSON = "rinuncia della persona"
    NO_ANSWER = "senza risposta"


class ProviderKind(StrEnum):
    MUNICIPALITY = "comune"
    MOUNTAIN_UNION = "unione_montana"
    SOCIAL_CONSORTIUM = "consorzio_socio_assistenziale"
    HEALTH_AUTHORITY = "asl"
    SOCIAL_COOPERATIVE = "cooperativa_sociale"
    COMMUNITY_COOPERATIVE = "cooperativa_di_comunita"
    COMPANY = "impresa"
    ASSOCIATION = "associazione_ets"
    PATRONATO_CAF = "patronato_caf"


class UserArea(StrEnum):
    """User areas of the Italian nomenclator of social services."""

    FAMILY_MINORS = "famiglia_minori"
    DISABILITY = "disabili"
    ADDICTION = "dipendenze"
    ELDERLY = "anziani"
    MIGRANTS = "immigrati"
    POVERTY = "poverta_disagio_adulti"
    MULTI = "multiutenza"


class LegalBasis(StrEnum):
    """GDPR legal basis of the processing (art. 6 and 9); a public body does not rest on consent."""

    PUBLIC_TASK = "public_task"
    VITAL_INTEREST = "vital_interest"
    CONSENT = "consent"


class SpecialCategoryBasis(StrEnum):
    """The GDPR art. 9(2) condition for the special-category data (health, social vulnerability).

    A municipal desk rests on substantial public interest, art. 9(2)(g), with Codice privacy art. 2-sexies.
    """

    PUBLIC_INTEREST = "art9_2_g"
    SOCIAL_PROTECTION = "art9_2_b"
    VITAL_INTEREST = "art9_2_c"
    HEALTH_CARE = "art9_2_h"
    EXPLICIT_CONSENT = "art9_2_a"


class ConsentPurpose(StrEnum):
    """Optional uses that rest on the person's consent (the desk's core work never does)."""

    SMS_REMINDERS = "sms_reminders"
    EMAIL_NEWS = "email_news"


class ConsentMethod(StrEnum):
    """How a consent was given."""

    WRITTEN = "written"
    ORAL = "oral"
    DIGITAL = "digital"


class NoteKind(StrEnum):
    CALL = "call"
    VISIT = "visit"
    DOCUMENT = "document"
    OTHER = "other"


REQUEST_TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.OPEN: frozenset(
        {RequestStatus.IN_PROGRESS, RequestStatus.REFERRED, RequestStatus.CLOSED_RESOLVED,
         RequestStatus.CLOSED_UNRESOLVED, RequestStatus.CANCELLED}
    ),
    RequestStatus.IN_PROGRESS: frozenset(
        {RequestStatus.REFERRED, RequestStatus.CLOSED_RESOLVED, RequestStatus.CLOSED_UNRESOLVED,
         RequestStatus.CANCELLED}
    ),
    RequestStatus.REFERRED: frozenset(
        {RequestStatus.IN_PROGRESS, RequestStatus.CLOSED_RESOLVED, RequestStatus.CLOSED_UNRESOLVED,
         RequestStatus.CANCELLED}
    ),
    RequestStatus.CLOSED_RESOLVED: frozenset({RequestStatus.IN_PROGRESS}),
    RequestStatus.CLOSED_UNRESOLVED: frozenset({RequestStatus.IN_PROGRESS}),
    RequestStatus.CANCELLED: frozenset({RequestStatus.OPEN}),
}

REFERRAL_TRANSITIONS: dict[ReferralStatus, frozenset[ReferralStatus]] = {
    ReferralStatus.PROPOSED: frozenset(
        {ReferralStatus.SENT, ReferralStatus.WITHDRAWN_BY_PERSON, ReferralStatus.REFUSED_BY_SERVICE}
    ),
    ReferralStatus.SENT: frozenset(
        {ReferralStatus.TAKEN_IN_CHARGE, ReferralStatus.REFUSED_BY_SERVICE,
         ReferralStatus.WITHDRAWN_BY_PERSON, ReferralStatus.NO_ANSWER}
    ),
    ReferralStatus.TAKEN_IN_CHARGE: frozenset(
        {ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN_BY_PERSON}
    ),
    ReferralStatus.NO_ANSWER: frozenset({ReferralStatus.SENT, ReferralStatus.TAKEN_IN_CHARGE}),
    ReferralStatus.COMPLETED: frozenset(),
    ReferralStatus.REFUSED_BY_SERVICE: frozenset(),
    ReferralStatus.WITHDRAWN_BY_PERSON: frozenset(),
}

CLOSING_REQUEST_STATUSES = frozenset(
    {RequestStatus.CLOSED_RESOLVED, RequestStatus.CLOSED_UNRESOLVED, RequestStatus.CANCELLED}
)
CLOSING_REFERRAL_STATUSES = frozenset(
    {ReferralStatus.COMPLETED, ReferralStatus.REFUSED_BY_SERVICE, ReferralStatus.WITHDRAWN_BY_PERSON,
     ReferralStatus.NO_ANSWER}
)
