"""Help inside the app: F1 opens a short guide (the two-minute flow, the shortcuts, whom to call), and
«Informazioni» shows the version, the data folder and the server."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from desktop.queries.about import about
from desktop.storage.store import Store


class HelpDialog(QDialog):
    """The guide; its «Informazioni» button opens :class:`AboutDialog`."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setWindowTitle(self.tr("Guida di WPT Desk"))
        self.guide = QTextBrowser(self)
        self.guide.setAccessibleName(self.tr("Guida"))
        self.guide.setOpenExternalLinks(False)
        self.guide.setHtml(self.guide_html())
        buttons = QDialogButtonBox(self)
        self.about_button = buttons.addButton(self.tr("&Informazioni"), QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("&Chiudi (Esc)"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        self.about_button.clicked.connect(self.show_about)
        layout = QVBoxLayout(self)
        layout.addWidget(self.guide, 1)
        layout.addWidget(buttons)
        self.resize(720, 600)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide.setFocus()

    def guide_html(self) -> str:
        info = about(self.store)
        contact = ", ".join(v for v in (info.desk_phone, info.desk_email) if v) or self.tr("non indicati")
        shortcuts = [
            ("Ctrl+K", self.tr("cerca una persona (cognome, nome, codice fiscale o telefono)")),
            ("Ctrl+N", self.tr("registra una nuova persona")),
            ("Ctrl+R", self.tr("nuova richiesta per la persona trovata o aperta")),
            ("Ctrl+P", self.tr("ristampa la scheda dell'invio scelto (cronologia, Invii)")),
            ("Ctrl+I", self.tr("aggiungi un invio a una richiesta già registrata")),
            ("F2", self.tr("cambia lo stato della richiesta o dell'invio scelto")),
            ("F / R", self.tr("in Scadenze: verifica fatta / rimanda di 7 giorni")),
            ("Ctrl+1…8", self.tr("le sezioni della barra a sinistra")),
            ("Ctrl+Alt+Z", self.tr("annulla l'ultima eliminazione")),
            ("F5", self.tr("sincronizza ora (pagina Sincronizzazione)")),
            ("Ctrl+L", self.tr("blocca lo schermo")),
            ("F1", self.tr("questa guida")),
        ]
        rows = "".join(f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(v)}</td></tr>" for k, v in shortcuts)
        steps = [
            self.tr("Ctrl+K e scrivere il cognome: Invio apre la persona; se non c'è, Ctrl+N la registra."),
            self.tr("Ctrl+R: scegliere la categoria del bisogno, una frase, Invio."),
            self.tr("Spuntare con lo spazio i servizi che coprono il comune della persona, Invio crea richiesta e "
                    "invii."),
            self.tr("Ctrl+S salva la scheda di invio in PDF (Ctrl+P la stampa): darla alla persona. Invio chiude."),
            self.tr("Nei giorni dopo, la pagina Scadenze dice chi richiamare e a che numero."),
        ]
        flow = "".join(f"<li>{html.escape(s)}</li>" for s in steps)
        e = html.escape
        flow_title, keys_title, call_title = self.tr("Il flusso di due minuti"), self.tr("Tasti rapidi"), \
            self.tr("Chi chiamare")
        call = self.tr("Per dubbi sul lavoro dello sportello e sul catalogo dei servizi: il coordinatore della "
                       "rete. Per il programma, le password e i backup: il referente informatico dell'Unione "
                       "montana. Contatti dello sportello: {contact}.").format(contact=contact)
        return (f"<h2>{e(flow_title)}</h2><ol>{flow}</ol>"
                f"<h2>{e(keys_title)}</h2><table cellpadding='3'>{rows}</table>"
                f"<h2>{e(call_title)}</h2><p>{e(call)}</p>")

    def show_about(self) -> AboutDialog:
        self.about = AboutDialog(self.store, self)
        self.about.open()
        return self.about


class AboutDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        info = about(store)
        self.setWindowTitle(self.tr("Informazioni su WPT Desk"))
        e = html.escape
        facts = [
            (self.tr("Versione"), info.version),
            (self.tr("Sportello"), info.desk_name),
            (self.tr("Cartella dei dati"), str(info.data_folder)),
            (self.tr("Server"), info.server or self.tr("non registrato (lo sportello lavora da solo)")),
        ]
        self.text = QLabel("<table cellpadding='4'>" + "".join(
            f"<tr><td><b>{e(k)}</b></td><td>{e(v)}</td></tr>" for k, v in facts) + "</table>", self)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setAccessibleName(self.tr("Versione, cartella dei dati e server"))
        self.text.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("&Chiudi"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>WPT Desk</h2>", self))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
