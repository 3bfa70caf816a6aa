"""``wpt-desk person …``: the citizen's rights from the command line (IT and coordinators).

``access-export ID --out DIR`` (art. 15 and 20), ``erase ID --reason TEXT`` (art. 17), ``restrict ID`` and
``unrestrict ID`` (art. 18), ``consent ID --purpose P [--method M]`` and ``withdraw-consent ID --purpose P``,
``object ID`` and ``decide-objection ID --uphold|--reject --reason TEXT`` (art. 21).
Each calls the same operation as the app, which checks the operator's role; nothing printed names the person.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desktop.cli.errors import EXIT_OK
from desktop.domain.enums import ConsentMethod, ConsentPurpose


def add_parser(commands: Any) -> None:
    person = commands.add_parser("person", help="diritti dell'interessato: accesso, cancellazione, limitazione, "
                                                "consensi")
    what = person.add_subparsers(dest="person_command", metavar="AZIONE", required=True)
    export = what.add_parser("access-export", help="PDF e JSON di tutti i dati della persona (art. 15 e 20 GDPR)")
    export.add_argument("person_id", metavar="ID")
    export.add_argument("--out", type=Path, required=True, metavar="CARTELLA")
    erase = what.add_parser("erase", help="cancella la persona su ogni sportello e sul server (art. 17 GDPR)")
    erase.add_argument("person_id", metavar="ID")
    erase.add_argument("--reason", required=True, metavar="MOTIVO", help="senza nomi né dati della persona")
    what.add_parser("restrict", help="limita il trattamento (art. 18 GDPR)").add_argument("person_id", metavar="ID")
    what.add_parser("unrestrict", help="toglie la limitazione").add_argument("person_id", metavar="ID")
    consent = what.add_parser("consent", help="registra un consenso a un uso facoltativo")
    consent.add_argument("person_id", metavar="ID")
    consent.add_argument("--purpose", required=True, choices=[p.value for p in ConsentPurpose])
    consent.add_argument("--method", default=ConsentMethod.WRITTEN.value, choices=[m.value for m in ConsentMethod])
    withdraw = what.add_parser("withdraw-consent", help="registra la revoca di un consenso (vale subito)")
    withdraw.add_argument("person_id", metavar="ID")
    withdraw.add_argument("--purpose", required=True, choices=[p.value for p in ConsentPurpose])
    what.add_parser("object", help="registra l'opposizione al trattamento (art. 21 GDPR): la scheda è limitata "
                                   "e i consensi revocati").add_argument("person_id", metavar="ID")
    decide = what.add_parser("decide-objection", help="decisione del coordinatore sull'opposizione")
    decide.add_argument("person_id", metavar="ID")
    outcome = decide.add_mutually_exclusive_group(required=True)
    outcome.add_argument("--uphold", action="store_true", help="accolta: la persona è cancellata (art. 17)")
    outcome.add_argument("--reject", action="store_true", help="respinta per motivi legittimi cogenti")
    decide.add_argument("--reason", required=True, metavar="MOTIVO", help="senza nomi né dati della persona")


def run(args: argparse.Namespace) -> int:
    from desktop.cli.data_commands import open_data_store
    from desktop.operations import rights

    command, person_id = args.person_command, args.person_id
    with open_data_store(args) as store:
        if command == "access-export":
            from desktop.cli.language import ACCESS_EXPORT_WRITTEN, cli_translate, say
            from desktop.services.access_export import write_access_export

            translate = cli_translate()
            written = write_access_export(store, person_id, args.out, translate)
            print(say(translate, ACCESS_EXPORT_WRITTEN, pdf=written.pdf, json=written.json))
        elif command == "erase":
            rights.erase_person(store, person_id, args.reason)
            print(f"Persona {person_id} cancellata da questo sportello; la cancellazione raggiungerà il server e gli "
                  "altri sportelli alla prossima sincronizzazione.")
        elif command in ("restrict", "unrestrict"):
            rights.set_restriction(store, person_id, command == "restrict")
            print(f"Persona {person_id}: trattamento {'limitato' if command == 'restrict' else 'non più limitato'}.")
        elif command == "consent":
            rights.record_consent(store, person_id, ConsentPurpose(args.purpose), method=ConsentMethod(args.method))
            print(f"Persona {person_id}: consenso «{args.purpose}» registrato.")
        elif command == "withdraw-consent":
            rights.withdraw_consent(store, person_id, ConsentPurpose(args.purpose))
            print(f"Persona {person_id}: consenso «{args.purpose}» revocato.")
        elif command == "object":
            rights.object_to_processing(store, person_id)
            print(f"Persona {person_id}: opposizione registrata; la scheda è limitata finché un coordinatore non "
                  "decide.")
        else:
            rights.decide_objection(store, person_id, args.uphold, args.reason)
            print(f"Persona {person_id}: opposizione {'accolta, persona cancellata' if args.uphold else 'respinta'}.")
    return EXIT_OK
