"""Catalogo servizi: browse the territorial catalog by category, provider kind and municipality covered."""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QTextBrowser, QVBoxLayout, QWidget

from desktop import queries
from desktop.domain import labels
from desktop.domain.enums import ProviderKind
from desktop.reference.municipalities import name_of
from ui.background import run_in_background
from ui.changes import Changes
from ui.models.keyset import Column
from ui.models.table import RowsTableModel
from ui.widgets.municipality_picker import MunicipalityPicker
from ui.widgets.table_view import list_view

if TYPE_CHECKING:
    from ui.main_window import MainWindow


def _kind_label(value: str) -> str:
    try:
        return labels.PROVIDER_KIND[ProviderKind(value)]
    except ValueError:
        return value


class CatalogPage(QWidget):
    """Signals:
        loaded(): the list matches the filters.
    """

    loaded = Signal()

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.store = window.store
        self.model = RowsTableModel([
            Column("name", self.tr("Servizio"), (), lambda r: r["name"]),
            Column("category", self.tr("Categoria"), (), lambda r: r["category"]),
            Column("provider", self.tr("Ente"), (), lambda r: r["provider_name"]),
            Column("kind", self.tr("Tipo di ente"), (), lambda r: self.tr(_kind_label(r["provider_kind"]))),
            Column("covers", self.tr("Comuni"), (), lambda r: str(len(json.loads(r["municipality_codes"])))),
        ], self)
        self.view = list_view(self.model, self.tr("Servizi del catalogo"), self, widths=(50, 10, 44, 28))
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Filtra per categoria"))
        self.category.addItem(self.tr("Tutte le categorie"), "")
        for code, text in queries.categories(self.store):
            self.category.addItem(f"{code} — {text}", code)
        self.category.setMaximumWidth(280)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Filtra per tipo di ente"))
        self.kind.addItem(self.tr("Tutti i tipi di ente"), "")
        for kind, kind_label in labels.PROVIDER_KIND.items():
            self.kind.addItem(self.tr(kind_label), kind.value)
        self.kind.setMaximumWidth(240)
        self.municipality = MunicipalityPicker(self)
        self.municipality.setAccessibleName(self.tr("Filtra per comune coperto"))
        self.municipality.setPlaceholderText(self.tr("Comune coperto: tutti"))
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(self.tr("Scheda del servizio"))
        self.detail.setOpenExternalLinks(False)
        self.count = QLabel(self)
        top = QHBoxLayout()
        label = QLabel(self.tr("&Filtri:"), self)
        label.setBuddy(self.category)
        top.addWidget(label)
        top.addWidget(self.category)
        top.addWidget(self.kind)
        top.addWidget(self.municipality, 1)
        top.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.category.currentIndexChanged.connect(lambda _i: self.reload())
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.municipality.code_changed.connect(lambda _code: self.reload())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        window.changed.connect(self._on_changes)
        self.reload()

    def reload(self) -> None:
        store = self.store
        category, kind = self.category.currentData() or None, self.kind.currentData() or None
        municipality = self.municipality.code()
        run_in_background(self, lambda: queries.catalog(store, category, kind, municipality)).on_success(
            self._show).run()

    def _show(self, rows: list[dict[str, Any]]) -> None:
        self.model.set_rows(rows)
        self.view.resizeColumnToContents(1)
        self.count.setText(self.tr("{n} servizi").format(n=len(rows)))
        self.detail.clear()
        if rows:
            self.view.selectRow(0)
        self.loaded.emit()

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        row = self.model.row(indexes[0].row())
        e = html.escape
        covered = [name_of(c) for c in json.loads(row["municipality_codes"])]
        facts = [
            (self.tr("Ente"), f"{row['provider_name']} ({self.tr(_kind_label(row['provider_kind']))})"),
            (self.tr("Categoria"), f"{row['category']} — {queries.CATEGORY_LABELS.get(row['category'], '')}"),
            (self.tr("Descrizione"), row["description"]),
            (self.tr("Chi può accedere"), row["eligibility"]),
            (self.tr("Come accedere"), row["access"]),
            (self.tr("Costo"), row["cost"]),
            (self.tr("Contatti"), row["contacts"]),
            (self.tr("Orari"), row["hours"]),
            (self.tr("Comuni coperti"), ", ".join(sorted(covered)) if covered else self.tr("nessuno")),
        ]
        self.detail.setHtml(f"<h3>{e(row['name'])}</h3><table>" + "".join(
            f"<tr><td style='color:#555;padding-right:10px;vertical-align:top'>{e(k)}</td><td>{e(v)}</td></tr>"
            for k, v in facts if v) + "</table>")

    def _on_changes(self, changes: Changes) -> None:
        if changes.catalog:
            self.reload()
