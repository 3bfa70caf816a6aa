"""The main window: for now the list of persons with a search field (the full desk UI builds on it)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QTableView, QVBoxLayout, QWidget

from desktop.storage.store import Store
from ui.models.persons import PersonsModel


class MainWindow(QMainWindow):
    """Attributes:
        search: the search field (Ctrl+K) filtering the persons list as the operator types.
        persons_view: the table of persons.
    """

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.setWindowTitle(self.tr("WPT Desk — {desk}").format(desk=store.desk().name))
        self.resize(1200, 720)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Cerca per cognome, nome, codice fiscale o telefono (Ctrl+K)"))
        self.search.setAccessibleName(self.tr("Cerca persona"))
        self.search.setClearButtonEnabled(True)
        QShortcut(QKeySequence("Ctrl+K"), self, self._focus_search)

        self.persons_model = PersonsModel(store, self)
        self.persons_view = QTableView(self)
        self.persons_view.setModel(self.persons_model)
        self.persons_view.setAccessibleName(self.tr("Elenco persone"))
        self.persons_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.persons_view.setAlternatingRowColors(True)
        self.persons_view.verticalHeader().setVisible(False)
        self.persons_view.horizontalHeader().setStretchLastSection(True)
        self.search.textChanged.connect(self.persons_model.set_search)

        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel(self.tr("Persone"), central))
        layout.addWidget(self.search)
        layout.addWidget(self.persons_view)
        self.setCentralWidget(central)
        operator = store.current_operator()
        self.statusBar().showMessage(
            self.tr("Sportello: {desk} — Operatore: {operator}").format(desk=store.desk().name, operator=operator.name)
        )

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
