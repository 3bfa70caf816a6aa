"""The roles at a desk and what each may do; every role may do what the roles below it may.

``operatore`` does the desk's daily work; ``coordinatore`` also reviews conflicts and possible
duplicates, merges and erases persons and sees who accessed a record; ``amministratore`` also manages
the operators, the desk settings and the enrollment on the server.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operatore"
    COORDINATOR = "coordinatore"
    ADMINISTRATOR = "amministratore"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def may_act_as(self, needed: Role) -> bool:
        return self.rank >= needed.rank

    @classmethod
    def parse(cls, value: str) -> Role:
        """The role named ``value`` (Italian name, case and spaces ignored); raises ValueError."""
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(r.value for r in cls)
            raise ValueError(f"ruolo sconosciuto «{value}»: usare uno tra {names}") from None


_RANK = {Role.OPERATOR: 0, Role.COORDINATOR: 1, Role.ADMINISTRATOR: 2}

ROLE_LABELS = {Role.OPERATOR: "Operatore", Role.COORDINATOR: "Coordinatore", Role.ADMINISTRATOR: "Amministratore"}
