"""The municipality picker: names without accents or case, the territory only."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desktop.reference import municipalities
from ui.widgets.municipality_picker import MunicipalityPicker


@pytest.mark.parametrize("typed", ["loranze", "LORANZE'", "Loranzè"])
def test_municipality_picker_ignores_accents_and_case(qtbot: QtBot, typed: str) -> None:
    picker = MunicipalityPicker()
    qtbot.addWidget(picker)
    picker.show()
    if typed.isascii():
        qtbot.keyClicks(picker, typed)
    else:
        picker.setText(typed)  # QTest cannot type accented letters; an input method would
    assert picker.code() == municipalities.lookup("Loranzè").code  # type: ignore[union-attr]
    completer = picker.completer()
    completer.setCompletionPrefix(typed[:5])
    assert completer.currentCompletion() == "Loranzè"


def test_municipality_picker_offers_only_the_territory(qtbot: QtBot) -> None:
    picker = MunicipalityPicker()
    qtbot.addWidget(picker)
    assert picker.completer().model().rowCount() == len(municipalities.territory()) == 312
    picker.setText("Milano")
    assert picker.code() is None and not picker.is_valid()
