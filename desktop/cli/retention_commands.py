"""``wpt-desk retention …``: the network's retention period and the persons past it (coordinators).

``report`` lists the persons whose last activity is older than the period (for the coordinator's review;
nothing is erased), ``erase --reason TEXT --confirm [ID …]`` erases them (all those listed, or the ids
given, which must be past retention) in one operation, ``set --years N`` changes the period for the network.
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop.cli.errors import EXIT_OK, CliError
from desktop.messages import plural


def add_parser(commands: Any) -> None:
    retention = commands.add_parser("retention", help="conservazione dei dati: persone oltre il periodo "
                                                      "(coordinatori)")
    what = retention.add_subparsers(dest="retention_command", metavar="AZIONE", required=True)
    report = what.add_parser("report", help="elenca le persone la cui ultima attività è oltre il periodo di "
                                            "conservazione")
    erase = what.add_parser("erase", help="cancella le persone oltre il periodo (dopo averle riviste)")
    for command in (report, erase):
        command.add_argument("--on", default=None, metavar="DATA",
                             help="alla data AAAA-MM-GG (predefinita: oggi), per preparare la revisione")
    erase.add_argument("person_ids", nargs="*", metavar="ID", help="solo queste (predefinito: tutte quelle elencate)")
    erase.add_argument("--reason", required=True, metavar="MOTIVO")
    erase.add_argument("--confirm", action="store_true", help="conferma la cancellazione (senza: non cancella)")
    period = what.add_parser("set", help="cambia il periodo di conservazione per tutta la rete")
    period.add_argument("--years", type=int, required=True, metavar="ANNI")


def run(args: argparse.Namespace) -> int:
    # Imported here: the parser (built at every start, the window's included) needs none of them.
    from desktop.cli.data_commands import open_data_store
    from desktop.domain.roles import Role
    from desktop.operations.authorization import require
    from desktop.operations.retention import erase_past_retention, set_retention_years
    from desktop.queries.retention import persons_past_retention, retention_report, retention_years

    with open_data_store(args) as store:
        if args.retention_command == "set":
            set_retention_years(store, args.years)
            print(f"Periodo di conservazione: {plural(args.years, 'anno', 'anni')} dall'ultima attività, per tutta "
                  "la rete (gli altri sportelli lo ricevono alla prossima sincronizzazione).")
            return EXIT_OK
        require(store, Role.COORDINATOR)
        day = _day(args.on)
        if args.retention_command == "erase" and day is not None and day > date.today():
            raise CliError("Si cancellano solo le persone oltre il periodo oggi: --on non può essere una data "
                           "futura. Nulla è stato cancellato.")
        years = retention_years(store)
        if args.retention_command == "report":
            past = retention_report(store, day)
            print(f"Periodo di conservazione: {plural(years, 'anno', 'anni')} dall'ultima attività. "
                  f"Persone oltre il periodo: {len(past)}.")
            for p in past:
                print(f"{p.person_id}  {p.last_activity}  {p.last_name} {p.first_name}"
                      + (f"  {p.birth_date}" if p.birth_date else ""))
            return EXIT_OK
        past = persons_past_retention(store, day)
        listed = {p.person_id for p in past}
        chosen = list(dict.fromkeys(args.person_ids)) or [p.person_id for p in past]
        if not chosen:
            print("Nessuna persona è oltre il periodo di conservazione.")
            return EXIT_OK
        if unknown := [i for i in chosen if i not in listed]:
            raise CliError(f"La persona {unknown[0]} non è oltre il periodo di conservazione: nulla è stato "
                           "cancellato.")
        if not args.confirm:
            would = plural(len(chosen), "persona sarebbe cancellata: ripetere con --confirm dopo averla rivista",
                           "persone sarebbero cancellate: ripetere con --confirm dopo averle riviste")
            raise CliError(f"{would} con «wpt-desk retention report». Nulla è stato cancellato.")
        erase_past_retention(store, chosen, args.reason)
        print(f"{plural(len(chosen), 'persona cancellata', 'persone cancellate')} da questo sportello; la "
              "cancellazione raggiungerà il server e gli altri sportelli alla prossima sincronizzazione.")
    return EXIT_OK


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"«{text}» non è una data (AAAA-MM-GG).") from None
