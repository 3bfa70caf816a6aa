"""A citizen's access export (GDPR art. 15) and portability copy (art. 20): an A4 PDF to read, in
Italian, and a JSON file of the same content, written into a folder (owner-only files).

Coordinators only; the read goes through :func:`desktop.queries.person_record.access_export_data`,
which puts it on the access log. File names carry the person's id, never their name.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain import labels
from desktop.domain.roles import Role
from desktop.operations.authorization import require
from desktop.permissions import private_dir, private_file
from desktop.queries.person_record import access_export_data
from desktop.reports.charts import INK, MUTED, Text
from desktop.reports.pdf import A4, PdfDocument, measure
from desktop.storage.store import Store

_MARGIN, _BODY, _HEAD, _TITLE = 50.0, 10.0, 12.5, 16.0
_ACTIONS = {"view": "scheda aperta", "edit": "scheda aperta per modifica", "timeline": "storia consultata",
            "slip": "scheda di invio stampata", "export": "dati esportati", "create": "dato registrato",
            "update": "dato modificato", "delete": "dato eliminato", "restore": "dato ripristinato",
            "merge": "schede unite", "status": "stato consultato", "note": "nota aggiunta",
            "audit_view": "accessi consultati", "erase": "cancellazione"}


@dataclass(frozen=True)
class AccessExport:
    pdf: Path
    json: Path


def write_access_export(store: Store, person_id: str, folder: Path) -> AccessExport:
    """Write ``accesso-ID.pdf`` and ``accesso-ID.json`` into ``folder`` (created if missing)."""
    require(store, Role.COORDINATOR)
    data = access_export_data(store, person_id)
    private_dir(folder)
    json_path = private_file(folder / f"accesso-{person_id}.json")
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    pdf_path = private_file(folder / f"accesso-{person_id}.pdf")
    pdf_path.write_bytes(access_pdf(data))
    return AccessExport(pdf_path, json_path)


def _it_date(value: Any) -> str:
    text = str(value or "")
    if len(text) >= 10 and text[4] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}" + (f" {text[11:16]}" if len(text) > 11 else "")
    return text or "—"


def _label(table: dict[Any, str], value: Any) -> str:
    for key, label in table.items():
        if getattr(key, "value", key) == value:
            return label
    return str(value or "—")


class _Flow:
    """Text flowing down A4 pages."""

    def __init__(self, title: str) -> None:
        self.pdf = PdfDocument(title)
        self.width = A4[0] - 2 * _MARGIN
        self.y = A4[1]

    def _room(self, height: float) -> None:
        if self.y + height > A4[1] - _MARGIN:
            self.pdf.new_page()
            self.y = _MARGIN

    def line(self, text: str, size: float = _BODY, bold: bool = False, color: str = INK, indent: float = 0) -> None:
        words, current = text.split(), ""
        lines = []
        for word in words:
            candidate = f"{current} {word}".strip()
            if current and measure(candidate, size, bold) > self.width - indent:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
        for part in lines:
            self._room(size * 1.4)
            self.pdf.draw([Text(_MARGIN + indent, self.y + size, part, size, bold, color)])
            self.y += size * 1.4

    def heading(self, text: str) -> None:
        self._room(_HEAD * 3)
        self.y += 8
        self.line(text, _HEAD, bold=True)
        self.y += 2


def access_pdf(data: dict[str, Any]) -> bytes:
    """The access export as a readable A4 PDF (Italian)."""
    person = data["person"]
    flow = _Flow("Dati personali trattati dallo sportello")
    flow.line("Dati personali trattati dallo sportello", _TITLE, bold=True)
    flow.line(f"Sportello: {data['controller_desk']} — documento preparato il {_it_date(data['generated_at'])}",
              color=MUTED)
    flow.line("Documento per la persona interessata (art. 15 GDPR). Una copia in formato leggibile da computer "
              "(JSON) è consegnata insieme (art. 20 GDPR).", color=MUTED)
    flow.heading("La persona")
    for label, value in (("Cognome e nome", f"{person['last_name']} {person['first_name']}"),
                         ("Codice fiscale", person.get("fiscal_code")),
                         ("Nata/o il", _it_date(person.get("birth_date"))),
                         ("Comune di nascita", person.get("birthplace")),
                         ("Comune di residenza", person.get("municipality")),
                         ("Indirizzo", person.get("address")), ("Telefono", person.get("phone")),
                         ("E-mail", person.get("email")), ("Note", person.get("notes"))):
        flow.line(f"{label}: {value or '—'}")
    flow.heading("Perché i dati sono trattati")
    basis = data["legal_basis"]
    flow.line(f"Base giuridica: {basis['art6_text'] or basis['art6']}.")
    flow.line(f"Dati particolari (salute, condizione sociale): {basis['art9_text'] or basis['art9']}.")
    notice = data["privacy_notice"]
    flow.line(f"Informativa consegnata il {_it_date(notice['given_on'])}, versione {notice['version'] or '—'}.")
    if notice["text"]:
        flow.line(notice["text"], color=MUTED)
    if data["restricted"]:
        flow.line("Il trattamento è limitato (art. 18 GDPR): i dati non si modificano e non si esportano.")
    flow.heading("Consensi per usi facoltativi")
    if not data["consents"]:
        flow.line("Nessun consenso registrato.")
    for c in data["consents"]:
        state = f"revocato il {_it_date(c['withdrawn_on'])}" if c["withdrawn_on"] else "attivo"
        flow.line(f"{c['purpose_label']}: dato il {_it_date(c['given_on'])} {c['method_label']}; {state}.")
    flow.heading("Richieste")
    if not data["requests"]:
        flow.line("Nessuna richiesta.")
    for r in data["requests"]:
        flow.line(f"{_it_date(r['opened_on'])} — {r['category_label']}: {r['description'] or '—'} "
                  f"(stato: {_label(labels.REQUEST_STATUS, r['status']).lower()})", bold=True)
        for h in r["history"]:
            flow.line(f"{_it_date(h['changed_at'])}: {_label(labels.REQUEST_STATUS, h['to_status'])}"
                      + (f" — {h['reason']}" if h["reason"] else ""), indent=14, color=MUTED)
        for f in (f for f in data["referrals"] if f["request_id"] == r["id"]):
            flow.line(f"Invio del {_it_date(f['referred_on'])} a {f['service_name']} ({f['provider_name']}): "
                      f"{_label(labels.REFERRAL_STATUS, f['status']).lower()}" + (f"; esito: {f['outcome']}"
                                                                                    if f["outcome"] else ""), indent=14)
            for h in f["history"]:
                flow.line(f"{_it_date(h['changed_at'])}: {_label(labels.REFERRAL_STATUS, h['to_status'])}"
                          + (f" — {h['reason']}" if h["reason"] else ""), indent=28, color=MUTED)
        for n in (n for n in data["notes"] if n["request_id"] == r["id"]):
            flow.line(f"Nota del {_it_date(n['noted_on'])}: {n['text']}", indent=14)
    flow.heading("A chi sono stati comunicati i dati")
    if not data["recipients"]:
        flow.line("A nessun servizio.")
    for item in data["recipients"]:
        flow.line(f"{item['provider']} — servizio «{item['service']}»")
    flow.heading("Chi ha consultato o modificato la scheda su questo sportello")
    if not data["access_log"]:
        flow.line("Nessun accesso registrato.")
    for e in data["access_log"]:
        action = _ACTIONS.get(e["action"], e["action"])
        flow.line(f"{_it_date(e['at'])} — {e['operator'] or '—'} ({e['desk']}): {action}")
    return flow.pdf.to_bytes()
