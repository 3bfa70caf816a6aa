"""pydantic models of the domain: what a form, an import row, an export line or a sync change carries.

Every synced record has a client-generated UUIDv7 ``id``, the desk that created it (``origin_desk``),
creation/update timestamps and a tombstone flag (``deleted``); rows are never DELETEd.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal, Self, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from desktop.domain import fiscal_code
from desktop.domain.enums import (
    Channel,
    ConsentMethod,
    ConsentPurpose,
    LegalBasis,
    NoteKind,
    ProviderKind,
    ReferralStatus,
    RequestStatus,
    Sex,
    SpecialCategoryBasis,
    Urgency,
    UserArea,
)
from desktop.domain.roles import Role
from desktop.ids import uuid7
from desktop.reference import municipalities
from desktop.reference.categories import CATEGORY_CODES

# Bounds of every text (a note is a page or two; a name a line): what a form, an import row or a change
# received from the server may hold. The sync protocol's own bounds are coarser (sync/limits.py).
MAX_TEXT_CHARS = 10_000
MAX_NAME_CHARS = 200
Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_TEXT_CHARS)]
RequiredText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NAME_CHARS)]
Id = Annotated[str, StringConstraints(max_length=64)]  # a record's id (UUIDs are 36 characters)
ProviderName = Annotated[str, StringConstraints(strip_whitespace=True, max_length=MAX_NAME_CHARS)]

_SPACES = re.compile(r"\s+")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Office lists write numbers every which way ("011/555.12.34", "+39 333 1234567 (figlia)"):
# require enough digits to be a number, and a sane length.
_PHONE_DIGITS = 6
_PHONE_MAX = 40


class Record(BaseModel):
    """Fields every synced record shares."""

    model_config = ConfigDict(
        use_enum_values=True, validate_assignment=True, validate_default=True, extra="ignore"
    )

    id: str = Field(default_factory=uuid7)
    origin_desk: Id | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    deleted: bool = False


def _check_municipality(code: str | None) -> str | None:
    if code is None or code == "":
        return None
    found = municipalities.lookup(code)
    if found is None:
        raise ValueError(f"comune sconosciuto: «{code}»")
    return found.code


class Person(Record):
    """Persona: a citizen who came to the desk. The codice fiscale is optional (migrants may lack it)."""

    fiscal_code: str | None = Field(default=None, max_length=MAX_NAME_CHARS)
    last_name: Name
    first_name: Name
    birth_date: date | None = None
    sex: Sex | None = None
    birthplace_code: str | None = None
    municipality_code: str | None = None
    address: Text = ""
    phone: Text = ""
    email: Text = ""
    notes: Text = ""
    privacy_notice_on: date | None = None
    legal_basis: LegalBasis = LegalBasis.PUBLIC_TASK
    consent_sms: bool = False
    # The version of the privacy notice given on ``privacy_notice_on`` (desktop/reference/privacy.py).
    notice_version: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = ""
    special_category_basis: SpecialCategoryBasis = SpecialCategoryBasis.PUBLIC_INTEREST
    # Restricted processing (GDPR art. 18): visible, not editable, not exported, until a coordinator lifts it.
    restricted: bool = False
    # Objection (GDPR art. 21): the day the person objected, and a coordinator's decision on it
    # ("" while pending, then "upheld" (the person is erased) or "rejected" (compelling grounds, art. 21(1))).
    objection_on: date | None = None
    objection_outcome: Annotated[str, StringConstraints(pattern=r"^(|upheld|rejected)$")] = ""

    @field_validator("last_name", "first_name", mode="before")
    @classmethod
    def _collapse_spaces(cls, value: object) -> object:
        return _SPACES.sub(" ", value).strip() if isinstance(value, str) else value

    @field_validator("fiscal_code", mode="before")
    @classmethod
    def _normalize_cf(cls, value: object) -> object:
        if isinstance(value, str):
            value = fiscal_code.normalize(value)
            return value or None
        return value

    @field_validator("municipality_code", mode="before")
    @classmethod
    def _municipality(cls, value: object) -> object:
        return _check_municipality(value) if isinstance(value, str) or value is None else value

    @field_validator("birth_date")
    @classmethod
    def _not_future(cls, value: date | None) -> date | None:
        if value is not None and value > date.today():
            raise ValueError("la data di nascita è nel futuro")
        if value is not None and value.year < 1890:
            raise ValueError("la data di nascita è troppo lontana")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str) -> str:
        if value and not _EMAIL.match(value):
            raise ValueError(f"indirizzo e-mail non valido: «{value}»")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str) -> str:
        if value and (sum(c.isdigit() for c in value) < _PHONE_DIGITS or len(value) > _PHONE_MAX):
            raise ValueError(f"numero di telefono non valido: «{value}»")
        return value

    @model_validator(mode="after")
    def _fiscal_code_agrees(self) -> Self:
        """A CF fills birth date, sex and birthplace, and must not contradict what was given."""
        if self.fiscal_code:
            decoded = fiscal_code.decode(self.fiscal_code)
            fiscal_code.check_consistent(
                decoded, self.birth_date, Sex(self.sex) if self.sex else None
            )
            # Bypass validate_assignment: these come from an already validated code.
            self.__dict__.update(
                fiscal_code=decoded.code,
                birth_date=self.birth_date or decoded.birth_date,
                sex=decoded.sex.value,
                birthplace_code=self.birthplace_code or decoded.birthplace_code,
            )
        return self


class Request(Record):
    """Richiesta: a need brought to the desk by a person."""

    person_id: Id
    desk_id: Id | None = None
    operator_id: Id | None = None
    opened_on: date = Field(default_factory=date.today)
    channel: Channel = Channel.IN_PERSON
    category: str
    user_area: UserArea | None = None
    description: Text = ""
    urgency: Urgency = Urgency.NORMAL
    status: RequestStatus = RequestStatus.OPEN

    @field_validator("category")
    @classmethod
    def _category(cls, value: str) -> str:
        value = value.strip().upper()
        if value not in CATEGORY_CODES:
            raise ValueError(f"categoria sconosciuta: «{value}»")
        return value


class Referral(Record):
    """Invio: the referral of a request to a service of the catalog."""

    request_id: Id
    service_id: Id
    referred_on: date = Field(default_factory=date.today)
    status: ReferralStatus = ReferralStatus.PROPOSED
    follow_up_on: date | None = None
    outcome: Text = ""
    # The provider's note for the desk (written on the server's provider page).
    provider_feedback: Text = ""
    # Who set the current status: "" a desk, else the provider's access (its Ente's name), on the server.
    status_by: ProviderName = ""
    # The day the service confirmed it received the referral (with its code, on the server's page).
    received_on: date | None = None


class Note(Record):
    """Nota / contatto: a dated note on a request."""

    request_id: Id
    noted_on: date = Field(default_factory=date.today)
    kind: NoteKind = NoteKind.OTHER
    text: RequiredText
    operator_id: Id | None = None


class StatusChange(Record):
    """One status change of a request or a referral: who, when, from → to, why (append-only)."""

    subject_type: str  # "request" | "referral"
    subject_id: Id
    from_status: str | None = None
    to_status: str
    reason: Text = ""
    operator_id: Id | None = None
    changed_at: datetime
    # A change made by a provider on the server's page: the provider's access (its Ente's name).
    by_provider: ProviderName = ""


class Consent(Record):
    """A consent to an optional use (e.g. SMS reminders): when and how it was given, and its withdrawal.

    A withdrawn consent (``withdrawn_on`` set) stops that use at once, on every desk it reaches.
    """

    person_id: Id
    purpose: ConsentPurpose
    given_on: date
    method: ConsentMethod = ConsentMethod.WRITTEN
    withdrawn_on: date | None = None


# The person's own data a rectification (GDPR art. 16) names, in the order the person form shows them.
RectifiableField = Literal["fiscal_code", "last_name", "first_name", "birth_date", "sex", "birthplace_code",
                           "municipality_code", "address", "phone", "email", "notes"]
RECTIFIABLE_FIELDS: tuple[RectifiableField, ...] = get_args(RectifiableField)


class Rectification(Record):
    """A person's own data corrected by an operator at a desk (GDPR art. 16): when, by whom, which fields.

    Field names only, never the old or the new values: a rectification corrects wrong data, and keeping
    the wrong value would defeat it. Written with the edit, in its transaction; synced, and erased with
    the person (art. 17).
    """

    person_id: Id
    rectified_at: datetime
    operator_id: Id | None = None
    operator_name: ProviderName = ""
    changed_fields: Annotated[list[RectifiableField], Field(min_length=1, max_length=len(RECTIFIABLE_FIELDS))]

    @field_validator("changed_fields")
    @classmethod
    def _once_each(cls, value: list[str]) -> list[str]:
        return sorted(set(value), key=RECTIFIABLE_FIELDS.index)


class Erasure(Record):
    """The tombstone of a person erased under GDPR art. 17: ``id`` is the person's id.

    It holds no personal data: when, by which operator and why (art. 5(2) accountability). Every
    replica that receives it removes the person with their requests, referrals, notes and consents.
    """

    erased_at: datetime
    operator_id: Id | None = None
    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]


class NoticeText(Record):
    """A version of the privacy notice (informativa, GDPR art. 13), reference data published by the server
    to every desk; old versions stay, so that each person's recorded version can still be printed."""

    version: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    valid_from: date
    text: RequiredText


class NetworkSetting(Record):
    """A setting shared by every desk of a network (e.g. the retention period), set by a coordinator.

    Its id is derived from ``key`` (:func:`desktop.ids.reference_id`), so every desk writes the same row.
    """

    key: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    value: Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)]
    operator_id: Id | None = None  # who set it (the server checks the role)


class Provider(Record):
    """Ente: who provides services (Comune, Consorzio, ASL, cooperative, company...)."""

    name: RequiredText
    kind: ProviderKind
    municipality_code: str | None = None
    address: Text = ""
    phone: Text = ""
    email: Text = ""
    website: Text = ""

    _municipality = field_validator("municipality_code", mode="before")(
        classmethod(lambda cls, v: _check_municipality(v))
    )


class Service(Record):
    """Servizio of the territorial catalog; ``municipality_codes`` are the municipalities covered."""

    provider_id: Id
    name: RequiredText
    category: str
    user_areas: list[UserArea] = Field(default_factory=list)
    description: Text = ""
    eligibility: Text = ""
    access: Text = ""
    cost: Text = ""
    contacts: Text = ""
    hours: Text = ""
    municipality_codes: list[str] = Field(default_factory=list)


class Operator(Record):
    """Operatore: a person working at a desk, with a role (:class:`~desktop.domain.roles.Role`).

    A disabled operator can no longer log in; their name stays on what they did. Passwords are not
    here: they never leave the desk (:mod:`desktop.storage.keys`).
    """

    name: RequiredText
    desk_id: Id | None = None
    role: Role = Role.OPERATOR
    disabled: bool = False


class Desk(Record):
    """Sportello: a Welfare Point Territoriale help desk."""

    name: RequiredText
    municipality_code: str | None = None
    address: Text = ""
    phone: Text = ""
    email: Text = ""
    hours: Text = ""
