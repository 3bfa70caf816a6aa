"""The English interface: the catalogue is complete and compiled, every visible text goes through tr(), the
language chosen in Impostazioni applies at once, plural forms, a first start follows the system locale."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop.domain import labels
from desktop.domain.models import Person
from desktop.reference.categories import DEFAULT_CATEGORIES
from desktop.storage.store import Store
from ui import i18n
from ui.main_window import MainWindow
from ui.settings_page import SettingsPage
from ui.vocabulary import VOCABULARY

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent


def _app() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


@pytest.fixture
def english(qtbot: QtBot) -> Iterator[None]:
    """The interface in English for one test (request it before ``window``), Italian again after."""
    assert i18n.install_translators(_app(), "en")
    yield
    i18n.install_translators(_app(), "it")


def _messages(ts: Path) -> list[ET.Element]:
    return list(ET.parse(ts).getroot().iter("message"))


def _catalogue() -> dict[str, str]:
    """Italian source → English, singular forms only."""
    found = {}
    for message in _messages(TRANSLATIONS / "wpt_desk_en.ts"):
        translation = message.find("translation")
        assert translation is not None
        forms = translation.findall("numerusform")
        found[message.findtext("source") or ""] = (forms[-1].text if forms else translation.text) or ""
    return found


# -- the catalogue --------------------------------------------------------------------------------------------

def test_the_catalogues_hold_every_text_of_the_sources_translated_and_their_qm_is_current(tmp_path: Path) -> None:
    """lupdate over ui/ and the core's marked texts (as `make translations` runs it) adds nothing, leaves
    nothing unfinished, and each committed .qm is what lrelease makes of its .ts."""
    sources = sorted(str(p) for folder in ("ui", "desktop") for p in (ROOT / folder).rglob("*.py"))
    for ts in sorted(TRANSLATIONS.glob("*.ts")):
        copy = tmp_path / ts.name
        shutil.copyfile(ts, copy)
        plural = ["-pluralonly"] if ts.stem.endswith("_it") else []
        subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none",
                        "-tr-function-alias", "translate+=_tr,QT_TRANSLATE_NOOP+=N_", *plural, *sources,
                        "-ts", str(copy)],
                       check=True, capture_output=True)
        unfinished = [m.findtext("source") for m in _messages(copy)
                      if (t := m.find("translation")) is not None and t.get("type") == "unfinished"]
        assert unfinished == [], f"{ts.name}: not translated (run make translations and translate them)"
        assert copy.read_text(encoding="utf-8") == ts.read_text(encoding="utf-8"), \
            f"{ts.name} is not what lupdate makes of the sources: run make translations"
        qm = tmp_path / f"{ts.stem}.qm"
        subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
        assert qm.read_bytes() == (TRANSLATIONS / f"{ts.stem}.qm").read_bytes(), f"{ts.stem}.qm is stale"


def test_every_label_of_the_core_is_in_the_vocabulary_catalogue() -> None:
    core = [text for table in (labels.SEX, labels.CHANNEL, labels.URGENCY, labels.REQUEST_STATUS,
                               labels.REFERRAL_STATUS, labels.PROVIDER_KIND, labels.USER_AREA, labels.LEGAL_BASIS,
                               labels.SPECIAL_CATEGORY_BASIS, labels.CONSENT_PURPOSE, labels.CONSENT_METHOD,
                               labels.NOTE_KIND, labels.PERSON_FIELD) for text in table.values()]
    core += [c.label for c in DEFAULT_CATEGORIES]
    assert sorted(set(core) - set(VOCABULARY)) == []


def test_plural_forms_in_italian_and_in_english(qtbot: QtBot) -> None:
    def services(n: int) -> str:
        return QCoreApplication.translate("CatalogPage", "%n servizi", "", n)

    app = _app()
    assert i18n.install_translators(app, "it")
    assert (services(1), services(3)) == ("1 servizio", "3 servizi")
    assert i18n.install_translators(app, "en")
    try:
        assert (services(1), services(3)) == ("1 service", "3 services")
        assert QCoreApplication.translate("FollowUpsPage", "In ritardo di %n giorni", "", 1) == "Overdue by 1 day"
    finally:
        i18n.install_translators(app, "it")


def test_qt_own_texts_follow_the_language(qtbot: QtBot) -> None:
    app = _app()
    try:
        i18n.install_translators(app, "it")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Annulla"
        i18n.install_translators(app, "en")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        i18n.install_translators(app, "it")


def test_a_first_start_follows_the_system_locale_italian_by_default(qtbot: QtBot) -> None:
    settings = QSettings()
    saved = settings.value(i18n.LAST_LANGUAGE_KEY)
    try:
        settings.remove(i18n.LAST_LANGUAGE_KEY)
        QLocale.setDefault(QLocale("en_GB"))
        assert i18n.initial_language() == "en"
        QLocale.setDefault(QLocale("de_DE"))  # no German catalogue: Italian
        assert i18n.initial_language() == "it"
        settings.setValue(i18n.LAST_LANGUAGE_KEY, "en")  # the language of the last session wins
        assert i18n.initial_language() == "en"
    finally:
        QLocale.setDefault(QLocale.system())
        settings.setValue(i18n.LAST_LANGUAGE_KEY, saved or "it")


def test_a_start_in_the_remembered_language_does_not_rewrite_the_settings_file(qtbot: QtBot) -> None:
    """The language is remembered when it changes, not at every start: rewriting the settings file
    (synced to disk) was part of every first window's time."""
    app = QCoreApplication.instance()
    assert app is not None
    settings = QSettings()
    saved = settings.value(i18n.LAST_LANGUAGE_KEY)
    try:
        i18n.install_translators(app, "en")  # a change: remembered
        settings.sync()
        assert QSettings().value(i18n.LAST_LANGUAGE_KEY) == "en"
        written = Path(settings.fileName())
        before = written.stat().st_mtime_ns
        os.utime(written, ns=(before - 10**9, before - 10**9))  # a time older than any write below would give
        for _ in range(3):
            i18n.install_translators(app, None)  # starts in the remembered language
        assert i18n.current_language() == "en"
        assert written.stat().st_mtime_ns == before - 10**9  # not rewritten
        i18n.install_translators(app, "it")  # a change again: remembered
        assert QSettings().value(i18n.LAST_LANGUAGE_KEY) == "it"
    finally:
        i18n.install_translators(app, "it")
        QSettings().setValue(i18n.LAST_LANGUAGE_KEY, saved or "it")


# -- every visible text in English ------------------------------------------------------------------------------

def _texts(widget: QWidget) -> list[str]:
    """What a user (or a screen reader) reads on ``widget``, as plain text."""
    found = [widget.toolTip(), widget.accessibleName(), widget.accessibleDescription()]
    if widget.isWindow():
        found.append(widget.windowTitle())
    if isinstance(widget, QLabel):
        found.append(widget.text())
    elif isinstance(widget, QAbstractButton):
        found.append(widget.text())
    elif isinstance(widget, QLineEdit):
        found.append(widget.placeholderText())
    elif isinstance(widget, QGroupBox):
        found.append(widget.title())
    elif isinstance(widget, QTabWidget):
        found += [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QComboBox):
        found += [widget.itemText(i) for i in range(min(widget.count(), 40))]
    elif isinstance(widget, QListWidget):
        found += [widget.item(i).text() for i in range(widget.count()) if widget.item(i) is not None]
    if isinstance(widget, QTableView) and widget.model() is not None:
        model = widget.model()
        found += [str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())]
    return [re.sub(r"<[^>]+>", " ", text).replace("&", "") for text in found if text]


def _italian_words() -> set[str]:
    """Words of the Italian sources that no English translation uses (the giveaway of a text left out)."""
    catalogue = _catalogue()
    words = re.compile(r"[^\W\d_]{4,}")
    source = {w.lower() for text in catalogue for w in words.findall(re.sub(r"\{\w+\}", "", text))}
    english = {w.lower() for text in catalogue.values() for w in words.findall(text)}
    return source - english - {"desk", "ente"}  # "WPT Desk" is a name


def _left_in_italian(roots: list[QWidget], data: set[str]) -> list[str]:
    """Texts on visible widgets that hold an Italian word of the catalogue (``data``: the record's own)."""
    italian = _italian_words()
    words = re.compile(r"[^\W\d_]{4,}")
    left = []
    for root in roots:
        for widget in [root, *root.findChildren(QWidget)]:
            if not widget.isVisibleTo(root) and widget is not root:
                continue
            for text in _texts(widget):
                found = {w for w in words.findall(text) if w.lower() in italian and w not in data}
                if found:
                    left.append(f"{type(widget).__name__} {widget.objectName()!r}: {text!r} ({', '.join(found)})")
    return sorted(set(left))


def test_every_page_and_dialog_in_english_shows_no_italian_text(
    qtbot: QtBot, store: Store, english: None, window: MainWindow
) -> None:
    person = store.save(Person(last_name="Bruno", first_name="Ada", municipality_code="Ceres"))
    data = {"Bruno", "Ceres", "Amministratore", *store.desk().name.split()}  # the records' own words
    left: list[str] = []
    for key in window.pages:
        if key == "report":
            continue  # see the next test
        window.show_page(key)
        qtbot.wait(20)
        left += _left_in_italian([window], data)
    window.persons_page.new_person()
    left += _left_in_italian([window], data)
    window.persons_page.discard()
    window.persons_page.open_person(person.id)
    qtbot.waitUntil(lambda: window.persons_page.stack.currentWidget() is window.persons_page.detail)
    left += _left_in_italian([window], data)
    window.new_request(person.id)
    wizard = window.new_request_wizard
    qtbot.waitExposed(wizard)
    left += _left_in_italian([wizard], data)
    wizard.done(0)
    window.lock()
    left += _left_in_italian([window], data)
    assert sorted(set(left)) == [], "\n".join(sorted(set(left)))


def test_the_report_page_in_english_shows_no_italian_text(
    qtbot: QtBot, store: Store, english: None, window: MainWindow
) -> None:
    window.show_page("report")
    qtbot.wait(50)
    assert _left_in_italian([window.pages["report"]], set(store.desk().name.split())) == []


# -- the language applies at once --------------------------------------------------------------------------------

def store_language(window: MainWindow) -> str | None:
    return window.store.setting("language")


def _choose(window: MainWindow, qtbot: QtBot, language: str) -> MainWindow:
    page = window.pages["settings"]
    assert isinstance(page, SettingsPage)
    window.show_page("settings")
    page.language.setCurrentIndex(page.language.findData(language))
    with qtbot.waitSignal(window.replaced, timeout=10_000) as replaced:
        assert page.save()
        qtbot.waitUntil(lambda: store_language(window) == language)
    successor = replaced.args[0]
    assert isinstance(successor, MainWindow)
    return successor


def test_the_language_chosen_in_the_settings_applies_without_restarting(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    windows: list[MainWindow] = []
    try:
        english = _choose(window, qtbot, "en")
        windows.append(english)
        assert not window.isVisible() and english.isVisible()
        assert english.current_key() == "settings"  # the operator stays where they were
        assert english.sidebar.item(0).text().startswith("Persons")
        assert english.search.placeholderText().startswith("Search person")
        assert "Desk:" in english.statusBar().currentMessage()
        assert i18n.current_language() == "en" and store.setting("language") == "en"
        italian = _choose(english, qtbot, "it")
        windows.append(italian)
        assert italian.sidebar.item(0).text().startswith("Persone")
    finally:
        i18n.install_translators(_app(), "it")
        for each in windows:
            if shiboken6.isValid(each):
                each._closing_confirmed = True
                each.close()


def test_unsaved_work_elsewhere_keeps_the_window_and_says_so(
    qtbot: QtBot, store: Store, window: MainWindow
) -> None:
    window.persons_page.new_person("Rossi Anna")
    assert window.persons_page.is_dirty()
    assert window.switch_language("en") is None
    assert "prossimo avvio" in window.statusBar().currentMessage()
    assert i18n.current_language() == "it"


def test_a_persons_timeline_in_english(qtbot: QtBot, store: Store) -> None:
    """The timeline's lines are built by the core: in English their words are English, the records' own
    (service names, notes) as they are."""
    from desktop.domain.enums import ReferralStatus
    from desktop.operations.persons import register_person
    from desktop.operations.referrals import change_referral_status
    from desktop.operations.requests import NewRequest, add_note, record_request
    from desktop.queries.catalog import services_covering
    from desktop.queries.person_record import person_timeline

    person = register_person(store, Person(last_name="Chiabrera", first_name="Lucia", municipality_code="Ceres")).value
    service = services_covering(store, "TRA", person.municipality_code)[0]
    recorded = record_request(store, NewRequest(person.id, "TRA", service_ids=(service["id"],))).value
    change_referral_status(store, recorded.referral_ids[0], ReferralStatus.SENT)
    add_note(store, recorded.request_id, "Chiamata la figlia")
    english = i18n.catalogue("en")
    assert english is not None
    lines = [entry.text for entry in person_timeline(store, person.id, english)]
    assert any(line.startswith("Request: Transport and mobility") for line in lines), lines
    assert f"Referral to {service['name']}" in " ".join(lines)
    assert "Referral: Sent" in lines and "Note: Chiamata la figlia" in lines
    italian = [entry.text for entry in person_timeline(store, person.id)]
    assert "Invio: Inviato" in italian and "Nota: Chiamata la figlia" in italian
