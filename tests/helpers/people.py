"""Valid codici fiscali computed with python-codicefiscale, never typed by hand."""

from __future__ import annotations

from datetime import date

from desktop.domain.enums import Sex
from desktop.domain.fiscal_code import encode


def fiscal_code(last: str, first: str, sex: str, born: date, birthplace: str = "L219") -> str:
    return encode(last, first, Sex(sex), born, birthplace)


def wrong_check_character(code: str) -> str:
    """The same code with a different (so wrong) final check character."""
    return code[:15] + ("A" if code[15] != "A" else "B")
