"""``wpt-desk slip REFERRAL_ID --out FILE.pdf``: the referral slip again, as the app saves it.

The slip is laid out by the interface's Qt code (through the one lazy hook, :mod:`.ui_hook`), so the
paper is the same whichever way it was printed, in the command line's language (:mod:`.language`).
Nothing printed names the person.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from desktop.cli.data_commands import open_data_store
from desktop.cli.errors import EXIT_OK, CliError
from desktop.cli.language import SLIP_WRITTEN, cli_language, cli_translate, say
from desktop.cli.ui_hook import ui_entry
from desktop.domain.models import Referral
from desktop.messages import os_reason
from desktop.operations.errors import REFERRAL_NOT_FOUND, NotFoundError


def _check_target(out: Path) -> None:
    folder = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise CliError(f"{out} è una cartella: indicare con --out il file PDF da scrivere.")
    if not folder.is_dir():
        raise CliError(f"La cartella {folder} non esiste: indicare con --out un file in una cartella esistente.")
    if not os.access(folder, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise CliError(f"Non si può scrivere in {out}: permesso negato. Indicare un'altra cartella.")


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    _check_target(out)
    with open_data_store(args) as store:
        referral = store.get(Referral, args.referral_id)
        if referral is None or referral.deleted:
            raise NotFoundError(REFERRAL_NOT_FOUND)
        try:
            language = cli_language()
            written = ui_entry().write_slip(store, referral.id, out, language)
        except OSError as exc:
            raise CliError(f"Non si può scrivere in {out}: {os_reason(exc)}. Indicare un'altra cartella.") \
                from exc
    print(say(cli_translate(language), SLIP_WRITTEN, path=written))
    return EXIT_OK
