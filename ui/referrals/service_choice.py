"""The list of services to tick (the wizard's services step, Aggiungi invio): each service on two lines,
what and who on the first, when and how to access on the second, nothing cut at the list's edge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def service_lines(row: dict[str, Any]) -> tuple[str, str]:
    """The two lines of a service: name and provider; hours and access (or what is known of them)."""
    first = f"{row['name']} — {row['provider_name']}"
    details = []
    if row.get("hours"):
        details.append(_tr("ServiceChoice", "Orari: {hours}").format(hours=row["hours"]))
    if row.get("access"):
        details.append(_tr("ServiceChoice", "Accesso: {access}").format(access=row["access"]))
    return first, " · ".join(details) or _tr("ServiceChoice", "Orari e accesso non indicati nel catalogo")


class ServiceList(QListWidget):
    """Services with a check box each (space ticks the highlighted one); long lines wrap, never elide."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setSpacing(2)

    def set_services(self, rows: Sequence[dict[str, Any]]) -> None:
        self.clear()
        for row in rows:
            first, second = service_lines(row)
            item = QListWidgetItem(f"{first}\n{second}", self)
            item.setToolTip("\n".join(v for v in (first, second, row.get("cost") or "", row.get("contacts") or "")
                                      if v))
            item.setData(Qt.ItemDataRole.UserRole, row["id"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        if rows:
            self.setCurrentRow(0)

    def chosen(self) -> list[str]:
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for i in range(self.count())
            if (item := self.item(i)).checkState() == Qt.CheckState.Checked
        ]

    def check(self, service_id: str) -> None:
        """Tick a service (what space does on the highlighted row)."""
        for i in range(self.count()):
            item = self.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == service_id:
                item.setCheckState(Qt.CheckState.Checked)
