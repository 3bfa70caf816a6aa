"""Render the main screens with demo data to PNG files (offscreen), for the README and reviews.

Run: ``QT_QPA_PLATFORM=offscreen python -m ui.screenshots docs/screenshots`` (``make screenshots``);
``--scales FOLDER`` renders the main pages in each language at 100 % and 150 % font size instead
(``make screenshots-scales``), the pictures to look at before a release (issue 17).
"""

from __future__ import annotations

import json
import secrets
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop.domain.enums import Sex
from desktop.domain.fiscal_code import encode
from desktop.operations.settings import DeskSettings, save_desk_settings
from desktop.queries.catalog import services_covering
from desktop.queries.persons import persons_by_requests
from desktop.reference import municipalities
from desktop.services.demo import fill
from desktop.storage.opening import set_up_and_open
from desktop.storage.store import Store
from ui import background, i18n
from ui.app import application

SIZE = (1366, 768)


def _settle() -> None:
    for _ in range(3):
        background.wait_idle()
        QApplication.processEvents()


def _shoot(widget: QWidget, path: Path, small: bool = False) -> None:
    """Save ``widget`` as a PNG; ``small``: 256 colours, compressed hardest (a fifth of the size)."""
    _settle()
    image = widget.grab().toImage()
    if small:
        image = image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.ThresholdDither
                                      | Qt.ImageConversionFlag.AvoidDither)
    image.save(str(path), quality=0 if small else -1)  # PNG, from the suffix
    print(path)


def render(out: Path) -> list[Path]:
    from ui.main_window import MainWindow
    from ui.persons.persons_page import PersonsPage

    application()
    out.mkdir(parents=True, exist_ok=True)
    with (tempfile.TemporaryDirectory(prefix="wpt-desk-esempio-") as tmp,
          set_up_and_open(Path(tmp), "Operatrice di esempio", secrets.token_urlsafe(16)) as store):
        _demo(store)
        window = MainWindow(store)
        window.resize(*SIZE)
        window.show()
        page = window.pages["persons"]
        assert isinstance(page, PersonsPage)
        written: list[Path] = []

        def shot(name: str, prepare: Callable[[], None], widget: QWidget | None = None) -> None:
            prepare()
            path = out / f"{name}.png"
            _shoot(widget or window, path)
            written.append(path)

        shot("01-persone", lambda: window.show_page("persons"))
        covered = {c for s in services_covering(store, "TRA", None) for c in json.loads(s["municipality_codes"])}
        busiest = persons_by_requests(store)
        target = next((r for r in busiest if r["municipality_code"] in covered), busiest[0])
        shot("02-ricerca", lambda: window.search.setText(target["last_name"][:4]))
        shot("03-persona", lambda: page.open_person(str(target["id"])))

        def form() -> None:
            window.search.clear()
            page.new_person()
            page.form.fiscal_code.setText(encode("Chiabrera", "Lucia", Sex.FEMALE, date(1944, 2, 11), "C665"))
            page.form.last_name.setText("Chiabrera")
            page.form.first_name.setText("Lucia")
            page.form.municipality.setText("Ceres")

        shot("04-nuova-persona", form)
        page.form.discard()
        page.show_list()

        window.new_request(str(target["id"]))
        wizard = window.new_request_wizard
        wizard.resize(900, 560)

        def need() -> None:
            wizard.need.category.setCurrentIndex(wizard.need.category.findData("TRA"))
            wizard.need.description.setText("Accompagnamento a una visita a Ciriè")

        shot("05-nuova-richiesta", need, wizard)

        def services() -> None:
            wizard.next()
            if wizard.services.services.count():
                wizard.services.services.item(0).setCheckState(wizard.services.services.item(0).checkState().Checked)

        shot("06-servizi", services, wizard)
        wizard._discard()
        shot("07-richieste", lambda: window.show_page("requests"))
        shot("08-invii", lambda: window.show_page("referrals"))
        shot("09-scadenze", lambda: window.show_page("follow_ups"))
        shot("10-catalogo", lambda: window.show_page("catalog"))
        shot("11-impostazioni", lambda: window.show_page("settings"))
        guide = window.show_help()
        shot("12-guida", lambda: None, guide)
        guide.close()
        window.show_page("catalog")
        catalog = window.pages["catalog"]
        service_form = catalog.edit_service(catalog.current_id())  # type: ignore[attr-defined]
        shot("13-modifica-servizio", lambda: None, service_form)
        service_form.close()
        window._closing_confirmed = True
        window.close()
        _settle()
        return written


def _demo(store: Store) -> None:
    lanzo = municipalities.lookup("Lanzo Torinese")
    save_desk_settings(store, DeskSettings(
        name="WPT Valli di Lanzo (esempio)", municipality_code=lanzo.code if lanzo else None,
        address="Via Roma 1 (esempio)", phone="000 000 0000", hours="lun e gio 9-12",
        operator_name="Operatrice di esempio"))
    fill(store, persons=150, seed=7)


SCALE_PAGES = ("persons", "person", "requests", "referrals", "follow_ups", "catalog", "report", "settings")


def render_scales(out: Path, languages: tuple[str, ...] = ("it", "en"),
                  scales: tuple[float, ...] = (1.0, 1.5)) -> list[Path]:
    """The main pages at 1366×768 in each language and font scale: ``{language}-{percent}-{page}.png``."""
    from ui.main_window import MainWindow
    from ui.persons.persons_page import PersonsPage

    app = application()
    out.mkdir(parents=True, exist_ok=True)
    base = QFont(app.font())
    written: list[Path] = []
    with (tempfile.TemporaryDirectory(prefix="wpt-desk-esempio-") as tmp,
          set_up_and_open(Path(tmp), "Operatrice di esempio", secrets.token_urlsafe(16)) as store):
        _demo(store)
        person_id = str(persons_by_requests(store)[0]["id"])
        try:
            for language in languages:
                i18n.install_translators(app, language, remember=False)
                for scale in scales:
                    font = QFont(base)
                    font.setPointSizeF(base.pointSizeF() * scale)
                    app.setFont(font)
                    window = MainWindow(store)
                    window.resize(*SIZE)
                    window.show()
                    page = window.pages["persons"]
                    assert isinstance(page, PersonsPage)
                    for key in SCALE_PAGES:
                        if key == "person":
                            window.show_page("persons")
                            page.open_person(person_id)
                        else:
                            if key == "persons":
                                page.show_list()
                            window.show_page(key)
                        path = out / f"{language}-{round(scale * 100)}-{key}.png"
                        _shoot(window, path, small=True)
                        written.append(path)
                    window._closing_confirmed = True
                    window.close()
                    _settle()
        finally:
            app.setFont(base)
            i18n.install_translators(app, "it", remember=False)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--scales":
        render_scales(Path(args[1] if len(args) > 1 else "build/screenshots"))
        return 0
    render(Path(args[0] if args else "docs/screenshots"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
