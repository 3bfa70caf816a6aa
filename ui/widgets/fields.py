"""Small field helpers shared by the forms: dates typed as dd/mm/yyyy, inline error labels."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from ui.widgets import colours


def parse_date(text: str) -> date | None:
    """dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, ddmmyyyy or yyyy-mm-dd → date.

    Raises:
        ValueError: the text is not a date.
    """
    text = text.strip()
    if not text:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text):
        year, month, day = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", text):
        day, month, year = (int(g) for g in m.groups())
    elif m := re.fullmatch(r"(\d{2})(\d{2})(\d{4})", text):
        day, month, year = (int(g) for g in m.groups())
    else:
        raise ValueError(f"«{text}» non è una data (gg/mm/aaaa)")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"«{text}» non è una data esistente") from None


def format_date(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


class DateField(QLineEdit):
    """A date typed as dd/mm/yyyy; empty means no date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("gg/mm/aaaa"))
        self.setMaximumWidth(160)

    def value(self) -> date | None:
        """Raises ValueError if the text is not a date."""
        return parse_date(self.text())

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))

    def is_valid(self) -> bool:
        try:
            self.value()
        except ValueError:
            return False
        return True


class ErrorLabel(QLabel):
    """The inline message under a field: red for an error, green for a confirmation, hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.hide()

    def show_error(self, text: str) -> None:
        self.setStyleSheet(colours.css(colours.ERROR))
        self.setText(text)
        self.setVisible(bool(text))

    def show_ok(self, text: str) -> None:
        self.setStyleSheet(colours.css(colours.SUCCESS))
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()
