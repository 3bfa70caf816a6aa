"""Translatable texts of the core without Qt: the sources are Italian, the interface translates them.

The core marks a user-visible text where it is written with :func:`N_` (``N_("Report", "Richieste")``
returns the text unchanged; ``make translations`` has lupdate read ``N_`` as ``QT_TRANSLATE_NOOP``, so the
text and its context land in the catalogue). A function that builds what people read takes a
:data:`Translate` (``translate(context, text) -> text``): :func:`italian` by default, the server's and the
command line's language; the window passes ``QCoreApplication.translate``, so the same figures come out
in the operator's language on screen, in the PDF and in the CSV.
"""

from __future__ import annotations

from collections.abc import Callable

Translate = Callable[[str, str], str]


def N_(context: str, text: str) -> str:
    """``text`` as it is: marks it for the catalogue under ``context``."""
    return text


def italian(context: str, text: str) -> str:
    """The source text: Italian."""
    return text
