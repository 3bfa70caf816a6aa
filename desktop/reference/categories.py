"""Default need-category taxonomy (centrally editable; this is the seed every replica starts from)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    label: str


DEFAULT_CATEGORIES: tuple[Category, ...] = (
    Category("ACC", "Accesso e orientamento ai servizi"),
    Category("DIG", "Assistenza digitale (SPID, CIE, fascicolo sanitario, INPS, pagoPA, domande online)"),
    Category("DOM", "Assistenza domiciliare e supporto alla persona"),
    Category("TRA", "Trasporto e mobilità (accompagnamento a visite, trasporto sociale)"),
    Category("SAN", "Accesso a servizi sanitari e socio-sanitari"),
    Category("ECO", "Sostegno economico, bonus e agevolazioni (ISEE, assegno unico, bonus energia)"),
    Category("LAV", "Lavoro e formazione"),
    Category("CAS", "Casa e abitare"),
    Category("FAM", "Famiglia, infanzia e conciliazione (anche welfare aziendale aperto al territorio)"),
    Category("ALI", "Beni di prima necessità (banco alimentare, empori solidali)"),
    Category("COM", "Comunità, socialità e volontariato (contrasto all'isolamento)"),
    Category("ALT", "Altro"),
)

CATEGORY_CODES = frozenset(c.code for c in DEFAULT_CATEGORIES)
