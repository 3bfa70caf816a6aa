<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>CatalogPage</name>
    <message numerus="yes">
        <source>%n servizi</source>
        <translation>
            <numerusform>%n servizio</numerusform>
            <numerusform>%n servizi</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message numerus="yes">
        <source>In ritardo di %n giorni</source>
        <translation>
            <numerusform>In ritardo di %n giorno</numerusform>
            <numerusform>In ritardo di %n giorni</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message numerus="yes">
        <source>Importate %n persone</source>
        <translation>
            <numerusform>Importata %n persona</numerusform>
            <numerusform>Importate %n persone</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PersonDetail</name>
    <message numerus="yes">
        <source>Aggiunti %n invii: Ctrl+P per la scheda.</source>
        <translation>
            <numerusform>Aggiunto %n invio: Ctrl+P per la scheda.</numerusform>
            <numerusform>Aggiunti %n invii: Ctrl+P per la scheda.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReferralsPage</name>
    <message numerus="yes">
        <source>Aggiunti %n invii.</source>
        <translation>
            <numerusform>Aggiunto %n invio.</numerusform>
            <numerusform>Aggiunti %n invii.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message numerus="yes">
        <source>Copie integre di questo sportello: %n.</source>
        <translation>
            <numerusform>Copie integre di questo sportello: %n.</numerusform>
            <numerusform>Copie integre di questo sportello: %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message numerus="yes">
        <source>Persone la cui ultima attività è più vecchia del periodo: %n. Nulla è cancellato senza la conferma di un coordinatore.</source>
        <translation>
            <numerusform>Persone la cui ultima attività è più vecchia del periodo: %n. Nulla è cancellato senza la conferma di un coordinatore.</numerusform>
            <numerusform>Persone la cui ultima attività è più vecchia del periodo: %n. Nulla è cancellato senza la conferma di un coordinatore.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Periodo di conservazione: %n anni, per tutta la rete.</source>
        <translation>
            <numerusform>Periodo di conservazione: %n anno, per tutta la rete.</numerusform>
            <numerusform>Periodo di conservazione: %n anni, per tutta la rete.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Persone cancellate su questo sportello: %n; la cancellazione raggiunge gli altri alla prossima sincronizzazione.</source>
        <translation>
            <numerusform>Persona cancellata su questo sportello: %n; la cancellazione raggiunge gli altri alla prossima sincronizzazione.</numerusform>
            <numerusform>Persone cancellate su questo sportello: %n; la cancellazione raggiunge gli altri alla prossima sincronizzazione.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancellare per sempre le %n persone elencate, con le loro richieste, gli invii e le note, su ogni sportello della rete?</source>
        <translation>
            <numerusform>Cancellare per sempre la persona elencata, con le sue richieste, gli invii e le note, su ogni sportello della rete?</numerusform>
            <numerusform>Cancellare per sempre le %n persone elencate, con le loro richieste, gli invii e le note, su ogni sportello della rete?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SlipPage</name>
    <message numerus="yes">
        <source>Richiesta registrata con %n invii.</source>
        <translation>
            <numerusform>Richiesta registrata con un invio.</numerusform>
            <numerusform>Richiesta registrata con %n invii.</numerusform>
        </translation>
    </message>
</context>
</TS>
