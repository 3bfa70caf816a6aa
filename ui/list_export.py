"""Print or export the list on screen (Richieste, Invii, Scadenze): a PDF table on A4 landscape, or CSV
for Excel, with the rows the filters keep and the columns as shown."""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QTableView

from desktop.permissions import private_file
from desktop.services.list_export import write_list_csv
from ui.models.keyset import KeysetTableModel


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def table_of(view: QTableView) -> tuple[list[str], list[list[str]]]:
    """The headers and every row's texts (every page of a paged list)."""
    model = view.model()
    if isinstance(model, KeysetTableModel):
        model.fetch_all()
    columns = range(model.columnCount())
    headers = [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in columns]
    rows = [[str(model.index(r, c).data() or "") for c in columns] for r in range(model.rowCount())]
    return headers, rows


def write_csv(view: QTableView, path: Path) -> Path:
    headers, rows = table_of(view)
    return write_list_csv(path, headers, rows)


def list_html(title: str, headers: list[str], rows: list[list[str]]) -> str:
    e = html.escape
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>" for row in rows)
    printed = _tr("ListExport", "Stampato il {day} — {count} righe").format(
        day=date.today().strftime("%d/%m/%Y"), count=len(rows))
    return f"""<html><head><style>
 body {{ font-family: sans-serif; font-size: 10pt; }}
 h1 {{ font-size: 15pt; margin-bottom: 2pt; }}
 th {{ text-align: left; background: #e6e6e6; padding: 3pt; white-space: nowrap; }}
 td {{ padding: 2pt 3pt; border-bottom: 1px solid #ccc; }}
 .small {{ font-size: 9pt; color: #444; }}
</style></head><body><h1>{e(title)}</h1><p class='small'>{e(printed)}</p>
<table width='100%' cellspacing='0'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>"""


def write_pdf(view: QTableView, title: str, path: Path) -> Path:
    """The list as a PDF table: A4 landscape, 10 pt text, columns across the page width (written aside)."""
    headers, rows = table_of(view)
    document = QTextDocument()
    document.setHtml(list_html(title, headers, rows))
    path = Path(path)
    partial = private_file(path.with_name(path.name + ".partial"))
    writer = QPdfWriter(str(partial))
    writer.setTitle(title)
    writer.setCreator("WPT Desk")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Landscape,
                                     QMarginsF(14, 14, 14, 14)))
    # Laid out at the writer's resolution (as the slip): at the screen's it would print at 1/12 size.
    document.documentLayout().setPaintDevice(writer)
    document.setPageSize(QSizeF(writer.width(), writer.height()))
    document.print_(writer)
    del writer
    partial.replace(path)
    return path
