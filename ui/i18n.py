"""Interface language: the source texts are Italian; English (and any other shipped .qm) is a catalogue.

``install_translators`` swaps the catalogues of the running application: Qt's own (``qtbase_<lang>``, the
file chooser, the standard buttons) and WPT Desk's (``wpt_desk_<lang>.qm``; Italian has one too, holding
only its plural forms). A first start, with no language saved, follows the system locale when a catalogue
for it is shipped, else Italian. The last language used is remembered outside the desk database
(``QSettings``), so that the login, shown before the database is open, speaks it too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from desktop.paths import resources_dir

SOURCE_LANGUAGE = "it"
LAST_LANGUAGE_KEY = "interface/language"
_installed: list[QTranslator] = []
_NAMES = {"en": "English"}
_current = SOURCE_LANGUAGE


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def install_translators(app: QCoreApplication, language: str | None, remember: bool = True) -> bool:
    """Load Qt's own and WPT Desk's translations for ``language`` (None: :func:`initial_language`);
    True if ours was found (for Italian, the source language, always). Widgets built afterwards speak it.
    ``remember`` False (the command line) leaves the language of the next window's start as it was."""
    global _current
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language or initial_language()
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    ours = QTranslator(app)
    found = ours.load(f"wpt_desk_{language}", translations_dir())
    if found:
        app.installTranslator(ours)
        _installed.append(ours)
    if found or language == SOURCE_LANGUAGE:
        _current = language
        if remember:
            settings = QSettings()
            if settings.value(LAST_LANGUAGE_KEY) != language:
                # Written only when it changes: a write rewrites the settings file (and syncs it to
                # disk), which every start paid before its first window.
                settings.setValue(LAST_LANGUAGE_KEY, language)
        return True
    _current = SOURCE_LANGUAGE
    return False


def catalogue(language: str) -> Callable[[str, str], str] | None:
    """WPT Desk's catalogue of ``language`` as a ``translate(context, text)`` function that needs no
    application (the command line's documents); None when no catalogue is shipped for it."""
    translator = QTranslator()
    if not translator.load(f"wpt_desk_{language}", translations_dir()):
        return None

    def translate(context: str, text: str) -> str:
        return translator.translate(context, text) or text

    return translate


def current_language() -> str:
    """The language the interface speaks now."""
    return _current


def initial_language() -> str:
    """The language of a start before the desk is open: the last one used, else the system's if shipped,
    else Italian."""
    available = available_languages()
    last = QSettings().value(LAST_LANGUAGE_KEY)
    if isinstance(last, str) and last in available:
        return last
    system = QLocale().name().split("_")[0]  # the system locale unless QLocale.setDefault changed it
    return system if system in available else SOURCE_LANGUAGE


def available_languages() -> dict[str, str]:
    """Languages the interface can show: code → its own name (Italian, plus every shipped .qm)."""
    found = {SOURCE_LANGUAGE: "Italiano"}
    folder = resources_dir() / "translations"
    if folder.is_dir():
        for qm in sorted(folder.glob("wpt_desk_*.qm")):
            code = qm.stem.removeprefix("wpt_desk_")
            if code not in found:
                native = QLocale(code).nativeLanguageName()  # "American English" for en: the plain name
                found[code] = _NAMES.get(code) or (native[:1].upper() + native[1:]) or code
    return found
