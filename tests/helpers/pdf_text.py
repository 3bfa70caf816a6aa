"""What a reader sees of a PDF: its text runs with their position, size and font, read with pypdf."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from desktop.reports.pdf import measure


@dataclass(frozen=True)
class Run:
    text: str
    x: float
    y: float
    size: float
    bold: bool


def runs(page: Any) -> list[Run]:
    """The page's text runs (x, y of the baseline's start in points, origin bottom left)."""
    found: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            found.append(Run(text.strip(), cm[0] * tm[4] + cm[4], cm[3] * tm[5] + cm[5], size * abs(cm[0]),
                             "Bold" in name))

    page.extract_text(visitor_text=visit)
    return found


def words(path: Path) -> str:
    """The document's text, one space between words."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def off_the_page(path: Path, core_fonts: bool = True) -> list[str]:
    """Runs that start outside their page or, for the core's PDFs (Helvetica, ``core_fonts``), whose
    measured end passes the page's right edge: text a reader would not see whole."""
    out = []
    for number, page in enumerate(PdfReader(path).pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        for run in runs(page):
            end = run.x + (measure(run.text, run.size, run.bold) if core_fonts else 0)
            if not (0 <= run.x and end <= width and 0 <= run.y <= height):
                out.append(f"page {number}: {run.text!r} at {run.x:.0f}–{end:.0f}, {run.y:.0f}")
    return out
