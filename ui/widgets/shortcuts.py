"""Keyboard shortcuts with an explicit context (PySide6 ignores a ``context=`` keyword in QShortcut's
constructor, which would leave every shortcut window-wide and make same keys on two pages ambiguous)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def shortcut(
    keys: QKeySequence | QKeySequence.StandardKey | str | Qt.Key,
    parent: QWidget,
    slot: Callable[[], object],
    context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
) -> QShortcut:
    """A shortcut active while focus is in ``parent`` (or per ``context``) that runs ``slot``."""
    sequence = keys if isinstance(keys, QKeySequence) else QKeySequence(keys)
    result = QShortcut(sequence, parent)
    result.setContext(context)
    result.activated.connect(slot)
    return result
