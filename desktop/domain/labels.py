"""Italian labels of the domain vocabularies, as users read them (in the CLI, exports and slips).

The Qt layer translates the same strings through ``tr()``; these are the source texts.
"""

from __future__ import annotations

from desktop.domain.enums import (
    Channel,
    LegalBasis,
    NoteKind,
    ProviderKind,
    ReferralStatus,
    RequestStatus,
    Sex,
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
    LegalBasis.PUBLIC_TASK: "Compito di interesse pubblico (art. 6.1.e, 9.2.g GDPR)",
    LegalBasis.VITAL_INTEREST: "Interesse vitale (art. 6.1.d, 9.2.c GDPR)",
    LegalBasis.CONSENT: "Consenso (art. 6.1.a, 9.2.a GDPR)",
}
NOTE_KIND = {
    NoteKind.CALL: "Telefonata",
    NoteKind.VISIT: "Colloquio",
    NoteKind.DOCUMENT: "Documento consegnato",
    NoteKind.OTHER: "Altro",
}
