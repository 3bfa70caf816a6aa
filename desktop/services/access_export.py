"""A citizen's access export (GDPR art. 15) and portability copy (art. 20): an A4 PDF to read, in the
operator's language (Italian by default), and a JSON file of the same content, written into a folder
(owner-only files).

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
from desktop.translation import N_, Translate, italian

_MARGIN, _BODY, _HEAD, _TITLE = 50.0, 10.0, 12.5, 16.0
CONTEXT = "AccessExport"
VOCABULARY = "Vocabulary"
_ACTIONS = {"view": N_("AccessExport", "scheda aperta"), "edit": N_("AccessExport", "scheda aperta per modifica"),
            "timeline": N_("AccessExport", "storia consultata"),
            "slip": N_("AccessExport", "scheda di invio stampata"), "export": N_("AccessExport", "dati esportati"),
            "create": N_("AccessExport", "dato registrato"), "update": N_("AccessExport", "dato modificato"),
            "delete": N_("AccessExport", "dato eliminato"), "restore": N_("AccessExport", "dato ripristinato"),
            "merge": N_("AccessExport", "schede unite"), "status": N_("AccessExport", "stato consultato"),
            "note": N_("AccessExport", "nota aggiunta"), "audit_view": N_("AccessExport", "accessi consultati"),
            "erase": N_("AccessExport", "cancellazione")}


@dataclass(frozen=True)
class AccessExport:
    pdf: Path
    json: Path


def write_access_export(store: Store, person_id: str, folder: Path, translate: Translate = italian) -> AccessExport:
    """Write ``accesso-ID.pdf`` (its texts through ``translate``) and ``accesso-ID.json`` into ``folder``
    (created if missing)."""
    require(store, Role.COORDINATOR)
    data = access_export_data(store, person_id)
    private_dir(folder)
    json_path = private_file(folder / f"accesso-{person_id}.json")
    json_path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    pdf_path = private_file(folder / f"accesso-{person_id}.pdf")
    pdf_path.write_bytes(access_pdf(data, translate))
    return AccessExport(pdf_path, json_path)


def _it_date(value: Any) -> str:
    text = str(value or "")
    if len(text) >= 10 and text[4] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[:4]}" + (f" {text[11:16]}" if len(text) > 11 else "")
    return text or "—"


def _label(table: dict[Any, str], value: Any, translate: Translate) -> str:
    for key, label in table.items():
        if getattr(key, "value", key) == value:
            return translate(VOCABULARY, label)
    return str(value or "—")


class _Flow:
    """Text flowing down A4 pages."""

    def __init__(self, title: str, language: str) -> None:
        self.pdf = PdfDocument(title, language=language)
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


def access_pdf(data: dict[str, Any], translate: Translate = italian) -> bytes:
    """The access export as a readable A4 PDF, its texts through ``translate`` (Italian by default)."""
    def t(text: str) -> str:
        return translate(CONTEXT, text)

    def v(text: str) -> str:  # a label of the domain's vocabulary
        return translate(VOCABULARY, text) if text else text

    person = data["person"]
    title = t(N_("AccessExport", "Dati personali trattati dallo sportello"))
    flow = _Flow(title, translate("Report", "it-IT"))
    flow.line(title, _TITLE, bold=True)
    flow.line(t(N_("AccessExport", "Sportello: {desk} — documento preparato il {day}")).format(
        desk=data["controller_desk"], day=_it_date(data["generated_at"])), color=MUTED)
    flow.line(t(N_("AccessExport", "Documento per la persona interessata (art. 15 GDPR). Una copia in formato "
                                   "leggibile da computer (JSON) è consegnata insieme (art. 20 GDPR).")), color=MUTED)
    flow.heading(t(N_("AccessExport", "La persona")))
    for label, value in ((N_("AccessExport", "Cognome e nome"), f"{person['last_name']} {person['first_name']}"),
                         (N_("AccessExport", "Codice fiscale"), person.get("fiscal_code")),
                         (N_("AccessExport", "Nata/o il"), _it_date(person.get("birth_date"))),
                         (N_("AccessExport", "Comune di nascita"), person.get("birthplace")),
                         (N_("AccessExport", "Comune di residenza"), person.get("municipality")),
                         (N_("AccessExport", "Indirizzo"), person.get("address")),
                         (N_("AccessExport", "Telefono"), person.get("phone")),
                         (N_("AccessExport", "E-mail"), person.get("email")),
                         (N_("AccessExport", "Note"), person.get("notes"))):
        flow.line(f"{t(label)}: {value or '—'}")
    flow.heading(t(N_("AccessExport", "Perché i dati sono trattati")))
    basis = data["legal_basis"]
    flow.line(t(N_("AccessExport", "Base giuridica: {basis}.")).format(basis=v(basis["art6_text"]) or basis["art6"]))
    flow.line(t(N_("AccessExport", "Dati particolari (salute, condizione sociale): {basis}.")).format(
        basis=v(basis["art9_text"]) or basis["art9"]))
    notice = data["privacy_notice"]
    flow.line(t(N_("AccessExport", "Informativa consegnata il {day}, versione {version}.")).format(
        day=_it_date(notice["given_on"]), version=notice["version"] or "—"))
    if notice["text"]:
        flow.line(notice["text"], color=MUTED)  # the notice as it was given, in its own words
    if data["restricted"]:
        flow.line(t(N_("AccessExport", "Il trattamento è limitato (art. 18 GDPR): i dati non si modificano e non si "
                                       "esportano.")))
    flow.heading(t(N_("AccessExport", "Consensi per usi facoltativi")))
    if not data["consents"]:
        flow.line(t(N_("AccessExport", "Nessun consenso registrato.")))
    for c in data["consents"]:
        state = (t(N_("AccessExport", "revocato il {day}")).format(day=_it_date(c["withdrawn_on"]))
                 if c["withdrawn_on"] else t(N_("AccessExport", "attivo")))
        flow.line(t(N_("AccessExport", "{purpose}: dato il {day} {method}; {state}.")).format(
            purpose=v(c["purpose_label"]), day=_it_date(c["given_on"]), method=v(c["method_label"]),
            state=state))
    flow.heading(t(N_("AccessExport", "Rettifiche dei dati (art. 16 GDPR)")))
    if not data["rectifications"]:
        flow.line(t(N_("AccessExport", "Nessuna rettifica registrata.")))
    for r in data["rectifications"]:
        flow.line(t(N_("AccessExport", "{day} — dati rettificati: {fields} ({operator}, {desk})")).format(
            day=_it_date(r["rectified_at"]), fields=labels.person_fields(r["fields"], v),
            operator=r["operator"] or "—", desk=r["desk"] or "—"))
    flow.heading(t(N_("AccessExport", "Richieste")))
    if not data["requests"]:
        flow.line(t(N_("AccessExport", "Nessuna richiesta.")))
    for r in data["requests"]:
        flow.line(t(N_("AccessExport", "{day} — {category}: {description} (stato: {status})")).format(
            day=_it_date(r["opened_on"]), category=v(r["category_label"]), description=r["description"] or "—",
            status=_label(labels.REQUEST_STATUS, r["status"], translate).lower()), bold=True)
        for h in r["history"]:
            flow.line(f"{_it_date(h['changed_at'])}: {_label(labels.REQUEST_STATUS, h['to_status'], translate)}"
                      + (f" — {h['reason']}" if h["reason"] else ""), indent=14, color=MUTED)
        for f in (f for f in data["referrals"] if f["request_id"] == r["id"]):
            text = t(N_("AccessExport", "Invio del {day} a {service} ({provider}): {status}")).format(
                day=_it_date(f["referred_on"]), service=f["service_name"], provider=f["provider_name"],
                status=_label(labels.REFERRAL_STATUS, f["status"], translate).lower())
            if f["outcome"]:
                text += t(N_("AccessExport", "; esito: {outcome}")).format(outcome=f["outcome"])
            flow.line(text, indent=14)
            for h in f["history"]:
                flow.line(f"{_it_date(h['changed_at'])}: {_label(labels.REFERRAL_STATUS, h['to_status'], translate)}"
                          + (f" — {h['reason']}" if h["reason"] else ""), indent=28, color=MUTED)
        for n in (n for n in data["notes"] if n["request_id"] == r["id"]):
            flow.line(t(N_("AccessExport", "Nota del {day}: {text}")).format(day=_it_date(n["noted_on"]),
                                                                             text=n["text"]), indent=14)
    flow.heading(t(N_("AccessExport", "A chi sono stati comunicati i dati")))
    if not data["recipients"]:
        flow.line(t(N_("AccessExport", "A nessun servizio.")))
    for item in data["recipients"]:
        flow.line(t(N_("AccessExport", "{provider} — servizio «{service}»")).format(provider=item["provider"],
                                                                                   service=item["service"]))
    flow.heading(t(N_("AccessExport", "Chi ha consultato o modificato la scheda su questo sportello")))
    if not data["access_log"]:
        flow.line(t(N_("AccessExport", "Nessun accesso registrato.")))
    for e in data["access_log"]:
        action = t(_ACTIONS[e["action"]]) if e["action"] in _ACTIONS else e["action"]
        flow.line(f"{_it_date(e['at'])} — {e['operator'] or '—'} ({e['desk']}): {action}")
    return flow.pdf.to_bytes()
