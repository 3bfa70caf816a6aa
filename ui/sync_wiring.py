"""Attach background sync to the main window: the Sincronizzazione page and the status-bar widget."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from desktop.storage.store import Store
from ui.sync_controller import SyncController
from ui.sync_page import SyncPage, SyncStatusWidget


def attach_sync(window: QMainWindow, store: Store) -> SyncController:
    """Start background sync for ``window``; call ``.stop()`` on the result before closing the store.

    The page goes into the window's sidebar when the window has ``add_page(widget, title)``; the
    status widget always goes into the status bar.
    """
    controller = SyncController(store, window)
    add_page = getattr(window, "add_page", None)
    if callable(add_page):
        page = SyncPage(store, controller, window)
        add_page(page, page.title())
    window.statusBar().addPermanentWidget(SyncStatusWidget(controller, window))
    controller.start(first_delay_ms=3000)  # let the window appear first
    return controller
