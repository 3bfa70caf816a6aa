"""Bar, line and funnel charts as a list of drawing primitives, the same for the screen and the PDF.

A chart is laid out in a box (points, y downwards) with a ``measure(text, size, bold)`` function for
text widths: the PDF passes the core font's metrics, the screen Qt's. The screen paints the primitives
with QPainter (:mod:`ui.reports.chart_view`), the PDF writes them (:mod:`desktop.reports.pdf`). A
suppressed value (``"<3"``, ``"n.d."``) draws no bar, only its label, so no length gives it away.
Every chart has a text equivalent (:func:`describe`) for screen readers and the tables beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from desktop.translation import N_, Translate, italian

Measure = Callable[[str, float, bool], float]

INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9dee3"
BAR = "#2f6f8f"
BAR_LIGHT = "#8fb8cc"
FONT = 8.5


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True)
class Line:
    points: tuple[tuple[float, float], ...]
    color: str
    width: float = 1.0


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline
    text: str
    size: float = FONT
    bold: bool = False
    color: str = INK
    align: str = "left"  # left | right | center


Primitive = Rect | Line | Text


@dataclass(frozen=True)
class Item:
    """One value of a chart: ``value`` None when suppressed, ``shown`` the text printed for it."""

    label: str
    value: int | float | None
    shown: str


def item(label: str, value: object) -> Item:
    """An item from a report figure (an int, or a suppression mark)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Item(label, value, f"{value:g}" if isinstance(value, float) else f"{value:d}")
    return Item(label, None, str(value) if value is not None else "—")


def fit(text: str, width: float, size: float, bold: bool, measure: Measure) -> str:
    """``text`` cut with an ellipsis to fit ``width``."""
    if measure(text, size, bold) <= width:
        return text
    while text and measure(text + "…", size, bold) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _scale_max(values: Sequence[float]) -> float:
    top = max([v for v in values if v is not None] or [0]) or 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000, 20000, 50000):
        if top <= step * 4:
            return float(step * -(-top // step))
    return float(top)


def bar_chart(items: Sequence[Item], x: float, y: float, w: float, measure: Measure,
              row: float = 15.0, translate: Translate = italian) -> tuple[list[Primitive], float]:
    """Horizontal bars, one row per item (label, bar, value); returns the primitives and the height."""
    out: list[Primitive] = []
    if not items:
        out.append(Text(x, y + 12, translate("Report", N_("Report", "Nessun dato nel periodo")), FONT, color=MUTED))
        return out, 18
    label_w = min(w * 0.42, max(measure(i.label, FONT, False) for i in items) + 6)
    value_w = max(measure(i.shown, FONT, True) for i in items) + 8
    bar_x, bar_w = x + label_w, max(20.0, w - label_w - value_w)
    top = _scale_max([float(i.value) for i in items if i.value is not None])
    for index, it in enumerate(items):
        row_y = y + index * row
        out.append(Text(x, row_y + row * 0.7, fit(it.label, label_w - 6, FONT, False, measure), FONT))
        length = 0.0
        if it.value is not None and top:
            length = bar_w * float(it.value) / top
            if length > 0:
                out.append(Rect(bar_x, row_y + 2.5, max(length, 1.0), row - 5, BAR))
        else:
            out.append(Rect(bar_x, row_y + 2.5, 2.0, row - 5, BAR_LIGHT))
        out.append(Text(bar_x + length + 4, row_y + row * 0.7, it.shown, FONT, bold=True,
                        color=INK if it.value is not None else MUTED))
    height = len(items) * row
    out.append(Line(((bar_x, y), (bar_x, y + height)), GRID, 0.8))
    return out, height


def line_chart(items: Sequence[Item], x: float, y: float, w: float, h: float,
               measure: Measure) -> list[Primitive]:
    """A line over the items in order (months), with a point and its value at each one."""
    out: list[Primitive] = []
    axis_h = 16.0
    plot_top, plot_bottom = y + 12, y + h - axis_h
    top = _scale_max([float(i.value) for i in items if i.value is not None])
    for fraction in (0.0, 0.5, 1.0):
        grid_y = plot_bottom - (plot_bottom - plot_top) * fraction
        out.append(Line(((x + 24, grid_y), (x + w, grid_y)), GRID, 0.6))
        out.append(Text(x + 20, grid_y + 3, f"{top * fraction:g}", FONT - 1, color=MUTED, align="right"))
    if not items:
        return out
    step = (w - 40) / max(1, len(items) - 1) if len(items) > 1 else 0
    every = max(1, int(len(items) / max(1.0, (w - 40) / 44)) + (1 if len(items) * 44 > w - 40 else 0))
    points: list[tuple[float, float]] = []
    for index, it in enumerate(items):
        px = x + 32 + index * step if len(items) > 1 else x + 24 + (w - 24) / 2
        if index % every == 0 or index == len(items) - 1:
            out.append(Text(px, y + h - 4, it.label, FONT - 1, color=MUTED, align="center"))
        if it.value is None:
            if len(points) > 1:
                out.append(Line(tuple(points), BAR, 1.6))
            points = []
            out.append(Text(px, plot_bottom - 4, it.shown, FONT - 1, color=MUTED, align="center"))
            continue
        py = plot_bottom - (plot_bottom - plot_top) * float(it.value) / top
        points.append((px, py))
        out.append(Rect(px - 2, py - 2, 4, 4, BAR))
        out.append(Text(px, py - 5, it.shown, FONT - 1, bold=True, align="center"))
    if len(points) > 1:
        out.append(Line(tuple(points), BAR, 1.6))
    return out


def funnel_chart(items: Sequence[Item], x: float, y: float, w: float, measure: Measure,
                 row: float = 20.0) -> tuple[list[Primitive], float]:
    """Centred bars narrowing stage by stage, each with its count and share of the first stage."""
    out: list[Primitive] = []
    label_w = max((measure(i.label, FONT, False) for i in items), default=0) + 8
    area_x, area_w = x + label_w, w - label_w
    first = items[0].value if items and items[0].value else None
    for index, it in enumerate(items):
        row_y = y + index * row
        out.append(Text(x, row_y + row * 0.65, it.label, FONT))
        if it.value is not None and first:
            width = max(2.0, area_w * float(it.value) / float(first))
            out.append(Rect(area_x + (area_w - width) / 2, row_y + 2, width, row - 4, BAR if index % 2 == 0
                            else BAR_LIGHT))
            share = f" ({100 * float(it.value) / float(first):.0f}%)" if index else ""
            text = it.shown + share
        else:
            text = it.shown
        out.append(Text(area_x + area_w / 2, row_y + row * 0.65, text, FONT, bold=True, align="center",
                        color="#ffffff" if index % 2 == 0 and it.value is not None and first
                        and float(it.value) / float(first) > 0.3 else INK))
    return out, len(items) * row


def describe(title: str, items: Sequence[Item], translate: Translate = italian) -> str:
    """The chart in words, for screen readers: "Title: label value, label value."."""
    if not items:
        return translate("Report", N_("Report", "{title}: nessun dato nel periodo.")).format(title=title)
    return f"{title}: " + ", ".join(f"{i.label} {i.shown}" for i in items) + "."
