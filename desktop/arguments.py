"""An ``argparse`` parser that speaks Italian, for ``wpt-desk`` and ``wpt-server``.

argparse takes every message it prints through ``gettext`` (``argparse._`` and ``argparse.ngettext``);
:func:`italian` is that lookup with an Italian catalog of the messages a user can meet. Argument errors
are one line on stderr (``PROG: argomenti non validi: …``) and exit status 2, as argparse's own.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import NoReturn

EXIT_USAGE = 2

_CATALOG = {
    "usage: ": "uso: ",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "optional arguments": "opzioni",
    "subcommands": "comandi",
    "show this help message and exit": "mostra questo aiuto ed esce",
    "show program's version number and exit": "mostra la versione ed esce",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "the following arguments are required: %s": "mancano gli argomenti obbligatori: %s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "scelta non valida: %(value)r (possibili: %(choices)s)",
    "invalid %(type)s value: %(value)r": "valore non valido (%(type)s): %(value)r",
    "expected one argument": "manca il valore",
    "expected at most one argument": "al massimo un valore",
    "expected at least one argument": "almeno un valore",
    "expected %s argument": "%s valore atteso",
    "expected %s arguments": "%s valori attesi",
    "not allowed with argument %s": "non si può usare insieme a %s",
    "one of the arguments %s is required": "serve uno tra %s",
    "ignored explicit argument %r": "valore non previsto: %r",
    "ambiguous option: %(option)s could match %(matches)s": "opzione ambigua: %(option)s può essere %(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "comando sconosciuto %(parser_name)r (possibili: "
                                                             "%(choices)s)",
    "can't open '%(filename)s': %(error)s": "non si può aprire «%(filename)s»: %(error)s",
    "unexpected option string: %s": "opzione non prevista: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
}
# What ``invalid %(type)s value`` names: the converter's name, said as what was expected.
_TYPES = {"int": "serve un numero intero", "float": "serve un numero", "Path": "serve un percorso"}


def italian(message: str) -> str:
    """argparse's gettext: the Italian text of one of its messages (the message itself if unknown)."""
    return _CATALOG.get(message, message)


def _italian_plural(singular: str, plural: str, n: int) -> str:
    return italian(singular if n == 1 else plural)


class ItalianArgumentParser(argparse.ArgumentParser):
    """argparse in Italian: help, usage and errors; an error is one line and exit status 2."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        # argparse looks its messages up when it prints them: from now on in Italian, for every parser.
        argparse._ = italian  # type: ignore[attr-defined]
        argparse.ngettext = _italian_plural  # type: ignore[attr-defined]
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def error(self, message: str) -> NoReturn:
        for name, said in _TYPES.items():
            message = message.replace(f"valore non valido ({name})", f"valore non valido ({said})")
        prog = self.prog.split(" ")[0]
        self.exit(EXIT_USAGE, f"{prog}: argomenti non validi: {message} (vedere: {self.prog} --help).\n")


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argument's type: a whole number written in digits, from ``low`` to ``high`` (an hour of work
    asked by mistake, or an overflow deeper down, is refused before anything runs)."""

    def parse(text: str) -> int:
        stripped = text.strip()
        digits = stripped[1:] if stripped[:1] in "+-" else stripped
        if not digits.isascii() or not digits.isdigit() or len(digits) > 12:
            raise argparse.ArgumentTypeError(f"serve un numero intero da {low} a {high}, non «{text[:40]}»")
        value = int(stripped)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"serve un numero intero da {low} a {high}, non {value}")
        return value

    return parse
