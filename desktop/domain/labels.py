"""Italian labels of the domain vocabularies, as users read them (in the CLI, exports and slips).

The Qt layer translates the same strings through ``tr()``; these are the source texts.
"""

from __future__ import annotations

from collections.abc import Callable

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

SEX = {Sex.MALE: "Maschio", Sex.FEMALE: "Femmina"}
CHANNEL = {
    Channel.IN_PERSON: "Di persona",
    Channel.PHONE: "Telefono",
    Channel.EMAIL: "E-mail",
    Channel.HOME_VISIT: "Visita domiciliare",
}
URGENCY = {Urgency.LOW: "Bassa", Urgency.NORMAL: "Normale", Urgency.HIGH: "Alta"}
REQUEST_STATUS = {
    RequestStatus.OPEN: "Aperta",
    RequestStatus.IN_PROGRESS: "In lavorazione",
    RequestStatus.REFERRED: "Inviata",
    RequestStatus.CLOSED_RESOLVED: "Chiusa (risolta)",
    RequestStatus.CLOSED_UNRESOLVED: "Chiusa (non risolta)",
    RequestStatus.CANCELLED: "Annullata",
}
REFERRAL_STATUS = {
    ReferralStatus.PROPOSED: "Proposto",
    ReferralStatus.SENT: "Inviato",
    ReferralStatus.TAKEN_IN_CHARGE: "Preso in carico",
    ReferralStatus.COMPLETED: "Concluso",
    ReferralStatus.REFUSED_BY_SERVICE: "Rifiutato dal servizio",
    ReferralStatus.WITHDRAWN_BY_PERSON: "Rinuncia della persona",
    ReferralStatus.NO_ANSWER: "Senza risposta",
}
PROVIDER_KIND = {
    ProviderKind.MUNICIPALITY: "Comune",
    ProviderKind.MOUNTAIN_UNION: "Unione montana",
    ProviderKind.SOCIAL_CONSORTIUM: "Consorzio socio-assistenziale",
    ProviderKind.HEALTH_AUTHORITY: "ASL",
    ProviderKind.SOCIAL_COOPERATIVE: "Cooperativa sociale",
    ProviderKind.COMMUNITY_COOPERATIVE: "Cooperativa di comunità",
    ProviderKind.COMPANY: "Impresa (welfare aziendale aperto al territorio)",
    ProviderKind.ASSOCIATION: "Associazione / ETS",
    ProviderKind.PATRONATO_CAF: "Patronato / CAF",
}
USER_AREA = {
    UserArea.FAMILY_MINORS: "Famiglia e minori",
    UserArea.DISABILITY: "Disabili",
    UserArea.ADDICTION: "Dipendenze",
    UserArea.ELDERLY: "Anziani",
    UserArea.MIGRANTS: "Immigrati",
    UserArea.POVERTY: "Povertà e disagio adulti",
    UserArea.MULTI: "Multiutenza",
}
LEGAL_BASIS = {
    LegalBasis.PUBLIC_TASK: "Compito di interesse pubblico (art. 6.1.e GDPR)",
    LegalBasis.VITAL_INTEREST: "Interesse vitale (art. 6.1.d GDPR)",
    LegalBasis.CONSENT: "Consenso (art. 6.1.a GDPR)",
}
# The art. 9(2) condition for special-category data (health, social condition); the default of a municipal
# desk is public interest under Italian law (art. 9.2.g GDPR with art. 2-sexies of the Codice privacy).
SPECIAL_CATEGORY_BASIS = {
    SpecialCategoryBasis.PUBLIC_INTEREST:
        "Interesse pubblico rilevante (art. 9.2.g GDPR, art. 2-sexies Codice privacy)",
    SpecialCategoryBasis.SOCIAL_PROTECTION: "Protezione sociale (art. 9.2.b GDPR)",
    SpecialCategoryBasis.VITAL_INTEREST: "Interesse vitale (art. 9.2.c GDPR)",
    SpecialCategoryBasis.HEALTH_CARE: "Assistenza sanitaria o sociale (art. 9.2.h GDPR)",
    SpecialCategoryBasis.EXPLICIT_CONSENT: "Consenso esplicito (art. 9.2.a GDPR)",
}
CONSENT_PURPOSE = {
    ConsentPurpose.SMS_REMINDERS: "Promemoria via SMS",
    ConsentPurpose.EMAIL_NEWS: "Notizie sui servizi via e-mail",
}
CONSENT_METHOD = {
    ConsentMethod.WRITTEN: "Per iscritto",
    ConsentMethod.ORAL: "A voce (annotato dall'operatore)",
    ConsentMethod.DIGITAL: "In forma digitale",
}
NOTE_KIND = {
    NoteKind.CALL: "Telefonata",
    NoteKind.VISIT: "Colloquio",
    NoteKind.DOCUMENT: "Documento consegnato",
    NoteKind.OTHER: "Altro",
}
# A person's own fields as the person form labels them (what a rectification's history names).
PERSON_FIELD = {
    "fiscal_code": "Codice fiscale",
    "last_name": "Cognome",
    "first_name": "Nome",
    "birth_date": "Data di nascita",
    "sex": "Sesso",
    "birthplace_code": "Luogo di nascita",
    "municipality_code": "Comune di residenza",
    "address": "Indirizzo",
    "phone": "Telefono",
    "email": "E-mail",
    "notes": "Note (nucleo, fragilità)",
}


def person_fields(names: list[str], translate: Callable[[str], str] = str) -> str:
    """The labels of a rectification's fields, each through ``translate``, lowercase as in a sentence."""
    labels = (translate(PERSON_FIELD.get(name, name)) for name in names)
    return ", ".join(label[:1].lower() + label[1:] for label in labels)
