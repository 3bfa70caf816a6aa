from __future__ import annotations

from datetime import date

import pytest
from codicefiscale import codicefiscale as library
from pydantic import ValidationError

from desktop.domain.fiscal_code import FiscalCodeError, decode
from desktop.domain.models import Person
from desktop.reference import municipalities
from tests.helpers.people import fiscal_code, wrong_check_character

BORN = date(1948, 3, 12)
CERES = municipalities.lookup("Ceres")
assert CERES is not None
CODE = fiscal_code("Giachino", "Teresa", "F", BORN, CERES.code)


def test_decode_gives_birth_date_sex_and_birthplace() -> None:
    decoded = decode(CODE.lower())
    assert decoded.birth_date == BORN
    assert decoded.sex == "F"
    assert decoded.birthplace_name == "Ceres"


def test_wrong_check_character_is_refused_with_reason() -> None:
    with pytest.raises(FiscalCodeError, match="carattere di controllo"):
        decode(wrong_check_character(CODE))


@pytest.mark.parametrize("bad", ["", "ABC", CODE[:-1], CODE + "X", "1" * 16, CODE[:8] + "Z" + CODE[9:]])
def test_malformed_codes_are_refused(bad: str) -> None:
    with pytest.raises(FiscalCodeError):
        decode(bad)


def test_omocodia_variants_are_valid_and_decode_to_the_same_person() -> None:
    variants = library.decode(CODE)["omocodes"]
    assert len(variants) > 1
    for variant in variants[1:6]:
        decoded = decode(variant)
        assert decoded.birth_date == BORN and decoded.sex == "F"


def test_person_fills_birth_data_from_code() -> None:
    person = Person(last_name="Giachino", first_name="Teresa", fiscal_code=f" {CODE[:8]} {CODE[8:]} ")
    assert person.fiscal_code == CODE
    assert person.birth_date == BORN
    assert person.sex == "F"
    assert person.birthplace_code == library.decode(CODE)["birthplace"]["code"]


def test_code_contradicting_birth_date_or_sex_is_an_error() -> None:
    with pytest.raises(ValidationError, match="data di nascita"):
        Person(last_name="Giachino", first_name="Teresa", fiscal_code=CODE, birth_date=date(1948, 3, 13))
    with pytest.raises(ValidationError, match="sesso"):
        Person(last_name="Giachino", first_name="Teresa", fiscal_code=CODE, sex="M")


def test_person_without_code_is_allowed() -> None:
    person = Person(last_name="El Amrani", first_name="Youssef")
    assert person.fiscal_code is None and person.birth_date is None


def test_centenarian_birth_year_a_century_before_the_code_is_accepted() -> None:
    born = date(date.today().year - 101, 1, 15)  # the code's two-digit year reads as this century
    code = fiscal_code("Rosso", "Secondo", "M", born)
    person = Person(last_name="Rosso", first_name="Secondo", fiscal_code=code, birth_date=born)
    assert person.birth_date == born


def _library_answer(code: str) -> tuple[date, str, str] | str:
    try:
        data = library.decode(code)
    except ValueError:
        return "refused"
    return data["birthdate"].date(), data["gender"], (data["birthplace"] or {}).get("code", "")


def _our_answer(code: str) -> tuple[date, str, str] | str:
    try:
        decoded = decode(code)
    except FiscalCodeError:
        return "refused"
    return decoded.birth_date, decoded.sex.value, decoded.birthplace_code


def _with_check_character(first15: str) -> str:
    return first15 + library.encode_cin(first15)


def test_decode_agrees_with_the_library_without_computing_every_omocodia_variant() -> None:
    """The cheaper decoding gives the library's answer: dates, centuries, sex, birthplaces whose code
    changed hands (Abano before and after 1924), foreign countries, omocodia and impossible dates."""
    import random

    rng = random.Random(16)
    places = [*sorted(library._get_data()["codes"])]
    codes = [CODE, *library.decode(CODE)["omocodes"][:20]]
    for _ in range(1500):
        year = f"{rng.randrange(100):02d}"
        month = rng.choice("ABCDEHLMPRST")
        day = f"{rng.choice([rng.randint(0, 72), 29, 30, 31, 69, 70, 71]):02d}"
        place = rng.choice([*rng.sample(places, 3), "A001", "Z404", "Z999", "C627"])
        codes.append(_with_check_character(f"RSSMRA{year}{month}{day}{place}"))
    for code in codes:
        assert _our_answer(code) == _library_answer(code), code
