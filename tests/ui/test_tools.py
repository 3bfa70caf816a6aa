"""Strumenti: import persons (report table, saved), export everything, backup now; cancellable long work."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.storage.store import Store
from tests.ui.conftest import wait_background
from ui.main_window import MainWindow
from ui.tools import ImportReportDialog, LongWork

CSV = (
    "cognome;nome;codice_fiscale;data_nascita;comune_residenza\n"
    "Bonino;Anna;;02/01/1950;Ceres\n"
    "Gili;Piero;;31/02/1950;Ceres\n"
    "Vietti;Maria;;;Ceres\n"
)


def _csv(tmp_path: Path, text: str = CSV) -> Path:
    path = tmp_path / "persone.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_shows_and_saves_the_per_row_report(qtbot: QtBot, store: Store, window: MainWindow,
                                                   tmp_path: Path) -> None:
    before = store.count("person")
    work = window.tools.import_persons(_csv(tmp_path))
    assert isinstance(work, LongWork)
    with qtbot.waitSignal(work.finished, timeout=30_000):
        pass
    dialog = window.tools.report_dialog
    assert isinstance(dialog, ImportReportDialog)
    assert store.count("person") == before + 2
    assert dialog.model.rowCount() == 1 and dialog.model.index(0, 0).data() == "3"  # the line of the bad date
    assert dialog.table.isVisibleTo(dialog)
    saved = sorted((store.path.parent / "resoconti-importazione").glob("*.csv"))
    assert saved and "Gili" not in saved[-1].read_text(encoding="utf-8-sig")  # the reason names nobody
    assert str(saved[-1]) in dialog.saved.text()
    dialog.reject()


def test_a_cancelled_import_keeps_nothing(qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path) -> None:
    before = store.count("person")
    rows = "".join(f"Rossi{i};Anna;;;Ceres\n" for i in range(300))
    path = _csv(tmp_path, "cognome;nome;codice_fiscale;data_nascita;comune_residenza\n" + rows)

    def start_and_cancel(_conn: object) -> LongWork | None:
        # While this read holds the database, the import waits for it: Annulla is pressed before its first row
        # (it imports 300 rows faster than the press would reach it otherwise).
        work = window.tools.import_persons(path)
        if work is not None:
            work.cancel()  # as Annulla on the progress dialog
        return work

    work = store.read(start_and_cancel)
    assert work is not None
    with qtbot.waitSignal(work.finished, timeout=30_000) as ended:
        pass
    assert isinstance(ended.args[0], Exception) and "annullata" in str(ended.args[0])
    assert store.count("person") == before
    assert "annullata" in window.statusBar().currentMessage()


def test_backup_now_and_export_all_from_the_app(qtbot: QtBot, store: Store, window: MainWindow,
                                               tmp_path: Path) -> None:
    work = window.tools.backup_now(tmp_path / "copia.db")
    assert work is not None
    with qtbot.waitSignal(work.finished, timeout=30_000) as ended:
        pass
    assert not isinstance(ended.args[0], Exception), ended.args[0]
    assert (tmp_path / "copia.db").stat().st_size > 0
    assert "copia.db" in window.statusBar().currentMessage()
    assert work.dialog.maximum() > 0  # the bar measured the pages copied

    folder = tmp_path / "export"
    folder.mkdir()
    work = window.tools.export_all(folder)
    assert work is not None
    with qtbot.waitSignal(work.finished, timeout=30_000):
        pass
    assert list(folder.glob("*.csv"))
    assert "Esportati" in window.statusBar().currentMessage()
    wait_background(qtbot)


def test_a_cancelled_backup_leaves_no_file(qtbot: QtBot, store: Store, window: MainWindow, tmp_path: Path) -> None:
    work = window.tools.backup_now(tmp_path / "copia.db")
    assert work is not None
    work.cancel()
    with qtbot.waitSignal(work.finished, timeout=30_000) as ended:
        pass
    assert isinstance(ended.args[0], Exception)
    assert not (tmp_path / "copia.db").exists() and not (tmp_path / "copia.db.partial").exists()


def test_a_cancelled_export_leaves_the_folder_as_it_was(qtbot: QtBot, store: Store, window: MainWindow,
                                                        tmp_path: Path) -> None:
    folder = tmp_path / "export"
    folder.mkdir()
    earlier = folder / "persone.csv"
    earlier.write_text("an earlier export\n", encoding="utf-8")
    work = window.tools.export_all(folder)
    assert work is not None
    work.cancel()
    with qtbot.waitSignal(work.finished, timeout=30_000) as ended:
        pass
    assert isinstance(ended.args[0], Exception) and "annullata" in str(ended.args[0])
    assert sorted(p.name for p in folder.iterdir()) == ["persone.csv"]  # no partial file, nothing new
    assert earlier.read_text(encoding="utf-8") == "an earlier export\n"
    assert "annullata" in window.statusBar().currentMessage()
