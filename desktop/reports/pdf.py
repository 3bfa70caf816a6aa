"""The funders' report as an A4 PDF, written directly (no Qt, no library): the server writes it too.

Text uses the PDF core fonts Helvetica and Helvetica-Bold in the WinAnsi encoding (every Italian letter,
«», the euro sign), so nothing is embedded and every reader has the fonts. The charts are those of
:mod:`desktop.reports.charts`, laid out with the core font's widths. A report's layout: title, scope and
period, the key figures, then each table as a chart with its values, long tables (municipalities,
services, desks) also as tables; the confidentiality note on every page.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop.reports import charts
from desktop.reports.charts import INK, MUTED, Item, Line, Primitive, Rect, Text
from desktop.reports.font_metrics import FIRST_CODE, HELVETICA, HELVETICA_BOLD
from desktop.reports.output import BY_PATH, CONTEXT, TABLES, Table, headline, period_text, suppression_note
from desktop.translation import N_, Translate, italian

A4 = (595.28, 841.89)
MARGIN = 50.0
TITLE_SIZE, HEADING_SIZE, BODY_SIZE, SMALL_SIZE = 18.0, 12.5, 10.0, 8.0


def _encode(text: str) -> bytes:
    return text.encode("cp1252", errors="replace")


def measure(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` in points in Helvetica (bold) at ``size``."""
    widths = HELVETICA_BOLD if bold else HELVETICA
    return sum(widths[b - FIRST_CODE] if b >= FIRST_CODE else 0 for b in _encode(text)) * size / 1000


def _color(hex_color: str) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return f"{r:.3f} {g:.3f} {b:.3f}"


def _literal(text: str) -> bytes:
    return b"(" + _encode(text).replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


class PdfDocument:
    """Pages of primitives (points, origin top left) written as a PDF file."""

    def __init__(self, title: str, size: tuple[float, float] = A4, language: str = "it-IT") -> None:
        self.title = title
        self.language = language
        self.width, self.height = size
        self.pages: list[list[bytes]] = []

    def new_page(self) -> None:
        self.pages.append([])

    def draw(self, primitives: Sequence[Primitive]) -> None:
        ops = self.pages[-1]
        for p in primitives:
            if isinstance(p, Rect):
                ops.append(f"{_color(p.fill)} rg {p.x:.2f} {self.height - p.y - p.h:.2f} {p.w:.2f} {p.h:.2f} re f"
                           .encode())
            elif isinstance(p, Line):
                path = " ".join(f"{x:.2f} {self.height - y:.2f} {'m' if i == 0 else 'l'}"
                                for i, (x, y) in enumerate(p.points))
                ops.append(f"{_color(p.color)} RG {p.width:.2f} w 1 J 1 j {path} S".encode())
            else:
                x = p.x
                if p.align != "left":
                    width = measure(p.text, p.size, p.bold)
                    x -= width if p.align == "right" else width / 2
                font = "/F2" if p.bold else "/F1"
                ops.append(f"BT {_color(p.color)} rg {font} {p.size:.2f} Tf {x:.2f} {self.height - p.y:.2f} Td "
                           .encode() + _literal(p.text) + b" Tj ET")

    def to_bytes(self) -> bytes:
        objects: list[bytes] = []

        def add(body: bytes) -> int:
            objects.append(body)
            return len(objects)

        catalog = add(b"")  # filled in below, once the page tree's number is known
        pages_id = add(b"")
        regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        kids = []
        for ops in self.pages:
            stream = zlib.compress(b"\n".join(ops))
            content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
            kids.append(add(
                f"<< /Type /Page /Parent {pages_id} 0 R /MediaBox [0 0 {self.width:.2f} {self.height:.2f}] "
                f"/Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> /Contents {content} 0 R >>".encode()))
        objects[catalog - 1] = f"<< /Type /Catalog /Pages {pages_id} 0 R /Lang ({self.language}) >>".encode()
        objects[pages_id - 1] = (f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] "
                                 f"/Count {len(kids)} >>").encode()
        info = add(b"<< /Title " + _literal(self.title) + b" /Creator (WPT Desk) /Producer (WPT Desk) >>")
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(objects, start=1):
            offsets.append(len(out))
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
            len(objects) + 1, catalog, info, xref)
        return bytes(out)


def _wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and measure(candidate, size, bold) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


class _Layout:
    """Flows blocks down A4 pages, starting a page (with its header and footer) when one is full."""

    def __init__(self, document: dict[str, Any], title: str, translate: Translate) -> None:
        self.translate = translate
        self.pdf = PdfDocument(title, language=translate(CONTEXT, N_("Report", "it-IT")))
        self.document = document
        self.title = title
        self.width = A4[0] - 2 * MARGIN
        self.bottom = A4[1] - MARGIN - 30
        self.y = 0.0
        scope = document.get("scope", {})
        self.note = suppression_note(scope.get("min_count") if scope.get("suppressed", True) else None, translate)
        self._page()

    def _page(self) -> None:
        self.pdf.new_page()
        number = len(self.pdf.pages)
        footer = _wrap(self.note, self.width - 60, SMALL_SIZE)
        y = A4[1] - MARGIN - 4 - 10 * (len(footer) - 1)
        self.pdf.draw([Line(((MARGIN, y - 12), (MARGIN + self.width, y - 12)), charts.GRID, 0.6)])
        for line in footer:
            self.pdf.draw([Text(MARGIN, y, line, SMALL_SIZE, color=MUTED)])
            y += 10
        page = self.translate(CONTEXT, N_("Report", "pagina {number}")).format(number=number)
        self.pdf.draw([Text(MARGIN + self.width, A4[1] - MARGIN - 4, page, SMALL_SIZE, color=MUTED, align="right")])
        self.bottom = A4[1] - MARGIN - 30 - 10 * (len(footer) - 1)
        self.y = MARGIN
        if number > 1:
            running = f"{self.title} — {period_text(self.document, self.translate)}"
            self.pdf.draw([Text(MARGIN, self.y + 8, running, SMALL_SIZE, color=MUTED)])
            self.y += 24

    def room(self, height: float) -> None:
        if self.y + height > self.bottom:
            self._page()

    def text(self, text: str, size: float = BODY_SIZE, bold: bool = False, color: str = INK, gap: float = 4) -> None:
        for line in _wrap(text, self.width, size, bold):
            self.room(size * 1.35)
            self.pdf.draw([Text(MARGIN, self.y + size, line, size, bold, color)])
            self.y += size * 1.35
        self.y += gap

    def heading(self, text: str, keep: float) -> None:
        self.room(HEADING_SIZE * 1.6 + keep)
        self.y += 6
        self.pdf.draw([Text(MARGIN, self.y + HEADING_SIZE, text, HEADING_SIZE, bold=True)])
        self.y += HEADING_SIZE * 1.6

    def key_figures(self, rows: list[tuple[str, str]]) -> None:
        row = 17.0
        self.room(row * len(rows) + 8)
        for index, (label, value) in enumerate(rows):
            y = self.y + index * row
            if index % 2 == 0:
                self.pdf.draw([Rect(MARGIN, y, self.width, row, "#eef2f5")])
            self.pdf.draw([Text(MARGIN + 6, y + 12, label, BODY_SIZE),
                           Text(MARGIN + self.width - 6, y + 12, value, BODY_SIZE + 1, bold=True, align="right")])
        self.y += row * len(rows) + 10

    def bars(self, items: list[Item], funnel: bool = False) -> None:
        def chart() -> tuple[list[Primitive], float]:
            if funnel:
                return charts.funnel_chart(items, MARGIN, self.y, self.width, measure)
            return charts.bar_chart(items, MARGIN, self.y, self.width, measure, translate=self.translate)

        primitives, height = chart()
        self.room(height + 8)
        primitives, height = chart()
        self.pdf.draw(primitives)
        self.y += height + 10

    def line(self, items: list[Item]) -> None:
        height = 120.0
        self.room(height + 8)
        self.pdf.draw(charts.line_chart(items, MARGIN, self.y, self.width, height, measure))
        self.y += height + 10

    def table(self, items: list[Item], header: tuple[str, str], columns: int = 2) -> None:
        """Label and value in ``columns`` side by side, filled down then across, split across pages with the
        header repeated."""
        row, gutter = 13.0, 18.0
        col_w = (self.width - gutter * (columns - 1)) / columns

        def head() -> None:
            for c in range(columns):
                x = MARGIN + c * (col_w + gutter)
                self.pdf.draw([Text(x + 2, self.y + 10, header[0], SMALL_SIZE + 1, bold=True, color=MUTED),
                               Text(x + col_w - 2, self.y + 10, header[1], SMALL_SIZE + 1, bold=True, color=MUTED,
                                    align="right"),
                               Line(((x, self.y + 13), (x + col_w, self.y + 13)), charts.GRID, 0.8)])
            self.y += row + 2

        remaining = list(items)
        while remaining:
            self.room(row * 3)
            head()
            fits = max(1, int((self.bottom - self.y) // row))
            per_column = min(fits, -(-len(remaining) // columns))
            chunk, remaining = remaining[:per_column * columns], remaining[per_column * columns:]
            for index, entry in enumerate(chunk):
                x = MARGIN + (index // per_column) * (col_w + gutter)
                y = self.y + (index % per_column) * row
                label = charts.fit(entry.label, col_w - 40, BODY_SIZE - 1, False, measure)
                self.pdf.draw([Text(x + 2, y + 10, label, BODY_SIZE - 1),
                               Text(x + col_w - 2, y + 10, entry.shown, BODY_SIZE - 1, bold=True, align="right")])
            self.y += per_column * row + 8


# Tables drawn as bar charts whatever their length, and those listed (also) as a table.
_LONG = {("requests", "by_municipality"), ("referrals", "by_service"), ("requests", "by_desk"),
         ("persons", "by_desk"), ("referrals", "by_desk"), ("follow_ups_overdue_by_desk",)}
_DESK_TABLES = _LONG - {("requests", "by_municipality"), ("referrals", "by_service")}
_CHART_ROWS = 15


DEFAULT_TITLE = N_("Report", "Report degli sportelli WPT")


def report_pdf(document: dict[str, Any], title: str | None = None, translate: Translate = italian) -> bytes:
    """The report (suppressed, as it leaves the desk) as PDF bytes, its texts through ``translate``."""
    def t(text: str) -> str:
        return translate(CONTEXT, text)

    title = title or t(DEFAULT_TITLE)
    layout = _Layout(document, title, translate)
    scope = document.get("scope", {})
    layout.text(title, TITLE_SIZE, bold=True, gap=2)
    layout.text(t(N_("Report", "Welfare Point Territoriale — Città metropolitana di Torino")), BODY_SIZE, color=MUTED,
                gap=8)
    for label, key in ((N_("Report", "Rete: {value}"), "network"), (N_("Report", "Sportello: {value}"), "desk"),
                       (N_("Report", "Filtri: {value}"), "filters_text")):
        if scope.get(key):
            layout.text(t(label).format(value=scope[key]), BODY_SIZE, gap=1)
    layout.text(t(N_("Report", "Periodo: {period}")).format(period=period_text(document, translate)), BODY_SIZE,
                bold=True, gap=1)
    generated = scope.get("generated_on") or date.today().isoformat()
    layout.text(t(N_("Report", "Prodotto il {day} con WPT Desk")).format(
        day=date.fromisoformat(generated).strftime("%d/%m/%Y")), SMALL_SIZE + 1, color=MUTED, gap=8)
    layout.heading(t(N_("Report", "Indicatori principali")), 17 * 7)
    layout.key_figures(headline(document, translate))
    multi_desk = len(document["requests"]["by_desk"]) > 1
    for table in TABLES:
        if table.path in _DESK_TABLES and not multi_desk:
            continue  # one desk: its figures are the report's own
        _section(layout, table, table.items(document, translate))
    return layout.pdf.to_bytes()


def _section(layout: _Layout, table: Table, items: list[Item]) -> None:
    def t(text: str) -> str:
        return layout.translate(CONTEXT, text)

    if table.chart == "line":
        layout.heading(table.heading(layout.translate), 130)
        layout.line(items)
        return
    chart_items = items[:_CHART_ROWS] if table.path in _LONG else items
    keep = (20 if table.chart == "funnel" else 15) * max(1, len(chart_items))
    title = table.heading(layout.translate)
    if table.path in _LONG and len(items) > _CHART_ROWS:
        title += t(N_("Report", " (i primi {shown} su {total})")).format(shown=_CHART_ROWS, total=len(items))
    layout.heading(title, keep)
    layout.bars(chart_items, funnel=table.chart == "funnel")
    if table.path in _LONG and len(items) > _CHART_ROWS:
        layout.text(t(N_("Report", "Elenco completo: {title}")).format(
            title=BY_PATH[table.path].heading(layout.translate).lower()), SMALL_SIZE + 1, bold=True, color=MUTED, gap=2)
        layout.table(items, (t(N_("Report", "voce")), t(N_("Report", "numero"))))


def write_report_pdf(document: dict[str, Any], path: Path, title: str | None = None,
                     translate: Translate = italian) -> Path:
    """Write the PDF at ``path`` (written aside, then renamed: never half a file)."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(report_pdf(document, title, translate))
    partial.replace(path)
    return path
