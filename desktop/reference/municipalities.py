"""Italian municipalities from python-codicefiscale's data; the territory is the 312 active ones of TO.

Nothing is typed by hand: names and cadastral (Belfiore) codes come from the library's data file. The
library title-cases every word ("Chiusa Di San Michele"); names are shown with the official lower-case
particles ("Chiusa di San Michele", "Sauze d'Oulx").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from desktop.text import unaccented

TERRITORY_PROVINCE = "TO"

_PARTICLES = {"di", "da", "al", "della", "del", "dei", "delle", "presso", "e", "sul", "sulla", "in", "con"}


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str  # cadastral (Belfiore) code, e.g. "E660"
    name: str  # official spelling, e.g. "Loranzè"
    province: str

    @property
    def in_territory(self) -> bool:
        return self.province == TERRITORY_PROVINCE


def _official_name(name: str) -> str:
    words = name.split(" ")
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i > 0 and lower in _PARTICLES:
            out.append(lower)
        elif i > 0 and re.fullmatch(r"(d|l|dell|sull|nell)'.+", lower):
            head, tail = word.split("'", 1)
            out.append(f"{head.lower()}'{tail}")
        else:
            out.append(word)
    return " ".join(out)


def fold(text: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "Loranzé", "LORANZE'" and "loranzè" match."""
    return re.sub(r"[^a-z0-9]+", "", unaccented(text))


@cache
def _active() -> tuple[Municipality, ...]:
    source = resources.files("codicefiscale") / "data" / "municipalities.json"
    rows = json.loads(source.read_text(encoding="utf-8"))
    found = [
        Municipality(code=r["code"], name=_official_name(r["name"]), province=r["province"])
        for r in rows
        if r.get("active")
    ]
    return tuple(sorted(found, key=lambda m: (m.province != TERRITORY_PROVINCE, fold(m.name))))


def active() -> tuple[Municipality, ...]:
    """Every active Italian municipality (birthplaces can be anywhere), territory first."""
    return _active()


@cache
def territory() -> tuple[Municipality, ...]:
    """The active municipalities of the Metropolitan City of Turin, sorted by name (312)."""
    return tuple(m for m in _active() if m.in_territory)


@cache
def _by_code() -> dict[str, Municipality]:
    return {m.code: m for m in _active()}


@cache
def _by_name() -> dict[str, Municipality]:
    index: dict[str, Municipality] = {}
    # Territory first: a name shared with another province ("Samone" is also in Trentino) is ours.
    for m in _active():
        index.setdefault(fold(m.name), m)
    return index


def by_code(code: str) -> Municipality | None:
    return _by_code().get(code.strip().upper())


_CODE = re.compile(r"[A-Za-z]\d{3}")
_PROVINCE = re.compile(r"\s*[(\-]\s*[A-Za-z]{2}\s*\)?\s*$")


def lookup(text: str) -> Municipality | None:
    """Find an active municipality by cadastral code or by name (case and accent insensitive)."""
    text = text.strip()
    if not text:
        return None
    if _CODE.fullmatch(text):
        return by_code(text)
    # "Susa (TO)" and "Susa - TO" are common in office spreadsheets.
    text = _PROVINCE.sub("", text)
    return _by_name().get(fold(text))


def name_of(code: str | None) -> str:
    """Display name of a municipality code, or the code itself if unknown ('' for None)."""
    if not code:
        return ""
    found = by_code(code)
    return found.name if found else code
