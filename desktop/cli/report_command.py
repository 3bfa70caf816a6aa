"""``wpt-desk report``: the indicators of a period on this desk (or every desk whose records it holds)."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop.cli.errors import EXIT_OK, CliError
from desktop.reports.command import ReportArgumentError, add_report_arguments, period_and_threshold, write_report
from desktop.translation import N_


def add_parser(commands: Any) -> None:
    parser = commands.add_parser("report", help="indicatori di un periodo (json, csv o pdf per i finanziatori)")
    add_report_arguments(parser)
    parser.add_argument("--all-desks", action="store_true",
                        help="tutti gli sportelli della rete presenti in questo database (predefinito: questo)")
    parser.add_argument("--municipality", default=None, help="solo chi risiede in questo comune")
    parser.add_argument("--category", default=None, help="solo questa categoria di bisogno (codice, es. DIG)")


def run(args: argparse.Namespace) -> int:
    from desktop.cli.data_commands import open_data_store
    from desktop.cli.language import ALL_DESKS, CATEGORY_FILTER, MUNICIPALITY_FILTER, cli_translate, say
    from desktop.queries.report import report
    from desktop.reference import municipalities
    from desktop.reference.categories import CATEGORY_CODES
    from desktop.reports.output import with_scope

    try:
        start, end, min_count = period_and_threshold(args)
    except ReportArgumentError as exc:
        raise CliError(str(exc)) from None
    municipality = None
    if args.municipality:
        found = municipalities.lookup(args.municipality)
        if found is None:
            raise CliError(f"Comune sconosciuto: «{args.municipality}».")
        municipality = found.code
    category = args.category.strip().upper() if args.category else None
    if category and category not in CATEGORY_CODES:
        raise CliError(f"Categoria sconosciuta: «{args.category}» (una di {', '.join(sorted(CATEGORY_CODES))}).")
    with open_data_store(args) as store:
        desk = store.desk()
        figures = report(store, start, end, desk_ids=None if args.all_desks else [store.desk_id],
                         municipality_code=municipality, category=category, min_count=min_count)
    translate = cli_translate()  # the PDF and the CSV in the environment's language (JSON: for programs)
    filters = [say(translate, MUNICIPALITY_FILTER, name=municipalities.name_of(municipality)) if municipality else "",
               say(translate, CATEGORY_FILTER, code=category) if category else ""]
    scope = {"desk": say(translate, ALL_DESKS) if args.all_desks else desk.name,
             "filters_text": ", ".join(f for f in filters if f), "generated_on": date.today().isoformat()}
    write_report(with_scope(figures, scope, min_count), args.format, args.out,
                 N_("Report", "Report dello sportello WPT"), translate)
    return EXIT_OK
