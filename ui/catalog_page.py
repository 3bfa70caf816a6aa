"""Catalogo servizi: browse the territorial catalog by category, provider kind and municipality covered."""

from __future__ import annotations

import html
import json

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSplitter, QTextBrowser, QWidget

from desktop.domain import labels
from desktop.domain.enums import ProviderKind
from desktop.domain.roles import Role
from desktop.operations.authorization import may
from desktop.operations.catalog import retire_service
from desktop.operations.changes import Changes
from desktop.queries import reference
from desktop.queries.catalog import catalog
from desktop.reference.municipalities import name_of
from ui.background import run_in_background
from ui.catalog_editor import ProviderForm, ProvidersDialog, ServiceForm
from ui.dialogs import confirm
from ui.list_page import ListPage
from ui.models.keyset import Column
from ui.models.table import RowsTableModel
from ui.operations import run_op
from ui.pages import PageContext
from ui.vocabulary import vocab
from ui.widgets import colours
from ui.widgets.municipality_picker import MunicipalityPicker


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def _kind_label(value: str) -> str:
    try:
        return labels.PROVIDER_KIND[ProviderKind(value)]
    except ValueError:
        return value


class CatalogPage(ListPage):
    """The catalog: services with their provider, filtered by category, provider kind, municipality covered."""

    person_column = ""  # services are not about a person

    def __init__(self, context: PageContext) -> None:
        model = RowsTableModel([
            Column("name", _tr("CatalogPage", "Servizio"), lambda r: r["name"]),
            Column("category", _tr("CatalogPage", "Categoria"), lambda r: r["category"]),
            Column("provider", _tr("CatalogPage", "Ente"), lambda r: r["provider_name"]),
            Column("kind", _tr("CatalogPage", "Tipo di ente"), lambda r: vocab(_kind_label(r["provider_kind"]))),
            Column("covers", _tr("CatalogPage", "Comuni"), lambda r: str(len(json.loads(r["municipality_codes"])))),
        ])
        super().__init__(context, model, _tr("CatalogPage", "Servizi del catalogo"), widths=(50, 10, 44, 28))
        model.setParent(self)
        self.model: RowsTableModel = model
        self.category = QComboBox(self)
        self.category.setAccessibleName(self.tr("Filtra per categoria"))
        self.category.addItem(self.tr("Tutte le categorie"), "")
        for code, text in reference.categories(self.store):
            self.category.addItem(f"{code} — {vocab(text)}", code)
        self.category.setMaximumWidth(280)
        self.category.setMinimumContentsLength(12)
        self.category.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind = QComboBox(self)
        self.kind.setAccessibleName(self.tr("Filtra per tipo di ente"))
        self.kind.addItem(self.tr("Tutti i tipi di ente"), "")
        for kind, kind_label in labels.PROVIDER_KIND.items():
            self.kind.addItem(vocab(kind_label), kind.value)
        self.kind.setMaximumWidth(240)
        self.kind.setMinimumContentsLength(12)
        self.kind.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.municipality = MunicipalityPicker(self)
        self.municipality.setAccessibleName(self.tr("Filtra per comune coperto"))
        self.municipality.setPlaceholderText(self.tr("Comune coperto: tutti"))
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(self.tr("Scheda del servizio"))
        self.detail.setOpenExternalLinks(False)
        self.count = QLabel(self)
        self.add_filter(self.category, self.tr("&Filtri:"))
        self.add_filter(self.kind)
        self.add_filter(self.municipality, stretch=1)
        self.add_filter(self.count)
        # Maintenance, for coordinators (the core refuses it to operators too).
        self.maintenance = QWidget(self)
        row = QHBoxLayout(self.maintenance)
        row.setContentsMargins(0, 0, 0, 0)
        self.new_service_button = QPushButton(self.tr("N&uovo servizio…"), self.maintenance)
        self.edit_service_button = QPushButton(self.tr("&Modifica servizio…"), self.maintenance)
        self.retire_service_button = QPushButton(self.tr("&Ritira servizio"), self.maintenance)
        self.providers_button = QPushButton(self.tr("&Enti…"), self.maintenance)
        self.providers_button.setToolTip(self.tr("Aggiungi, modifica o ritira un ente del catalogo"))
        for button in (self.new_service_button, self.edit_service_button, self.retire_service_button,
                       self.providers_button):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
            row.addWidget(button)
        row.addStretch()
        self.new_service_button.clicked.connect(lambda: self.edit_service(None))
        self.edit_service_button.clicked.connect(lambda: self.edit_service(self.current_id()))
        self.retire_service_button.clicked.connect(self.retire_current)
        self.providers_button.clicked.connect(self.open_providers)
        self.body.insertWidget(1, self.maintenance)
        self.maintenance.setVisible(may(self.store, Role.COORDINATOR))
        # The service's card below the list.
        self.body.removeWidget(self.view)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.body.addWidget(splitter, 1)
        self.category.currentIndexChanged.connect(lambda _i: self.reload())
        self.kind.currentIndexChanged.connect(lambda _i: self.reload())
        self.municipality.code_changed.connect(lambda _code: self.reload())
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()

    def edit_service(self, service_id: str | None) -> ServiceForm:
        """Nuovo servizio (``None``) or Modifica servizio."""
        self.service_form = ServiceForm(self.store, service_id, self)
        self.service_form.saved.connect(lambda _id: self.nav.show_message(
            self.tr("Servizio salvato: arriverà agli altri sportelli con la prossima sincronizzazione.")))
        self.service_form.open()
        return self.service_form

    def new_provider(self) -> ProviderForm:
        self.provider_form = ProviderForm(self.store, self)
        self.provider_form.saved.connect(lambda _id: self.nav.show_message(self.tr("Ente salvato.")))
        self.provider_form.open()
        return self.provider_form

    def open_providers(self) -> ProvidersDialog:
        """Gli enti del catalogo: add, edit, retire."""
        self.providers_dialog = ProvidersDialog(self.store, self)
        self.providers_dialog.changed.connect(self.nav.show_message)
        self.providers_dialog.open()
        return self.providers_dialog

    def retire_current(self) -> None:
        """Ask, naming the service, then take it out of the catalog."""
        row = self.current_row()
        if row < 0:
            return
        service_id, name = self.model.row_id(row), self.model.row(row)["name"]
        store = self.store

        def retire() -> None:
            run_op(self, lambda: retire_service(store, service_id)).success(
                lambda _done: self.nav.show_message(self.tr("Servizio ritirato dal catalogo."))).run()

        self.nav.put_question(confirm(
            self, self.tr("Ritira servizio"),
            self.tr("Ritirare «{name}» dal catalogo? Gli invii già fatti restano; non se ne potranno fare di "
                    "nuovi.").format(name=name), self.tr("&Ritira"), retire, default_yes=False))

    def empty_text(self) -> str:
        return QCoreApplication.translate("CatalogPage", "Nessun servizio con questi filtri: scegliere «Tutte le "
                                                         "categorie» o un altro comune.")

    def shows(self, changes: Changes) -> bool:
        return changes.catalog

    def reload(self) -> None:
        store = self.store
        category, kind = self.category.currentData() or None, self.kind.currentData() or None
        municipality = self.municipality.code()
        self._reselect = self._reselect or self.current_id()
        run_in_background(self, lambda: catalog(store, category, kind, municipality)).on_success(
            self.model.set_rows).run()

    def after_reload(self) -> None:
        self.view.resizeColumnToContents(1)
        self.count.setText(self.tr("%n servizi", "", self.model.rowCount()))
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(self.count.text()) + 4)
        if self.current_row() < 0:
            self.detail.clear()
            if self.model.rowCount():
                self.view.selectRow(0)

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        row = self.model.row(indexes[0].row())
        e = html.escape
        covered = [name_of(c) for c in json.loads(row["municipality_codes"])]
        facts = [
            (self.tr("Ente"), f"{row['provider_name']} ({vocab(_kind_label(row['provider_kind']))})"),
            (self.tr("Categoria"), f"{row['category']} — {vocab(reference.CATEGORY_LABELS.get(row['category'], ''))}"),
            (self.tr("Descrizione"), row["description"]),
            (self.tr("Chi può accedere"), row["eligibility"]),
            (self.tr("Come accedere"), row["access"]),
            (self.tr("Costo"), row["cost"]),
            (self.tr("Contatti"), row["contacts"]),
            (self.tr("Orari"), row["hours"]),
            (self.tr("Comuni coperti"), ", ".join(sorted(covered)) if covered else self.tr("nessuno")),
        ]
        hint = colours.pick(colours.HINT)
        self.detail.setHtml(f"<h3>{e(row['name'])}</h3><table>" + "".join(
            f"<tr><td style='color:{hint};padding-right:10px;vertical-align:top'>{e(k)}</td><td>{e(v)}</td></tr>"
            for k, v in facts if v) + "</table>")

