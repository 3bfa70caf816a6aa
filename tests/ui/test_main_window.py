from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.queries.persons import search_persons
from desktop.services.demo import fill
from desktop.storage.store import Store
from ui.main_window import PAGES, MainWindow


def test_window_opens_lists_persons_and_filters_as_you_type(qtbot: QtBot, store: Store, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    fill(store, persons=30, seed=3)
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    model = window.persons_model
    qtmodeltester.check(model)
    assert model.rowCount() == 30
    surname = model.index(0, 0).data()
    expected = {p["id"] for p in search_persons(store, surname[:4])}

    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(window.search.hasFocus)
    qtbot.keyClicks(window.search, surname[:4])
    qtbot.waitUntil(lambda: model.rowCount() == len(expected))
    assert {model.person_id(r) for r in range(model.rowCount())} == expected


def test_list_pages_in_lazily(qtbot: QtBot, store: Store, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    fill(store, persons=450, seed=5)
    window = MainWindow(store)
    qtbot.addWidget(window)
    model = window.persons_model
    assert model.rowCount() < 450 and model.canFetchMore(model.index(-1, -1))
    while model.canFetchMore(model.index(-1, -1)):
        model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 450
    names = [(model.index(r, 0).data().casefold(), model.index(r, 1).data().casefold()) for r in range(450)]
    assert names == sorted(names)
    qtmodeltester.check(model)


def test_sidebar_has_the_pages_and_more_can_be_added(qtbot: QtBot, window: MainWindow) -> None:
    labels = [window.sidebar.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(window.sidebar.count())]
    assert labels == ["Persone", "Richieste", "Invii", "Scadenze", "Catalogo servizi", "Sincronizzazione",
                      "Impostazioni", "Report", "Operatori"]
    assert [p.key for p in PAGES] == ["persons", "requests", "referrals", "follow_ups", "catalog", "sync",
                                      "settings", "report", "operators"]
    from ui.pages import Page

    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "operators"
    extra = Page(window.page_context)
    window.add_page("extra", "Altro", extra)  # a tenth page: in the sidebar, beyond the Ctrl+<n> shortcuts
    assert window.sidebar.item(window.sidebar.count() - 1).data(Qt.ItemDataRole.AccessibleTextRole) == "Altro"
    window.show_page("extra")
    assert window.current_key() == "extra" and window.stack.currentWidget() is extra


def test_status_bar_names_desk_and_operator(qtbot: QtBot, store: Store, window: MainWindow) -> None:
    text = window.statusBar().currentMessage()
    assert store.desk().name in text and store.current_operator().name in text
    window.statusBar().showMessage("Persona salvata.", 1)  # a notice, then the desk comes back
    qtbot.waitUntil(lambda: store.desk().name in window.statusBar().currentMessage())


def test_the_first_page_is_short_and_a_view_taller_than_it_fills_itself(qtbot: QtBot, store: Store) -> None:
    """A list's first page (what a keystroke waits for) is FIRST_PAGE rows; a view showing more rows than
    that fetches the next pages itself, until it is full, and scrolling to the end loads every row."""
    from desktop.queries.keyset import FIRST_PAGE, PAGE_SIZE

    fill(store, persons=FIRST_PAGE + PAGE_SIZE + 50, seed=7)
    window = MainWindow(store)
    qtbot.addWidget(window)
    model = window.persons_model
    assert model.rowCount() == FIRST_PAGE  # before the view is shown: the first page alone
    view = window.pages["persons"].view
    view.verticalHeader().setMinimumSectionSize(2)
    view.verticalHeader().setDefaultSectionSize(2)  # rows 2 pixels tall: more than a first page on screen
    window.show()
    qtbot.waitExposed(window)
    visible = view.viewport().height() // 2
    assert visible > FIRST_PAGE
    qtbot.waitUntil(lambda: model.rowCount() >= min(visible, FIRST_PAGE + PAGE_SIZE + 50))
    last = view.rowAt(view.viewport().height() - 1)
    assert last != -1  # the bottom of the viewport shows a row: the view is full

    def scrolled_to_the_end() -> bool:
        view.scrollToBottom()
        return not model.canFetchMore(model.index(-1, -1))

    qtbot.waitUntil(scrolled_to_the_end)
    assert model.rowCount() == FIRST_PAGE + PAGE_SIZE + 50


def test_a_reload_after_a_change_keeps_the_row_the_operator_was_on_past_the_first_page(
        qtbot: QtBot, store: Store) -> None:
    """A change reloads the list: it asks for as many rows as were loaded (not the first page alone), so
    the request the operator selected past row 100 is still selected; a new filter starts from the first page."""
    from desktop.domain.enums import RequestStatus
    from desktop.operations.requests import change_request_status
    from desktop.queries.keyset import FIRST_PAGE
    from ui.operations import run_op
    from ui.requests.requests_page import RequestsPage

    fill(store, persons=150, seed=8)
    assert store.count("request") > 110
    window = MainWindow(store)
    qtbot.addWidget(window)
    page = window.pages["requests"]
    assert isinstance(page, RequestsPage)
    page.model.refresh()
    assert page.model.rowCount() == FIRST_PAGE
    page.model.fetch_all()
    loaded = page.model.rowCount()
    row = next(r for r in range(100, loaded) if page.model.row(r)["status"] == RequestStatus.OPEN.value)
    page.view.selectRow(row)
    chosen = page.current_id()
    assert chosen is not None
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        run_op(window, lambda: change_request_status(store, chosen, RequestStatus.IN_PROGRESS, "Telefonato")).run()
    assert page.current_id() == chosen and page.model.rowCount() == loaded

    page.status.setCurrentIndex(page.status.findData(RequestStatus.IN_PROGRESS.value))
    qtbot.waitUntil(lambda: not page.model.is_loading())
    assert page.model.rowCount() <= FIRST_PAGE


def test_a_model_paging_from_nothing_loads_every_row(store: Store) -> None:
    """fetchMore on a model that has loaded nothing yet asks for a first page and pages on from it
    (a short first page is not taken for the end of the list)."""
    from desktop.queries import persons as person_list
    from ui.models.keyset import KeysetTableModel
    from ui.models.persons import _columns

    fill(store, persons=300, seed=9)
    model = KeysetTableModel(store, person_list.PERSONS, _columns())
    model.fetch_all()
    assert model.rowCount() == 300
    assert [model.row(i)["id"] for i in range(300)] == [
        r["id"] for r in store.query("SELECT id FROM persons WHERE deleted = 0 "
                                     "ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE, seq")]
