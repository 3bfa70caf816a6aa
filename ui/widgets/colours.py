"""The text colours the app sets, each in a light-theme and a dark-theme shade.

Every colour here reaches a contrast of at least 4.5:1 (WCAG 2.1 AA) against the window and the base
(field) colour of the palette it is picked for; ``tests/ui/test_contrast.py`` computes it. Colour never
carries a meaning alone: the texts coloured here say what they mean.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


class Shade(NamedTuple):  # not a dataclass: the login imports this, and dataclasses costs ~2 ms
    light: str  # on a light window (the usual theme)
    dark: str  # on a dark window (a dark system theme)


ERROR = Shade("#b00020", "#ff8a80")
SUCCESS = Shade("#1b5e20", "#81c784")
HINT = Shade("#555555", "#c2c2c2")
WARNING = Shade("#8a4b00", "#ffb74d")
# The duplicate warning box: its own background, with its own text colour, in both themes.
WARNING_PANEL = Shade("#fff4e5", "#4a3000")
WARNING_PANEL_TEXT = Shade("#1a1a1a", "#ffffff")
CHART_BACKGROUND = "#ffffff"  # charts are drawn as in the PDF reports, dark ink on white

SHADES = {"ERROR": ERROR, "SUCCESS": SUCCESS, "HINT": HINT, "WARNING": WARNING}


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether the palette (the application's by default) is a dark theme."""
    palette = palette if palette is not None else QApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def pick(shade: Shade, palette: QPalette | None = None) -> str:
    """The shade for the palette (the application's by default)."""
    return shade.dark if is_dark(palette) else shade.light


def css(shade: Shade, extra: str = "") -> str:
    """A style sheet that sets the text colour of a label to the shade, plus ``extra`` declarations."""
    return f"color: {pick(shade)};{(' ' + extra) if extra else ''}"


def luminance(colour: QColor) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.redF()) + 0.7152 * linear(colour.greenF()) + 0.0722 * linear(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
