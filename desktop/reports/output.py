"""A report as it leaves the desk: its tables with Italian labels, the JSON for programs and the CSV.

The Italian texts are the source texts; the Qt page translates the same strings through ``tr()``.
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
from desktop.domain.enums import Channel, ProviderKind, RequestStatus, Sex, Urgency, UserArea
from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.reports.charts import Item, item
from desktop.reports.disclosure import DEFAULT_MIN_COUNT, HIDDEN, small_label
from desktop.reports.indicators import NOT_GIVEN

_CATEGORY = {c.code: c.label.split(" (")[0] for c in DEFAULT_CATEGORIES}


def _enum_label(mapping: dict[Any, str], kind: type) -> Callable[[str], str]:
    def label(key: str) -> str:
        try:
            return mapping[kind(key)]
        except ValueError:
            return "Non indicato" if key == NOT_GIVEN else key
    return label


def _plain(key: str) -> str:
    return "Non indicato" if key == NOT_GIVEN else key


def _capitalized(key: str) -> str:
    return _plain(key)[:1].upper() + _plain(key)[1:]


def _month(key: str) -> str:
    names = ("gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic")
    year, month = key.split("-")
    return f"{names[int(month) - 1]} {year}"


@dataclass(frozen=True)
class Table:
    """One table of a report: where its figures are, its Italian title, its labels and its chart."""

    path: tuple[str, ...]
    title: str
    label: Callable[[str], str]
    chart: str = "bar"  # bar | line | funnel
    skip_zero: bool = False  # long tables list only what happened

    def figures(self, report: dict[str, Any]) -> dict[str, Any]:
        node: Any = report
        for key in self.path:
            node = node[key]
        return dict(node)

    def items(self, report: dict[str, Any]) -> list[Item]:
        return [item(self.label(k), v) for k, v in self.figures(report).items()
                if not (self.skip_zero and v == 0) and not (v == 0 and k == NOT_GIVEN)]


TABLES: tuple[Table, ...] = (
    Table(("requests", "by_category"), "Richieste per categoria di bisogno", lambda k: _CATEGORY.get(k, k)),
    Table(("requests", "by_month"), "Richieste per mese", _month, chart="line"),
    Table(("requests", "by_municipality"), "Richieste per comune di residenza", _plain, skip_zero=True),
    Table(("requests", "by_user_area"), "Richieste per area di utenza", _enum_label(labels.USER_AREA, UserArea)),
    Table(("requests", "by_channel"), "Richieste per canale", _enum_label(labels.CHANNEL, Channel)),
    Table(("requests", "by_urgency"), "Richieste per urgenza", _enum_label(labels.URGENCY, Urgency)),
    Table(("requests", "by_status"), "Richieste per stato", _enum_label(labels.REQUEST_STATUS, RequestStatus)),
    Table(("persons", "by_age_band"), "Persone per fascia d'età (anni)", _plain),
    Table(("persons", "by_sex"), "Persone per sesso", _enum_label(labels.SEX, Sex)),
    Table(("referrals", "funnel"), "Percorso degli invii", _capitalized, chart="funnel"),
    Table(("referrals", "by_status"), "Invii per stato attuale", _capitalized),
    Table(("referrals", "by_outcome"), "Invii per esito", _capitalized),
    Table(("referrals", "drop_outs_by_reason"), "Invii interrotti, per motivo", _capitalized),
    Table(("referrals", "by_provider_kind"), "Invii per tipo di ente",
          _enum_label(labels.PROVIDER_KIND, ProviderKind)),
    Table(("referrals", "by_service"), "Invii per servizio", _plain, skip_zero=True),
    Table(("requests", "by_desk"), "Richieste per sportello", _plain, skip_zero=True),
    Table(("persons", "by_desk"), "Persone servite per sportello", _plain, skip_zero=True),
    Table(("referrals", "by_desk"), "Invii per sportello", _plain, skip_zero=True),
    Table(("follow_ups_overdue_by_desk",), "Verifiche scadute a fine periodo, per sportello", _plain, skip_zero=True),
)
BY_PATH = {t.path: t for t in TABLES}


def shown(value: Any) -> str:
    """A figure as printed: integers as they are, days with one decimal, none as a dash."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return str(value)


def headline(report: dict[str, Any]) -> list[tuple[str, str]]:
    """The key figures of a report, labelled."""
    referrals = report["referrals"]
    return [
        ("Persone servite", shown(report["persons_served"])),
        ("di cui nuove", shown(report["new_persons"])),
        ("Richieste", shown(report["requests"]["total"])),
        ("Invii ai servizi", shown(referrals["total"])),
        ("Giorni da «inviato» a «preso in carico», mediana", shown(referrals["median_days_to_taken_in_charge"])),
        ("Giorni da «inviato» a «preso in carico», 90° percentile", shown(referrals["p90_days_to_taken_in_charge"])),
        ("Verifiche scadute a fine periodo", shown(report["follow_ups_overdue"])),
    ]


def day(value: str) -> str:
    return date.fromisoformat(value).strftime("%d/%m/%Y")


def period_text(report: dict[str, Any]) -> str:
    period = report["period"]
    return f"dal {day(period['from'])} al {day(period['to'])}"


def suppression_note(min_count: int | None = DEFAULT_MIN_COUNT) -> str:
    if min_count is None:
        return "Conteggi non protetti: questo report contiene valori piccoli e non deve uscire dallo sportello."
    return (f"Tutela della riservatezza: «{small_label(min_count)}» indica da 1 a {min_count - 1} casi; "
            f"«{HIDDEN}» un valore non diffuso perché permetterebbe di ricavare un valore minore di {min_count} "
            "dai totali.")


def with_scope(report: dict[str, Any], scope: dict[str, Any], min_count: int | None) -> dict[str, Any]:
    """The JSON document: the scope first (network, desks, filters), then the figures."""
    return {"scope": {**scope, "suppressed": min_count is not None, "min_count": min_count}, **report}


def to_json(document: dict[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(document: dict[str, Any]) -> str:
    """One row per figure (``sezione;voce;valore``), UTF-8 with BOM and ``;`` for Excel, as the exports."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["sezione", "voce", "valore"])
    scope = document.get("scope", {})
    writer.writerow(["Report", "Periodo", period_text(document)])
    for key, label in (("network", "Rete"), ("desk", "Sportello"), ("filters_text", "Filtri")):
        if scope.get(key):
            writer.writerow(["Report", label, scope[key]])
    for label, value in headline(document):
        writer.writerow(["Indicatori principali", label, value])
    for table in TABLES:
        for entry in table.items(document):
            writer.writerow([table.title, entry.label, entry.shown])
    writer.writerow(["Note", "Riservatezza", suppression_note(scope.get("min_count", DEFAULT_MIN_COUNT)
                                                             if scope.get("suppressed", True) else None)])
    return "\ufeff" + buffer.getvalue()
