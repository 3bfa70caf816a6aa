"""``wpt-server gdpr report``: the register of processing's summary (GDPR art. 30 and 5(2)) of a period.

Per network and per desk: how many access exports (art. 15), restrictions set and lifted (art. 18),
objections (art. 21), erasures (art. 17), consents given and withdrawn (art. 7) the desks' access logs
recorded; then each erasure of the period (the person's id, never their data) with the desks of the
network that have synced since the server applied it, and those that have not yet. It reads the access
log the server keeps for 24 months (ids only), so erased persons are counted too.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sync import audit
from sync.server.engine import ServerError
from sync.server.storage import SQLiteStorage

# (label, test on an access log entry) in the order printed.
_KINDS: tuple[tuple[str, Any], ...] = (
    ("esportazioni per l'interessato (art. 15)", lambda e: e.action == audit.EXPORT and e.person_id != ""),
    ("limitazioni (art. 18)", lambda e: e.action == audit.UPDATE and e.record_kind == "restriction"),
    ("limitazioni tolte", lambda e: e.action == audit.UPDATE and e.record_kind == "restriction_lifted"),
    ("opposizioni (art. 21)", lambda e: e.action == audit.UPDATE and e.record_kind == "objection"),
    ("decisioni sulle opposizioni", lambda e: e.action == audit.UPDATE and e.record_kind == "objection_decision"),
    ("cancellazioni (art. 17)", lambda e: e.action == audit.ERASE),
    ("consensi dati", lambda e: e.action == audit.CREATE and e.record_kind == "consent"),
    ("consensi revocati", lambda e: e.action == audit.UPDATE and e.record_kind == "consent"),
)
KIND_LABELS = tuple(label for label, _ in _KINDS)


@dataclass
class ErasureReach:
    person_id: str
    erased_at: str
    applied_at: str  # when the server received and applied it
    reached: list[str] = field(default_factory=list)  # desks that synced after it
    pending: list[str] = field(default_factory=list)


@dataclass
class NetworkSummary:
    network: str
    by_desk: dict[str, Counter[str]] = field(default_factory=dict)
    erasures: list[ErasureReach] = field(default_factory=list)

    def total(self, label: str) -> int:
        return sum(c[label] for c in self.by_desk.values())


def add_parser(command: Any, commands: Any) -> None:
    """``command(name, help)`` makes a subcommand with ``--data-dir``; ``gdpr`` has its own actions."""
    gdpr = commands.add_parser("gdpr", help="diritti degli interessati: riepilogo per il registro dei trattamenti")
    what = gdpr.add_subparsers(dest="gdpr_command", metavar="AZIONE", required=True)
    report = what.add_parser("report", help="per rete e sportello: esportazioni, limitazioni, opposizioni, "
                                            "cancellazioni, consensi di un periodo; dove sono arrivate le "
                                            "cancellazioni")
    report.add_argument("--data-dir", type=Path, required=True, help="cartella dei dati del server")
    report.add_argument("--network", default=None, help="solo questa rete (predefinito: tutte)")
    report.add_argument("--since", default=None, metavar="DATA", help="dal giorno AAAA-MM-GG (predefinito: un anno fa)")
    report.add_argument("--until", default=None, metavar="DATA", help="fino al giorno AAAA-MM-GG incluso (oggi)")
    del command  # the same signature as the other server modules' add_parser


def _day(text: str | None, default: date) -> date:
    if text is None:
        return default
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ServerError("invalid", f"Data non valida «{text}»: usare AAAA-MM-GG.") from None


def summarize(storage: SQLiteStorage, since: date, until: date, network: str | None = None) -> list[NetworkSummary]:
    """The summary of ``[since, until]`` per network (only ``network`` if given)."""
    start, end = since.isoformat(), (until + timedelta(days=1)).isoformat()
    desks = [d for d in storage.list_desks() if network is None or d.network == network]
    summaries = {n: NetworkSummary(n) for n in sorted({d.network for d in desks})}
    for summary in summaries.values():
        summary.by_desk = {d.name: Counter() for d in desks if d.network == summary.network}
    for record in storage.audit_entries(since=start):
        entry = record.entry
        if entry.at >= end or record.network not in summaries:
            continue
        counts = summaries[record.network].by_desk.setdefault(record.desk_name, Counter())
        for label, test in _KINDS:
            if test(entry):
                counts[label] += 1
    last_sync = storage.last_sync_by_desk()
    for network_name, person_id, erased_at, applied_at in storage.erasure_changes():
        if network_name not in summaries or not start <= erased_at < end:
            continue
        reach = ErasureReach(person_id, erased_at, applied_at)
        for desk in (d for d in desks if d.network == network_name):
            synced = last_sync.get(desk.id)
            (reach.reached if synced and synced >= reach.applied_at else reach.pending).append(desk.name)
        summaries[network_name].erasures.append(reach)
    return list(summaries.values())


def run(args: argparse.Namespace) -> int:
    until = _day(args.until, date.today())
    since = _day(args.since, until - timedelta(days=365))
    if since > until:
        raise ServerError("invalid", "Il periodo non è valido: --since viene dopo --until.")
    storage = SQLiteStorage(args.data_dir)
    try:
        known = sorted({d.network for d in storage.list_desks()})
        if args.network is not None and args.network not in known:
            raise ServerError("unknown_network",
                              f"Rete sconosciuta: «{args.network}» (reti: {', '.join(known) or 'nessuna'}).")
        summaries = summarize(storage, since, until, args.network)
    finally:
        storage.close()
    print(f"Diritti degli interessati dal {since.isoformat()} al {until.isoformat()}")
    for summary in summaries:
        print(f"\nRete {summary.network}")
        for label in KIND_LABELS:
            print(f"  {label}: {summary.total(label)}"
                  + "".join(f"; {desk} {counts[label]}" for desk, counts in sorted(summary.by_desk.items())
                            if counts[label]))
        for reach in summary.erasures:
            print(f"  cancellazione della persona {reach.person_id} del {reach.erased_at[:10]}: arrivata a "
                  f"{', '.join(reach.reached) or 'nessuno sportello'}"
                  + (f"; in attesa: {', '.join(reach.pending)}" if reach.pending else ""))
    return 0
