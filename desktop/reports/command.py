"""What ``wpt-desk report`` and ``wpt-server report`` share: their options and how a report is written."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from desktop.reports.disclosure import DEFAULT_MIN_COUNT
from desktop.translation import Translate, italian

FORMATS = ("json", "csv", "pdf")


class ReportArgumentError(ValueError):
    """Options that do not make a report (the sentence says which)."""


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--from", dest="start", required=True, metavar="DATA", help="primo giorno (AAAA-MM-GG)")
    parser.add_argument("--to", dest="end", required=True, metavar="DATA", help="ultimo giorno (AAAA-MM-GG)")
    parser.add_argument("--format", choices=FORMATS, default="json")
    parser.add_argument("--out", type=Path, default=None, help="file da scrivere (predefinito: standard output; "
                        "per pdf obbligatorio)")
    parser.add_argument("--no-suppress", action="store_true",
                        help="solo json: conteggi esatti anche sotto la soglia (da non diffondere)")
    parser.add_argument("--min-count", type=int, default=DEFAULT_MIN_COUNT, metavar="N",
                        help=f"conteggi sotto N mostrati come «<N» (predefinito {DEFAULT_MIN_COUNT})")


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportArgumentError(f"Data non valida per {option}: «{text}» (usare AAAA-MM-GG).") from None


def period_and_threshold(args: argparse.Namespace) -> tuple[date, date, int | None]:
    """The period and the threshold (None: raw counts) the options ask for, checked."""
    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    if end < start:
        raise ReportArgumentError("La data di --to precede quella di --from.")
    if args.no_suppress and args.format != "json":
        raise ReportArgumentError("--no-suppress vale solo per --format json: PDF e CSV escono sempre protetti.")
    if args.min_count < 2:
        raise ReportArgumentError("--min-count deve essere almeno 2.")
    if args.format == "pdf" and args.out is None:
        raise ReportArgumentError("Per --format pdf indicare il file con --out.")
    return start, end, None if args.no_suppress else args.min_count


def write_report(document: dict[str, Any], fmt: str, out: Path | None, title: str,
                 translate: Translate = italian) -> None:
    """Write the document in ``fmt`` to ``out`` (aside, then renamed) or to standard output; the PDF's and
    the CSV's texts (``title`` an Italian source text) through ``translate``."""
    # Imported here: the command line's options need none of them, and the window's start builds those options.
    from desktop.reports.output import to_csv, to_json
    from desktop.reports.pdf import report_pdf

    data: bytes = (report_pdf(document, translate("Report", title), translate) if fmt == "pdf" else
                   (to_csv(document, translate) if fmt == "csv" else to_json(document)).encode("utf-8"))
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    partial = out.with_name(out.name + ".partial")
    partial.write_bytes(data)
    partial.replace(out)
