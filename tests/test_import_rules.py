"""Dependencies run one way: the import contracts of pyproject.toml ([tool.importlinter]) hold.

import-linter builds the import graph of desktop, ui and sync (imports inside functions included) and
checks each contract; a second check makes sure the core's one way to the interface stays the lazy hook.
"""

from __future__ import annotations

import ast
from pathlib import Path

from importlinter.cli import lint_imports

ROOT = Path(__file__).resolve().parent.parent


def test_the_import_contracts_are_kept() -> None:
    assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0


def _dynamic_imports(path: Path) -> list[int]:
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if name in ("import_module", "__import__"):
                lines.append(node.lineno)
    return lines


def test_the_core_reaches_the_interface_only_through_the_lazy_hook() -> None:
    found = {str(p.relative_to(ROOT)): lines for p in (ROOT / "desktop").rglob("*.py")
             if (lines := _dynamic_imports(p))}
    assert list(found) == ["desktop/cli/ui_hook.py"], found
