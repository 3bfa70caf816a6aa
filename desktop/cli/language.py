"""The command line's language: Italian (IT staff scripts read its messages), English when the
environment asks for it (``LC_ALL``, else ``LC_MESSAGES``, else ``LANG``, as POSIX orders them) and a
catalogue of the interface exists for it.

What follows the language so far: the documents the commands write (the report's PDF and CSV, the
referral slip, the access export's PDF) and the report's and the slip's own lines; the other messages
and the errors stay Italian.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from desktop.cli.errors import CliError
from desktop.cli.ui_hook import ui_translator
from desktop.translation import N_, Translate, italian

SOURCE = "it"
_SHIPPED = ("en",)


def cli_language(environ: Mapping[str, str] | None = None) -> str:
    """``"en"`` when the environment's language for messages is English, else ``"it"``."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return code if code in _SHIPPED else SOURCE
    return SOURCE


def cli_translate(language: str | None = None) -> Translate:
    """The translate function of ``language`` (the environment's by default): the interface's catalogue,
    Italian when it is Italian or no catalogue can be read here."""
    language = language or cli_language()
    if language == SOURCE:
        return italian
    try:
        return ui_translator(language) or italian
    except CliError:  # no Qt on this system: the documents stay Italian
        return italian


def say(translate: Translate, text: str, **values: object) -> str:
    """A line of the command line (context "Cli") in the language of ``translate``."""
    return translate("Cli", text).format(**values)


# Lines printed by the commands that follow the language.
SLIP_WRITTEN = N_("Cli", "Scheda di invio scritta: {path}")
ACCESS_EXPORT_WRITTEN = N_("Cli", "Dati della persona esportati: {pdf} e {json}.")
ALL_DESKS = N_("Cli", "tutti gli sportelli")
MUNICIPALITY_FILTER = N_("Cli", "comune di residenza {name}")
CATEGORY_FILTER = N_("Cli", "categoria {code}")
