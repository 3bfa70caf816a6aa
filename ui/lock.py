"""What the window shows while locked (:class:`LockPanel`) and what locks it (:class:`IdleWatcher`).

Apart from the login (``ui/login.py``): the first window imports neither, nor Qt's namespace of enums
they use (about 40 ms of start-up).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.login import LoginForm
from ui.widgets.fonts import emphasize


class LockPanel(QWidget):
    """What the window shows while locked: nothing of the desk's data, only who may get back in."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("Sportello bloccato"), self)
        emphasize(title, 1.5, bold=True)
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.form = LoginForm(self)
        self.switch = QPushButton(self.tr("Cambia &operatore"), self)
        self.switch.clicked.connect(self._switch)
        layout = QVBoxLayout(self)
        layout.addStretch()
        for widget in (title, self.who, self.form, self.switch):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()

    def show_for(self, name: str) -> None:
        self.who.setText(self.tr("Per continuare, {name} inserisce la password; oppure un altro operatore "
                                 "accede con «Cambia operatore».").format(name=name))
        self.form.operator.setText(name)
        self.form.operator.setReadOnly(True)
        self.form.error.clear()
        self.form.password.clear()
        self.form.password.setFocus()

    def _switch(self) -> None:
        self.form.operator.setReadOnly(False)
        self.form.operator.clear()
        self.form.password.clear()
        self.form.operator.setFocus()


class IdleWatcher(QObject):
    """Calls ``on_idle`` after ``minutes`` without a key press or mouse action anywhere in the app."""

    _ACTIVITY = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel}

    def __init__(self, minutes: int, on_idle: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(on_idle)
        self.set_minutes(minutes)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.timer.setInterval(max(1, minutes) * 60_000)
        self.timer.start()

    def stop(self) -> None:
        """No more watching (the window closes): the application's events stop passing through this filter."""
        self.timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self._ACTIVITY:
            self.timer.start()
        return False
