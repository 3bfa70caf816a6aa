"""The start-up floor: a bare PySide6 dialog that prints the start-up probe's line once shown, and quits.

``make bench`` runs it with the app's interpreter (``tests/bench/bench_all.py``) and ``make bench-startup``
frozen by PyInstaller, as the app is (``packaging/bench_startup.py``): the app's first window against the
least a PySide6 program can show, started the same way.
"""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

app = QApplication(sys.argv[:1])
dialog = QDialog()
QTimer.singleShot(0, lambda: (print("startup-probe: window shown", flush=True), dialog.reject()))
dialog.exec()
