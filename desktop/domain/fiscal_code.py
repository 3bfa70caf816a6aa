"""Codice fiscale rules: format, check character, omocodia, and the decoded birth data.

Validation and decoding are python-codicefiscale's; this module turns them into the domain's terms and
into one clear Italian sentence when something is wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from codicefiscale import codicefiscale as _cf

from desktop.domain.enums import Sex

_SHAPE = re.compile(r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$")


class FiscalCodeError(ValueError):
    """A codice fiscale that is malformed or contradicts the other data; the message is for users."""


@dataclass(frozen=True, slots=True)
class DecodedFiscalCode:
    code: str
    birth_date: date
    sex: Sex
    birthplace_code: str
    birthplace_name: str


def normalize(raw: str) -> str:
    return re.sub(r"[\s\-.]", "", raw).upper()


def decode(raw: str) -> DecodedFiscalCode:
    """Validate a codice fiscale and return what it encodes.

    Raises:
        FiscalCodeError: with the reason (length, format, check character, impossible date).
    """
    return _decode(normalize(raw))


@lru_cache(maxsize=8192)
def _decode(code: str) -> DecodedFiscalCode:
    # The library's decode computes every omocodia variant (milliseconds each); records are validated
    # again on every read, so the answer for a code is remembered.
    if len(code) != 16:
        raise FiscalCodeError(f"il codice fiscale deve avere 16 caratteri (ne ha {len(code)})")
    if not _SHAPE.match(code):
        raise FiscalCodeError("il codice fiscale non ha il formato corretto")
    if _cf.encode_cin(code[:15]) != code[15]:
        raise FiscalCodeError("il carattere di controllo del codice fiscale è errato")
    try:
        data = _cf.decode(code)
    except ValueError:
        raise FiscalCodeError("il codice fiscale contiene una data di nascita o un comune inesistente") from None
    place = data.get("birthplace") or {}
    return DecodedFiscalCode(
        code=code,
        birth_date=data["birthdate"].date(),
        sex=Sex(data["gender"]),
        birthplace_code=place.get("code") or code[11:15],
        birthplace_name=place.get("name", ""),
    )


def check_consistent(decoded: DecodedFiscalCode, birth_date: date | None, sex: Sex | None) -> None:
    """Raise FiscalCodeError if the given birth date or sex contradict the codice fiscale.

    The code holds only two digits of the year: a centenarian born in 1925 has the code of someone
    born in 2025, so a date a whole number of centuries away is not a contradiction.
    """
    if birth_date is not None and (
        (birth_date.month, birth_date.day, birth_date.year % 100)
        != (decoded.birth_date.month, decoded.birth_date.day, decoded.birth_date.year % 100)
    ):
        raise FiscalCodeError(
            "la data di nascita non corrisponde al codice fiscale "
            f"({decoded.birth_date.strftime('%d/%m/%Y')} secondo il codice)"
        )
    if sex is not None and sex != decoded.sex:
        raise FiscalCodeError("il sesso non corrisponde al codice fiscale")


def names_mismatch(code: str, last_name: str, first_name: str) -> str:
    """Why the surname and name do not fit the codice fiscale ('' when they do, or when one is missing).

    The first six letters of a code come from the consonants and vowels of surname and name; omocodia
    never changes them. A mismatch is usually a typo in the code or in the names — or a code issued with
    an error, which is why callers warn (the form) or report (the import) rather than forbid.
    """
    code, last_name, first_name = normalize(code), last_name.strip(), first_name.strip()
    if len(code) < 6 or not last_name or not first_name:
        return ""
    expected = f"{_cf.encode_lastname(last_name)}{_cf.encode_firstname(first_name)}"
    if expected == code[:6]:
        return ""
    return (f"cognome e nome non corrispondono al codice fiscale (il codice ha «{code[:3]} {code[3:6]}», "
            f"i nomi scritti danno «{expected[:3]} {expected[3:]}»)")


def encode(last_name: str, first_name: str, sex: Sex, birth_date: date, birthplace: str) -> str:
    """Compute the codice fiscale (used to make valid sample data).

    Args:
        birthplace: the cadastral code of the birthplace (names can be ambiguous to the library).
    """
    return str(
        _cf.encode(
            lastname=last_name,
            firstname=first_name,
            gender=sex.value,
            birthdate=birth_date.strftime("%d/%m/%Y"),
            birthplace=birthplace,
        )
    )
