"""Questions put to the operator, all non-blocking (``open()`` + a callback), so nothing waits in a nested loop.

Tests answer them like an operator: wait for ``QApplication.activeModalWidget()`` and click a button.
Choosing a file is the one blocking dialog; it goes through :func:`ask_save_path`, which tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class Unsaved(StrEnum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget, on_choice: Callable[[Unsaved], None], what: str = "") -> QMessageBox:
    """Ask what to do with unsaved changes: Salva / Scarta / Annulla (Esc)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(_tr("Dialogs", "Modifiche non salvate"))
    box.setText(_tr("Dialogs", "Ci sono modifiche non salvate{what}. Salvarle?").format(
        what=f" ({what})" if what else ""))
    box.setAccessibleName(_tr("Dialogs", "Modifiche non salvate"))
    save = box.addButton(_tr("Dialogs", "&Salva"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_tr("Dialogs", "Sc&arta"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_tr("Dialogs", "A&nnulla"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    answers = {id(save): Unsaved.SAVE, id(discard): Unsaved.DISCARD, id(cancel): Unsaved.CANCEL}

    def done(button: object) -> None:
        on_choice(answers.get(id(button), Unsaved.CANCEL))

    box.buttonClicked.connect(done)
    box.open()
    return box


def confirm(
    parent: QWidget, title: str, text: str, yes: str, on_yes: Callable[[], None], *, no: str = "",
    default_yes: bool = True,
) -> QMessageBox:
    """A yes/cancel question; ``on_yes`` runs only on yes. Esc is always the safe answer (``no``, Annulla);
    ``default_yes=False`` makes Enter choose it too."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(text)
    ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(no or _tr("Dialogs", "A&nnulla"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(ok if default_yes else cancel)
    box.setEscapeButton(cancel)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.buttonClicked.connect(lambda button: on_yes() if button is ok else None)
    box.open()
    return box


def inform(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def ask_text(parent: QWidget, title: str, label: str, initial: str, on_ok: Callable[[str], None]) -> QInputDialog:
    """A line of text to type (e.g. the reason of an erasure), window-modal and non-blocking: ``on_ok`` runs
    with the text (stripped) on OK, which stays disabled while the text is blank."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(initial)
    dialog.setOkButtonText(_tr("Dialogs", "&Continua"))
    dialog.setCancelButtonText(_tr("Dialogs", "A&nnulla"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def check(text: str) -> None:
        buttons = dialog.findChild(QDialogButtonBox)
        if buttons is not None and (ok := buttons.button(QDialogButtonBox.StandardButton.Ok)) is not None:
            ok.setEnabled(bool(text.strip()))

    dialog.textValueChanged.connect(check)
    dialog.textValueSelected.connect(lambda text: on_ok(text.strip()) if text.strip() else None)
    dialog.open()
    line = dialog.findChild(QLineEdit)
    if line is not None:
        line.selectAll()
    check(initial)
    return dialog


LAST_FOLDER_KEY = "dialogs/last_folder"


def documents_folder() -> Path:
    """The user's Documents folder (home if the system has none)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def save_folder() -> Path:
    """Where a save dialog opens: the folder used last (remembered across sessions), else Documents."""
    last = QSettings().value(LAST_FOLDER_KEY, "")
    folder = Path(str(last)) if last else None
    return folder if folder is not None and folder.is_dir() else documents_folder()


def ask_save_path(parent: QWidget, suggested: Path, file_filter: str = "PDF (*.pdf)", title: str = "") -> Path | None:
    """Where to save a file (blocking file dialog); None if the operator cancels.

    The dialog opens in ``suggested``'s folder, says everything in Italian (Qt's own catalogue leaves
    some labels of its file dialog in English) and remembers the folder chosen for the next time.
    """
    dialog = QFileDialog(parent, title or _tr("Dialogs", "Salva PDF"), str(suggested), file_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile(suggested.name)
    for label, text in ((QFileDialog.DialogLabel.LookIn, _tr("Dialogs", "Cerca &in:")),
                        (QFileDialog.DialogLabel.FileName, _tr("Dialogs", "&Nome del file:")),
                        (QFileDialog.DialogLabel.FileType, _tr("Dialogs", "&Tipo di file:")),
                        (QFileDialog.DialogLabel.Accept, _tr("Dialogs", "&Salva")),
                        (QFileDialog.DialogLabel.Reject, _tr("Dialogs", "Annulla"))):
        dialog.setLabelText(label, text)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    path = Path(dialog.selectedFiles()[0])
    QSettings().setValue(LAST_FOLDER_KEY, str(path.parent))
    return path
