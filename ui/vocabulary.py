"""The Italian labels of the core's vocabularies (desktop/domain/labels.py, the default need categories,
the timeline and access log), translated in one context, "Vocabulary".

The core keeps its labels Italian and Qt-free; lupdate reads the literal copies below, and
tests/ui/test_translations.py fails when the core gains a label this list lacks. A label that is not in the
catalogue (a category renamed centrally) is shown as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication


def vocab(text: str) -> str:
    """``text`` (an Italian label of the core) in the interface language."""
    return QCoreApplication.translate("Vocabulary", text)


VOCABULARY = [
    # SEX
    QT_TRANSLATE_NOOP("Vocabulary", "Maschio"),
    QT_TRANSLATE_NOOP("Vocabulary", "Femmina"),
    # CHANNEL
    QT_TRANSLATE_NOOP("Vocabulary", "Di persona"),
    QT_TRANSLATE_NOOP("Vocabulary", "Telefono"),
    QT_TRANSLATE_NOOP("Vocabulary", "E-mail"),
    QT_TRANSLATE_NOOP("Vocabulary", "Visita domiciliare"),
    # URGENCY
    QT_TRANSLATE_NOOP("Vocabulary", "Bassa"),
    QT_TRANSLATE_NOOP("Vocabulary", "Normale"),
    QT_TRANSLATE_NOOP("Vocabulary", "Alta"),
    # REQUEST_STATUS
    QT_TRANSLATE_NOOP("Vocabulary", "Aperta"),
    QT_TRANSLATE_NOOP("Vocabulary", "In lavorazione"),
    QT_TRANSLATE_NOOP("Vocabulary", "Inviata"),
    QT_TRANSLATE_NOOP("Vocabulary", "Chiusa (risolta)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Chiusa (non risolta)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Annullata"),
    # REFERRAL_STATUS
    QT_TRANSLATE_NOOP("Vocabulary", "Proposto"),
    QT_TRANSLATE_NOOP("Vocabulary", "Inviato"),
    QT_TRANSLATE_NOOP("Vocabulary", "Preso in carico"),
    QT_TRANSLATE_NOOP("Vocabulary", "Concluso"),
    QT_TRANSLATE_NOOP("Vocabulary", "Rifiutato dal servizio"),
    QT_TRANSLATE_NOOP("Vocabulary", "Rinuncia della persona"),
    QT_TRANSLATE_NOOP("Vocabulary", "Senza risposta"),
    # PROVIDER_KIND
    QT_TRANSLATE_NOOP("Vocabulary", "Comune"),
    QT_TRANSLATE_NOOP("Vocabulary", "Unione montana"),
    QT_TRANSLATE_NOOP("Vocabulary", "Consorzio socio-assistenziale"),
    QT_TRANSLATE_NOOP("Vocabulary", "ASL"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cooperativa sociale"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cooperativa di comunità"),
    QT_TRANSLATE_NOOP("Vocabulary", "Impresa (welfare aziendale aperto al territorio)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Associazione / ETS"),
    QT_TRANSLATE_NOOP("Vocabulary", "Patronato / CAF"),
    # USER_AREA
    QT_TRANSLATE_NOOP("Vocabulary", "Famiglia e minori"),
    QT_TRANSLATE_NOOP("Vocabulary", "Disabili"),
    QT_TRANSLATE_NOOP("Vocabulary", "Dipendenze"),
    QT_TRANSLATE_NOOP("Vocabulary", "Anziani"),
    QT_TRANSLATE_NOOP("Vocabulary", "Immigrati"),
    QT_TRANSLATE_NOOP("Vocabulary", "Povertà e disagio adulti"),
    QT_TRANSLATE_NOOP("Vocabulary", "Multiutenza"),
    # ROLE_LABELS (desktop/domain/roles.py)
    QT_TRANSLATE_NOOP("Vocabulary", "Operatore"),
    QT_TRANSLATE_NOOP("Vocabulary", "Coordinatore"),
    QT_TRANSLATE_NOOP("Vocabulary", "Amministratore"),
    # LEGAL_BASIS
    QT_TRANSLATE_NOOP("Vocabulary", "Compito di interesse pubblico (art. 6.1.e GDPR)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Interesse vitale (art. 6.1.d GDPR)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Consenso (art. 6.1.a GDPR)"),
    # SPECIAL_CATEGORY_BASIS
    QT_TRANSLATE_NOOP("Vocabulary", "Interesse pubblico rilevante (art. 9.2.g GDPR, art. 2-sexies Codice privacy)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Protezione sociale (art. 9.2.b GDPR)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Interesse vitale (art. 9.2.c GDPR)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Assistenza sanitaria o sociale (art. 9.2.h GDPR)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Consenso esplicito (art. 9.2.a GDPR)"),
    # CONSENT_PURPOSE
    QT_TRANSLATE_NOOP("Vocabulary", "Promemoria via SMS"),
    QT_TRANSLATE_NOOP("Vocabulary", "Notizie sui servizi via e-mail"),
    # CONSENT_METHOD
    QT_TRANSLATE_NOOP("Vocabulary", "Per iscritto"),
    QT_TRANSLATE_NOOP("Vocabulary", "A voce (annotato dall'operatore)"),
    QT_TRANSLATE_NOOP("Vocabulary", "In forma digitale"),
    # NOTE_KIND
    QT_TRANSLATE_NOOP("Vocabulary", "Telefonata"),
    QT_TRANSLATE_NOOP("Vocabulary", "Colloquio"),
    QT_TRANSLATE_NOOP("Vocabulary", "Documento consegnato"),
    QT_TRANSLATE_NOOP("Vocabulary", "Altro"),
    # need categories (default taxonomy)
    QT_TRANSLATE_NOOP("Vocabulary", "Accesso e orientamento ai servizi"),
    QT_TRANSLATE_NOOP("Vocabulary",
                      "Assistenza digitale (SPID, CIE, fascicolo sanitario, INPS, pagoPA, domande online)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Assistenza domiciliare e supporto alla persona"),
    QT_TRANSLATE_NOOP("Vocabulary", "Trasporto e mobilità (accompagnamento a visite, trasporto sociale)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Accesso a servizi sanitari e socio-sanitari"),
    QT_TRANSLATE_NOOP("Vocabulary", "Sostegno economico, bonus e agevolazioni (ISEE, assegno unico, bonus energia)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Lavoro e formazione"),
    QT_TRANSLATE_NOOP("Vocabulary", "Casa e abitare"),
    QT_TRANSLATE_NOOP("Vocabulary",
                      "Famiglia, infanzia e conciliazione (anche welfare aziendale aperto al territorio)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Beni di prima necessità (banco alimentare, empori solidali)"),
    QT_TRANSLATE_NOOP("Vocabulary", "Comunità, socialità e volontariato (contrasto all'isolamento)"),
    # PERSON_FIELD (what a rectification names; "Telefono" and "E-mail" are above)
    QT_TRANSLATE_NOOP("Vocabulary", "Codice fiscale"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cognome"),
    QT_TRANSLATE_NOOP("Vocabulary", "Nome"),
    QT_TRANSLATE_NOOP("Vocabulary", "Data di nascita"),
    QT_TRANSLATE_NOOP("Vocabulary", "Sesso"),
    QT_TRANSLATE_NOOP("Vocabulary", "Luogo di nascita"),
    QT_TRANSLATE_NOOP("Vocabulary", "Comune di residenza"),
    QT_TRANSLATE_NOOP("Vocabulary", "Indirizzo"),
    QT_TRANSLATE_NOOP("Vocabulary", "Note (nucleo, fragilità)"),
    # a person's timeline
    QT_TRANSLATE_NOOP("Vocabulary", "Richiesta"),
    QT_TRANSLATE_NOOP("Vocabulary", "Invio"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cambio di stato"),
    QT_TRANSLATE_NOOP("Vocabulary", "Nota"),
    QT_TRANSLATE_NOOP("Vocabulary", "Rettifica"),
    # the access log
    QT_TRANSLATE_NOOP("Vocabulary", "Scheda aperta"),
    QT_TRANSLATE_NOOP("Vocabulary", "Scheda aperta per modificarla"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cronologia consultata"),
    QT_TRANSLATE_NOOP("Vocabulary", "Scheda di invio stampata o salvata"),
    QT_TRANSLATE_NOOP("Vocabulary", "Creazione"),
    QT_TRANSLATE_NOOP("Vocabulary", "Modifica"),
    QT_TRANSLATE_NOOP("Vocabulary", "Eliminazione"),
    QT_TRANSLATE_NOOP("Vocabulary", "Ripristino"),
    QT_TRANSLATE_NOOP("Vocabulary", "Unione"),
    QT_TRANSLATE_NOOP("Vocabulary", "Cancellazione"),
    QT_TRANSLATE_NOOP("Vocabulary", "Accessi consultati"),
    QT_TRANSLATE_NOOP("Vocabulary", "Esportazione"),
]
