"""The privacy notice (informativa, GDPR art. 13) of a version, as an A4 PDF to print and hand over."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from desktop.domain.models import NoticeText
from desktop.queries.notices import notice_for
from desktop.reference.municipalities import name_of
from desktop.storage.store import Store
from ui.referral_slip import write_html_pdf


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _notice(store: Store, version: str) -> NoticeText:
    notice = notice_for(store, version)
    if notice is None:
        raise LookupError(_tr("PrivacyNotice", "Il testo dell'informativa versione {version} non è su questo "
                                               "sportello: sincronizzare per riceverlo.").format(version=version))
    return notice


def notice_file_name(store: Store, version: str) -> str:
    notice = notice_for(store, version)
    return f"informativa-{notice.version if notice else 'privacy'}.pdf"


def notice_html(store: Store, version: str) -> str:
    """The notice of ``version`` (the current one if empty) with the desk that gives it."""
    notice = _notice(store, version)
    desk = store.desk()
    e = html.escape
    where = ", ".join(v for v in (desk.name, desk.address, name_of(desk.municipality_code) if desk.municipality_code
                                  else "") if v)
    contacts = " · ".join(v for v in (desk.phone, desk.email, desk.hours) if v)
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in notice.text.split("\n\n") if p.strip())
    return f"""<html><body style='font-family: sans-serif; font-size: 11pt'>
<h2>{e(_tr("PrivacyNotice", "Informativa sul trattamento dei dati personali (art. 13 GDPR)"))}</h2>
<p><b>{e(where)}</b><br/>{e(contacts)}</p>
{paragraphs}
<p style='font-size: 9pt; color: #555'>{e(_tr("PrivacyNotice", "Versione {version}, in vigore dal {day}.").format(
        version=notice.version, day=notice.valid_from.strftime("%d/%m/%Y")))}</p>
</body></html>"""


def write_notice_pdf(store: Store, version: str, path: Path) -> Path:
    """Write the notice of ``version`` as an A4 PDF at ``path``."""
    return write_html_pdf(notice_html(store, version), _tr("PrivacyNotice", "Informativa privacy"), path)
