"""Codice fiscale rules: format, check character, omocodia, and the decoded birth data.

The check character, the name letters and the municipality data (cadastral codes with the dates each
was in force) are python-codicefiscale's; this module turns them into the domain's terms and into one
clear Italian sentence when something is wrong. Decoding follows the library's ``decode`` step by step
(the same century guess, the same retry a century earlier, the same choice among municipalities that
shared a code) but without computing the 128 omocodia variants of every code, which cost milliseconds
(``tests/desktop/domain/test_fiscal_code.py`` checks both give the same answers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import Any

from codicefiscale import codicefiscale as _cf
from codicefiscale import data as _cf_data

from desktop.domain.enums import Sex
from desktop.paths import bundle_dir

_BUNDLE = bundle_dir()
if _BUNDLE is not None:
    # Frozen, the library looks for its data beside the executable; build.spec collects it in the bundle.
    # Set here, where the library is first imported, so the first window's start does not import it.
    _LIBRARY_DATA = str(_BUNDLE / "codicefiscale")
    _cf_data.get_data_basedir = lambda: _LIBRARY_DATA

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


_SEPARATORS = re.compile(r"[\s\-.]")  # compiled once: an import normalizes each row's code three times


def normalize(raw: str) -> str:
    return _SEPARATORS.sub("", raw).upper()


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
    decoded = _birth_data(code)
    if decoded is None:
        raise FiscalCodeError("il codice fiscale contiene una data di nascita o un comune inesistente")
    birth, sex, place = decoded
    return DecodedFiscalCode(
        code=code,
        birth_date=birth.date(),
        sex=sex,
        birthplace_code=place.get("code") or code[11:15],
        birthplace_name=place.get("name", ""),
    )


_DIGITS = str.maketrans("LMNPQRSTUV", "0123456789")  # omocodia letters back to their digits
_MONTHS = "ABCDEHLMPRST"


def _birth_data(code: str) -> tuple[datetime, Sex, dict[str, Any]] | None:
    """Birth date, sex and birthplace of a well-formed code, as the library's ``decode`` finds them
    (None where it raises): the year in this century unless that is in the future, else a century
    earlier, and a century earlier again when the date or the birthplace does not exist."""
    year = int(code[6:8].translate(_DIGITS))
    month = _MONTHS.index(code[8]) + 1
    day = int(code[9:11].translate(_DIGITS))
    sex = Sex.MALE
    if day > 40:
        day, sex = day - 40, Sex.FEMALE
    this_year = datetime.now().year
    year += this_year // 100 * 100
    if year > this_year:
        year -= 100
    place_code = code[11] + code[12:15].translate(_DIGITS)
    for candidate in (year, year - 100):
        try:
            birth = datetime(candidate, month, day)
        except ValueError:
            continue
        place = _birthplace(place_code, birth)
        if place is not None:
            return birth, sex, place
    return None


@lru_cache(maxsize=4096)
def _options(place_code: str) -> tuple[tuple[dict[str, Any], datetime | None, datetime | None], ...]:
    """The municipalities and countries that had a cadastral code, each with its dates in force."""
    data = _cf._get_data()
    options = data["codes"].get(place_code) or ()
    return tuple((o, _date(o["date_created"]), _date(o["date_deleted"])) for o in options)


@lru_cache(maxsize=4096)
def _date(text: str | None) -> datetime | None:
    return _cf._get_date(text)


def _birthplace(place_code: str, birth: datetime) -> dict[str, Any] | None:
    """The library's ``_get_birthplace`` for a code and a date, on dates parsed once per code."""
    options = _options(place_code)
    if not options:
        return None
    for option, created, deleted in options:
        if (created or datetime.min) <= birth <= (deleted or datetime.max):
            return option
    # The library's fallbacks, in its order: a birth date between a code's deletion and its next
    # creation, then the first creation after the birth date.
    for (option, created, deleted), (following, next_created, _) in pairwise(options):
        if deleted and next_created and birth >= deleted and deleted <= next_created:
            if created and deleted and deleted - created <= timedelta(days=1):
                return option
            return following
    for option, created, _ in options:
        if created and birth <= created:
            return option
    return None


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
    expected = f"{_surname_letters(last_name)}{_name_letters(first_name)}"
    if expected == code[:6]:
        return ""
    return (f"cognome e nome non corrispondono al codice fiscale (il codice ha «{code[:3]} {code[3:6]}», "
            f"i nomi scritti danno «{expected[:3]} {expected[3:]}»)")


# The library's letters of a surname and of a name (it folds accents with slugify: tens of microseconds
# each); an import checks a code against its names on every row, and names repeat.
_surname_letters = lru_cache(maxsize=8192)(_cf.encode_lastname)
_name_letters = lru_cache(maxsize=8192)(_cf.encode_firstname)


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
