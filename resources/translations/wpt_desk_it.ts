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
