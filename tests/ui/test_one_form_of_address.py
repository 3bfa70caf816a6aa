"""One form of address: the sentences that tell the operator or the IT person what to do use the impersonal
infinitive («Scrivere il motivo…», «riprovare tra poco»), as most texts always did, never «tu» nor «Lei».

Buttons, menu items and field labels keep the imperative of Italian software («Salva», «Apri», «Ripeti la
password»): they name an action, they do not address anyone.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# «tu» and «Lei» imperatives that open an instruction (at the start, or after «:» or «;»).
ADDRESSED = re.compile(r"(?:^|[:;(] ?)(?:Scrivi|Scegli|Inserisci|Attendi|Usa|Riprova|Controlla|Indica|Aggiorna|"
                       r"Registra prima|Prova|Vai|Spunta|Scriva|Scelga|Inserisca|Attenda|Usi|Riprovi|Controlli|"
                       r"Indichi|Aggiorni|Provi)\b", re.IGNORECASE)


def _interface_sentences() -> list[str]:
    catalogue = ET.parse(ROOT / "resources" / "translations" / "wpt_desk_en.ts").getroot()
    return [m.findtext("source") or "" for m in catalogue.iter("message")]


def _core_sentences() -> list[str]:
    """The refusals of the core and the command line (they reach the window too)."""
    found = []
    for path in (ROOT / "desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith(("Error", "Failed")):
                found += [a.value for a in ast.walk(node) if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return found


def test_instructions_use_the_impersonal_form() -> None:
    sentences = [s for s in _interface_sentences() if len(s.split()) > 3]  # a label or a button is shorter
    addressed = [s for s in sentences + _core_sentences() if ADDRESSED.search(s)]
    assert sentences and not addressed
