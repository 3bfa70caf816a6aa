"""The privacy notice (informativa, GDPR art. 13) given at the desk, by version, and the legal bases in words.

Each person records the version they were given (``Person.notice_version``); a new text is a new version,
and the old ones stay here so that a citizen's access export names the text they actually received.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.domain.models import NoticeText
from desktop.ids import reference_id


@dataclass(frozen=True)
class PrivacyNotice:
    version: str
    valid_from: date
    summary: str


NOTICES: tuple[PrivacyNotice, ...] = (
    PrivacyNotice(
        "2025-1", date(2025, 1, 1),
        "Il Comune, titolare del trattamento, tratta i dati personali, anche relativi alla salute e alla "
        "condizione sociale, per orientare la persona ai servizi del territorio e seguirne gli invii "
        "(compito di interesse pubblico, art. 6(1)(e) e art. 9(2)(g) GDPR, art. 2-sexies Codice privacy). I dati "
        "sono condivisi con gli sportelli della rete e con gli enti dei servizi a cui la persona è inviata, "
        "conservati per 10 anni dall'ultima attività; la persona può chiedere accesso, rettifica, "
        "cancellazione, limitazione e opposizione al Responsabile della protezione dei dati del Comune.",
    ),
)
CURRENT_NOTICE = NOTICES[-1]
BY_VERSION = {n.version: n for n in NOTICES}


def notice_records() -> list[NoticeText]:
    """The built-in versions as the synced rows every replica seeds (the server publishes newer ones)."""
    return [NoticeText(id=reference_id("privacy_notice", n.version), version=n.version, valid_from=n.valid_from,
                       text=n.summary) for n in NOTICES]

LEGAL_BASIS_TEXT = {
    "public_task": "esecuzione di un compito di interesse pubblico (art. 6, par. 1, lett. e GDPR)",
    "vital_interest": "salvaguardia di interessi vitali (art. 6, par. 1, lett. d GDPR)",
    "consent": "consenso dell'interessato (art. 6, par. 1, lett. a GDPR)",
}
SPECIAL_BASIS_TEXT = {
    "art9_2_g": "motivi di interesse pubblico rilevante (art. 9, par. 2, lett. g GDPR; art. 2-sexies Codice privacy)",
    "art9_2_b": "obblighi in materia di protezione sociale (art. 9, par. 2, lett. b GDPR)",
    "art9_2_c": "tutela di un interesse vitale (art. 9, par. 2, lett. c GDPR)",
    "art9_2_h": "finalità di assistenza sanitaria o sociale (art. 9, par. 2, lett. h GDPR)",
    "art9_2_a": "consenso esplicito (art. 9, par. 2, lett. a GDPR)",
}
CONSENT_PURPOSE_TEXT = {
    "sms_reminders": "promemoria via SMS",
    "email_news": "notizie sui servizi via e-mail",
}
CONSENT_METHOD_TEXT = {"written": "per iscritto", "oral": "a voce, annotato dall'operatore",
                       "digital": "in forma digitale"}
