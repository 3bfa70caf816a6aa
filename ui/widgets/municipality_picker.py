"""A field to pick a municipality by typing its name: completion ignores case, accents and apostrophes."""

from __future__ import annotations

from functools import cache
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from desktop.reference import municipalities

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2


@cache
def _entries(territory_only: bool) -> tuple[tuple[str, str, str], ...]:
    """(code, name, folded name) of the municipalities offered, computed once per process."""
    source = municipalities.territory() if territory_only else municipalities.active()
    return tuple((m.code, m.name, municipalities.fold(m.name)) for m in source)


class MunicipalityModel(QAbstractListModel):
    """Municipality names (display), folded names and cadastral codes, from a shared immutable list."""

    def __init__(self, territory_only: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries = _entries(territory_only)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        code, name, folded = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return name
        if role == FOLDED_ROLE:
            return folded
        if role == CODE_ROLE:
            return code
        return None


class FoldingCompleter(QCompleter):
    """Matches the typed text folded ("loranze") against folded names, shows and inserts the real name."""

    def __init__(self, territory_only: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setModel(MunicipalityModel(territory_only, self))
        self.setCompletionRole(FOLDED_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:
        return [municipalities.fold(path)]

    def pathFromIndex(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.DisplayRole))


class MunicipalityPicker(QLineEdit):
    """Signals:
        code_changed(str): the cadastral code picked ('' when the text names no allowed municipality).
    """

    code_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, territory_only: bool = True) -> None:
        super().__init__(parent)
        self._allowed = {code for code, _, _ in _entries(territory_only)}
        completer = FoldingCompleter(territory_only, self)
        self.setCompleter(completer)
        # Put the real name in the field when a completion is picked (Enter/click) or highlighted (arrows).
        completer.activated[QModelIndex].connect(self._complete)  # type: ignore[index]
        completer.highlighted[QModelIndex].connect(self._complete)  # type: ignore[index]
        self.setPlaceholderText(self.tr("Scrivere il nome del comune"))
        self.setClearButtonEnabled(True)
        self._code = ""
        self._extra: dict[str, str] = {}
        self.textChanged.connect(self._resolve)

    def code(self) -> str | None:
        return self._code or None

    def set_code(self, code: str | None, name: str = "") -> None:
        """Show a municipality; a code outside the list (a foreign country of birth from a codice
        fiscale, e.g. Z343 Senegal) is accepted under ``name``."""
        if code and code not in self._allowed:
            label = name or code
            self._extra[municipalities.fold(label)] = code
            self.setText(label)
            self._resolve(label)
            return
        self.setText(municipalities.name_of(code) if code else "")

    def close_suggestions(self) -> None:
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None:
            popup.hide()

    def hideEvent(self, event: QHideEvent) -> None:
        # A form that goes away (saved, left) takes its suggestions with it.
        self.close_suggestions()
        super().hideEvent(event)

    def is_valid(self) -> bool:
        """Empty, or the name of an allowed municipality."""
        return not self.text().strip() or bool(self._code)

    def _complete(self, index: QModelIndex) -> None:
        if index.isValid():
            self.setText(str(index.data(Qt.ItemDataRole.DisplayRole)))

    def _resolve(self, text: str) -> None:
        found = municipalities.lookup(text) if text.strip() else None
        code = found.code if found is not None and found.code in self._allowed else ""
        code = code or self._extra.get(municipalities.fold(text), "")
        if code != self._code:
            self._code = code
            self.code_changed.emit(code)
