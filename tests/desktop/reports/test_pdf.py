"""The funders' PDF: A4 pages, readable text sizes, nothing off the page, the suppression note on each page."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from desktop.reports.disclosure import suppress
from desktop.reports.indicators import compute
from desktop.reports.output import with_scope
from desktop.reports.pdf import write_report_pdf
from tests.desktop.reports.test_disclosure import PERIOD, _random_rows


def _runs(page: object) -> list[tuple[str, float, float, float]]:
    runs: list[tuple[str, float, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            runs.append((text.strip(), cm[0] * tm[4] + cm[4], cm[3] * tm[5] + cm[5], size * abs(cm[0])))

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    return runs


def test_report_pdf_is_readable_a4(tmp_path: Path) -> None:
    report = suppress(compute(_random_rows(random.Random(11), 120), PERIOD))
    document = with_scope(report, {"network": "val-susa", "generated_on": date(2025, 7, 1).isoformat()}, 3)
    pdf = write_report_pdf(document, tmp_path / "report.pdf")
    reader = PdfReader(pdf)
    assert len(reader.pages) >= 2
    for number, page in enumerate(reader.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)
        runs = _runs(page)
        assert all(0 <= x < width and 0 <= y < height for _, x, y, _ in runs), number
        assert all(size >= 7 for *_, size in runs)  # the smallest is the footnote
        text = page.extract_text()
        assert "Tutela della riservatezza" in text and f"pagina {number}" in text
    first = _runs(reader.pages[0])
    title = next(r for r in first if r[0] == "Report degli sportelli WPT")
    assert title[3] >= 16 and title[2] > 842 * 0.85
    assert any(r[0].startswith("Rete: val-susa") for r in first)
    assert any(r[0] == "Periodo: dal 01/01/2025 al 30/06/2025" and r[3] >= 10 for r in first)
    everything = " ".join(p.extract_text() for p in reader.pages)
    assert "Richieste per categoria di bisogno" in everything and "Percorso degli invii" in everything
    assert "Città metropolitana" in everything  # accented letters survive (WinAnsi)
