<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Informazioni su WPT Desk</source>
        <translation>About WPT Desk</translation>
    </message>
    <message>
        <source>Versione</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>Sportello</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Cartella dei dati</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>non registrato (lo sportello lavora da solo)</source>
        <translation>not enrolled (the desk works on its own)</translation>
    </message>
    <message>
        <source>Versione, cartella dei dati e server</source>
        <translation>Version, data folder and server</translation>
    </message>
    <message>
        <source>&amp;Chiudi</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>AccessExport</name>
    <message>
        <source>scheda aperta</source>
        <translation>record opened</translation>
    </message>
    <message>
        <source>scheda aperta per modifica</source>
        <translation>record opened for editing</translation>
    </message>
    <message>
        <source>storia consultata</source>
        <translation>history viewed</translation>
    </message>
    <message>
        <source>scheda di invio stampata</source>
        <translation>referral slip printed</translation>
    </message>
    <message>
        <source>dati esportati</source>
        <translation>data exported</translation>
    </message>
    <message>
        <source>dato registrato</source>
        <translation>data recorded</translation>
    </message>
    <message>
        <source>dato modificato</source>
        <translation>data changed</translation>
    </message>
    <message>
        <source>dato eliminato</source>
        <translation>data deleted</translation>
    </message>
    <message>
        <source>dato ripristinato</source>
        <translation>data restored</translation>
    </message>
    <message>
        <source>schede unite</source>
        <translation>records merged</translation>
    </message>
    <message>
        <source>stato consultato</source>
        <translation>status viewed</translation>
    </message>
    <message>
        <source>nota aggiunta</source>
        <translation>note added</translation>
    </message>
    <message>
        <source>accessi consultati</source>
        <translation>access log viewed</translation>
    </message>
    <message>
        <source>cancellazione</source>
        <translation>erasure</translation>
    </message>
    <message>
        <source>Dati personali trattati dallo sportello</source>
        <translation>Personal data processed by the desk</translation>
    </message>
    <message>
        <source>Sportello: {desk} — documento preparato il {day}</source>
        <translation>Desk: {desk} — document prepared on {day}</translation>
    </message>
    <message>
        <source>Documento per la persona interessata (art. 15 GDPR). Una copia in formato leggibile da computer (JSON) è consegnata insieme (art. 20 GDPR).</source>
        <translation>Document for the data subject (art. 15 GDPR). A copy in a machine-readable format (JSON) is handed over with it (art. 20 GDPR).</translation>
    </message>
    <message>
        <source>La persona</source>
        <translation>The person</translation>
    </message>
    <message>
        <source>Cognome e nome</source>
        <translation>Surname and name</translation>
    </message>
    <message>
        <source>Codice fiscale</source>
        <translation>Fiscal code</translation>
    </message>
    <message>
        <source>Nata/o il</source>
        <translation>Born on</translation>
    </message>
    <message>
        <source>Comune di nascita</source>
        <translation>Municipality of birth</translation>
    </message>
    <message>
        <source>Comune di residenza</source>
        <translation>Municipality of residence</translation>
    </message>
    <message>
        <source>Indirizzo</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Telefono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Perché i dati sono trattati</source>
        <translation>Why the data are processed</translation>
    </message>
    <message>
        <source>Base giuridica: {basis}.</source>
        <translation>Legal basis: {basis}.</translation>
    </message>
    <message>
        <source>Dati particolari (salute, condizione sociale): {basis}.</source>
        <translation>Special-category data (health, social condition): {basis}.</translation>
    </message>
    <message>
        <source>Informativa consegnata il {day}, versione {version}.</source>
        <translation>Privacy notice given on {day}, version {version}.</translation>
    </message>
    <message>
        <source>Il trattamento è limitato (art. 18 GDPR): i dati non si modificano e non si esportano.</source>
        <translation>Processing is restricted (art. 18 GDPR): the data are neither changed nor exported.</translation>
    </message>
    <message>
        <source>Consensi per usi facoltativi</source>
        <translation>Consents for optional uses</translation>
    </message>
    <message>
        <source>Nessun consenso registrato.</source>
        <translation>No consent recorded.</translation>
    </message>
    <message>
        <source>revocato il {day}</source>
        <translation>withdrawn on {day}</translation>
    </message>
    <message>
        <source>attivo</source>
        <translation>active</translation>
    </message>
    <message>
        <source>{purpose}: dato il {day} {method}; {state}.</source>
        <translation>{purpose}: given on {day}, {method}; {state}.</translation>
    </message>
    <message>
        <source>Rettifiche dei dati (art. 16 GDPR)</source>
        <translation>Rectifications of the data (art. 16 GDPR)</translation>
    </message>
    <message>
        <source>Nessuna rettifica registrata.</source>
        <translation>No rectification recorded.</translation>
    </message>
    <message>
        <source>{day} — dati rettificati: {fields} ({operator}, {desk})</source>
        <translation>{day} — data rectified: {fields} ({operator}, {desk})</translation>
    </message>
    <message>
        <source>Richieste</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Nessuna richiesta.</source>
        <translation>No request.</translation>
    </message>
    <message>
        <source>{day} — {category}: {description} (stato: {status})</source>
        <translation>{day} — {category}: {description} (status: {status})</translation>
    </message>
    <message>
        <source>Invio del {day} a {service} ({provider}): {status}</source>
        <translation>Referral of {day} to {service} ({provider}): {status}</translation>
    </message>
    <message>
        <source>; esito: {outcome}</source>
        <translation>; outcome: {outcome}</translation>
    </message>
    <message>
        <source>Nota del {day}: {text}</source>
        <translation>Note of {day}: {text}</translation>
    </message>
    <message>
        <source>A chi sono stati comunicati i dati</source>
        <translation>Who the data were disclosed to</translation>
    </message>
    <message>
        <source>A nessun servizio.</source>
        <translation>To no service.</translation>
    </message>
    <message>
        <source>{provider} — servizio «{service}»</source>
        <translation>{provider} — service “{service}”</translation>
    </message>
    <message>
        <source>Chi ha consultato o modificato la scheda su questo sportello</source>
        <translation>Who viewed or changed the record at this desk</translation>
    </message>
    <message>
        <source>Nessun accesso registrato.</source>
        <translation>No access recorded.</translation>
    </message>
</context>
<context>
    <name>AddReferralDialog</name>
    <message>
        <source>Aggiungi invio — {name}</source>
        <translation>Add referral — {name}</translation>
    </message>
    <message>
        <source>Aggiungi invio</source>
        <translation>Add referral</translation>
    </message>
    <message>
        <source>Richiesta «{need}» di {name}: spuntare con lo spazio i servizi a cui inviare la persona.</source>
        <translation>Request «{need}» of {name}: tick with space the services to refer the person to.</translation>
    </message>
    <message>
        <source>Servizi: spazio per scegliere</source>
        <translation>Services: space to choose</translation>
    </message>
    <message>
        <source>Data di verifica</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>&amp;Aggiungi invio</source>
        <translation>&amp;Add referral</translation>
    </message>
    <message>
        <source>Annulla</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Verifica dell&apos;invio il</source>
        <translation>&amp;Follow up the referral on</translation>
    </message>
    <message>
        <source>Nessun servizio spuntato: la barra spaziatrice spunta quello evidenziato.</source>
        <translation>No service ticked: the space bar ticks the highlighted one.</translation>
    </message>
    <message>
        <source>La data di verifica non è valida (gg/mm/aaaa).</source>
        <translation>The follow-up date is not valid (dd/mm/yyyy).</translation>
    </message>
    <message>
        <source>L&apos;invio non è stato registrato.</source>
        <translation>The referral was not recorded.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>WPT Desk — configurazione</source>
        <translation>WPT Desk — configuration</translation>
    </message>
    <message>
        <source>{problem}

Lo sportello funziona comunque, ma senza le impostazioni di quel file: chiedere all&apos;assistenza di correggerlo.</source>
        <translation>{problem}

The desk works anyway, but without that file&apos;s settings: ask support to correct it.</translation>
    </message>
    <message>
        <source>Copia di sicurezza automatica non riuscita: {error}</source>
        <translation>Automatic backup failed: {error}</translation>
    </message>
    <message>
        <source>WPT Desk è già aperto su questo computer.</source>
        <translation>WPT Desk is already open on this computer.</translation>
    </message>
    <message>
        <source>Ripristino non riuscito: {error}. Il database non è stato modificato.</source>
        <translation>Restore failed: {error}. The database was not changed.</translation>
    </message>
    <message>
        <source>Copia ripristinata. Il database di prima è conservato in {aside}.</source>
        <translation>Backup restored. The previous database is kept as {aside}.</translation>
    </message>
    <message>
        <source>Lo sportello non è registrato su un server: le modifiche fatte dopo la copia restano solo nel database conservato.</source>
        <translation>The desk is not enrolled on a server: the changes made after the backup remain only in the kept database.</translation>
    </message>
    <message>
        <source>Alla prossima sincronizzazione tornano dal server le modifiche che aveva ricevuto dopo la copia.</source>
        <translation>At the next sync the server sends back the changes it had received after the backup.</translation>
    </message>
    <message>
        <source>Modifiche mai arrivate al server, che restano solo nel database conservato: {n}.</source>
        <translation>Changes that never reached the server, which remain only in the kept database: {n}.</translation>
    </message>
    <message>
        <source>Accedi di nuovo per continuare.</source>
        <translation>Log in again to continue.</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Errore</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>L&apos;operazione non è riuscita: {error}</source>
        <translation>The operation failed: {error}</translation>
    </message>
</context>
<context>
    <name>CatalogPage</name>
    <message>
        <source>Servizio</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Categoria</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Ente</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Tipo di ente</source>
        <translation>Kind of provider</translation>
    </message>
    <message>
        <source>Comuni</source>
        <translation>Municipalities</translation>
    </message>
    <message>
        <source>Servizi del catalogo</source>
        <translation>Catalogue services</translation>
    </message>
    <message>
        <source>Filtra per categoria</source>
        <translation>Filter by category</translation>
    </message>
    <message>
        <source>Tutte le categorie</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Filtra per tipo di ente</source>
        <translation>Filter by kind of provider</translation>
    </message>
    <message>
        <source>Tutti i tipi di ente</source>
        <translation>All kinds of provider</translation>
    </message>
    <message>
        <source>Filtra per comune coperto</source>
        <translation>Filter by municipality covered</translation>
    </message>
    <message>
        <source>Comune coperto: tutti</source>
        <translation>Municipality covered: all</translation>
    </message>
    <message>
        <source>Scheda del servizio</source>
        <translation>Service&apos;s details</translation>
    </message>
    <message>
        <source>&amp;Filtri:</source>
        <translation>&amp;Filters:</translation>
    </message>
    <message>
        <source>N&amp;uovo servizio…</source>
        <translation>N&amp;ew service…</translation>
    </message>
    <message>
        <source>&amp;Modifica servizio…</source>
        <translation>&amp;Edit service…</translation>
    </message>
    <message>
        <source>&amp;Ritira servizio</source>
        <translation>&amp;Retire service</translation>
    </message>
    <message>
        <source>&amp;Enti…</source>
        <translation>&amp;Providers…</translation>
    </message>
    <message>
        <source>Aggiungi, modifica o ritira un ente del catalogo</source>
        <translation>Add, edit or retire a provider of the catalog</translation>
    </message>
    <message>
        <source>Servizio salvato: arriverà agli altri sportelli con la prossima sincronizzazione.</source>
        <translation>Service saved: it will reach the other desks with the next sync.</translation>
    </message>
    <message>
        <source>Ente salvato.</source>
        <translation>Provider saved.</translation>
    </message>
    <message>
        <source>Servizio ritirato dal catalogo.</source>
        <translation>Service retired from the catalogue.</translation>
    </message>
    <message>
        <source>Ritira servizio</source>
        <translation>Retire service</translation>
    </message>
    <message>
        <source>Ritirare «{name}» dal catalogo? Gli invii già fatti restano; non se ne potranno fare di nuovi.</source>
        <translation>Retire «{name}» from the catalogue? Referrals already made stay; no new ones can be made.</translation>
    </message>
    <message>
        <source>&amp;Ritira</source>
        <translation>&amp;Retire</translation>
    </message>
    <message>
        <source>Nessun servizio con questi filtri: scegliere «Tutte le categorie» o un altro comune.</source>
        <translation>No service with these filters: choose «All categories» or another municipality.</translation>
    </message>
    <message numerus="yes">
        <source>%n servizi</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message>
        <source>Descrizione</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Chi può accedere</source>
        <translation>Who is eligible</translation>
    </message>
    <message>
        <source>Come accedere</source>
        <translation>How to access</translation>
    </message>
    <message>
        <source>Costo</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>Contatti</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Orari</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Comuni coperti</source>
        <translation>Municipalities covered</translation>
    </message>
    <message>
        <source>nessuno</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>Scheda di invio scritta: {path}</source>
        <translation>Referral slip written: {path}</translation>
    </message>
    <message>
        <source>Dati della persona esportati: {pdf} e {json}.</source>
        <translation>The person&apos;s data exported: {pdf} and {json}.</translation>
    </message>
    <message>
        <source>tutti gli sportelli</source>
        <translation>all desks</translation>
    </message>
    <message>
        <source>comune di residenza {name}</source>
        <translation>municipality of residence {name}</translation>
    </message>
    <message>
        <source>categoria {code}</source>
        <translation>category {code}</translation>
    </message>
</context>
<context>
    <name>DamagedDatabaseDialog</name>
    <message>
        <source>WPT Desk — database danneggiato</source>
        <translation>WPT Desk — damaged database</translation>
    </message>
    <message>
        <source>Database danneggiato</source>
        <translation>Damaged database</translation>
    </message>
    <message>
        <source>Il database di questo sportello è danneggiato. Non verrà cancellato: resta da parte nella cartella dei dati.</source>
        <translation>This desk&apos;s database is damaged. It will not be deleted: it is kept aside in the data folder.</translation>
    </message>
    <message>
        <source>&amp;Ripristina la copia</source>
        <translation>&amp;Restore the backup</translation>
    </message>
    <message>
        <source>&amp;Inizia vuoto</source>
        <translation>&amp;Start empty</translation>
    </message>
    <message>
        <source>C&apos;è una copia di sicurezza integra del {day} alle {time}. Ripristinandola si perdono le modifiche dopo il {day} alle {time}; la sincronizzazione riporterà quelle già arrivate al server.</source>
        <translation>There is a sound backup of {day} at {time}. Restoring it loses the changes made after {day} at {time}; sync will bring back those the server already has.</translation>
    </message>
    <message>
        <source>Non c&apos;è nessuna copia di sicurezza: scegliere «Inizia vuoto», configurare lo sportello e registrarlo di nuovo sul server (codice dal coordinatore) per riavere i dati sincronizzati.</source>
        <translation>There is no backup: choose «Start empty», set the desk up and enroll it again on the server (code from the coordinator) to get the synced data back.</translation>
    </message>
    <message>
        <source>Ripristino non riuscito: {error}</source>
        <translation>Restore failed: {error}</translation>
    </message>
    <message>
        <source>Impossibile spostare il database: {error}</source>
        <translation>Cannot move the database: {error}</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>gg/mm/aaaa</source>
        <translation>dd/mm/yyyy</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>Modifiche non salvate</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>Ci sono modifiche non salvate{what}. Salvarle?</source>
        <translation>There are unsaved changes{what}. Save them?</translation>
    </message>
    <message>
        <source>&amp;Salva</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Sc&amp;arta</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>A&amp;nnulla</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Continua</source>
        <translation>&amp;Continue</translation>
    </message>
    <message>
        <source>Salva PDF</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>Cerca &amp;in:</source>
        <translation>Look &amp;in:</translation>
    </message>
    <message>
        <source>&amp;Nome del file:</source>
        <translation>File &amp;name:</translation>
    </message>
    <message>
        <source>&amp;Tipo di file:</source>
        <translation>File &amp;type:</translation>
    </message>
    <message>
        <source>Annulla</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>Verifica il</source>
        <translation>Follow up on</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Servizio</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Stato</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Sportello</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Quando</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Telefono da chiamare</source>
        <translation>Phone to call</translation>
    </message>
    <message>
        <source>Scadenze: in ritardo, oggi, questa settimana</source>
        <translation>Follow-ups: overdue, today, this week</translation>
    </message>
    <message>
        <source>Sportel&amp;lo:</source>
        <translation>&amp;Desk:</translation>
    </message>
    <message>
        <source>Stato e &amp;verifica… (F2)</source>
        <translation>Status and &amp;follow-up… (F2)</translation>
    </message>
    <message>
        <source>Cambia stato dell&apos;invio</source>
        <translation>Change the referral&apos;s status</translation>
    </message>
    <message>
        <source>Apri &amp;persona (Invio)</source>
        <translation>Open &amp;person (Enter)</translation>
    </message>
    <message>
        <source>Apri la persona dell&apos;invio</source>
        <translation>Open the referral&apos;s person</translation>
    </message>
    <message>
        <source>Fatto (F)</source>
        <translation>Done (F)</translation>
    </message>
    <message>
        <source>Verifica fatta: togli dall&apos;elenco</source>
        <translation>Follow-up done: remove from the list</translation>
    </message>
    <message>
        <source>Rimanda di 7 giorni (R)</source>
        <translation>Postpone 7 days (R)</translation>
    </message>
    <message>
        <source>Rimanda la verifica di 7 giorni</source>
        <translation>Postpone the follow-up by 7 days</translation>
    </message>
    <message>
        <source>Scadenze</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>F: verifica fatta · R: rimanda di 7 giorni · F2: stato · Invio: persona</source>
        <translation>F: follow-up done · R: postpone 7 days · F2: status · Enter: person</translation>
    </message>
    <message numerus="yes">
        <source>In ritardo di %n giorni</source>
        <translation>
            <numerusform>Overdue by %n day</numerusform>
            <numerusform>Overdue by %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>Nessuna risposta dal servizio</source>
        <translation>No answer from the service</translation>
    </message>
    <message>
        <source>Oggi</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Questa settimana</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>ente: {phone}</source>
        <translation>provider: {phone}</translation>
    </message>
    <message>
        <source>nessun numero</source>
        <translation>no number</translation>
    </message>
    <message>
        <source>Nessuna verifica da fare entro questa settimana: le scadenze arrivano con i nuovi invii.</source>
        <translation>No follow-up due this week: follow-ups come with new referrals.</translation>
    </message>
    <message>
        <source>Verifica segnata come fatta.</source>
        <translation>Follow-up marked as done.</translation>
    </message>
    <message>
        <source>Verifica rimandata al {day}.</source>
        <translation>Follow-up postponed to {day}.</translation>
    </message>
    <message>
        <source>{late} in ritardo · {today} oggi · {week} questa settimana</source>
        <translation>{late} overdue · {today} today · {week} this week</translation>
    </message>
    <message>
        <source>Questo sportello ({name})</source>
        <translation>This desk ({name})</translation>
    </message>
    <message>
        <source>Tutti gli sportelli</source>
        <translation>All desks</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <source>Guida di WPT Desk</source>
        <translation>WPT Desk guide</translation>
    </message>
    <message>
        <source>Guida</source>
        <translation>Guide</translation>
    </message>
    <message>
        <source>&amp;Informazioni</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>&amp;Chiudi (Esc)</source>
        <translation>&amp;Close (Esc)</translation>
    </message>
    <message>
        <source>non indicati</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>cerca una persona (cognome, nome, codice fiscale o telefono)</source>
        <translation>find a person (surname, name, tax code or phone)</translation>
    </message>
    <message>
        <source>registra una nuova persona</source>
        <translation>register a new person</translation>
    </message>
    <message>
        <source>nuova richiesta per la persona trovata o aperta</source>
        <translation>new request for the person found or open</translation>
    </message>
    <message>
        <source>ristampa la scheda dell&apos;invio scelto (cronologia, Invii)</source>
        <translation>reprint the slip of the chosen referral (timeline, Referrals)</translation>
    </message>
    <message>
        <source>aggiungi un invio a una richiesta già registrata</source>
        <translation>add a referral to a request already recorded</translation>
    </message>
    <message>
        <source>cambia lo stato della richiesta o dell&apos;invio scelto</source>
        <translation>change the status of the chosen request or referral</translation>
    </message>
    <message>
        <source>in Scadenze: verifica fatta / rimanda di 7 giorni</source>
        <translation>in Follow-ups: follow-up done / postpone 7 days</translation>
    </message>
    <message>
        <source>le sezioni della barra a sinistra</source>
        <translation>the sections of the bar on the left</translation>
    </message>
    <message>
        <source>annulla l&apos;ultima eliminazione</source>
        <translation>undo the last deletion</translation>
    </message>
    <message>
        <source>sincronizza ora (pagina Sincronizzazione)</source>
        <translation>sync now (Sync page)</translation>
    </message>
    <message>
        <source>blocca lo schermo</source>
        <translation>lock the screen</translation>
    </message>
    <message>
        <source>questa guida</source>
        <translation>this guide</translation>
    </message>
    <message>
        <source>Ctrl+K e scrivere il cognome: Invio apre la persona; se non c&apos;è, Ctrl+N la registra.</source>
        <translation>Ctrl+K and type the surname: Enter opens the person; if they are not there, Ctrl+N registers them.</translation>
    </message>
    <message>
        <source>Ctrl+R: scegliere la categoria del bisogno, una frase, Invio.</source>
        <translation>Ctrl+R: choose the category of the need, one sentence, Enter.</translation>
    </message>
    <message>
        <source>Spuntare con lo spazio i servizi che coprono il comune della persona, Invio crea richiesta e invii.</source>
        <translation>Tick with space the services covering the person&apos;s municipality; Enter creates the request and referrals.</translation>
    </message>
    <message>
        <source>Ctrl+S salva la scheda di invio in PDF (Ctrl+P la stampa): darla alla persona. Invio chiude.</source>
        <translation>Ctrl+S saves the referral slip as PDF (Ctrl+P prints it): give it to the person. Enter closes.</translation>
    </message>
    <message>
        <source>Nei giorni dopo, la pagina Scadenze dice chi richiamare e a che numero.</source>
        <translation>In the following days, the Follow-ups page says whom to call back and at which number.</translation>
    </message>
    <message>
        <source>Il flusso di due minuti</source>
        <translation>The two-minute flow</translation>
    </message>
    <message>
        <source>Tasti rapidi</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <source>Chi chiamare</source>
        <translation>Whom to call</translation>
    </message>
    <message>
        <source>Per dubbi sul lavoro dello sportello e sul catalogo dei servizi: il coordinatore della rete. Per il programma, le password e i backup: il referente informatico dell&apos;Unione montana. Contatti dello sportello: {contact}.</source>
        <translation>For questions about the desk&apos;s work and the service catalogue: the network&apos;s coordinator. For the program, passwords and backups: the IT contact of the mountain union. The desk&apos;s contacts: {contact}.</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>Resoconto dell&apos;importazione</source>
        <translation>Import report</translation>
    </message>
    <message numerus="yes">
        <source>Importate %n persone</source>
        <translation>
            <numerusform>%n person imported</numerusform>
            <numerusform>%n persons imported</numerusform>
        </translation>
    </message>
    <message>
        <source>{created} nuove, {updated} aggiornate, {unchanged} invariate; righe scartate: {rejected}.</source>
        <translation>{created} new, {updated} updated, {unchanged} unchanged; rows set aside: {rejected}.</translation>
    </message>
    <message>
        <source>Riga</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Motivo dello scarto</source>
        <translation>Why it was set aside</translation>
    </message>
    <message>
        <source>Righe scartate</source>
        <translation>Rows set aside</translation>
    </message>
    <message>
        <source>Resoconto salvato in {path}</source>
        <translation>Report saved in {path}</translation>
    </message>
    <message>
        <source>&amp;Chiudi</source>
        <translation>&amp;Close</translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message>
        <source>Stampato il {day} — {count} righe</source>
        <translation>Printed on {day} — {count} rows</translation>
    </message>
</context>
<context>
    <name>ListPage</name>
    <message>
        <source>Esporta elenco</source>
        <translation>Export list</translation>
    </message>
    <message>
        <source>Non riesco a scrivere il file: {error}</source>
        <translation>Cannot write the file: {error}</translation>
    </message>
    <message>
        <source>Elenco salvato: {path}</source>
        <translation>List saved: {path}</translation>
    </message>
    <message>
        <source>Tabella &amp;PDF (da stampare)…</source>
        <translation>&amp;PDF table (to print)…</translation>
    </message>
    <message>
        <source>&amp;CSV per Excel…</source>
        <translation>&amp;CSV for Excel…</translation>
    </message>
    <message>
        <source>Esporta… (Ctrl+Shift+E)</source>
        <translation>Export… (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Esporta l&apos;elenco in PDF o CSV</source>
        <translation>Export the list as PDF or CSV</translation>
    </message>
    <message>
        <source>Nessun elemento con questi filtri: cambiare i filtri per vederne altri.</source>
        <translation>Nothing with these filters: change the filters to see more.</translation>
    </message>
</context>
<context>
    <name>LockPanel</name>
    <message>
        <source>Sportello bloccato</source>
        <translation>Desk locked</translation>
    </message>
    <message>
        <source>Cambia &amp;operatore</source>
        <translation>Switch &amp;operator</translation>
    </message>
    <message>
        <source>Per continuare, {name} inserisce la password; oppure un altro operatore accede con «Cambia operatore».</source>
        <translation>To go on, {name} enters the password; or another operator logs in with “Switch operator”.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>WPT Desk — accesso</source>
        <translation>WPT Desk — log in</translation>
    </message>
</context>
<context>
    <name>LoginForm</name>
    <message>
        <source>Operatore</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>&amp;Accedi</source>
        <translation>&amp;Log in</translation>
    </message>
    <message>
        <source>&amp;Operatore</source>
        <translation>&amp;Operator</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
</context>
<context>
    <name>LongWork</name>
    <message>
        <source>Annulla</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Operazione in corso</source>
        <translation>Working</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Persone</source>
        <translation>Persons</translation>
    </message>
    <message>
        <source>Richieste</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Invii</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Scadenze</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <source>Catalogo servizi</source>
        <translation>Service catalogue</translation>
    </message>
    <message>
        <source>Sincronizzazione</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Impostazioni</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Operatori</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>WPT Desk — {desk}</source>
        <translation>WPT Desk — {desk}</translation>
    </message>
    <message>
        <source>Cerca persona: cognome, nome, codice fiscale o telefono (Ctrl+K)</source>
        <translation>Search person: surname, name, fiscal code or phone (Ctrl+K)</translation>
    </message>
    <message>
        <source>Cerca persona</source>
        <translation>Search person</translation>
    </message>
    <message>
        <source>Nuova &amp;richiesta (Ctrl+R)</source>
        <translation>New &amp;request (Ctrl+R)</translation>
    </message>
    <message>
        <source>Nuova richiesta per la persona trovata</source>
        <translation>New request for the person found</translation>
    </message>
    <message>
        <source>Sezioni</source>
        <translation>Sections</translation>
    </message>
    <message>
        <source>Guida (F1)</source>
        <translation>Help (F1)</translation>
    </message>
    <message>
        <source>Guida e informazioni</source>
        <translation>Help and about</translation>
    </message>
    <message>
        <source>Annulla (Ctrl+Alt+Z)</source>
        <translation>Undo (Ctrl+Alt+Z)</translation>
    </message>
    <message>
        <source>Annulla l&apos;eliminazione</source>
        <translation>Undo the deletion</translation>
    </message>
    <message>
        <source>Cerca prima la persona (Ctrl+K).</source>
        <translation>Search for the person first (Ctrl+K).</translation>
    </message>
    <message>
        <source>Sportello: {desk} — Operatore: {operator}</source>
        <translation>Desk: {desk} — Operator: {operator}</translation>
    </message>
    <message>
        <source>La lingua cambierà al prossimo avvio: ci sono modifiche non salvate.</source>
        <translation>The language will change at the next start: there are unsaved changes.</translation>
    </message>
    <message>
        <source>Prima del ripristino salva o annulla le modifiche aperte.</source>
        <translation>Before restoring, save or discard the open changes.</translation>
    </message>
</context>
<context>
    <name>MunicipalityPicker</name>
    <message>
        <source>Scrivere il nome del comune</source>
        <translation>Type the name of the municipality</translation>
    </message>
</context>
<context>
    <name>NeedPage</name>
    <message>
        <source>Il bisogno</source>
        <translation>The need</translation>
    </message>
    <message>
        <source>Categoria, una frase, urgenza e canale. Invio per andare avanti.</source>
        <translation>Category, one sentence, urgency and channel. Enter to go on.</translation>
    </message>
    <message>
        <source>Scegliere la categoria…</source>
        <translation>Choose the category…</translation>
    </message>
    <message>
        <source>Es.: accompagnamento a una visita a Ivrea il 12</source>
        <translation>E.g.: escort to a medical visit in Ivrea on the 12th</translation>
    </message>
    <message>
        <source>&amp;Categoria</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <source>Categoria del bisogno</source>
        <translation>Category of the need</translation>
    </message>
    <message>
        <source>&amp;Descrizione</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>Descrizione del bisogno</source>
        <translation>Description of the need</translation>
    </message>
    <message>
        <source>&amp;Urgenza</source>
        <translation>&amp;Urgency</translation>
    </message>
    <message>
        <source>Urgenza</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Ca&amp;nale</source>
        <translation>Cha&amp;nnel</translation>
    </message>
    <message>
        <source>Canale</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>comune non indicato</source>
        <translation>municipality not given</translation>
    </message>
    <message>
        <source>Per {name} ({place}): categoria, una frase, urgenza e canale. Invio per andare avanti.</source>
        <translation>For {name} ({place}): category, one sentence, urgency and channel. Enter to go on.</translation>
    </message>
</context>
<context>
    <name>NewRequestWizard</name>
    <message>
        <source>Nuova richiesta — {name}</source>
        <translation>New request — {name}</translation>
    </message>
    <message>
        <source>&amp;Avanti &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; &amp;Indietro</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>Annulla</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Fine</source>
        <translation>&amp;Finish</translation>
    </message>
    <message>
        <source>Scheda di invio</source>
        <translation>Referral slip</translation>
    </message>
    <message>
        <source>La richiesta è registrata, ma la scheda di invio non è stata salvata né stampata: chiudere senza scheda?</source>
        <translation>The request is recorded, but the referral slip was neither saved nor printed: close without a slip?</translation>
    </message>
    <message>
        <source>&amp;Chiudi senza scheda</source>
        <translation>&amp;Close without slip</translation>
    </message>
    <message>
        <source>&amp;Torna alla scheda</source>
        <translation>&amp;Back to the slip</translation>
    </message>
    <message>
        <source>Nuova richiesta</source>
        <translation>New request</translation>
    </message>
    <message>
        <source>La richiesta non è ancora registrata: scartare quanto scritto?</source>
        <translation>The request is not recorded yet: discard what was typed?</translation>
    </message>
    <message>
        <source>Sc&amp;arta</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>La richiesta non è stata registrata: {error}</source>
        <translation>The request was not recorded: {error}</translation>
    </message>
    <message>
        <source>Non riesco a scrivere il PDF: {error}</source>
        <translation>Cannot write the PDF: {error}</translation>
    </message>
    <message>
        <source>Salvato: {paths}</source>
        <translation>Saved: {paths}</translation>
    </message>
    <message>
        <source>Nessuna stampante disponibile su questo computer: usare «Salva PDF».</source>
        <translation>No printer available on this computer: use “Save PDF”.</translation>
    </message>
    <message>
        <source>La stampante non risponde: usare «Salva PDF».</source>
        <translation>The printer does not answer: use “Save PDF”.</translation>
    </message>
    <message>
        <source>Scheda inviata alla stampante.</source>
        <translation>Slip sent to the printer.</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>Nuova nota</source>
        <translation>New note</translation>
    </message>
    <message>
        <source>&amp;Salva</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annulla</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>&amp;Richiesta</source>
        <translation>&amp;Request</translation>
    </message>
    <message>
        <source>Richiesta della nota</source>
        <translation>Request of the note</translation>
    </message>
    <message>
        <source>&amp;Tipo</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>Tipo di nota</source>
        <translation>Kind of note</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>Data della nota</source>
        <translation>Date of the note</translation>
    </message>
    <message>
        <source>&amp;Nota</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>Testo della nota</source>
        <translation>Text of the note</translation>
    </message>
    <message>
        <source>La persona non ha richieste: registrare prima una richiesta (Ctrl+R).</source>
        <translation>The person has no requests: record a request first (Ctrl+R).</translation>
    </message>
    <message>
        <source>Scrivere il testo della nota.</source>
        <translation>Type the text of the note.</translation>
    </message>
    <message>
        <source>La nota non è salvata: scartarla?</source>
        <translation>The note is not saved: discard it?</translation>
    </message>
    <message>
        <source>Sc&amp;arta</source>
        <translation>&amp;Discard</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Operazione annullata.</source>
        <translation>Operation undone.</translation>
    </message>
    <message>
        <source>1 richiesta</source>
        <translation>1 request</translation>
    </message>
    <message>
        <source>{n} richieste</source>
        <translation>{n} requests</translation>
    </message>
    <message>
        <source>1 invio</source>
        <translation>1 referral</translation>
    </message>
    <message>
        <source>{n} invii</source>
        <translation>{n} referrals</translation>
    </message>
    <message>
        <source>1 nota</source>
        <translation>1 note</translation>
    </message>
    <message>
        <source>{n} note</source>
        <translation>{n} notes</translation>
    </message>
    <message>
        <source>{list} e {last}</source>
        <translation>{list} and {last}</translation>
    </message>
    <message>
        <source>Eliminare?</source>
        <translation>Delete?</translation>
    </message>
    <message>
        <source>Eliminare {what}? Si eliminano anche {along}. Subito dopo si può annullare (Ctrl+Alt+Z).</source>
        <translation>Delete {what}? This also deletes {along}. You can undo right after (Ctrl+Alt+Z).</translation>
    </message>
    <message>
        <source>&amp;Elimina</source>
        <translation>&amp;Delete</translation>
    </message>
</context>
<context>
    <name>OperatorsPage</name>
    <message>
        <source>Operatori</source>
        <translation>Operators</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Ruolo</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Stato</source>
        <translation>State</translation>
    </message>
    <message>
        <source>disattivato</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>attivo</source>
        <translation>active</translation>
    </message>
    <message>
        <source>Operatori dello sportello</source>
        <translation>The desk&apos;s operators</translation>
    </message>
    <message>
        <source>&amp;Aggiungi operatore</source>
        <translation>&amp;Add operator</translation>
    </message>
    <message>
        <source>&amp;Reimposta password…</source>
        <translation>&amp;Reset password…</translation>
    </message>
    <message>
        <source>&amp;Disattiva</source>
        <translation>&amp;Disable</translation>
    </message>
    <message>
        <source>Nome del nuovo operatore</source>
        <translation>New operator&apos;s name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Ripeti la password</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>&amp;Nome</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>R&amp;uolo</source>
        <translation>R&amp;ole</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Ripeti la pass&amp;word</source>
        <translation>Repeat the pass&amp;word</translation>
    </message>
    <message>
        <source>Gli operatori sono gestiti dall&apos;amministratore dello sportello.</source>
        <translation>Operators are managed by the desk&apos;s administrator.</translation>
    </message>
    <message>
        <source>Scrivere il nome dell&apos;operatore.</source>
        <translation>Type the operator&apos;s name.</translation>
    </message>
    <message>
        <source>Le due password non coincidono.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>Operatore {name} aggiunto con il ruolo «{role}».</source>
        <translation>Operator {name} added with the role “{role}”.</translation>
    </message>
    <message>
        <source>Password di {name} reimpostata.</source>
        <translation>{name}&apos;s password reset.</translation>
    </message>
    <message>
        <source>Disattiva operatore</source>
        <translation>Disable operator</translation>
    </message>
    <message>
        <source>Disattivare {name}? Non potrà più entrare; il suo nome resta sul lavoro già fatto.</source>
        <translation>Disable {name}? They will no longer be able to log in; their name stays on the work already done.</translation>
    </message>
    <message>
        <source>{name} disattivato.</source>
        <translation>{name} disabled.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Nuova password per {name}</source>
        <translation>New password for {name}</translation>
    </message>
    <message>
        <source>Nuova password</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Ripeti la password</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>&amp;Imposta</source>
        <translation>&amp;Set</translation>
    </message>
    <message>
        <source>A&amp;nnulla</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>&amp;Nuova password</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>&amp;Ripeti</source>
        <translation>&amp;Repeat</translation>
    </message>
    <message>
        <source>Le due password non coincidono.</source>
        <translation>The two passwords do not match.</translation>
    </message>
    <message>
        <source>La password deve avere almeno 8 caratteri.</source>
        <translation>The password must have at least 8 characters.</translation>
    </message>
</context>
<context>
    <name>PersonDetail</name>
    <message>
        <source>Informativa privacy</source>
        <translation>Privacy notice</translation>
    </message>
    <message>
        <source>Informativa consegnata &amp;oggi</source>
        <translation>Notice given &amp;today</translation>
    </message>
    <message>
        <source>&amp;Nuova richiesta (Ctrl+R)</source>
        <translation>&amp;New request (Ctrl+R)</translation>
    </message>
    <message>
        <source>No&amp;ta (Ctrl+T)</source>
        <translation>No&amp;te (Ctrl+T)</translation>
    </message>
    <message>
        <source>&amp;Modifica (Ctrl+E)</source>
        <translation>&amp;Edit (Ctrl+E)</translation>
    </message>
    <message>
        <source>&amp;Elimina (Canc)</source>
        <translation>&amp;Delete (Del)</translation>
    </message>
    <message>
        <source>&amp;Torna all&apos;elenco (Esc)</source>
        <translation>&amp;Back to the list (Esc)</translation>
    </message>
    <message>
        <source>Ri&amp;stampa scheda (Ctrl+P)</source>
        <translation>Re&amp;print slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>Salva di nuovo la scheda dell&apos;invio scelto</source>
        <translation>Save the slip of the chosen referral again</translation>
    </message>
    <message>
        <source>A&amp;ggiungi invio (Ctrl+I)</source>
        <translation>Add referra&amp;l (Ctrl+I)</translation>
    </message>
    <message>
        <source>Aggiungi un invio alla richiesta scelta</source>
        <translation>Add a referral to the chosen request</translation>
    </message>
    <message>
        <source>&amp;Accessi alla scheda</source>
        <translation>&amp;Record accesses</translation>
    </message>
    <message>
        <source>Chi ha consultato la scheda</source>
        <translation>Who accessed the record</translation>
    </message>
    <message>
        <source>Esporta &amp;dati (art. 15)</source>
        <translation>Export &amp;data (art. 15)</translation>
    </message>
    <message>
        <source>Esporta tutti i dati della persona per la persona</source>
        <translation>Export all the person&apos;s data for the person</translation>
    </message>
    <message>
        <source>&amp;Limita trattamento</source>
        <translation>&amp;Restrict processing</translation>
    </message>
    <message>
        <source>&amp;Cancella dati (art. 17)</source>
        <translation>&amp;Erase data (art. 17)</translation>
    </message>
    <message>
        <source>Cancella la persona su ogni sportello</source>
        <translation>Erase the person at every desk</translation>
    </message>
    <message>
        <source>&amp;Opposizione (art. 21)</source>
        <translation>&amp;Objection (art. 21)</translation>
    </message>
    <message>
        <source>Registra l&apos;opposizione della persona al trattamento</source>
        <translation>Record the person&apos;s objection to processing</translation>
    </message>
    <message>
        <source>Decidi sull&apos;&amp;opposizione</source>
        <translation>Decide on the &amp;objection</translation>
    </message>
    <message>
        <source>Stampa &amp;informativa</source>
        <translation>Print privacy &amp;notice</translation>
    </message>
    <message>
        <source>Salva in PDF l&apos;informativa privacy</source>
        <translation>Save the privacy notice as a PDF</translation>
    </message>
    <message>
        <source>Quando</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Operatore</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Azione</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Accessi alla scheda della persona</source>
        <translation>Accesses to the person&apos;s record</translation>
    </message>
    <message>
        <source>Nuova richiesta</source>
        <translation>New request</translation>
    </message>
    <message>
        <source>Aggiungi una nota</source>
        <translation>Add a note</translation>
    </message>
    <message>
        <source>Modifica persona</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>Elimina persona</source>
        <translation>Delete person</translation>
    </message>
    <message>
        <source>Torna all&apos;elenco</source>
        <translation>Back to the list</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Descrizione</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Cronologia della persona</source>
        <translation>The person&apos;s timeline</translation>
    </message>
    <message>
        <source>Invio o F2 su una richiesta o un invio: cambia lo stato</source>
        <translation>Enter or F2 on a request or a referral: change its status</translation>
    </message>
    <message>
        <source>Codice fiscale</source>
        <translation>Fiscal code</translation>
    </message>
    <message>
        <source>non indicato</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>Nascita</source>
        <translation>Birth</translation>
    </message>
    <message>
        <source>a {place}</source>
        <translation>in {place}</translation>
    </message>
    <message>
        <source>non indicata</source>
        <translation>not given</translation>
    </message>
    <message>
        <source>Sesso</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Residenza</source>
        <translation>Residence</translation>
    </message>
    <message>
        <source>Telefono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Trattamento limitato (art. 18 GDPR): la scheda non si modifica.</source>
        <translation>Processing restricted (GDPR art. 18): the record cannot be changed.</translation>
    </message>
    <message>
        <source>Nessuna richiesta registrata per questa persona — Ctrl+R per registrarne una.</source>
        <translation>No request recorded for this person — Ctrl+R to record one.</translation>
    </message>
    <message numerus="yes">
        <source>Aggiunti %n invii: Ctrl+P per la scheda.</source>
        <translation>
            <numerusform>%n referral added: Ctrl+P for the slip.</numerusform>
            <numerusform>%n referrals added: Ctrl+P for the slip.</numerusform>
        </translation>
    </message>
    <message>
        <source>Opposizione al trattamento</source>
        <translation>Objection to processing</translation>
    </message>
    <message>
        <source>Registrare l&apos;opposizione di {name} al trattamento dei suoi dati (art. 21 GDPR)? La scheda sarà limitata e ogni consenso revocato, su ogni sportello, finché un coordinatore non decide.</source>
        <translation>Record {name}&apos;s objection to the processing of their data (art. 21 GDPR)? The record will be restricted and every consent withdrawn, on every desk, until a coordinator decides.</translation>
    </message>
    <message>
        <source>&amp;Registra l&apos;opposizione</source>
        <translation>&amp;Record the objection</translation>
    </message>
    <message>
        <source>Decisione sull&apos;opposizione</source>
        <translation>Decision on the objection</translation>
    </message>
    <message>
        <source>Accogliere l&apos;opposizione cancella la persona su ogni sportello (art. 17). Respingerla richiede motivi legittimi cogenti (art. 21) e toglie la limitazione.</source>
        <translation>Upholding the objection erases the person on every desk (art. 17). Rejecting it requires compelling legitimate grounds (art. 21) and lifts the restriction.</translation>
    </message>
    <message>
        <source>&amp;Accogli e cancella</source>
        <translation>&amp;Uphold and erase</translation>
    </message>
    <message>
        <source>&amp;Respingi</source>
        <translation>&amp;Reject</translation>
    </message>
    <message>
        <source>A&amp;nnulla</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>Motivo della decisione (senza nomi né dati della persona):</source>
        <translation>Reason for the decision (no names or personal data):</translation>
    </message>
    <message>
        <source>Nessun motivo legittimo cogente</source>
        <translation>No compelling legitimate grounds</translation>
    </message>
    <message>
        <source>Informativa</source>
        <translation>Privacy notice</translation>
    </message>
    <message>
        <source>Non riesco a scrivere il PDF: {error}</source>
        <translation>Cannot write the PDF: {error}</translation>
    </message>
    <message>
        <source>Salvata: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
    <message>
        <source>Informativa privacy: non ancora consegnata</source>
        <translation>Privacy notice: not given yet</translation>
    </message>
    <message>
        <source>Scegliere un invio nella cronologia</source>
        <translation>Choose a referral in the timeline</translation>
    </message>
    <message>
        <source>Scegliere una richiesta o un invio nella cronologia</source>
        <translation>Choose a request or a referral in the timeline</translation>
    </message>
    <message>
        <source>Cronologia: richieste, invii, cambi di stato, note, rettifiche</source>
        <translation>Timeline: requests, referrals, status changes, notes, rectifications</translation>
    </message>
    <message>
        <source>Togli &amp;limitazione</source>
        <translation>Lift the &amp;restriction</translation>
    </message>
    <message>
        <source>Trattamento limitato (art. 18 GDPR): la scheda non si modifica e non si esporta.</source>
        <translation>Processing restricted (GDPR art. 18): the record cannot be edited or exported.</translation>
    </message>
    <message>
        <source>{purpose}: dato il {given} ({method})</source>
        <translation>{purpose}: given on {given} ({method})</translation>
    </message>
    <message>
        <source>, revocato il {day}</source>
        <translation>, withdrawn on {day}</translation>
    </message>
    <message>
        <source>nessuno</source>
        <translation>none</translation>
    </message>
    <message>
        <source>presentata il {day}, in attesa della decisione di un coordinatore</source>
        <translation>made on {day}, awaiting a coordinator&apos;s decision</translation>
    </message>
    <message>
        <source>presentata il {day}, respinta per motivi legittimi cogenti</source>
        <translation>made on {day}, rejected on compelling legitimate grounds</translation>
    </message>
    <message>
        <source>Scegliere un invio nella cronologia per ristamparne la scheda.</source>
        <translation>Choose a referral in the timeline to reprint its slip.</translation>
    </message>
    <message>
        <source>Scegliere una richiesta nella cronologia per aggiungere un invio.</source>
        <translation>Choose a request in the timeline to add a referral.</translation>
    </message>
    <message>
        <source>Cartella per i dati della persona</source>
        <translation>Folder for the person&apos;s data</translation>
    </message>
    <message>
        <source>Dati esportati</source>
        <translation>Data exported</translation>
    </message>
    <message>
        <source>Scritti {pdf} e {json}.</source>
        <translation>Written {pdf} and {json}.</translation>
    </message>
    <message>
        <source>Cancellazione dei dati</source>
        <translation>Erasure of the data</translation>
    </message>
    <message>
        <source>Motivo della cancellazione di {name} (senza nomi né dati della persona):</source>
        <translation>Reason for erasing {name} (no names or data of the person):</translation>
    </message>
    <message>
        <source>Richiesta dell&apos;interessato (art. 17 GDPR)</source>
        <translation>Request of the data subject (GDPR art. 17)</translation>
    </message>
    <message>
        <source>Cancellare per sempre {name} con le sue richieste, gli invii e le note, su questo e su ogni sportello della rete? Resta solo la traccia della cancellazione.</source>
        <translation>Erase {name} for ever, with their requests, referrals and notes, on this and every desk of the network? Only the record of the erasure remains.</translation>
    </message>
    <message>
        <source>Base giuridica</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Dati particolari</source>
        <translation>Special-category data</translation>
    </message>
    <message>
        <source>Consensi</source>
        <translation>Consents</translation>
    </message>
    <message>
        <source>Opposizione</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>Informativa privacy consegnata il {day} (versione {version})</source>
        <translation>Privacy notice given on {day} (version {version})</translation>
    </message>
    <message>
        <source>&amp;Cancella per sempre</source>
        <translation>&amp;Erase for ever</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>16 caratteri; compila nascita, sesso e luogo</source>
        <translation>16 characters; fills in birth date, sex and place</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Consegnata &amp;oggi</source>
        <translation>Given &amp;today</translation>
    </message>
    <message>
        <source>Predefinite per lo sportello comunale: compito di interesse pubblico (art. 6.1.e GDPR) con art. 9.2.g GDPR e art. 2-sexies Codice privacy; il consenso serve solo per gli usi facoltativi qui sotto.</source>
        <translation>Defaults for a municipal desk: task in the public interest (art. 6.1.e GDPR) with art. 9.2.g GDPR and art. 2-sexies of the Italian Privacy Code; consent is needed only for the optional uses below.</translation>
    </message>
    <message>
        <source>Consenso ai promemoria via SMS</source>
        <translation>Consent to SMS reminders</translation>
    </message>
    <message>
        <source>Consenso alle notizie sui servizi via e-mail</source>
        <translation>Consent to news about services by e-mail</translation>
    </message>
    <message>
        <source>Apri la scheda &amp;esistente</source>
        <translation>Open the &amp;existing record</translation>
    </message>
    <message>
        <source>È un&apos;altra persona: crea &amp;comunque</source>
        <translation>It is another person: create &amp;anyway</translation>
    </message>
    <message>
        <source>&amp;Salva (Ctrl+S)</source>
        <translation>&amp;Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Annulla (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <source>Perché non si può salvare</source>
        <translation>Why it cannot be saved</translation>
    </message>
    <message>
        <source>Codice fiscale</source>
        <translation>Fiscal code</translation>
    </message>
    <message>
        <source>Cognome</source>
        <translation>Surname</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Data di nascita</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Sesso</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Luogo di nascita</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Comune di residenza</source>
        <translation>Municipality of residence</translation>
    </message>
    <message>
        <source>Indirizzo</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Telefono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Informativa privacy consegnata il</source>
        <translation>Privacy notice given on</translation>
    </message>
    <message>
        <source>Versione dell&apos;informativa</source>
        <translation>Privacy notice version</translation>
    </message>
    <message>
        <source>Base giuridica</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Condizione per i dati particolari (art. 9)</source>
        <translation>Condition for special-category data (art. 9)</translation>
    </message>
    <message>
        <source>Consenso dato</source>
        <translation>Consent given</translation>
    </message>
    <message>
        <source>Note (nucleo, fragilità)</source>
        <translation>Notes (household, frailties)</translation>
    </message>
    <message>
        <source>&amp;Informativa privacy consegnata il</source>
        <translation>&amp;Privacy notice given on</translation>
    </message>
    <message>
        <source>Informativa consegnata oggi</source>
        <translation>Privacy notice given today</translation>
    </message>
    <message>
        <source>Consenso SMS</source>
        <translation>SMS consent</translation>
    </message>
    <message>
        <source>Consenso e-mail</source>
        <translation>E-mail consent</translation>
    </message>
    <message>
        <source>Salva persona</source>
        <translation>Save person</translation>
    </message>
    <message>
        <source>Annulla modifiche</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>Apri la scheda esistente</source>
        <translation>Open the existing record</translation>
    </message>
    <message>
        <source>Crea comunque</source>
        <translation>Create anyway</translation>
    </message>
    <message>
        <source>Nuova persona</source>
        <translation>New person</translation>
    </message>
    <message>
        <source>Modifica: {name}</source>
        <translation>Edit: {name}</translation>
    </message>
    <message>
        <source>{version} (dal {day})</source>
        <translation>{version} (from {day})</translation>
    </message>
    <message>
        <source>Codice fiscale valido: nata il {born} a {place}.</source>
        <translation>Valid fiscal code: born on {born} in {place}.</translation>
    </message>
    <message>
        <source>Codice fiscale valido: nato il {born} a {place}.</source>
        <translation>Valid fiscal code: born on {born} in {place}.</translation>
    </message>
    <message>
        <source>Attenzione: {problem}. Controllare prima di salvare.</source>
        <translation>Careful: {problem}. Check before saving.</translation>
    </message>
    <message>
        <source>Attenzione, possibile doppione: esiste già</source>
        <translation>Careful, possible duplicate: already on file</translation>
    </message>
    <message>
        <source>Scrivere cognome e nome.</source>
        <translation>Type surname and name.</translation>
    </message>
    <message>
        <source>Non si può salvare: «{text}» non è uno dei comuni del territorio (scegliere dall&apos;elenco che si apre scrivendo).</source>
        <translation>Cannot save: «{text}» is not one of the municipalities of the territory (choose from the list that opens as you type).</translation>
    </message>
    <message>
        <source>Non si può salvare: «{text}» non è un comune conosciuto come luogo di nascita (scegliere dall&apos;elenco).</source>
        <translation>Cannot save: «{text}» is not a known municipality for the birthplace (choose from the list).</translation>
    </message>
    <message>
        <source>La data di nascita non è una data (gg/mm/aaaa).</source>
        <translation>The date of birth is not a date (dd/mm/yyyy).</translation>
    </message>
    <message>
        <source>La data dell&apos;informativa non è una data (gg/mm/aaaa).</source>
        <translation>The notice&apos;s date is not a date (dd/mm/yyyy).</translation>
    </message>
    <message>
        <source>Possibile doppione</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>Aprire la scheda esistente invece di crearne una nuova?</source>
        <translation>Open the existing record instead of creating a new one?</translation>
    </message>
    <message>
        <source>Crea &amp;comunque</source>
        <translation>&amp;Create anyway</translation>
    </message>
    <message>
        <source>A&amp;nnulla</source>
        <translation>&amp;Cancel</translation>
    </message>
    <message>
        <source>La persona non è stata salvata: {error}</source>
        <translation>The person was not saved: {error}</translation>
    </message>
</context>
<context>
    <name>PersonsModel</name>
    <message>
        <source>Cognome</source>
        <translation>Surname</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Codice fiscale</source>
        <translation>Fiscal code</translation>
    </message>
    <message>
        <source>Data di nascita</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Comune di residenza</source>
        <translation>Municipality of residence</translation>
    </message>
    <message>
        <source>Telefono</source>
        <translation>Phone</translation>
    </message>
</context>
<context>
    <name>PersonsPage</name>
    <message>
        <source>Elenco persone</source>
        <translation>Persons list</translation>
    </message>
    <message>
        <source>Filtra per comune di residenza</source>
        <translation>Filter by municipality of residence</translation>
    </message>
    <message>
        <source>Tutti i comuni</source>
        <translation>All municipalities</translation>
    </message>
    <message>
        <source>&amp;Nuova persona (Ctrl+N)</source>
        <translation>&amp;New person (Ctrl+N)</translation>
    </message>
    <message>
        <source>Nuova persona</source>
        <translation>New person</translation>
    </message>
    <message>
        <source>Scrivere nella ricerca (Ctrl+K) cognome, nome, codice fiscale o telefono; Invio apre la persona, Ctrl+R registra una richiesta per la persona scelta.</source>
        <translation>Type in the search (Ctrl+K) surname, name, fiscal code or phone; Enter opens the person, Ctrl+R records a request for the chosen person.</translation>
    </message>
    <message>
        <source>&amp;Comune:</source>
        <translation>&amp;Municipality:</translation>
    </message>
    <message>
        <source>Eliminata la persona {name}.</source>
        <translation>Deleted the person {name}.</translation>
    </message>
    <message>
        <source>la persona {name}</source>
        <translation>the person {name}</translation>
    </message>
    <message>
        <source>scheda persona</source>
        <translation>person record</translation>
    </message>
    <message>
        <source>Persona salvata.</source>
        <translation>Person saved.</translation>
    </message>
    <message>
        <source>Nessuna persona trovata per «{text}» — Ctrl+N per registrarla.</source>
        <translation>No person found for «{text}» — Ctrl+N to register them.</translation>
    </message>
    <message>
        <source>Nessuna persona registrata — Ctrl+N per registrarne una.</source>
        <translation>No person registered — Ctrl+N to register one.</translation>
    </message>
</context>
<context>
    <name>PrivacyNotice</name>
    <message>
        <source>Il testo dell&apos;informativa versione {version} non è su questo sportello: sincronizzare per riceverlo.</source>
        <translation>The text of privacy notice version {version} is not on this desk: synchronise to receive it.</translation>
    </message>
    <message>
        <source>Informativa privacy</source>
        <translation>Privacy notice</translation>
    </message>
</context>
<context>
    <name>ProviderForm</name>
    <message>
        <source>Nuovo ente</source>
        <translation>New provider</translation>
    </message>
    <message>
        <source>Modifica ente</source>
        <translation>Edit provider</translation>
    </message>
    <message>
        <source>&amp;Nome</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Tipo</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>Tele&amp;fono</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <source>&amp;Indirizzo</source>
        <translation>&amp;Address</translation>
    </message>
</context>
<context>
    <name>ProvidersDialog</name>
    <message>
        <source>Enti del catalogo</source>
        <translation>Providers of the catalog</translation>
    </message>
    <message>
        <source>Ente</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Tipo</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Servizi attivi</source>
        <translation>Live services</translation>
    </message>
    <message>
        <source>&amp;Nuovo ente…</source>
        <translation>&amp;New provider…</translation>
    </message>
    <message>
        <source>&amp;Modifica ente…</source>
        <translation>&amp;Edit provider…</translation>
    </message>
    <message>
        <source>&amp;Ritira ente</source>
        <translation>&amp;Retire provider</translation>
    </message>
    <message>
        <source>C&amp;hiudi</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>Ente salvato: arriverà agli altri sportelli con la prossima sincronizzazione.</source>
        <translation>Provider saved: it reaches the other desks with the next sync.</translation>
    </message>
    <message>
        <source>Ente ritirato dal catalogo.</source>
        <translation>Provider retired from the catalog.</translation>
    </message>
    <message>
        <source>Non ritirato.</source>
        <translation>Not retired.</translation>
    </message>
    <message>
        <source>Ritira ente</source>
        <translation>Retire provider</translation>
    </message>
    <message>
        <source>Ritirare «{name}» dal catalogo? Gli invii già fatti restano; i suoi servizi vanno ritirati prima.</source>
        <translation>Retire «{name}» from the catalog? The referrals already made remain; its services must be retired first.</translation>
    </message>
    <message>
        <source>&amp;Ritira</source>
        <translation>&amp;Retire</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Chiave di recupero</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <source>Questa è la chiave di recupero dello sportello. Stampatela o copiatela e conservatela in comune: senza di essa, se si dimenticano le password, i dati non si possono più leggere. Non verrà mostrata di nuovo.</source>
        <translation>This is the desk&apos;s recovery key. Print or copy it and keep it at the municipality: without it, if the passwords are forgotten, the data can no longer be read. It will not be shown again.</translation>
    </message>
    <message>
        <source>&amp;Copia</source>
        <translation>&amp;Copy</translation>
    </message>
    <message>
        <source>Ho &amp;conservato la chiave</source>
        <translation>I have &amp;kept the key</translation>
    </message>
</context>
<context>
    <name>ReferralSlip</name>
    <message>
        <source>Scheda di invio al servizio</source>
        <translation>Referral slip to the service</translation>
    </message>
    <message>
        <source>Welfare Point Territoriale</source>
        <translation>Welfare Point Territoriale</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Cognome e nome</source>
        <translation>Surname and name</translation>
    </message>
    <message>
        <source>Codice fiscale</source>
        <translation>Fiscal code</translation>
    </message>
    <message>
        <source>Data di nascita</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Servizio</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Ente</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Indirizzo</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Orari</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>Come accedere</source>
        <translation>How to access</translation>
    </message>
    <message>
        <source>Costo</source>
        <translation>Cost</translation>
    </message>
    <message>
        <source>Contatti</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Sportello che invia</source>
        <translation>Referring desk</translation>
    </message>
    <message>
        <source>Sportello</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Operatore</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Portare con sé questa scheda e un documento d&apos;identità.</source>
        <translation>Bring this slip and an identity document along.</translation>
    </message>
    <message>
        <source>Codice dell&apos;invio</source>
        <translation>Referral code</translation>
    </message>
    <message>
        <source>Il servizio conferma di aver ricevuto l&apos;invio con questo codice e la data di nascita della persona, sulla pagina degli enti del server della rete (/enti/ricevuto).</source>
        <translation>The service confirms it received the referral with this code and the person&apos;s birth date, on the providers&apos; page of the network&apos;s server (/enti/ricevuto).</translation>
    </message>
    <message>
        <source>Scheda di invio</source>
        <translation>Referral slip</translation>
    </message>
</context>
<context>
    <name>ReferralsModel</name>
    <message>
        <source>Ente: {provider}</source>
        <translation>Provider: {provider}</translation>
    </message>
    <message>
        <source>Inviato il</source>
        <translation>Referred on</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Servizio</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Ente</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Stato</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Stato dato da</source>
        <translation>Status set by</translation>
    </message>
    <message>
        <source>Verifica il</source>
        <translation>Follow up on</translation>
    </message>
    <message>
        <source>Nota dell&apos;ente</source>
        <translation>Provider&apos;s note</translation>
    </message>
    <message>
        <source>Sportello</source>
        <translation>Desk</translation>
    </message>
</context>
<context>
    <name>ReferralsPage</name>
    <message>
        <source>Elenco invii</source>
        <translation>Referrals list</translation>
    </message>
    <message>
        <source>Filtra per stato</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Tutti gli stati</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Solo aperti</source>
        <translation>Open only</translation>
    </message>
    <message>
        <source>Filtra per persona, servizio o ente</source>
        <translation>Filter by person, service or provider</translation>
    </message>
    <message>
        <source>S&amp;tato:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>Stato e &amp;verifica… (F2)</source>
        <translation>Status and &amp;follow-up… (F2)</translation>
    </message>
    <message>
        <source>Cambia stato dell&apos;invio</source>
        <translation>Change the referral&apos;s status</translation>
    </message>
    <message>
        <source>Apri &amp;persona (Invio)</source>
        <translation>Open &amp;person (Enter)</translation>
    </message>
    <message>
        <source>Apri la persona dell&apos;invio</source>
        <translation>Open the referral&apos;s person</translation>
    </message>
    <message>
        <source>Ri&amp;stampa scheda (Ctrl+P)</source>
        <translation>Re&amp;print slip (Ctrl+P)</translation>
    </message>
    <message>
        <source>Salva di nuovo la scheda dell&apos;invio scelto</source>
        <translation>Save the slip of the chosen referral again</translation>
    </message>
    <message>
        <source>A&amp;ggiungi invio (Ctrl+I)</source>
        <translation>Add referra&amp;l (Ctrl+I)</translation>
    </message>
    <message>
        <source>Aggiungi un invio alla stessa richiesta</source>
        <translation>Add a referral to the same request</translation>
    </message>
    <message>
        <source>Invii</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Scegliere un invio nell&apos;elenco per ristamparne la scheda.</source>
        <translation>Choose a referral in the list to reprint its slip.</translation>
    </message>
    <message>
        <source>Scegliere un invio nell&apos;elenco per aggiungerne un altro alla stessa richiesta.</source>
        <translation>Choose a referral in the list to add another one to the same request.</translation>
    </message>
    <message numerus="yes">
        <source>Aggiunti %n invii.</source>
        <translation>
            <numerusform>%n referral added.</numerusform>
            <numerusform>%n referrals added.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nessun invio con questi filtri — un invio nasce da Nuova richiesta (Ctrl+R) o da «Aggiungi invio».</source>
        <translation>No referral with these filters — a referral comes from New request (Ctrl+R) or «Add referral».</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Nessun dato nel periodo</source>
        <translation>No data in the period</translation>
    </message>
    <message>
        <source>{title}: nessun dato nel periodo.</source>
        <translation>{title}: no data in the period.</translation>
    </message>
    <message>
        <source>Non indicato</source>
        <translation>Not given</translation>
    </message>
    <message>
        <source>gen</source>
        <translation>Jan</translation>
    </message>
    <message>
        <source>feb</source>
        <translation>Feb</translation>
    </message>
    <message>
        <source>mar</source>
        <translation>Mar</translation>
    </message>
    <message>
        <source>apr</source>
        <translation>Apr</translation>
    </message>
    <message>
        <source>mag</source>
        <translation>May</translation>
    </message>
    <message>
        <source>giu</source>
        <translation>Jun</translation>
    </message>
    <message>
        <source>lug</source>
        <translation>Jul</translation>
    </message>
    <message>
        <source>ago</source>
        <translation>Aug</translation>
    </message>
    <message>
        <source>set</source>
        <translation>Sep</translation>
    </message>
    <message>
        <source>ott</source>
        <translation>Oct</translation>
    </message>
    <message>
        <source>nov</source>
        <translation>Nov</translation>
    </message>
    <message>
        <source>dic</source>
        <translation>Dec</translation>
    </message>
    <message>
        <source>Positivo</source>
        <translation>Positive</translation>
    </message>
    <message>
        <source>In corso</source>
        <translation>Ongoing</translation>
    </message>
    <message>
        <source>Non accolto</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>Rinuncia</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <source>Senza risposta</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>Richieste per categoria di bisogno</source>
        <translation>Requests by category of need</translation>
    </message>
    <message>
        <source>Richieste per mese</source>
        <translation>Requests by month</translation>
    </message>
    <message>
        <source>Richieste per comune di residenza</source>
        <translation>Requests by municipality of residence</translation>
    </message>
    <message>
        <source>Richieste per area di utenza</source>
        <translation>Requests by user area</translation>
    </message>
    <message>
        <source>Richieste per canale</source>
        <translation>Requests by channel</translation>
    </message>
    <message>
        <source>Richieste per urgenza</source>
        <translation>Requests by urgency</translation>
    </message>
    <message>
        <source>Richieste per stato</source>
        <translation>Requests by status</translation>
    </message>
    <message>
        <source>Persone per fascia d&apos;età (anni)</source>
        <translation>Persons by age band (years)</translation>
    </message>
    <message>
        <source>Persone per sesso</source>
        <translation>Persons by sex</translation>
    </message>
    <message>
        <source>Percorso degli invii</source>
        <translation>Referral funnel</translation>
    </message>
    <message>
        <source>Invii per stato attuale</source>
        <translation>Referrals by current status</translation>
    </message>
    <message>
        <source>Invii per esito</source>
        <translation>Referrals by outcome</translation>
    </message>
    <message>
        <source>Invii interrotti, per motivo</source>
        <translation>Referrals stopped, by reason</translation>
    </message>
    <message>
        <source>Invii per tipo di ente</source>
        <translation>Referrals by kind of provider</translation>
    </message>
    <message>
        <source>Invii per servizio</source>
        <translation>Referrals by service</translation>
    </message>
    <message>
        <source>Richieste per sportello</source>
        <translation>Requests by desk</translation>
    </message>
    <message>
        <source>Persone servite per sportello</source>
        <translation>Persons served by desk</translation>
    </message>
    <message>
        <source>Invii per sportello</source>
        <translation>Referrals by desk</translation>
    </message>
    <message>
        <source>Verifiche scadute a fine periodo, per sportello</source>
        <translation>Follow-ups overdue at the end of the period, by desk</translation>
    </message>
    <message>
        <source>Persone servite</source>
        <translation>Persons served</translation>
    </message>
    <message>
        <source>di cui nuove</source>
        <translation>of whom new</translation>
    </message>
    <message>
        <source>Richieste</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Invii ai servizi</source>
        <translation>Referrals to services</translation>
    </message>
    <message>
        <source>Giorni da «inviato» a «preso in carico», mediana</source>
        <translation>Days from “sent” to “taken in charge”, median</translation>
    </message>
    <message>
        <source>Giorni da «inviato» a «preso in carico», 90° percentile</source>
        <translation>Days from “sent” to “taken in charge”, 90th percentile</translation>
    </message>
    <message>
        <source>Verifiche scadute a fine periodo</source>
        <translation>Follow-ups overdue at the end of the period</translation>
    </message>
    <message>
        <source>{units},{tenths}</source>
        <translation>{units}.{tenths}</translation>
    </message>
    <message>
        <source>dal {start} al {end}</source>
        <translation>from {start} to {end}</translation>
    </message>
    <message>
        <source>Conteggi non protetti: questo report contiene valori piccoli e non deve uscire dallo sportello.</source>
        <translation>Unprotected counts: this report holds small values and must not leave the desk.</translation>
    </message>
    <message>
        <source>Tutela della riservatezza: «{small}» indica da 1 a {below} casi; «{hidden}» un valore non diffuso perché permetterebbe di ricavare un valore minore di {min_count} dai totali.</source>
        <translation>Confidentiality: “{small}” means 1 to {below} cases; “{hidden}” a value not disclosed because it would let a value below {min_count} be worked out from the totals.</translation>
    </message>
    <message>
        <source>sezione</source>
        <translation>section</translation>
    </message>
    <message>
        <source>voce</source>
        <translation>item</translation>
    </message>
    <message>
        <source>valore</source>
        <translation>value</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Rete</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Sportello</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Filtri</source>
        <translation>Filters</translation>
    </message>
    <message>
        <source>Indicatori principali</source>
        <translation>Key figures</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Riservatezza</source>
        <translation>Confidentiality</translation>
    </message>
    <message>
        <source>it-IT</source>
        <translation>en-GB</translation>
    </message>
    <message>
        <source>pagina {number}</source>
        <translation>page {number}</translation>
    </message>
    <message>
        <source>Report degli sportelli WPT</source>
        <translation>Report of the WPT desks</translation>
    </message>
    <message>
        <source>Welfare Point Territoriale — Città metropolitana di Torino</source>
        <translation>Welfare Point Territoriale — Metropolitan City of Turin</translation>
    </message>
    <message>
        <source>Rete: {value}</source>
        <translation>Network: {value}</translation>
    </message>
    <message>
        <source>Sportello: {value}</source>
        <translation>Desk: {value}</translation>
    </message>
    <message>
        <source>Filtri: {value}</source>
        <translation>Filters: {value}</translation>
    </message>
    <message>
        <source>Periodo: {period}</source>
        <translation>Period: {period}</translation>
    </message>
    <message>
        <source>Prodotto il {day} con WPT Desk</source>
        <translation>Produced on {day} with WPT Desk</translation>
    </message>
    <message>
        <source> (i primi {shown} su {total})</source>
        <translation> (the first {shown} of {total})</translation>
    </message>
    <message>
        <source>Elenco completo: {title}</source>
        <translation>Full list: {title}</translation>
    </message>
    <message>
        <source>numero</source>
        <translation>number</translation>
    </message>
    <message>
        <source>Report dello sportello WPT</source>
        <translation>WPT desk report</translation>
    </message>
</context>
<context>
    <name>ReportPage</name>
    <message>
        <source>Tabella: {title}</source>
        <translation>Table: {title}</translation>
    </message>
    <message>
        <source>Voce</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Numero</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>Periodo</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Questo mese</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>Mese scorso</source>
        <translation>Last month</translation>
    </message>
    <message>
        <source>Quest&apos;anno</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>Date a scelta</source>
        <translation>Custom dates</translation>
    </message>
    <message>
        <source>Dal giorno</source>
        <translation>From day</translation>
    </message>
    <message>
        <source>Al giorno</source>
        <translation>To day</translation>
    </message>
    <message>
        <source>Comune di residenza</source>
        <translation>Municipality of residence</translation>
    </message>
    <message>
        <source>Tutti i comuni</source>
        <translation>All municipalities</translation>
    </message>
    <message>
        <source>Categoria di bisogno</source>
        <translation>Need category</translation>
    </message>
    <message>
        <source>Tutte le categorie</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Sportello</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>Questo sportello</source>
        <translation>This desk</translation>
    </message>
    <message>
        <source>Tutti gli sportelli</source>
        <translation>All desks</translation>
    </message>
    <message>
        <source>&amp;Nascondi i conteggi minori di 3 (come nel PDF)</source>
        <translation>&amp;Hide counts below 3 (as in the PDF)</translation>
    </message>
    <message>
        <source>Salva &amp;PDF…</source>
        <translation>Save &amp;PDF…</translation>
    </message>
    <message>
        <source>Salva &amp;CSV…</source>
        <translation>Save &amp;CSV…</translation>
    </message>
    <message>
        <source>Stato del calcolo</source>
        <translation>Computation status</translation>
    </message>
    <message>
        <source>P&amp;eriodo:</source>
        <translation>P&amp;eriod:</translation>
    </message>
    <message>
        <source>&amp;Dal:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;Al:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Co&amp;mune:</source>
        <translation>&amp;Municipality:</translation>
    </message>
    <message>
        <source>Ca&amp;tegoria:</source>
        <translation>Ca&amp;tegory:</translation>
    </message>
    <message>
        <source>Sportell&amp;o:</source>
        <translation>Des&amp;k:</translation>
    </message>
    <message>
        <source>Report e indicatori</source>
        <translation>Reports and indicators</translation>
    </message>
    <message>
        <source>Calcolo in corso…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <source>Periodo: {period} — {scope}</source>
        <translation>Period: {period} — {scope}</translation>
    </message>
    <message>
        <source>Conteggi esatti: solo per lo sportello. Il PDF e il CSV li proteggono sempre.</source>
        <translation>Exact counts: for the desk only. The PDF and the CSV always protect them.</translation>
    </message>
    <message>
        <source>Calcolato in {seconds} s</source>
        <translation>Computed in {seconds} s</translation>
    </message>
    <message>
        <source>Report salvato in {path}</source>
        <translation>Report saved to {path}</translation>
    </message>
    <message>
        <source>Salva il report in PDF</source>
        <translation>Save the report as PDF</translation>
    </message>
    <message>
        <source>Salva il report in CSV</source>
        <translation>Save the report as CSV</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <source>Aperta il</source>
        <translation>Opened on</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Categoria</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Descrizione</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Urgenza</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>Stato</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>RequestsPage</name>
    <message>
        <source>Elenco richieste</source>
        <translation>Requests list</translation>
    </message>
    <message>
        <source>Filtra per stato</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>Tutti gli stati</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Solo aperte</source>
        <translation>Open only</translation>
    </message>
    <message>
        <source>Filtra per categoria</source>
        <translation>Filter by category</translation>
    </message>
    <message>
        <source>Tutte le categorie</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>Filtra per persona o descrizione</source>
        <translation>Filter by person or description</translation>
    </message>
    <message>
        <source>S&amp;tato:</source>
        <translation>S&amp;tatus:</translation>
    </message>
    <message>
        <source>Cambia &amp;stato… (F2)</source>
        <translation>Change &amp;status… (F2)</translation>
    </message>
    <message>
        <source>Cambia stato della richiesta</source>
        <translation>Change the request&apos;s status</translation>
    </message>
    <message>
        <source>Apri &amp;persona (Invio)</source>
        <translation>Open &amp;person (Enter)</translation>
    </message>
    <message>
        <source>Apri la persona</source>
        <translation>Open the person</translation>
    </message>
    <message>
        <source>&amp;Elimina (Canc)</source>
        <translation>&amp;Delete (Del)</translation>
    </message>
    <message>
        <source>Elimina la richiesta</source>
        <translation>Delete the request</translation>
    </message>
    <message>
        <source>Richieste</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>Nessuna richiesta con questi filtri — Ctrl+K per cercare la persona, poi Ctrl+R per registrarne una.</source>
        <translation>No request with these filters — Ctrl+K to find the person, then Ctrl+R to record one.</translation>
    </message>
    <message>
        <source>Eliminata una richiesta di {name}.</source>
        <translation>Deleted a request of {name}.</translation>
    </message>
    <message>
        <source>la richiesta di {name}</source>
        <translation>the request of {name}</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>Ripristina una copia di sicurezza</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Copie in {folder}. Il database in uso non viene cancellato: resta da parte nella cartella dei dati.</source>
        <translation>Backups in {folder}. The database in use is not deleted: it is kept aside in the data folder.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Dimensione</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Stato</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Copie di sicurezza</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Controllo delle copie in corso…</source>
        <translation>Checking the backups…</translation>
    </message>
    <message>
        <source>&amp;Ripristina questa copia…</source>
        <translation>&amp;Restore this backup…</translation>
    </message>
    <message>
        <source>C&amp;hiudi</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>Questo database non ha una chiave: ripristinare da terminale.</source>
        <translation>This database has no key: restore from the terminal.</translation>
    </message>
    <message>
        <source>La cartella delle copie non si legge: {folder}.</source>
        <translation>The backup folder cannot be read: {folder}.</translation>
    </message>
    <message>
        <source>integra</source>
        <translation>sound</translation>
    </message>
    <message>
        <source>di un altro sportello</source>
        <translation>of another desk</translation>
    </message>
    <message>
        <source>danneggiata o di un altro sportello</source>
        <translation>damaged or of another desk</translation>
    </message>
    <message>
        <source>{day} alle {time}</source>
        <translation>{day} at {time}</translation>
    </message>
    <message numerus="yes">
        <source>Copie integre di questo sportello: %n.</source>
        <translation>
            <numerusform>Sound backups of this desk: %n.</numerusform>
            <numerusform>Sound backups of this desk: %n.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nessuna copia di sicurezza in questa cartella.</source>
        <translation>No backup in this folder.</translation>
    </message>
    <message>
        <source>Si ripristina solo una copia integra di questo sportello.</source>
        <translation>Only a sound backup of this desk can be restored.</translation>
    </message>
    <message>
        <source>Ripristinare la copia del {day} alle {time}? Si perdono su questo sportello le modifiche fatte dopo: la sincronizzazione riporta quelle già arrivate al server, le altre restano nel database conservato. WPT Desk si chiude e chiede di nuovo l&apos;accesso.</source>
        <translation>Restore the backup of {day} at {time}? The changes made on this desk after it are lost: the sync brings back those that reached the server, the others remain in the kept database. WPT Desk closes and asks for the login again.</translation>
    </message>
    <message>
        <source>&amp;Ripristina</source>
        <translation>&amp;Restore</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Conservazione dei dati</source>
        <translation>Data retention</translation>
    </message>
    <message>
        <source> anni dall&apos;ultima attività</source>
        <translation> years from the last activity</translation>
    </message>
    <message>
        <source>Periodo di conservazione per tutta la rete</source>
        <translation>Retention period for the whole network</translation>
    </message>
    <message>
        <source>&amp;Applica a tutta la rete</source>
        <translation>&amp;Apply to the whole network</translation>
    </message>
    <message>
        <source>Situazione alla data</source>
        <translation>Situation on the date</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Nascita</source>
        <translation>Birth</translation>
    </message>
    <message>
        <source>Ultima attività</source>
        <translation>Last activity</translation>
    </message>
    <message>
        <source>Persone oltre il periodo di conservazione</source>
        <translation>Persons past the retention period</translation>
    </message>
    <message>
        <source>&amp;Cancella le persone elencate…</source>
        <translation>&amp;Erase the persons listed…</translation>
    </message>
    <message>
        <source>C&amp;hiudi</source>
        <translation>C&amp;lose</translation>
    </message>
    <message>
        <source>Conservare i dati per</source>
        <translation>Keep the data for</translation>
    </message>
    <message>
        <source>Situazione al</source>
        <translation>Situation on</translation>
    </message>
    <message numerus="yes">
        <source>Persone la cui ultima attività è più vecchia del periodo: %n. Nulla è cancellato senza la conferma di un coordinatore.</source>
        <translation>
            <numerusform>Persons whose last activity is older than the period: %n. Nothing is erased without a coordinator&apos;s confirmation.</numerusform>
            <numerusform>Persons whose last activity is older than the period: %n. Nothing is erased without a coordinator&apos;s confirmation.</numerusform>
        </translation>
    </message>
    <message>
        <source>Si cancella solo chi ha superato il periodo oggi: riporta la data a oggi.</source>
        <translation>Only persons past the period today can be erased: set the date back to today.</translation>
    </message>
    <message numerus="yes">
        <source>Periodo di conservazione: %n anni, per tutta la rete.</source>
        <translation>
            <numerusform>Retention period: %n year, for the whole network.</numerusform>
            <numerusform>Retention period: %n years, for the whole network.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Persone cancellate su questo sportello: %n; la cancellazione raggiunge gli altri alla prossima sincronizzazione.</source>
        <translation>
            <numerusform>%n person erased on this desk; the erasure reaches the others at the next sync.</numerusform>
            <numerusform>%n persons erased on this desk; the erasure reaches the others at the next sync.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancellare per sempre le %n persone elencate, con le loro richieste, gli invii e le note, su ogni sportello della rete?</source>
        <translation>
            <numerusform>Erase forever the person listed, with their requests, referrals and notes, on every desk of the network?</numerusform>
            <numerusform>Erase forever the %n persons listed, with their requests, referrals and notes, on every desk of the network?</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Cancella per sempre</source>
        <translation>&amp;Erase for good</translation>
    </message>
    <message>
        <source>Motivo della cancellazione (per es. l&apos;autorizzazione allo scarto):</source>
        <translation>Reason for the erasure (for example the authorisation to discard the records):</translation>
    </message>
    <message>
        <source>Periodo di conservazione scaduto</source>
        <translation>Retention period expired</translation>
    </message>
</context>
<context>
    <name>ServiceChoice</name>
    <message>
        <source>Orari: {hours}</source>
        <translation>Hours: {hours}</translation>
    </message>
    <message>
        <source>Accesso: {access}</source>
        <translation>Access: {access}</translation>
    </message>
    <message>
        <source>Orari e accesso non indicati nel catalogo</source>
        <translation>Hours and access not given in the catalogue</translation>
    </message>
</context>
<context>
    <name>ServiceForm</name>
    <message>
        <source>Modifica servizio</source>
        <translation>Edit service</translation>
    </message>
    <message>
        <source>Nuovo servizio</source>
        <translation>New service</translation>
    </message>
    <message>
        <source>nomi separati da virgole, es. Ceres, Lanzo Torinese</source>
        <translation>names separated by commas, e.g. Ceres, Lanzo Torinese</translation>
    </message>
    <message>
        <source>&amp;Nome</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Ente</source>
        <translation>&amp;Provider</translation>
    </message>
    <message>
        <source>&amp;Categoria</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <source>&amp;Orari</source>
        <translation>&amp;Hours</translation>
    </message>
    <message>
        <source>&amp;Come accedere</source>
        <translation>How to &amp;access</translation>
    </message>
    <message>
        <source>Cos&amp;to</source>
        <translation>Cos&amp;t</translation>
    </message>
    <message>
        <source>Con&amp;tatti</source>
        <translation>Con&amp;tacts</translation>
    </message>
    <message>
        <source>Comuni &amp;coperti</source>
        <translation>Municipalities &amp;covered</translation>
    </message>
    <message>
        <source>Comune non riconosciuto: {names}.</source>
        <translation>Municipality not recognised: {names}.</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <source>I servizi</source>
        <translation>The services</translation>
    </message>
    <message>
        <source>&amp;Crea richiesta e invii</source>
        <translation>&amp;Create request and referrals</translation>
    </message>
    <message>
        <source>Servizi che coprono il comune: spazio per scegliere</source>
        <translation>Services covering the municipality: space to choose</translation>
    </message>
    <message>
        <source>Mostra anche i servizi che non coprono il &amp;comune</source>
        <translation>Also show services that do not cover the &amp;municipality</translation>
    </message>
    <message>
        <source>Mostra anche i servizi che non coprono il comune</source>
        <translation>Also show services that do not cover the municipality</translation>
    </message>
    <message>
        <source>Data di verifica</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>&amp;Verifica dell&apos;invio il</source>
        <translation>&amp;Follow up the referral on</translation>
    </message>
    <message>
        <source>Non si può creare la richiesta: la data di verifica non è una data (gg/mm/aaaa).</source>
        <translation>Cannot create the request: the follow-up date is not a date (dd/mm/yyyy).</translation>
    </message>
    <message>
        <source>comune di residenza non indicato</source>
        <translation>municipality of residence not given</translation>
    </message>
    <message>
        <source>Servizi per «{need}» a {place}: spazio per scegliere, uno o più.</source>
        <translation>Services for “{need}” in {place}: space to choose, one or more.</translation>
    </message>
    <message>
        <source>Nessun servizio per «{need}» copre {place}: provare «Mostra anche…» o andare avanti senza invio.</source>
        <translation>No service for “{need}” covers {place}: try “Also show…” or go on without a referral.</translation>
    </message>
    <message>
        <source>Nessun servizio scelto</source>
        <translation>No service chosen</translation>
    </message>
    <message>
        <source>Nessun servizio è spuntato (la barra spaziatrice spunta quello evidenziato). Registrare la richiesta senza invii?</source>
        <translation>No service is ticked (the space bar ticks the highlighted one). Record the request without referrals?</translation>
    </message>
    <message>
        <source>Registra &amp;senza invii</source>
        <translation>Record &amp;without referrals</translation>
    </message>
    <message>
        <source>&amp;Scegli un servizio</source>
        <translation>&amp;Choose a service</translation>
    </message>
</context>
<context>
    <name>SetUpDialog</name>
    <message>
        <source>WPT Desk — configurazione dello sportello</source>
        <translation>WPT Desk — desk set-up</translation>
    </message>
    <message>
        <source>Primo avvio: create l&apos;amministratore dello sportello. I dati saranno cifrati su questo computer.</source>
        <translation>First start: create the desk&apos;s administrator. The data will be encrypted on this computer.</translation>
    </message>
    <message>
        <source>Questo sportello ha dati di una versione precedente, non cifrati: create l&apos;amministratore e i dati saranno cifrati, senza perderne nessuno.</source>
        <translation>This desk has unencrypted data from an earlier version: create the administrator and the data will be encrypted, without losing any.</translation>
    </message>
    <message>
        <source>Nome dell&apos;amministratore</source>
        <translation>Administrator&apos;s name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Ripeti la password</source>
        <translation>Repeat the password</translation>
    </message>
    <message>
        <source>&amp;Amministratore</source>
        <translation>&amp;Administrator</translation>
    </message>
    <message>
        <source>&amp;Password (almeno 8 caratteri)</source>
        <translation>&amp;Password (at least 8 characters)</translation>
    </message>
    <message>
        <source>&amp;Ripeti la password</source>
        <translation>&amp;Repeat the password</translation>
    </message>
    <message>
        <source>Le due password non coincidono.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>La lingua cambia appena salvate le impostazioni.</source>
        <translation>The language changes as soon as the settings are saved.</translation>
    </message>
    <message>
        <source> minuti</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>Apri &amp;cartella</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <source>Cartella delle copie di sicurezza</source>
        <translation>Backup folder</translation>
    </message>
    <message>
        <source>Percorso completo di una cartella esistente (chiavetta USB, cartella di rete); vuoto: la cartella «backups» dei dati.</source>
        <translation>Full path of an existing folder (USB key, network share); empty: the «backups» folder of the data folder.</translation>
    </message>
    <message>
        <source>La cartella delle copie di sicurezza la sceglie l&apos;amministratore.</source>
        <translation>The backup folder is chosen by the administrator.</translation>
    </message>
    <message>
        <source>&amp;Conservazione dei dati…</source>
        <translation>&amp;Data retention…</translation>
    </message>
    <message>
        <source>Periodo di conservazione e persone oltre il periodo</source>
        <translation>Retention period and persons past it</translation>
    </message>
    <message>
        <source>&amp;Salva (Ctrl+S)</source>
        <translation>&amp;Save (Ctrl+S)</translation>
    </message>
    <message>
        <source>Salva impostazioni</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <source>Apri la cartella dei dati</source>
        <translation>Open the data folder</translation>
    </message>
    <message>
        <source>&amp;Nome dello sportello</source>
        <translation>Desk &amp;name</translation>
    </message>
    <message>
        <source>Nome dello sportello</source>
        <translation>Desk&apos;s name</translation>
    </message>
    <message>
        <source>Co&amp;mune dello sportello</source>
        <translation>Desk&apos;s &amp;municipality</translation>
    </message>
    <message>
        <source>Comune dello sportello</source>
        <translation>Desk&apos;s municipality</translation>
    </message>
    <message>
        <source>&amp;Indirizzo</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <source>Indirizzo dello sportello</source>
        <translation>Desk&apos;s address</translation>
    </message>
    <message>
        <source>&amp;Telefono</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>Telefono dello sportello</source>
        <translation>Desk&apos;s phone</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>E-mail dello sportello</source>
        <translation>Desk&apos;s e-mail</translation>
    </message>
    <message>
        <source>O&amp;rari di apertura</source>
        <translation>Opening &amp;hours</translation>
    </message>
    <message>
        <source>Orari dello sportello</source>
        <translation>Desk&apos;s opening hours</translation>
    </message>
    <message>
        <source>&amp;Operatore</source>
        <translation>&amp;Operator</translation>
    </message>
    <message>
        <source>Nome dell&apos;operatore</source>
        <translation>Operator&apos;s name</translation>
    </message>
    <message>
        <source>&amp;Lingua</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Lingua dell&apos;interfaccia</source>
        <translation>Interface language</translation>
    </message>
    <message>
        <source>&amp;Blocco automatico dopo</source>
        <translation>&amp;Lock automatically after</translation>
    </message>
    <message>
        <source>Minuti di inattività prima del blocco della finestra</source>
        <translation>Minutes of inactivity before the window locks</translation>
    </message>
    <message>
        <source>Cartella dei dati</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>Cartella &amp;dei dati</source>
        <translation>&amp;Data folder</translation>
    </message>
    <message>
        <source>Cartella delle co&amp;pie di sicurezza</source>
        <translation>&amp;Backup folder</translation>
    </message>
    <message>
        <source>I contatti e gli orari dello sportello compaiono sulle schede di invio. La cartella dei dati contiene il database: includila nei backup.</source>
        <translation>The desk&apos;s contacts and opening hours appear on the referral slips. The data folder holds the database: include it in the backups.</translation>
    </message>
    <message>
        <source>Impostazioni</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Gli operatori sono gestiti dall&apos;amministratore dello sportello.</source>
        <translation>Operators are managed by the desk&apos;s administrator.</translation>
    </message>
    <message>
        <source>Lo imposta l&apos;amministratore dello sportello.</source>
        <translation>Set by the desk&apos;s administrator.</translation>
    </message>
    <message>
        <source>Il comune dello sportello non è uno dei comuni del territorio.</source>
        <translation>The desk&apos;s municipality is not one of the territory&apos;s municipalities.</translation>
    </message>
    <message>
        <source>Scrivere il nome dello sportello.</source>
        <translation>Type the desk&apos;s name.</translation>
    </message>
    <message>
        <source>Impostazioni salvate.</source>
        <translation>Settings saved.</translation>
    </message>
    <message>
        <source>impostazioni</source>
        <translation>settings</translation>
    </message>
</context>
<context>
    <name>SlipPage</name>
    <message>
        <source>La scheda di invio</source>
        <translation>The referral slip</translation>
    </message>
    <message>
        <source>&amp;Salva PDF… (Ctrl+S)</source>
        <translation>&amp;Save PDF… (Ctrl+S)</translation>
    </message>
    <message>
        <source>S&amp;tampa… (Ctrl+P)</source>
        <translation>&amp;Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>Salva la scheda di invio in PDF</source>
        <translation>Save the referral slip as PDF</translation>
    </message>
    <message>
        <source>Stampa la scheda di invio</source>
        <translation>Print the referral slip</translation>
    </message>
    <message numerus="yes">
        <source>Richiesta registrata con %n invii.</source>
        <translation>
            <numerusform>Request recorded with one referral.</numerusform>
            <numerusform>Request recorded with %n referrals.</numerusform>
        </translation>
    </message>
    <message>
        <source>Salvare o stampare la scheda da dare alla persona; poi Invio per chiudere.</source>
        <translation>Save or print the slip to give to the person; then Enter to close.</translation>
    </message>
    <message>
        <source>Richiesta registrata senza invii: resta aperta.</source>
        <translation>Request recorded without referrals: it stays open.</translation>
    </message>
    <message>
        <source>Nessun invio registrato: non c&apos;è una scheda da dare.</source>
        <translation>No referral recorded: there is no slip to hand over.</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <source>Stato dell&apos;invio</source>
        <translation>Referral&apos;s status</translation>
    </message>
    <message>
        <source>Stato della richiesta</source>
        <translation>Request&apos;s status</translation>
    </message>
    <message>
        <source>Persona e servizio</source>
        <translation>Person and service</translation>
    </message>
    <message>
        <source>Nuovo stato</source>
        <translation>New status</translation>
    </message>
    <message>
        <source>{label} (attuale)</source>
        <translation>{label} (current)</translation>
    </message>
    <message>
        <source>Motivo del cambio di stato</source>
        <translation>Reason for the status change</translation>
    </message>
    <message>
        <source>&amp;Motivo</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>Data di verifica</source>
        <translation>Follow-up date</translation>
    </message>
    <message>
        <source>Esito</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>&amp;Salva</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annulla</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>S&amp;tato</source>
        <translation>S&amp;tatus</translation>
    </message>
    <message>
        <source>&amp;Verifica il</source>
        <translation>&amp;Follow up on</translation>
    </message>
    <message>
        <source>&amp;Esito</source>
        <translation>&amp;Outcome</translation>
    </message>
    <message>
        <source>Il cambio di stato non è salvato: scartarlo?</source>
        <translation>The status change is not saved: discard it?</translation>
    </message>
    <message>
        <source>Sc&amp;arta</source>
        <translation>&amp;Discard</translation>
    </message>
    <message>
        <source>&amp;Motivo (obbligatorio)</source>
        <translation>&amp;Reason (required)</translation>
    </message>
    <message>
        <source>Il cambio di stato non è stato salvato: {error}</source>
        <translation>The status change was not saved: {error}</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Sportello non registrato: inserire l&apos;indirizzo del server e il codice.</source>
        <translation>Desk not enrolled: enter the server address and the code.</translation>
    </message>
    <message>
        <source>Sincronizzazione non riuscita: {error}</source>
        <translation>Sync failed: {error}</translation>
    </message>
    <message>
        <source>Sportello registrato nella rete «{network}».</source>
        <translation>Desk enrolled in the network “{network}”.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sincronizzazione</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Stato della sincronizzazione</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>Aggiornamento disponibile</source>
        <translation>Update available</translation>
    </message>
    <message>
        <source>&amp;Sincronizza ora (F5)</source>
        <translation>&amp;Sync now (F5)</translation>
    </message>
    <message>
        <source>Sincronizza ora</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Registra lo sportello sul server della rete</source>
        <translation>Enroll the desk on the network&apos;s server</translation>
    </message>
    <message>
        <source>Indirizzo del server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Codice di registrazione</source>
        <translation>Enrollment code</translation>
    </message>
    <message>
        <source>facoltativo: file del certificato (CA) della rete</source>
        <translation>optional: the network&apos;s certificate (CA) file</translation>
    </message>
    <message>
        <source>Certificato della rete</source>
        <translation>Network&apos;s certificate</translation>
    </message>
    <message>
        <source>&amp;Registra</source>
        <translation>&amp;Enroll</translation>
    </message>
    <message>
        <source>&amp;Server</source>
        <translation>&amp;Server</translation>
    </message>
    <message>
        <source>&amp;Codice</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <source>Certificato</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>Conflitti da rivedere</source>
        <translation>Conflicts to review</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Campo</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Valore mantenuto</source>
        <translation>Kept value</translation>
    </message>
    <message>
        <source>Valore perso</source>
        <translation>Lost value</translation>
    </message>
    <message>
        <source>Conferma valore mantenuto</source>
        <translation>Confirm the kept value</translation>
    </message>
    <message>
        <source>Ripristina valore perso</source>
        <translation>Restore the lost value</translation>
    </message>
    <message>
        <source>Conflitti</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>Possibili doppioni</source>
        <translation>Possible duplicates</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Data di nascita</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Schede</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Unisci in un&apos;unica persona</source>
        <translation>Merge into one person</translation>
    </message>
    <message>
        <source>Modifiche scartate dal server</source>
        <translation>Changes refused by the server</translation>
    </message>
    <message>
        <source>Motivo</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Modifiche ricevute non applicate</source>
        <translation>Received changes not applied</translation>
    </message>
    <message>
        <source>Da rivedere</source>
        <translation>To review</translation>
    </message>
    <message>
        <source>Aggiornamento disponibile: WPT Desk {version} (questa è la {current}). Chiedi al referente informatico di installarlo.</source>
        <translation>Update available: WPT Desk {version} (this is {current}). Ask your IT contact to install it.</translation>
    </message>
    <message>
        <source>Sincronizzazione in corso: attendere che finisca.</source>
        <translation>Sync in progress: wait until it finishes.</translation>
    </message>
    <message>
        <source>Lo sportello non è ancora registrato sul server: inserire qui sotto il codice di registrazione.</source>
        <translation>The desk is not enrolled on the server yet: enter the enrollment code below.</translation>
    </message>
    <message>
        <source>Registra lo sportello sul server della rete «{network}»</source>
        <translation>Enroll the desk on the server of the network “{network}”</translation>
    </message>
    <message>
        <source>Inserire l&apos;indirizzo del server e il codice di registrazione.</source>
        <translation>Enter the server address and the enrollment code.</translation>
    </message>
    <message>
        <source>Indirizzo del server non accettato: {reason}.</source>
        <translation>Server address not accepted: {reason}.</translation>
    </message>
    <message>
        <source>Registrazione in corso…</source>
        <translation>Enrolling…</translation>
    </message>
    <message>
        <source>modificato altrove dopo l&apos;eliminazione</source>
        <translation>edited elsewhere after deletion</translation>
    </message>
    <message>
        <source>eliminato</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>modificato (ripristinabile)</source>
        <translation>edited (can be restored)</translation>
    </message>
    <message>
        <source>Conflitti ({n})</source>
        <translation>Conflicts ({n})</translation>
    </message>
    <message>
        <source>Possibili doppioni ({n})</source>
        <translation>Possible duplicates ({n})</translation>
    </message>
    <message>
        <source>Modifiche scartate dal server ({n})</source>
        <translation>Changes refused by the server ({n})</translation>
    </message>
    <message>
        <source>Modifiche ricevute non applicate ({n})</source>
        <translation>Received changes not applied ({n})</translation>
    </message>
    <message>
        <source>Ripristina il record eliminato</source>
        <translation>Restore the deleted record</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Sincronizzazione: sportello non registrato</source>
        <translation>Sync: desk not enrolled</translation>
    </message>
    <message>
        <source>Sincronizzazione in corso…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Non in linea</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Da verificare</source>
        <translation>To check</translation>
    </message>
    <message>
        <source>In linea</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>ultima sincronizzazione {when}</source>
        <translation>last sync {when}</translation>
    </message>
    <message>
        <source>1 modifica in attesa</source>
        <translation>1 change waiting</translation>
    </message>
    <message>
        <source>{count} modifiche in attesa</source>
        <translation>{count} changes waiting</translation>
    </message>
    <message>
        <source>{count} da rivedere</source>
        <translation>{count} to review</translation>
    </message>
    <message>
        <source>nuovo tentativo alle {time}</source>
        <translation>next attempt at {time}</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Stato della sincronizzazione</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>Apri la pagina Sincronizzazione</source>
        <translation>Open the Sync page</translation>
    </message>
</context>
<context>
    <name>TableModel</name>
    <message>
        <source>vuoto</source>
        <translation>empty</translation>
    </message>
    <message>
        <source>riga {number}</source>
        <translation>row {number}</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Richiesta: {category}</source>
        <translation>Request: {category}</translation>
    </message>
    <message>
        <source>Dati anagrafici rettificati: {fields}</source>
        <translation>Personal data rectified: {fields}</translation>
    </message>
    <message>
        <source> (operatore: {operator})</source>
        <translation> (operator: {operator})</translation>
    </message>
    <message>
        <source>Invio a {service}</source>
        <translation>Referral to {service}</translation>
    </message>
    <message>
        <source> (verifica il {day})</source>
        <translation> (follow up on {day})</translation>
    </message>
    <message>
        <source>; ricevuto dal servizio il {day}</source>
        <translation>; received by the service on {day}</translation>
    </message>
    <message>
        <source> — nota dell&apos;ente: {note}</source>
        <translation> — provider&apos;s note: {note}</translation>
    </message>
    <message>
        <source>Richiesta: {status}</source>
        <translation>Request: {status}</translation>
    </message>
    <message>
        <source>Invio: {status}</source>
        <translation>Referral: {status}</translation>
    </message>
    <message>
        <source> (dall&apos;ente {provider})</source>
        <translation> (by the provider {provider})</translation>
    </message>
    <message>
        <source>Nota: {text}</source>
        <translation>Note: {text}</translation>
    </message>
</context>
<context>
    <name>Tools</name>
    <message>
        <source>&amp;Importa persone da CSV…</source>
        <translation>&amp;Import persons from CSV…</translation>
    </message>
    <message>
        <source>&amp;Esporta tutti i dati (CSV)…</source>
        <translation>&amp;Export all data (CSV)…</translation>
    </message>
    <message>
        <source>&amp;Copia di sicurezza ora…</source>
        <translation>&amp;Backup now…</translation>
    </message>
    <message>
        <source>&amp;Ripristina una copia…</source>
        <translation>&amp;Restore a backup…</translation>
    </message>
    <message>
        <source>Strumenti</source>
        <translation>Tools</translation>
    </message>
    <message>
        <source>Strumenti: importa, esporta, copia di sicurezza</source>
        <translation>Tools: import, export, backup</translation>
    </message>
    <message>
        <source>Importa persone da CSV</source>
        <translation>Import persons from CSV</translation>
    </message>
    <message>
        <source>Importazione delle persone da {name}…</source>
        <translation>Importing persons from {name}…</translation>
    </message>
    <message>
        <source>Riga</source>
        <translation>Line</translation>
    </message>
    <message>
        <source>Motivo dello scarto</source>
        <translation>Why it was set aside</translation>
    </message>
    <message>
        <source>Cartella per l&apos;esportazione</source>
        <translation>Folder for the export</translation>
    </message>
    <message>
        <source>Esportazione di tutti i dati…</source>
        <translation>Exporting all data…</translation>
    </message>
    <message>
        <source>Esportati {records} record in {files} file CSV nella cartella {folder}.</source>
        <translation>Exported {records} records in {files} CSV files in the folder {folder}.</translation>
    </message>
    <message>
        <source>Copia di sicurezza</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Copia di sicurezza in corso…</source>
        <translation>Backup in progress…</translation>
    </message>
    <message>
        <source>Copia di sicurezza scritta in {path} (con la sua chiave accanto).</source>
        <translation>Backup written to {path} (with its key beside it).</translation>
    </message>
    <message>
        <source>Il ripristino è riservato ai coordinatori.</source>
        <translation>Restoring is reserved to coordinators.</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <source>Maschio</source>
        <translation>Male</translation>
    </message>
    <message>
        <source>Femmina</source>
        <translation>Female</translation>
    </message>
    <message>
        <source>Di persona</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>Telefono</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Visita domiciliare</source>
        <translation>Home visit</translation>
    </message>
    <message>
        <source>Bassa</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Normale</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>Alta</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Aperta</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>In lavorazione</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Inviata</source>
        <translation>Referred</translation>
    </message>
    <message>
        <source>Chiusa (risolta)</source>
        <translation>Closed (resolved)</translation>
    </message>
    <message>
        <source>Chiusa (non risolta)</source>
        <translation>Closed (unresolved)</translation>
    </message>
    <message>
        <source>Annullata</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Proposto</source>
        <translation>Proposed</translation>
    </message>
    <message>
        <source>Inviato</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Preso in carico</source>
        <translation>Taken in charge</translation>
    </message>
    <message>
        <source>Concluso</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Rifiutato dal servizio</source>
        <translation>Refused by the service</translation>
    </message>
    <message>
        <source>Rinuncia della persona</source>
        <translation>Withdrawn by the person</translation>
    </message>
    <message>
        <source>Senza risposta</source>
        <translation>No answer</translation>
    </message>
    <message>
        <source>Comune</source>
        <translation>Municipality</translation>
    </message>
    <message>
        <source>Unione montana</source>
        <translation>Mountain union</translation>
    </message>
    <message>
        <source>Consorzio socio-assistenziale</source>
        <translation>Social-care consortium</translation>
    </message>
    <message>
        <source>ASL</source>
        <translation>ASL (local health authority)</translation>
    </message>
    <message>
        <source>Cooperativa sociale</source>
        <translation>Social cooperative</translation>
    </message>
    <message>
        <source>Cooperativa di comunità</source>
        <translation>Community cooperative</translation>
    </message>
    <message>
        <source>Impresa (welfare aziendale aperto al territorio)</source>
        <translation>Company (company welfare open to the territory)</translation>
    </message>
    <message>
        <source>Associazione / ETS</source>
        <translation>Association / third-sector body</translation>
    </message>
    <message>
        <source>Patronato / CAF</source>
        <translation>Patronato / CAF (welfare and tax assistance)</translation>
    </message>
    <message>
        <source>Famiglia e minori</source>
        <translation>Family and minors</translation>
    </message>
    <message>
        <source>Disabili</source>
        <translation>Disability</translation>
    </message>
    <message>
        <source>Dipendenze</source>
        <translation>Addiction</translation>
    </message>
    <message>
        <source>Anziani</source>
        <translation>Elderly</translation>
    </message>
    <message>
        <source>Immigrati</source>
        <translation>Migrants</translation>
    </message>
    <message>
        <source>Povertà e disagio adulti</source>
        <translation>Poverty and adult hardship</translation>
    </message>
    <message>
        <source>Multiutenza</source>
        <translation>Multiple user groups</translation>
    </message>
    <message>
        <source>Operatore</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Coordinatore</source>
        <translation>Coordinator</translation>
    </message>
    <message>
        <source>Amministratore</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Compito di interesse pubblico (art. 6.1.e GDPR)</source>
        <translation>Task in the public interest (art. 6.1.e GDPR)</translation>
    </message>
    <message>
        <source>Interesse vitale (art. 6.1.d GDPR)</source>
        <translation>Vital interest (art. 6.1.d GDPR)</translation>
    </message>
    <message>
        <source>Consenso (art. 6.1.a GDPR)</source>
        <translation>Consent (art. 6.1.a GDPR)</translation>
    </message>
    <message>
        <source>Interesse pubblico rilevante (art. 9.2.g GDPR, art. 2-sexies Codice privacy)</source>
        <translation>Substantial public interest (art. 9.2.g GDPR, art. 2-sexies Italian Privacy Code)</translation>
    </message>
    <message>
        <source>Protezione sociale (art. 9.2.b GDPR)</source>
        <translation>Social protection (art. 9.2.b GDPR)</translation>
    </message>
    <message>
        <source>Interesse vitale (art. 9.2.c GDPR)</source>
        <translation>Vital interest (art. 9.2.c GDPR)</translation>
    </message>
    <message>
        <source>Assistenza sanitaria o sociale (art. 9.2.h GDPR)</source>
        <translation>Health or social care (art. 9.2.h GDPR)</translation>
    </message>
    <message>
        <source>Consenso esplicito (art. 9.2.a GDPR)</source>
        <translation>Explicit consent (art. 9.2.a GDPR)</translation>
    </message>
    <message>
        <source>Promemoria via SMS</source>
        <translation>SMS reminders</translation>
    </message>
    <message>
        <source>Notizie sui servizi via e-mail</source>
        <translation>News about services by e-mail</translation>
    </message>
    <message>
        <source>Per iscritto</source>
        <translation>In writing</translation>
    </message>
    <message>
        <source>A voce (annotato dall&apos;operatore)</source>
        <translation>Orally (noted by the operator)</translation>
    </message>
    <message>
        <source>In forma digitale</source>
        <translation>Digitally</translation>
    </message>
    <message>
        <source>Telefonata</source>
        <translation>Phone call</translation>
    </message>
    <message>
        <source>Colloquio</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Documento consegnato</source>
        <translation>Document handed over</translation>
    </message>
    <message>
        <source>Altro</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Accesso e orientamento ai servizi</source>
        <translation>Access and guidance to services</translation>
    </message>
    <message>
        <source>Assistenza digitale (SPID, CIE, fascicolo sanitario, INPS, pagoPA, domande online)</source>
        <translation>Digital assistance (SPID, CIE, health record, INPS, pagoPA, online applications)</translation>
    </message>
    <message>
        <source>Assistenza domiciliare e supporto alla persona</source>
        <translation>Home care and personal support</translation>
    </message>
    <message>
        <source>Trasporto e mobilità (accompagnamento a visite, trasporto sociale)</source>
        <translation>Transport and mobility (escort to visits, social transport)</translation>
    </message>
    <message>
        <source>Accesso a servizi sanitari e socio-sanitari</source>
        <translation>Access to health and social-health services</translation>
    </message>
    <message>
        <source>Sostegno economico, bonus e agevolazioni (ISEE, assegno unico, bonus energia)</source>
        <translation>Financial support, bonuses and benefits (ISEE, child benefit, energy bonus)</translation>
    </message>
    <message>
        <source>Lavoro e formazione</source>
        <translation>Work and training</translation>
    </message>
    <message>
        <source>Casa e abitare</source>
        <translation>Housing</translation>
    </message>
    <message>
        <source>Famiglia, infanzia e conciliazione (anche welfare aziendale aperto al territorio)</source>
        <translation>Family, childhood and work-life balance (also company welfare open to the territory)</translation>
    </message>
    <message>
        <source>Beni di prima necessità (banco alimentare, empori solidali)</source>
        <translation>Basic necessities (food bank, solidarity shops)</translation>
    </message>
    <message>
        <source>Comunità, socialità e volontariato (contrasto all&apos;isolamento)</source>
        <translation>Community, social life and volunteering (against isolation)</translation>
    </message>
    <message>
        <source>Codice fiscale</source>
        <translation>Fiscal code</translation>
    </message>
    <message>
        <source>Cognome</source>
        <translation>Surname</translation>
    </message>
    <message>
        <source>Nome</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Data di nascita</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Sesso</source>
        <translation>Sex</translation>
    </message>
    <message>
        <source>Luogo di nascita</source>
        <translation>Place of birth</translation>
    </message>
    <message>
        <source>Comune di residenza</source>
        <translation>Municipality of residence</translation>
    </message>
    <message>
        <source>Indirizzo</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Note (nucleo, fragilità)</source>
        <translation>Notes (household, frailties)</translation>
    </message>
    <message>
        <source>Richiesta</source>
        <translation>Request</translation>
    </message>
    <message>
        <source>Invio</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>Cambio di stato</source>
        <translation>Status change</translation>
    </message>
    <message>
        <source>Nota</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Rettifica</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>Scheda aperta</source>
        <translation>Record opened</translation>
    </message>
    <message>
        <source>Scheda aperta per modificarla</source>
        <translation>Record opened for editing</translation>
    </message>
    <message>
        <source>Cronologia consultata</source>
        <translation>Timeline viewed</translation>
    </message>
    <message>
        <source>Scheda di invio stampata o salvata</source>
        <translation>Referral slip printed or saved</translation>
    </message>
    <message>
        <source>Creazione</source>
        <translation>Creation</translation>
    </message>
    <message>
        <source>Modifica</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Eliminazione</source>
        <translation>Deletion</translation>
    </message>
    <message>
        <source>Ripristino</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Unione</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>Cancellazione</source>
        <translation>Erasure</translation>
    </message>
    <message>
        <source>Accessi consultati</source>
        <translation>Accesses viewed</translation>
    </message>
    <message>
        <source>Esportazione</source>
        <translation>Export</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <source>&amp;Salva</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Annulla</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Non salvato.</source>
        <translation>Not saved.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>WPT Desk</source>
        <translation>WPT Desk</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>Non riesco a scrivere il PDF: {error}</source>
        <translation>Cannot write the PDF: {error}</translation>
    </message>
    <message>
        <source>Scheda di invio salvata: {path}</source>
        <translation>Referral slip saved: {path}</translation>
    </message>
</context>
</TS>
