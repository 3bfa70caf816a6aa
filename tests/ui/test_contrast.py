"""Contrast ≥ 4.5:1 for every text colour the app sets, in the light and the dark system theme; the
focus frame ≥ 3:1 against the window (WCAG 2.1 AA, 1.4.3 and 1.4.11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.reports import charts
from ui.widgets import colours
from ui.widgets.fields import ErrorLabel
from ui.widgets.focus import focus_colour

UI = Path(__file__).resolve().parents[2] / "ui"
Role = QPalette.ColorRole


def _dark() -> QPalette:
    """A dark system theme as the desktops ship it (Windows and GNOME dark: near-black window, white text)."""
    palette = QPalette()
    for role, colour in ((Role.Window, "#202020"), (Role.WindowText, "#ffffff"), (Role.Base, "#1c1c1c"),
                         (Role.AlternateBase, "#2b2b2b"), (Role.Text, "#ffffff"), (Role.Button, "#2d2d2d"),
                         (Role.ButtonText, "#ffffff"), (Role.Highlight, "#4cc2ff"),
                         (Role.HighlightedText, "#000000")):
        palette.setColor(role, QColor(colour))
    return palette


def _light() -> QPalette:
    style = QApplication.style()
    assert style is not None
    return style.standardPalette()


PALETTES = {"light": _light, "dark": _dark}


@pytest.mark.parametrize("theme", PALETTES)
def test_every_text_colour_reads_against_the_window_and_the_fields(qtbot: QtBot, theme: str) -> None:
    palette = PALETTES[theme]()
    assert colours.is_dark(palette) is (theme == "dark")
    grounds = {"window": palette.color(Role.Window), "base": palette.color(Role.Base)}
    texts = {"window text": palette.color(Role.WindowText), "text": palette.color(Role.Text)}
    texts |= {name: QColor(colours.pick(shade, palette)) for name, shade in colours.SHADES.items()}
    weak = {f"{text} on {ground}": round(colours.contrast(fg, bg), 2)
            for text, fg in texts.items() for ground, bg in grounds.items() if colours.contrast(fg, bg) < 4.5}
    assert weak == {}
    panel = QColor(colours.pick(colours.WARNING_PANEL, palette))
    assert colours.contrast(QColor(colours.pick(colours.WARNING_PANEL_TEXT, palette)), panel) >= 4.5
    assert colours.contrast(focus_colour(palette), palette.color(Role.Window)) >= 3.0


def test_the_charts_ink_reads_on_their_white() -> None:
    white = QColor(colours.CHART_BACKGROUND)
    for ink in (charts.INK, charts.MUTED):
        assert colours.contrast(QColor(ink), white) >= 4.5, ink
    assert colours.contrast(QColor("#ffffff"), QColor(charts.BAR)) >= 4.5  # a value written inside a bar


def test_the_error_label_takes_the_shade_of_the_theme(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    try:
        for theme, make in PALETTES.items():
            app.setPalette(make())
            label = ErrorLabel()
            qtbot.addWidget(label)
            label.show_error("Codice fiscale non valido.")
            shade = colours.ERROR.dark if theme == "dark" else colours.ERROR.light
            assert shade in label.styleSheet()
    finally:
        app.setPalette(before)


def test_no_widget_sets_a_colour_of_its_own() -> None:
    """Screen colours come from ui/widgets/colours.py (checked above); printed HTML (slips, exports) is
    on white paper and keeps its own."""
    on_paper = {"referral_slip.py", "list_export.py", "privacy_notice.py", "colours.py"}
    found = []
    for path in UI.rglob("*.py"):
        if path.name in on_paper:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if re.search(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b", line) and ("color" in line or "background" in line
                                                                          or "QColor(" in line):
                found.append(f"{path.relative_to(UI)}:{number}")
    assert found == []
