"""Interface language: the source texts are Italian; other languages load a Qt .qm file if shipped."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import resources_dir

SOURCE_LANGUAGE = "it"
_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str | None) -> bool:
    """Load Qt's own and WPT Desk's translations for ``language``; True if ours was found.

    Italian needs no file for our texts (they are written in Italian), but Qt's own dialogs
    (file chooser, print dialog) are translated from Qt's catalogues.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = language or SOURCE_LANGUAGE
    qt = QTranslator(app)
    if qt.load(QLocale(language), "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    if language == SOURCE_LANGUAGE:
        return True
    ours = QTranslator(app)
    if ours.load(f"wpt_desk_{language}", str(resources_dir() / "translations")):
        app.installTranslator(ours)
        _installed.append(ours)
        return True
    return False


def available_languages() -> dict[str, str]:
    """Languages the interface can show: code → its own name (Italian, plus every shipped .qm)."""
    found = {SOURCE_LANGUAGE: "Italiano"}
    folder = resources_dir() / "translations"
    if folder.is_dir():
        for qm in sorted(folder.glob("wpt_desk_*.qm")):
            code = qm.stem.removeprefix("wpt_desk_")
            found[code] = QLocale(code).nativeLanguageName().capitalize() or code
    return found
