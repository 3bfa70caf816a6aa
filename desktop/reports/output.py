"""A report as it leaves the desk: its tables with their labels, the JSON for programs and the CSV.

The labels are Italian source texts marked with :func:`desktop.translation.N_` (context "Report", the
domain's labels "Vocabulary"); every function that builds what people read takes a ``translate``
(Italian by default: the server, the command line), which the window sets to the interface's language.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop.domain import labels
from desktop.domain.enums import Channel, ProviderKind, ReferralStatus, RequestStatus, Sex, Urgency, UserArea
from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.reports.charts import Item, item
from desktop.reports.disclosure import DEFAULT_MIN_COUNT, HIDDEN, small_label
from desktop.reports.indicators import NOT_GIVEN
from desktop.translation import N_, Translate, italian

CONTEXT = "Report"
VOCABULARY = "Vocabulary"  # the domain's labels, as the interface translates them (ui/vocabulary.py)
_CATEGORY = {c.code: c.label for c in DEFAULT_CATEGORIES}
_NOT_GIVEN = N_("Report", "Non indicato")
_MONTHS = (N_("Report", "gen"), N_("Report", "feb"), N_("Report", "mar"), N_("Report", "apr"),
           N_("Report", "mag"), N_("Report", "giu"), N_("Report", "lug"), N_("Report", "ago"),
           N_("Report", "set"), N_("Report", "ott"), N_("Report", "nov"), N_("Report", "dic"))
_OUTCOMES = {"positivo": N_("Report", "Positivo"), "in corso": N_("Report", "In corso"),
             "non accolto": N_("Report", "Non accolto"), "rinuncia": N_("Report", "Rinuncia"),
             "senza risposta": N_("Report", "Senza risposta")}
Label = Callable[[str, Translate], str]


def _enum_label(mapping: dict[Any, str], kind: type) -> Label:
    def label(key: str, translate: Translate) -> str:
        try:
            return translate(VOCABULARY, mapping[kind(key)])
        except (ValueError, KeyError):
            return _plain(key, translate)
    return label


def _plain(key: str, translate: Translate) -> str:
    return translate(CONTEXT, _NOT_GIVEN) if key == NOT_GIVEN else key


def _category(key: str, translate: Translate) -> str:
    return translate(VOCABULARY, _CATEGORY[key]).split(" (")[0] if key in _CATEGORY else key


def _outcome(key: str, translate: Translate) -> str:
    return translate(CONTEXT, _OUTCOMES[key]) if key in _OUTCOMES else _plain(key, translate)


def _month(key: str, translate: Translate) -> str:
    year, month = key.split("-")
    return f"{translate(CONTEXT, _MONTHS[int(month) - 1])} {year}"


@dataclass(frozen=True)
class Table:
    """One table of a report: where its figures are, its title (Italian source), its labels and its chart."""

    path: tuple[str, ...]
    title: str
    label: Label
    chart: str = "bar"  # bar | line | funnel
    skip_zero: bool = False  # long tables list only what happened

    def heading(self, translate: Translate = italian) -> str:
        return translate(CONTEXT, self.title)

    def figures(self, report: dict[str, Any]) -> dict[str, Any]:
        node: Any = report
        for key in self.path:
            node = node[key]
        return dict(node)

    def items(self, report: dict[str, Any], translate: Translate = italian) -> list[Item]:
        return [item(self.label(k, translate), v) for k, v in self.figures(report).items()
                if not (self.skip_zero and v == 0) and not (v == 0 and k == NOT_GIVEN)]


_REFERRAL_STATUS = _enum_label(labels.REFERRAL_STATUS, ReferralStatus)
TABLES: tuple[Table, ...] = (
    Table(("requests", "by_category"), N_("Report", "Richieste per categoria di bisogno"), _category),
    Table(("requests", "by_month"), N_("Report", "Richieste per mese"), _month, chart="line"),
    Table(("requests", "by_municipality"), N_("Report", "Richieste per comune di residenza"), _plain,
          skip_zero=True),
    Table(("requests", "by_user_area"), N_("Report", "Richieste per area di utenza"),
          _enum_label(labels.USER_AREA, UserArea)),
    Table(("requests", "by_channel"), N_("Report", "Richieste per canale"), _enum_label(labels.CHANNEL, Channel)),
    Table(("requests", "by_urgency"), N_("Report", "Richieste per urgenza"), _enum_label(labels.URGENCY, Urgency)),
    Table(("requests", "by_status"), N_("Report", "Richieste per stato"),
          _enum_label(labels.REQUEST_STATUS, RequestStatus)),
    Table(("persons", "by_age_band"), N_("Report", "Persone per fascia d'età (anni)"), _plain),
    Table(("persons", "by_sex"), N_("Report", "Persone per sesso"), _enum_label(labels.SEX, Sex)),
    Table(("referrals", "funnel"), N_("Report", "Percorso degli invii"), _REFERRAL_STATUS, chart="funnel"),
    Table(("referrals", "by_status"), N_("Report", "Invii per stato attuale"), _REFERRAL_STATUS),
    Table(("referrals", "by_outcome"), N_("Report", "Invii per esito"), _outcome),
    Table(("referrals", "drop_outs_by_reason"), N_("Report", "Invii interrotti, per motivo"), _REFERRAL_STATUS),
    Table(("referrals", "by_provider_kind"), N_("Report", "Invii per tipo di ente"),
          _enum_label(labels.PROVIDER_KIND, ProviderKind)),
    Table(("referrals", "by_service"), N_("Report", "Invii per servizio"), _plain, skip_zero=True),
    Table(("requests", "by_desk"), N_("Report", "Richieste per sportello"), _plain, skip_zero=True),
    Table(("persons", "by_desk"), N_("Report", "Persone servite per sportello"), _plain, skip_zero=True),
    Table(("referrals", "by_desk"), N_("Report", "Invii per sportello"), _plain, skip_zero=True),
    Table(("follow_ups_overdue_by_desk",), N_("Report", "Verifiche scadute a fine periodo, per sportello"), _plain,
          skip_zero=True),
)
BY_PATH = {t.path: t for t in TABLES}
HEADLINE = (
    N_("Report", "Persone servite"),
    N_("Report", "di cui nuove"),
    N_("Report", "Richieste"),
    N_("Report", "Invii ai servizi"),
    N_("Report", "Giorni da «inviato» a «preso in carico», mediana"),
    N_("Report", "Giorni da «inviato» a «preso in carico», 90° percentile"),
    N_("Report", "Verifiche scadute a fine periodo"),
)


def shown(value: Any, translate: Translate = italian) -> str:
    """A figure as printed: integers as they are, days with one decimal, none as a dash."""
    if value is None:
        return "—"
    if isinstance(value, float):
        units, tenths = f"{value:.1f}".split(".")
        return translate(CONTEXT, N_("Report", "{units},{tenths}")).format(units=units, tenths=tenths)
    return str(value)


def headline(report: dict[str, Any], translate: Translate = italian) -> list[tuple[str, str]]:
    """The key figures of a report, labelled."""
    referrals = report["referrals"]
    values = (report["persons_served"], report["new_persons"], report["requests"]["total"], referrals["total"],
              referrals["median_days_to_taken_in_charge"], referrals["p90_days_to_taken_in_charge"],
              report["follow_ups_overdue"])
    return [(translate(CONTEXT, label), shown(value, translate)) for label, value in zip(HEADLINE, values, strict=True)]


def day(value: str) -> str:
    return date.fromisoformat(value).strftime("%d/%m/%Y")


def period_text(report: dict[str, Any], translate: Translate = italian) -> str:
    period = report["period"]
    text = translate(CONTEXT, N_("Report", "dal {start} al {end}"))
    return text.format(start=day(period["from"]), end=day(period["to"]))


def suppression_note(min_count: int | None = DEFAULT_MIN_COUNT, translate: Translate = italian) -> str:
    if min_count is None:
        return translate(CONTEXT, N_("Report", "Conteggi non protetti: questo report contiene valori piccoli e "
                                               "non deve uscire dallo sportello."))
    text = translate(CONTEXT, N_("Report", "Tutela della riservatezza: «{small}» indica da 1 a {below} casi; "
                                           "«{hidden}» un valore non diffuso perché permetterebbe di ricavare un "
                                           "valore minore di {min_count} dai totali."))
    return text.format(small=small_label(min_count), below=min_count - 1, hidden=HIDDEN, min_count=min_count)


def with_scope(report: dict[str, Any], scope: dict[str, Any], min_count: int | None) -> dict[str, Any]:
    """The JSON document: the scope first (network, desks, filters), then the figures."""
    return {"scope": {**scope, "suppressed": min_count is not None, "min_count": min_count}, **report}


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(document: dict[str, Any], translate: Translate = italian) -> str:
    """One row per figure (``sezione;voce;valore``), UTF-8 with BOM and ``;`` for Excel, as the exports."""
    def t(text: str) -> str:
        return translate(CONTEXT, text)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([t(N_("Report", "sezione")), t(N_("Report", "voce")), t(N_("Report", "valore"))])
    scope = document.get("scope", {})
    report = t(N_("Report", "Report"))
    writer.writerow([report, t(N_("Report", "Periodo")), period_text(document, translate)])
    for key, label in (("network", N_("Report", "Rete")), ("desk", N_("Report", "Sportello")),
                       ("filters_text", N_("Report", "Filtri"))):
        if scope.get(key):
            writer.writerow([report, t(label), scope[key]])
    for label, value in headline(document, translate):
        writer.writerow([t(N_("Report", "Indicatori principali")), label, value])
    for table in TABLES:
        for entry in table.items(document, translate):
            writer.writerow([table.heading(translate), entry.label, entry.shown])
    writer.writerow([t(N_("Report", "Note")), t(N_("Report", "Riservatezza")),
                     suppression_note(scope.get("min_count", DEFAULT_MIN_COUNT) if scope.get("suppressed", True)
                                      else None, translate)])
    return "\ufeff" + buffer.getvalue()
