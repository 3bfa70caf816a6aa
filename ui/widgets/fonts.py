"""Headings scaled from the system font, so the interface follows the operator's font size."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def emphasize(widget: QWidget, scale: float = 1.0, *, bold: bool = False) -> None:
    font = widget.font()
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:
        font.setPixelSize(round(font.pixelSize() * scale))
    font.setBold(bold)
    widget.setFont(font)
