"""The referral slip: a one-page PDF the person takes to the service (Qt's own PDF support).

The slip says who is referred, to which service and provider, where and when to go, how to access,
and which desk sent them, so the person can show it at the service's counter.
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from desktop.domain.referral_code import referral_code
from desktop.permissions import private_file
from desktop.queries.person_record import SlipData, slip_data
from desktop.reference.municipalities import name_of
from desktop.storage.store import Store

__all__ = ["SlipData", "slip_html", "write_referral_slip"]


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def slip_html(data: SlipData) -> str:
    e = html.escape
    person, service, provider, desk = data.person, data.service, data.provider, data.desk

    def row(label: str, value: str) -> str:
        return f"<tr><td class='l'>{e(label)}</td><td>{e(value)}</td></tr>" if value else ""

    provider_address = ", ".join(v for v in (provider.address, name_of(provider.municipality_code)) if v)
    desk_contacts = " — ".join(v for v in (desk.address, name_of(desk.municipality_code), desk.phone, desk.email) if v)
    referred_on = data.referral.referred_on.strftime("%d/%m/%Y")
    born = person.birth_date.strftime("%d/%m/%Y") if person.birth_date else ""
    # The labels outside the f-string, where lupdate reads them; the slip is in the operator's language.
    L = [
        _tr("ReferralSlip", "Scheda di invio al servizio"),
        _tr("ReferralSlip", "Welfare Point Territoriale"),
        _tr("ReferralSlip", "Persona"),
        _tr("ReferralSlip", "Cognome e nome"),
        _tr("ReferralSlip", "Codice fiscale"),
        _tr("ReferralSlip", "Data di nascita"),
        _tr("ReferralSlip", "Servizio"),
        _tr("ReferralSlip", "Ente"),
        _tr("ReferralSlip", "Indirizzo"),
        _tr("ReferralSlip", "Orari"),
        _tr("ReferralSlip", "Come accedere"),
        _tr("ReferralSlip", "Costo"),
        _tr("ReferralSlip", "Contatti"),
        _tr("ReferralSlip", "Sportello che invia"),
        _tr("ReferralSlip", "Sportello"),
        _tr("ReferralSlip", "Operatore"),
        _tr("ReferralSlip", "Data"),
        _tr("ReferralSlip", "Portare con sé questa scheda e un documento d'identità."),
        _tr("ReferralSlip", "Codice dell'invio"),
        _tr("ReferralSlip", "Il servizio conferma di aver ricevuto l'invio con questo codice e la data di nascita "
                            "della persona, sulla pagina degli enti del server della rete (/enti/ricevuto)."),
    ]
    return f"""
<html><head><style>
 body {{ font-family: sans-serif; font-size: 11pt; }}
 h1 {{ font-size: 17pt; margin-bottom: 2pt; }}
 h2 {{ font-size: 13pt; margin-top: 14pt; border-bottom: 1px solid #888; }}
 td.l {{ color: #444; padding-right: 12pt; white-space: nowrap; }}
 .small {{ font-size: 9pt; color: #444; }}
</style></head><body>
<h1>{e(L[0])}</h1>
<p class='small'>{e(L[1])} — {e(desk.name)} — {e(referred_on)}</p>
<p><b>{e(L[18])}: {e(referral_code(data.referral.id))}</b></p>
<h2>{e(L[2])}</h2>
<table>
{row(L[3], f"{person.last_name} {person.first_name}")}
{row(L[4], person.fiscal_code or "")}
{row(L[5], born)}
</table>
<h2>{e(L[6])}</h2>
<table>
{row(L[6], service.name)}
{row(L[7], provider.name)}
{row(L[8], provider_address)}
{row(L[9], service.hours)}
{row(L[10], service.access)}
{row(L[11], service.cost)}
{row(L[12], service.contacts or " ".join(v for v in (provider.phone, provider.email) if v))}
</table>
<h2>{e(L[13])}</h2>
<table>
{row(L[14], desk.name)}
{row(L[12], desk_contacts)}
{row(L[9], desk.hours)}
{row(L[15], data.operator_name)}
{row(L[16], data.printed_on.strftime("%d/%m/%Y"))}
</table>
<p class='small'>{e(L[17])}</p>
<p class='small'>{e(L[19])}</p>
</body></html>"""


def write_referral_slip(store: Store, referral_id: str, path: Path) -> Path:
    """Write the slip of a referral as an A4 PDF at ``path`` (written aside, then renamed)."""
    return write_html_pdf(slip_html(slip_data(store, referral_id)), _tr("ReferralSlip", "Scheda di invio"), path)


def write_html_pdf(text: str, title: str, path: Path) -> Path:
    """Write an HTML page as an A4 PDF at ``path`` (owner-only, written aside, then renamed)."""
    document = QTextDocument()
    document.setHtml(text)
    path = Path(path)
    partial = private_file(path.with_name(path.name + ".partial"))  # personal data: owner-only
    writer = QPdfWriter(str(partial))
    writer.setTitle(title)
    writer.setCreator("WPT Desk")
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(18, 18, 18, 18))
    )
    # Lay the text out at the PDF's own resolution: a document measured at the screen's 96 dpi and
    # printed on the 1200 dpi writer came out at 1/12 of its size in a corner of the page.
    document.documentLayout().setPaintDevice(writer)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer  # finishes the file
    partial.replace(path)
    return path
